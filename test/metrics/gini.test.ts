// Gini of premiums across languages, and the per-tokenizer summary.
import { describe, expect, it } from "vitest";
import { giniCoefficient } from "../../src/metrics/gini.js";
import { computeSummary } from "../../src/metrics/registry.js";

describe("giniCoefficient", () => {
  it.each([
    // mean 5/3; pairwise |differences| 0.5, 1.5, 1.0 -> ordered-pair sum 6; 6 / (2 * 9 * 5/3) = 0.2
    [[1, 1.5, 2.5], 0.2],
    // all equal -> 0
    [[2, 2, 2, 2], 0],
    // one holds everything among 4: sum |x_i - x_j| = 2 * 3 * 1 = 6; mean 1/4; 6 / (2 * 16 * 0.25) = 0.75
    [[0, 0, 0, 1], 0.75],
    // [1, 3]: 2 * 2 / (2 * 4 * 2) = 0.25
    [[3, 1], 0.25],
  ])("gini(%j) = %f", (values, expected) => {
    expect(giniCoefficient(values)).toBeCloseTo(expected, 12);
  });

  it("agrees with the O(n^2) definition on 50 values", () => {
    const xs = Array.from({ length: 50 }, (_, i) => 1 + ((i * 37) % 23) / 7);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    let pairs = 0;
    for (const x of xs) for (const y of xs) pairs += Math.abs(x - y);
    expect(giniCoefficient(xs)).toBeCloseTo(pairs / (2 * xs.length ** 2 * mean), 12);
  });

  it("is null for fewer than two values or a zero mean", () => {
    expect(giniCoefficient([1.4])).toBeNull();
    expect(giniCoefficient([])).toBeNull();
    expect(giniCoefficient([0, 0])).toBeNull();
  });
});

describe("computeSummary", () => {
  it("computes one gini per tokenizer from the per-language premiums, skipping nulls", () => {
    const { summary, warnings } = computeSummary([
      { tokenizer: "tokA", language: "eng_Latn", values: { premium: 1 } },
      { tokenizer: "tokB", language: "eng_Latn", values: { premium: 1 } },
      { tokenizer: "tokA", language: "deu_Latn", values: { premium: 1.5 } },
      { tokenizer: "tokA", language: "hin_Deva", values: { premium: 2.5 } },
      { tokenizer: "tokA", language: "yor_Latn", values: { premium: null } },
      { tokenizer: "tokB", language: "deu_Latn", values: { premium: 3 } },
    ]);
    expect(summary).toEqual([
      { tokenizer: "tokA", languages: 3, gini: expect.closeTo(0.2, 12) },
      { tokenizer: "tokB", languages: 2, gini: expect.closeTo(0.25, 12) },
    ]);
    expect(warnings).toEqual([]);
  });

  it("is null with a warning when a tokenizer has fewer than two premiums", () => {
    const { summary, warnings } = computeSummary([
      { tokenizer: "tokA", language: "eng_Latn", values: { premium: 1 } },
      { tokenizer: "tokA", language: "deu_Latn", values: { fertility: 1.2 } },
    ]);
    expect(summary).toEqual([{ tokenizer: "tokA", languages: 1, gini: null }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: "too-few-languages", tokenizer: "tokA" });
  });
});
