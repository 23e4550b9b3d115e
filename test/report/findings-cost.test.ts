// The summary's evenness sentence pairs the Gini with what a tokenizer costs (issue 21 item 3): on hand-made rows
// where the most even tokenizer needs the most tokens, the page says so. Numbers worked out by hand below.
import { describe, expect, it } from "vitest";
import { findings } from "../../src/report/findings.js";
import { buildReportModel } from "../../src/report/report-model.js";
import { giniCoefficient } from "../../src/metrics/gini.js";
import type { CompareResult, CompareResultRow } from "../../src/results/compare.js";
import type { ReportData } from "../../src/results/report-data.js";

function row(tokenizer: string, language: string, tokens: number, premium: number): CompareResultRow {
  return {
    tokenizer,
    language,
    segments: 1,
    tokens,
    words: 10,
    chars: 100,
    bytes: 100,
    fertility: tokens / 10,
    continued_words: null,
    word_fertility: null,
    strr: null,
    strr_isolated: null,
    bytes_per_token: 100 / tokens,
    chars_per_token: 100 / tokens,
    premium,
    premium_ci: null,
    unk_rate: 0,
    lossy_chars: 0,
    byte_fallback_rate: null,
    unique_tokens: null,
    vocab_utilization: null,
    renyi_efficiency: null,
    shannon_efficiency: null,
  };
}

/**
 * `even` pays 3.0x and 3.1x English for Hindi and Amharic (Gini |3 - 3.1| / (2 (3 + 3.1)) = 0.0082); `uneven` pays
 * 2x and 4x (Gini 2 / 12 = 0.1667). Totals over the three languages: even 100 + 300 + 310 = 710, uneven
 * 50 + 100 + 200 = 350, so the most even tokenizer needs 710 / 350 = 2.03x the tokens.
 */
function data(): ReportData {
  const compare: CompareResult = {
    tokenizers: [
      { id: "even", name: "even", backend: "tiktoken", family: "BPE", vocabSize: 10, sha256: "0", source: "x" },
      { id: "uneven", name: "uneven", backend: "tiktoken", family: "BPE", vocabSize: 10, sha256: "1", source: "y" },
    ],
    languages: [
      { code: "eng_Latn", name: "English", script: "Latn" },
      { code: "hin_Deva", name: "Hindi", script: "Deva" },
      { code: "amh_Ethi", name: "Amharic", script: "Ethi" },
    ],
    pivot: "eng_Latn",
    results: [
      row("even", "eng_Latn", 100, 1),
      row("even", "hin_Deva", 300, 3),
      row("even", "amh_Ethi", 310, 3.1),
      row("uneven", "eng_Latn", 50, 1),
      row("uneven", "hin_Deva", 100, 2),
      row("uneven", "amh_Ethi", 200, 4),
    ],
    summary: [
      { tokenizer: "even", gini: giniCoefficient([3, 3.1]), mean_premium: 3.05, median_fertility: 30 },
      { tokenizer: "uneven", gini: giniCoefficient([2, 4]), mean_premium: 3, median_fertility: 10 },
    ],
    warnings: [],
  };
  return {
    title: "t",
    compare,
    provenance: {
      toolkitVersion: "0",
      command: "c",
      date: "d",
      corpus: { source: "s", sha256: "0" },
      tokenizers: [],
    },
  };
}

describe("the summary's evenness sentence", () => {
  it("gives the Gini with each tokenizer's cost, and says when the most even is the most expensive", () => {
    expect(giniCoefficient([3, 3.1])).toBeCloseTo(0.1 / 12.2, 12);
    expect(giniCoefficient([2, 4])).toBeCloseTo(1 / 6, 12);
    const said = findings(buildReportModel(data())).set;
    expect(said[0]).toBe(
      "Most even across languages: <b>even</b> (Gini 0.008; 2.03× the tokens of uneven); least even: uneven (Gini 0.167; fewest tokens).",
    );
    expect(said[1]).toBe(
      "<b>even</b> spreads its cost most evenly but is also the most expensive: it needs 2.03× the tokens of uneven. The Gini measures how evenly the cost is spread across languages, not how high it is.",
    );
    // the rest as before: uneven is cheapest for all three languages; Amharic has the highest median premium
    expect(said[2]).toBe("Cheapest for the most languages: <b>uneven</b> (3 of 3).");
    expect(said[3]).toBe(
      "Most expensive language (median premium): <b>Amharic (amh_Ethi)</b>, 3.10× English with even up to 4.00× with uneven.",
    );
  });

  it("says nothing about cost levels when the most even tokenizer is also the cheapest", () => {
    const d = data();
    // swap the Gini values: now the cheap tokenizer is the most even
    const [a, b] = d.compare.summary;
    [a!.gini, b!.gini] = [b!.gini, a!.gini];
    const said = findings(buildReportModel(d)).set;
    expect(said[0]).toBe(
      "Most even across languages: <b>uneven</b> (Gini 0.008; fewest tokens); least even: even (Gini 0.167; 2.03× the tokens of uneven).",
    );
    expect(said[1]).toMatch(/^Cheapest for the most languages/);
  });
});
