// strr_isolated (Chiu 2026's STRR as published) against a hand count and the Python TokLens figure; strr (in context) beside it.
import { describe, expect, it } from "vitest";
import { getEncoding } from "../helpers/js-tiktoken.js";
import { computeMetrics } from "../../src/metrics/registry.js";
import { runCompare } from "../../src/analysis/compare.js";
import { isolatedWordsOf, prepareLanguage, tokenizeLanguage } from "../../src/tokenize/tokenize-corpus.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";

describe("strr_isolated", () => {
  it("splits words as Python's str.split() does: any white space, punctuation attached", () => {
    // U+00A0 and U+3000 are white space to Python; U+200B (zero width space) is not
    const words = isolatedWordsOf(["The cat, the\u00a0cat.\tok\u3000x\u200by  ", " the"]);
    expect([...words]).toEqual([
      ["The", 1],
      ["cat,", 1],
      ["the", 2],
      ["cat.", 1],
      ["ok", 1],
      ["x\u200by", 1],
    ]);
  });

  it("counts, over word occurrences, the words that are one token when encoded alone (gpt2, by hand)", async () => {
    // split on white space: The | cat | sat | on | the | mat, | unhappily. | the
    // alone, without a leading space: The, cat, sat, on, the are one gpt2 token each; "mat," is mat + ",",
    // "unhappily." several: 6 of 8 occurrences (the twice). In context strr trims the punctuation and reads the
    // running text's tokens: every word is one token with its leading space but " unhappily": 7 of 8.
    const text = "The cat sat on the mat, unhappily. the";
    const gpt2js = getEncoding("gpt2");
    const alone = text.split(" ").map((w) => gpt2js.encode(w).length);
    expect(alone).toEqual([1, 1, 1, 1, 1, 2, alone[6], 1]);
    expect(alone[6]).toBeGreaterThan(1);
    expect(gpt2js.encode(" unhappily").length).toBeGreaterThan(1);
    expect(gpt2js.encode(" mat").length).toBe(1);
    const gpt2 = await loadTokenizer("gpt2");
    try {
      const data = await tokenizeLanguage(gpt2, prepareLanguage("eng_Latn", [{ id: "1", text }]));
      expect([data.isolatedWords, data.isolatedSingleTokenWords]).toEqual([8, 6]);
      const { values } = computeMetrics(data, { options: {}, metrics: ["strr_isolated", "strr"] });
      expect(values.strr_isolated).toBe(6 / 8);
      expect(values.strr).toBe(7 / 8);
    } finally {
      gpt2.dispose();
    }
  });

  it("gives the Python TokLens code's 0.7443 for gpt2 on the English UDHR (strr, in context: 0.9875)", async () => {
    const result = await runCompare({
      tokenizers: ["gpt2"],
      languages: ["eng_Latn"],
      metrics: ["strr", "strr_isolated"],
      cache: false,
      workers: 1,
    });
    const row = result.results[0]!;
    expect(row.strr_isolated).toBeCloseTo(0.7443, 4);
    expect(row.strr).toBeCloseTo(0.9875, 4);
  });
});
