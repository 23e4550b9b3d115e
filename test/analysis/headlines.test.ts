// The three headlines on hand-made results: totals, median premium, Gini, and what is said when numbers are missing.
import { describe, expect, it } from "vitest";
import { reportHeadlines } from "../../src/analysis/headlines.js";
import type { ReportData } from "../../src/results/report-data.js";
import type { CompareResultRow } from "../../src/results/compare.js";

function row(tokenizer: string, language: string, tokens: number, premium: number | null): CompareResultRow {
  return {
    tokenizer,
    language,
    segments: tokens > 0 ? 1 : 0,
    tokens,
    words: 10,
    chars: 50,
    bytes: 60,
    fertility: tokens / 10,
    continued_words: null,
    word_fertility: null,
    strr: null,
    strr_isolated: null,
    bytes_per_token: null,
    chars_per_token: null,
    premium,
    premium_ci: null,
    unk_rate: null,
    lossy_chars: null,
    byte_fallback_rate: null,
    unique_tokens: null,
    vocab_utilization: null,
    renyi_efficiency: null,
    shannon_efficiency: null,
  };
}

function data(rows: CompareResultRow[], ginis: Record<string, number | null>): ReportData {
  const ids = Object.keys(ginis);
  return {
    title: "t",
    compare: {
      tokenizers: ids.map((id) => ({
        id,
        name: id,
        backend: "tiktoken",
        family: "BPE",
        vocabSize: 1,
        sha256: "0",
        source: "s",
      })),
      languages: [
        { code: "eng_Latn", name: "English", script: "Latn" },
        { code: "amh_Ethi", name: "Amharic", script: "Ethi" },
        { code: "hin_Deva", name: "Hindi", script: "Deva" },
      ],
      pivot: "eng_Latn",
      results: rows,
      summary: ids.map((tokenizer) => ({
        tokenizer,
        gini: ginis[tokenizer]!,
        mean_premium: null,
        median_fertility: null,
      })),
      warnings: [],
    },
    provenance: {
      toolkitVersion: "0",
      command: "c",
      date: "d",
      corpus: { source: "udhr", sha256: "0" },
      tokenizers: [],
    },
  };
}

describe("reportHeadlines", () => {
  it("names the fewest total tokens, the highest median premium with its range, and the Gini extremes", () => {
    // premiums: amh 3, 5, 10 (median 5); hin 2, 2, 8 (median 2)
    const rows = [
      row("a", "eng_Latn", 100, 1),
      row("a", "amh_Ethi", 300, 3),
      row("a", "hin_Deva", 200, 2),
      row("b", "eng_Latn", 100, 1),
      row("b", "amh_Ethi", 500, 5),
      row("b", "hin_Deva", 200, 2),
      row("c", "eng_Latn", 100, 1),
      row("c", "amh_Ethi", 1000, 10),
      row("c", "hin_Deva", 800, 8),
    ];
    expect(reportHeadlines(data(rows, { a: 0.2, b: 0.3, c: 0.1 }))).toEqual([
      "Cheapest tokenizer overall: a, 600 tokens for the same text in 3 languages (c needs 3.17x as many).",
      "Most expensive language: Amharic (amh_Ethi), median premium 5.00x English: 3.00x with a up to 10.00x with c.",
      // c is the most even and the dearest: 1900 / 600 = 3.17x a's tokens; b 800 / 600 = 1.33x (issue 21 item 3)
      "Most even across languages: c (Gini of per-language cost 0.10, 3.17x the tokens of a); least even: b (0.30, 1.33x the tokens of a).",
      "c spreads its cost most evenly but is also the most expensive (3.17x the tokens of a): Gini measures how evenly the cost is spread, not how high it is.",
    ]);
  });

  it("leaves a language some tokenizer has no text for out of the totals, and says when premiums and Gini are missing", () => {
    const rows = [
      row("a", "eng_Latn", 100, null),
      row("a", "amh_Ethi", 0, null),
      row("a", "hin_Deva", 200, null),
      row("b", "eng_Latn", 120, null),
      row("b", "amh_Ethi", 900, null),
      row("b", "hin_Deva", 230, null),
    ];
    expect(reportHeadlines(data(rows, { a: null, b: null }))).toEqual([
      "Cheapest tokenizer overall: a, 300 tokens for the same text in 2 languages (b needs 1.17x as many).",
      "Most expensive language: no premium computed (the pivot eng_Latn is missing or the text is not parallel).",
      "Evenness (Gini): not computed (it needs premiums for at least two languages).",
    ]);
  });
});
