// What a counts: file or a prices file that does not fit the run says: what is wrong and the fix (issue 20, item 14).
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCompare } from "../../src/analysis/compare.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { ConfigError, CorpusError } from "../../src/errors.js";

const flores = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));
const languages = ["eng_Latn", "deu_Latn"];
const run = { corpus: `flores:${flores}`, split: "dev" as const, languages, cache: false as const, workers: 1 };
let dir: string;
let rows: { language: string; id: string; tokens: number }[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "toklens-counts-messages-"));
  const corpus = await openCorpus(`flores:${flores}`, { split: "dev", languages });
  rows = [];
  for (const language of languages)
    for await (const s of corpus.segments(language)) rows.push({ language, id: s.id, tokens: s.text.length });
});

async function file(name: string, lines: readonly unknown[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  return path;
}

describe("a counts file that does not fit the run", () => {
  it("with joined segments: says per-segment counts cannot be joined, and how to count the joined text", async () => {
    const path = await file("per-segment.jsonl", rows);
    const error = await runCompare({ ...run, tokenizers: [`counts:${path}`], joinSegments: true }).catch((e) => e);
    expect(error).toBeInstanceOf(CorpusError);
    expect((error as Error).message).toMatch(/join-segments/);
    expect((error as Error).message).toMatch(/"id": "joined"/);
    expect((error as Error).message).not.toMatch(/no count for 1 segment/);
  });

  it("with language codes the corpus spells otherwise (eng, deu): names the codes and the ones to write", async () => {
    const short = { eng_Latn: "eng", deu_Latn: "deu" } as Record<string, string>;
    const path = await file(
      "short-codes.jsonl",
      rows.map((r) => ({ ...r, language: short[r.language] })),
    );
    const error = await runCompare({ ...run, tokenizers: [`counts:${path}`] }).catch((e) => e);
    expect(error).toBeInstanceOf(CorpusError);
    expect((error as Error).message).toMatch(/'eng'.*eng_Latn/);
  });
});

describe("a prices file with a misspelt tokenizer id", () => {
  it("is refused, naming the entry and the tokenizer it was probably meant for", async () => {
    const prices = { prices: { gtp2: { input: 1 }, llama3: { input: 2 } } };
    const error = await runCompare({ ...run, tokenizers: ["gpt2"], prices }).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/'gtp2'.*gpt2/);
  });

  it("but an entry for a tokenizer the run does not measure (a built-in id) is fine", async () => {
    const result = await runCompare({
      ...run,
      tokenizers: ["gpt2"],
      prices: { prices: { gpt2: { input: 1 }, llama3: { input: 2 } } },
    });
    expect(result.costs?.[0]?.input_price).toBe(1);
  });
});
