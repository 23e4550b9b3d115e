// A tokenizer.json not seen before is checked in a worker thread while the native engine loads it (hf-check.ts): the
// tokenizer must be the one a check on the loading thread gives (same facts, entries, per-id tables and tokens), and a
// refused file must get the same refusal (class and message), whichever thread checked it.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { TokenizerLoadError } from "../../src/errors.js";
import { checkAside } from "../../src/tokenizers/hf-check.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import type { Tokenizer, VocabEntry } from "../../src/tokenizers/tokenizer.js";
import type { TokenBytes } from "../../src/tokenize/placement.js";
import { firstTableDifference } from "../helpers/arrays.js";
import { tokenFlags } from "../../src/tokenize/tokenize-corpus.js";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/tokenizers/${name}`, import.meta.url));
const TEXT = "Grüße aus Köln: 人人生而自由 ሰው 12345 <unk> [CLS]";

/** Loads `ref` with no cache, the check in a worker (the default) or on this thread. */
async function load(ref: string, inThread: boolean): Promise<Tokenizer> {
  if (inThread) process.env["TOKLENS_CHECK_IN_THREAD"] = "1";
  try {
    return await loadTokenizer(ref, { cache: false });
  } finally {
    delete process.env["TOKLENS_CHECK_IN_THREAD"];
  }
}

afterEach(() => {
  delete process.env["TOKLENS_CHECK_IN_THREAD"];
});

async function describeTokenizer(t: Tokenizer) {
  const flags = tokenFlags(t);
  return {
    engine: t.engine,
    family: t.family,
    vocabSize: t.vocabSize,
    unkId: t.unkId,
    keepsText: t.keepsText,
    sha256: t.sha256,
    encoded: await t.encodeAsync(TEXT),
    tokenBytes: flags.tokenBytes,
    byteFallback: flags.byteFallback,
    vocabulary: t.vocabulary(),
  };
}

const tables = (b: TokenBytes) => ({ start: b.start, end: b.end, data: b.data });
/** Entries as text, every field included (bytes as hex), so two vocabularies compare entry by entry. */
const entryText = (e: VocabEntry) =>
  JSON.stringify(e, (_, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString("hex") : v));

/** The first entry at which two vocabularies differ (their lengths first), or null. */
function firstEntryDifference(a: readonly VocabEntry[], b: readonly VocabEntry[]): string | null {
  if (a.length !== b.length) return `${a.length} and ${b.length} entries`;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [entryText(a[i]!), entryText(b[i]!)];
    if (x !== y) return `entry ${i}: ${x} and ${y}`;
  }
  return null;
}

describe("the tokenizer.json check in a worker thread", () => {
  it("runs in a worker here (the compiled worker script is found)", async () => {
    const path = fixture("wordpiece.tokenizer.json");
    const checking = checkAside(path);
    expect(checking).not.toBeNull();
    const { facts, sha256, entryBytes } = await checking!;
    expect(facts.family).toBe("WordPiece");
    // sha256 of the file's bytes, computed here independently
    const { createHash } = await import("node:crypto");
    expect(sha256).toBe(
      createHash("sha256")
        .update(await readFile(path))
        .digest("hex"),
    );
    expect(entryBytes.start.length).toBe(facts.vocabSize);
  });

  it.each([
    "unigram-byte-fallback.tokenizer.json",
    "wordpiece.tokenizer.json",
    "wordlevel.tokenizer.json",
    "mistral-7b",
    "llama3",
  ])("%s: the same tokenizer as a check on the loading thread", async (name) => {
    const ref = name.endsWith(".json") ? fixture(name) : name;
    const aside = await load(ref, false);
    const here = await load(ref, true);
    try {
      expect(aside.engine).toBe("native");
      const a = await describeTokenizer(aside);
      const b = await describeTokenizer(here);
      expect(a.encoded.ids.length).toBeGreaterThan(0);
      // the long parts compared by a loop (toEqual over llama3's 128k entries and tables took seconds), the rest whole
      const { tokenBytes: ta, byteFallback: fa, vocabulary: va, ...restA } = a;
      const { tokenBytes: tb, byteFallback: fb, vocabulary: vb, ...restB } = b;
      expect(restA).toEqual(restB);
      expect(ta.unkId).toBe(tb.unkId);
      expect(firstTableDifference({ ...tables(ta), fallback: fa }, { ...tables(tb), fallback: fb })).toBeNull();
      expect(firstEntryDifference(va, vb)).toBeNull();
    } finally {
      aside.dispose();
      here.dispose();
    }
  });

  describe("refusals", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "toklens-check-aside-"));
    });

    const good = async () =>
      JSON.parse(await readFile(fixture("wordlevel.tokenizer.json"), "utf8")) as Record<string, unknown>;

    it.each([
      ["truncated JSON", async () => (await readFile(fixture("wordlevel.tokenizer.json"), "utf8")).slice(0, 40)],
      ["no model section", async () => JSON.stringify({ version: "1.0" })],
      [
        "an unsupported model type",
        async () => JSON.stringify({ ...(await good()), model: { type: "Sentencepiece", vocab: {} } }),
      ],
      [
        "a vocabulary id used twice",
        async () => {
          const tj = await good();
          const model = tj["model"] as { vocab: Record<string, number> };
          const [first, second] = Object.keys(model.vocab);
          model.vocab[second!] = model.vocab[first!]!;
          return JSON.stringify(tj);
        },
      ],
    ])("%s: the same TokenizerLoadError from either thread", async (label, content) => {
      const file = join(dir, `${label.replaceAll(" ", "-")}.tokenizer.json`);
      await writeFile(file, await content());
      const refusal = async (inThread: boolean) =>
        load(file, inThread).then(
          (t) => {
            t.dispose();
            return null;
          },
          (e: unknown) => e,
        );
      const aside = await refusal(false);
      const here = await refusal(true);
      expect(here).toBeInstanceOf(TokenizerLoadError);
      expect(aside).toBeInstanceOf(TokenizerLoadError);
      expect((aside as Error).message).toBe((here as Error).message);
      expect((aside as Error).message).toContain(file);
    });
  });
});
