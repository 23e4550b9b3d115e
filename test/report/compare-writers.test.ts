// compareCsv and compareMarkdown (the writers of `toklens compare --csv / --markdown`) on a hand-built result,
// checked against hand-written text.
import { describe, expect, it } from "vitest";
import { compareCsv } from "../../src/report/csv.js";
import { compareMarkdown, markdownTable } from "../../src/report/markdown.js";
import type { CompareResult, CompareResultRow } from "../../src/results/compare.js";
import type { CostRow } from "../../src/metrics/cost.js";

function row(
  tokenizer: string,
  language: string,
  tokens: number,
  premium: number | null,
  ci: [number, number] | null,
): CompareResultRow {
  return {
    tokenizer,
    language,
    segments: 2,
    tokens,
    words: 4,
    chars: 20,
    bytes: 20,
    fertility: tokens / 4,
    continued_words: 0.25,
    word_fertility: null,
    strr: 0.5,
    strr_isolated: 0.4,
    bytes_per_token: 20 / tokens,
    chars_per_token: 20 / tokens,
    premium,
    premium_ci: ci,
    unk_rate: 0,
    lossy_chars: 0,
    byte_fallback_rate: null,
    unique_tokens: tokens - 1,
    vocab_utilization: null,
    renyi_efficiency: null,
    shannon_efficiency: null,
  };
}

const result: CompareResult = {
  tokenizers: [
    { id: "a", name: "A", backend: "tiktoken", family: "BPE", vocabSize: 10, sha256: "0", source: "x" },
    { id: "@b|c", name: "B", backend: "tiktoken", family: "BPE", vocabSize: 10, sha256: "1", source: "y" },
  ],
  languages: [
    { code: "eng_Latn", name: "English", script: "Latn" },
    { code: "deu_Latn", name: "German", script: "Latn" },
  ],
  pivot: "eng_Latn",
  results: [
    row("a", "eng_Latn", 5, 1, [1, 1]),
    row("a", "deu_Latn", 8, 1.6, [1.5, 1.75]),
    row("@b|c", "eng_Latn", 4, 1, null),
    row("@b|c", "deu_Latn", 10, 2.5, null),
  ],
  summary: [
    { tokenizer: "a", gini: 0, mean_premium: 1.6, median_fertility: 1.625 },
    { tokenizer: "@b|c", gini: null, mean_premium: 2.5, median_fertility: null },
  ],
  warnings: [],
};

const HEADER =
  "tokenizer,language,segments,tokens,words,chars,bytes,fertility,continued_words,word_fertility,strr,strr_isolated,bytes_per_token,chars_per_token,premium,premium_ci_low,premium_ci_high,unk_rate,lossy_chars,byte_fallback_rate,unique_tokens,vocab_utilization,renyi_efficiency,shannon_efficiency,nsl";

describe("compareCsv", () => {
  it("writes every row field, premium_ci in two columns, LF line ends, formulas defused", () => {
    expect(compareCsv(result.results)).toBe(
      [
        HEADER,
        "a,eng_Latn,2,5,4,20,20,1.25,0.25,,0.5,0.4,4,4,1,1,1,0,0,,4,,,,",
        "a,deu_Latn,2,8,4,20,20,2,0.25,,0.5,0.4,2.5,2.5,1.6,1.5,1.75,0,0,,7,,,,",
        "'@b|c,eng_Latn,2,4,4,20,20,1,0.25,,0.5,0.4,5,5,1,,,0,0,,3,,,,",
        "'@b|c,deu_Latn,2,10,4,20,20,2.5,0.25,,0.5,0.4,2,2,2.5,,,0,0,,9,,,,",
        "",
      ].join("\n"),
    );
  });

  it("appends the cost columns, intervals split, and refuses cost rows out of step", () => {
    const cost = (r: CompareResultRow): CostRow => ({
      tokenizer: r.tokenizer,
      language: r.language,
      input_price: 2,
      output_price: null,
      input_usd_per_million_chars: 0.5,
      input_usd_per_million_chars_ci: [0.25, 0.75],
      input_usd_per_thousand_words: 0.01,
      input_usd_per_thousand_words_ci: null,
      output_usd_per_million_chars: null,
      output_usd_per_million_chars_ci: null,
      output_usd_per_thousand_words: null,
      output_usd_per_thousand_words_ci: null,
      context_tokens: 100,
      words_in_context: 80,
      chars_in_context: 400,
    });
    const text = compareCsv(result.results.slice(0, 1), result.results.slice(0, 1).map(cost));
    const [header, line] = text.split("\n");
    expect(header).toBe(
      `${HEADER},input_price,output_price,input_usd_per_million_chars,input_usd_per_million_chars_ci_low,input_usd_per_million_chars_ci_high,input_usd_per_thousand_words,input_usd_per_thousand_words_ci_low,input_usd_per_thousand_words_ci_high,output_usd_per_million_chars,output_usd_per_million_chars_ci_low,output_usd_per_million_chars_ci_high,output_usd_per_thousand_words,output_usd_per_thousand_words_ci_low,output_usd_per_thousand_words_ci_high,context_tokens,words_in_context,chars_in_context`,
    );
    expect(line).toBe(
      "a,eng_Latn,2,5,4,20,20,1.25,0.25,,0.5,0.4,4,4,1,1,1,0,0,,4,,,,,2,,0.5,0.25,0.75,0.01,,,,,,,,,100,80,400",
    );
    expect(() => compareCsv(result.results.slice(0, 2), [cost(result.results[1]!), cost(result.results[0]!)])).toThrow(
      /out of step/,
    );
  });
});

describe("compareMarkdown", () => {
  it("writes one table per metric with the best value starred, then the summary, every cell escaped", () => {
    const cell = (s: string) => s.replaceAll("|", "\\|");
    expect(compareMarkdown(result, ["premium", "fertility"], cell)).toBe(
      [
        "### premium",
        "",
        "Tokens needed for this language / tokens for the same segments in the pivot language (default eng_Latn).",
        "",
        "| language | a | @b\\|c |",
        "| --- | --- | --- |",
        "| eng_Latn English | 1.000 (1.000–1.000) | 1.000 |",
        "| deu_Latn German | 1.600 (1.500–1.750) * | 2.500 |",
        "",
        "### fertility",
        "",
        "Tokens per word over the corpus, each segment tokenized as a whole.",
        "",
        "| language | a | @b\\|c |",
        "| --- | --- | --- |",
        "| eng_Latn English | 1.250 | 1.000 * |",
        "| deu_Latn German | 2.000 * | 2.500 |",
        "",
        "### summary",
        "",
        "| tokenizer | gini | mean premium | median fertility |",
        "| --- | --- | --- | --- |",
        "| a | 0.000 | 1.600 | 1.625 |",
        "| @b\\|c | - | 2.500 | - |",
        "",
      ].join("\n"),
    );
  });

  it("markdownTable leaves cells as they are without an escaper", () => {
    expect(markdownTable(["x", "y"], [["1", "a|b"]])).toBe("| x | y |\n| --- | --- |\n| 1 | a|b |");
  });
});
