// costAndContext against hand-computed costs, intervals and context counts.
import { describe, expect, it } from "vitest";
import { costAndContext, type CostInputRow } from "../../src/metrics/cost.js";

const rows: CostInputRow[] = [
  // 400 tokens for 1600 chars and 300 words; premium 2 with interval [1.5, 3]
  { tokenizer: "a", language: "x_Latn", tokens: 400, words: 300, chars: 1600, premium: 2, premium_ci: [1.5, 3] },
  // no words, no premium
  { tokenizer: "a", language: "y_Latn", tokens: 50, words: 0, chars: 100, premium: null, premium_ci: null },
  { tokenizer: "b", language: "x_Latn", tokens: 0, words: 300, chars: 1600, premium: null, premium_ci: null },
];

describe("costAndContext", () => {
  it("prices a million characters and a thousand words, and scales the premium's interval", () => {
    const { rows: out, warnings } = costAndContext(rows, { prices: new Map([["a", { input: 2.5, output: 10 }]]) });
    const x = out[0]!;
    // 400 / 1600 = 0.25 tokens per char -> 250,000 tokens per million chars -> 0.25 M tokens x $2.5 = $0.625
    expect(x.input_usd_per_million_chars).toBeCloseTo(0.625, 12);
    // interval: 0.625 x 1.5/2 = 0.46875, 0.625 x 3/2 = 0.9375
    expect(x.input_usd_per_million_chars_ci![0]).toBeCloseTo(0.46875, 12);
    expect(x.input_usd_per_million_chars_ci![1]).toBeCloseTo(0.9375, 12);
    // 400/300 tokens per word -> 1333.33 tokens per 1000 words -> x $2.5 / 1e6 = $0.0033333
    expect(x.input_usd_per_thousand_words).toBeCloseTo(1 / 300, 12);
    expect(x.input_usd_per_thousand_words_ci![0]).toBeCloseTo(0.75 / 300, 12);
    expect(x.input_usd_per_thousand_words_ci![1]).toBeCloseTo(1.5 / 300, 12);
    // output at $10: four times the input figures
    expect(x.output_usd_per_million_chars).toBeCloseTo(2.5, 12);
    expect(x.output_usd_per_thousand_words).toBeCloseTo(4 / 300, 12);
    expect(x.output_usd_per_thousand_words_ci![1]).toBeCloseTo(6 / 300, 12);
    expect(x).toMatchObject({
      input_price: 2.5,
      output_price: 10,
      context_tokens: null,
      words_in_context: null,
      chars_in_context: null,
    });

    const y = out[1]!;
    expect(y.input_usd_per_million_chars).toBeCloseTo(1.25, 12); // 0.5 tokens per char x $2.5
    expect(y.input_usd_per_million_chars_ci).toBeNull(); // no premium, no interval
    expect(y.input_usd_per_thousand_words).toBeNull(); // no words

    // b has no price: nulls and exactly one warning naming it
    expect(out[2]).toMatchObject({
      input_price: null,
      input_usd_per_million_chars: null,
      output_usd_per_thousand_words: null,
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: "no-price", tokenizer: "b" });
  });

  it("warns once per unpriced tokenizer, not once per row", () => {
    const { warnings } = costAndContext(
      [
        ...rows,
        { tokenizer: "b", language: "y_Latn", tokens: 10, words: 5, chars: 40, premium: null, premium_ci: null },
        { tokenizer: "c", language: "x_Latn", tokens: 10, words: 5, chars: 40, premium: null, premium_ci: null },
        { tokenizer: "c", language: "y_Latn", tokens: 10, words: 5, chars: 40, premium: null, premium_ci: null },
      ],
      { prices: new Map([["a", { input: 1, output: 1 }]]) },
    );
    expect(warnings.map((w) => [w.code, w.tokenizer])).toEqual([
      ["no-price", "b"],
      ["no-price", "c"],
    ]);
  });

  it("counts the words and characters that fit in a context window, rounded down", () => {
    const { rows: out, warnings } = costAndContext(rows, { context: 1000 });
    // 1000 x 300/400 = 750 words, 1000 x 1600/400 = 4000 chars
    expect(out[0]).toMatchObject({
      context_tokens: 1000,
      words_in_context: 750,
      chars_in_context: 4000,
      input_usd_per_million_chars: null,
    });
    // 1000 x 100/50 = 2000 chars; 0 words
    expect(out[1]).toMatchObject({ words_in_context: 0, chars_in_context: 2000 });
    // zero tokens: nothing can be said
    expect(out[2]).toMatchObject({ words_in_context: null, chars_in_context: null });
    // 7 tokens, 3 words, context 10: 30/7 = 4.28 -> 4
    expect(costAndContext([{ ...rows[0]!, tokens: 7, words: 3 }], { context: 10 }).rows[0]!.words_in_context).toBe(4);
    expect(warnings).toEqual([]);
  });
});

describe("costAndContext's edges", () => {
  it("says which tokenizer has no price and how to add one; without a prices file, no warning and null costs", () => {
    const { warnings } = costAndContext(rows, { prices: new Map() });
    expect(warnings[0]).toEqual({
      code: "no-price",
      tokenizer: "a",
      message: 'No price for a in the prices file, so its costs are null. Add it under "prices" by its id or name.',
    });
    const bare = costAndContext(rows, {});
    expect(bare.warnings).toEqual([]);
    expect(bare.rows[0]).toMatchObject({
      input_price: null,
      output_price: null,
      input_usd_per_million_chars: null,
      input_usd_per_million_chars_ci: null,
      output_usd_per_thousand_words: null,
      context_tokens: null,
      words_in_context: null,
      chars_in_context: null,
    });
  });

  it("gives no cost per character without characters, and no interval for a premium of 0", () => {
    const prices = new Map([["a", { input: 1 }]]);
    const [noChars] = costAndContext([{ ...rows[0]!, chars: 0 }], { prices }).rows;
    expect([noChars!.input_usd_per_million_chars, noChars!.input_usd_per_million_chars_ci]).toEqual([null, null]);
    expect(noChars!.input_usd_per_thousand_words).toBeCloseTo(400 / 300 / 1000, 12);
    expect([noChars!.output_price, noChars!.output_usd_per_million_chars]).toEqual([null, null]);
    const [zero] = costAndContext([{ ...rows[0]!, premium: 0 }], { prices }).rows;
    expect(zero!.input_usd_per_million_chars).toBeCloseTo(0.25, 12);
    expect([zero!.input_usd_per_million_chars_ci, zero!.input_usd_per_thousand_words_ci]).toEqual([null, null]);
  });

  it("prices a row whose premium has no interval (joined segments), and fits no words when they were not counted", () => {
    // premium 2 without an interval: the costs are there, their intervals are not
    const joined = { ...rows[0]!, premium_ci: null };
    const [x] = costAndContext([joined], { prices: new Map([["a", { input: 2.5 }]]) }).rows;
    expect(x!.input_usd_per_million_chars).toBeCloseTo(0.625, 12);
    expect([x!.input_usd_per_million_chars_ci, x!.input_usd_per_thousand_words_ci]).toEqual([null, null]);
    // words not counted (null): no words fit, unknown; 1000 x 1600/400 = 4000 characters still do
    const [y] = costAndContext([{ ...rows[0]!, words: null }], { context: 1000 }).rows;
    expect([y!.words_in_context, y!.chars_in_context]).toEqual([null, 4000]);
  });
});
