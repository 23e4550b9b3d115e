// counts: tokenizers in process: a counts file given a segment twice is refused, and results mixed with real
// tokenizers come back in the order asked (the CLI tests in counts.test.ts check the numbers end to end).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TokenizerLoadError } from "../../src/errors.js";
import { readCountsFile, runTokenizeWithCounts } from "../../src/tokenize/counts.js";
import type { LanguageInput } from "../../src/tokenize/language-input.js";
import type { TokenizeRun, TokenizeRunOptions } from "../../src/tokenize/run-types.js";
import { prepareLanguage } from "../../src/tokenize/tokenize-corpus.js";
import type { TokenizedLanguage, TokenizerInfo } from "../../src/types.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-counts-file-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function countsFile(name: string, rows: readonly object[]): string {
  const path = join(tmp, name);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return `counts:${path}`;
}

function input(language: string, texts: readonly string[]): LanguageInput {
  const prepared = prepareLanguage(
    language,
    texts.map((text, i) => ({ id: String(i + 1), text })),
  );
  return {
    language,
    sha256: `sha-${language}`,
    chars: texts.join("").length,
    async *chunks() {
      yield prepared;
    },
  };
}

describe("readCountsFile", () => {
  it("refuses a (language, id) given twice, naming the segment and the repeated line, instead of keeping the last", async () => {
    const ref = countsFile("twice.jsonl", [
      { language: "eng_Latn", id: "1", tokens: 4 },
      { language: "eng_Latn", id: "2", tokens: 5 },
      { language: "eng_Latn", id: "1", tokens: 7 },
      { language: "deu_Latn", id: "1", tokens: 6 },
    ]);
    const err = await readCountsFile(ref).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenizerLoadError);
    expect((err as Error).message).toContain("gives a segment twice: eng_Latn 1 (line 3)");
  });

  it("reads each (language, id) once", async () => {
    const file = await readCountsFile(
      countsFile("once.jsonl", [
        { language: "eng_Latn", id: "1", tokens: 4 },
        { language: "deu_Latn", id: "1", tokens: 6 },
      ]),
    );
    expect([...file.counts].map(([l, m]) => [l, [...m]])).toEqual([
      ["eng_Latn", [["1", 4]]],
      ["deu_Latn", [["1", 6]]],
    ]);
  });
});

describe("runTokenizeWithCounts", () => {
  it("puts each real tokenizer's results back at its place in a list that starts with a counts file", async () => {
    const languages = [input("eng_Latn", ["one two", "three"]), input("deu_Latn", ["eins zwei", "drei"])];
    const counts = countsFile("mixed.jsonl", [
      { language: "eng_Latn", id: "1", tokens: 2 },
      { language: "eng_Latn", id: "2", tokens: 1 },
      { language: "deu_Latn", id: "1", tokens: 3 },
      { language: "deu_Latn", id: "2", tokens: 2 },
    ]);
    const asked: string[][] = [];
    // stands in for the tokenize phase: each result names its tokenizer and language, tokenizer-major
    const tokenize = (o: TokenizeRunOptions): Promise<TokenizeRun> => {
      asked.push([...o.tokenizers]);
      return Promise.resolve({
        tokenizers: o.tokenizers.map((id) => ({ id }) as TokenizerInfo),
        results: o.tokenizers.flatMap((tokenizer) =>
          o.languages.map((l) => ({ tokenizer, language: l.language }) as TokenizedLanguage),
        ),
        cacheHits: 0,
        computed: 0,
        tokenizeMs: {},
        elapsedMs: 0,
        warnings: [],
      });
    };
    const run = await runTokenizeWithCounts({ tokenizers: [counts, "real-a", "real-b"], languages }, tokenize);
    expect(asked).toEqual([["real-a", "real-b"]]);
    expect(run.tokenizers.map((t) => t.id)).toEqual([counts, "real-a", "real-b"]);
    expect(run.results.map((r) => `${r.tokenizer} ${r.language}`)).toEqual([
      `${counts} eng_Latn`,
      `${counts} deu_Latn`,
      "real-a eng_Latn",
      "real-a deu_Latn",
      "real-b eng_Latn",
      "real-b deu_Latn",
    ]);
    // the counts file's own rows: tokens from the file, bytes from the corpus
    expect(run.results[0]!.segments.map((s) => [s.id, s.tokens, s.bytes])).toEqual([
      ["1", 2, 7],
      ["2", 1, 5],
    ]);
  });
});
