// lossy_chars on a real engine: a tokenizer.json BPE without an unknown token drops what it cannot encode.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCompare } from "../../src/analysis/compare.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { prepareLanguage, tokenizeLanguage } from "../../src/tokenize/tokenize-corpus.js";

let dir: string;
let tokenizerPath: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "toklens-lossy-"));
  // letters a-z only, no merges, no unk_token: any other character is silently dropped by the engine
  const vocab = Object.fromEntries([..."abcdefghijklmnopqrstuvwxyz"].map((c, i) => [c, i]));
  tokenizerPath = join(dir, "tokenizer.json");
  await writeFile(
    tokenizerPath,
    JSON.stringify({
      version: "1.0",
      added_tokens: [],
      normalizer: null,
      pre_tokenizer: { type: "WhitespaceSplit" },
      post_processor: null,
      decoder: null,
      model: {
        type: "BPE",
        dropout: null,
        unk_token: null,
        continuing_subword_prefix: null,
        end_of_word_suffix: null,
        fuse_unk: false,
        byte_fallback: false,
        vocab,
        merges: [],
      },
    }),
  );
  await mkdir(join(dir, "corpus"));
  // English: 2 lines of plain letters; French: 4 of 11 non-space characters are é (not in the vocabulary)
  await writeFile(join(dir, "corpus", "eng_Latn.txt"), "abc def\nghi jkl\n");
  await writeFile(join(dir, "corpus", "fra_Latn.txt"), "été abc\nééé ab\n");
  await writeFile(join(dir, "corpus", "deu_Latn.txt"), "abc de\nfgh ij\n");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("lossy_chars", () => {
  it("counts the characters the engine drops: 5 of 13 in 'été abc' + 'ééé ab'", async () => {
    const t = await loadTokenizer(tokenizerPath);
    const r = await tokenizeLanguage(
      t,
      prepareLanguage("fra_Latn", [
        { id: "1", text: "été abc" },
        { id: "2", text: "ééé ab" },
      ]),
    );
    // tokens: t a b c | a b -> 6; the five é are gone
    expect([...r.segments.tokens]).toEqual([4, 2]);
    expect(r.lossyChars).toBe(5);
    expect(r.lossUnmeasuredChars).toBe(0);
    t.dispose();
  });

  it("is 0 for byte-level and byte-fallback tokenizers on any script", async () => {
    for (const id of ["gpt2", "llama2"]) {
      const t = await loadTokenizer(id);
      const r = await tokenizeLanguage(t, prepareLanguage("amh_Ethi", [{ id: "1", text: "ሰላም 世界 🤖 ok" }]));
      expect(r.lossyChars, id).toBe(0);
      t.dispose();
    }
  });

  it("warns, and leaves a language losing more than 10% out of the tokenizer's premium aggregates", async () => {
    const result = await runCompare({
      tokenizers: [tokenizerPath],
      corpus: `text:${join(dir, "corpus")}`,
      cache: false,
      workers: 1,
    });
    const row = (l: string) => result.results.find((r) => r.language === l)!;
    // fra: 13 characters (spaces included), 5 lost
    expect(row("fra_Latn").lossy_chars).toBeCloseTo(5 / 13, 12);
    expect(row("deu_Latn").lossy_chars).toBe(0);
    expect(result.warnings.some((w) => w.code === "lossy" && w.language === "fra_Latn")).toBe(true);
    expect(result.warnings.some((w) => w.code === "lossy-excluded" && w.message.includes("fra_Latn"))).toBe(true);
    // the mean premium is German's alone: (5 + 5 letters) / (6 + 6 letters)
    expect(result.summary[0]!.mean_premium).toBeCloseTo(10 / 12, 12);
  });
});
