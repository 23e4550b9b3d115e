// Shards of a tokenized language add up to the whole: merged metrics equal the whole's.
import { describe, expect, it } from "vitest";
import { mergeTokenizedLanguage } from "../../src/metrics/merge.js";
import { computeMetrics } from "../../src/metrics/registry.js";
import type { TokenizedLanguage } from "../../src/types.js";
import { deuA, deuRef, engA } from "../fixtures/metrics/tiny.js";
import { filterSegments } from "../../src/tokenize/segment-table.js";

/** The shard of `data` holding the segments whose index satisfies `keep`, with its share of the counts. */
function shard(
  data: TokenizedLanguage,
  keep: (i: number) => boolean,
  frequencies: [number, number][],
  words: { occ: number; alone: number; cont: number; single?: number; lost?: number },
): TokenizedLanguage {
  return {
    ...data,
    segments: filterSegments(data.segments, keep),
    tokenFrequencies: new Map(frequencies),
    wordOccurrences: words.occ,
    measuredWords: words.occ,
    wordTokens: words.alone,
    continuedWords: words.cont,
    singleTokenWords: words.single ?? words.occ - words.cont,
    lossyChars: words.lost ?? 0,
  };
}

describe("mergeTokenizedLanguage", () => {
  // deuA split by hand: shard 1 = s1 (6 tokens: ids 1x3, 2x2, 3x1; 4 words, 7 word tokens, 2 continued, 2 kept whole),
  // shard 2 = s2 + s3 (9 tokens: ids 1x2, 2x2, 3x2, 4x2, 5x1; 6 words, 11 word tokens, 2 continued, 3 kept whole).
  // Sums: ids 1x5, 2x4, 3x3, 4x2, 5x1; 10 words, 18 word tokens, 4 continued, 5 kept whole = deuA.
  const whole = deuA();
  const a = shard(
    whole,
    (i) => i === 0,
    [
      [1, 3],
      [2, 2],
      [3, 1],
    ],
    { occ: 4, alone: 7, cont: 2, single: 2, lost: 1 },
  );
  const b = shard(
    whole,
    (i) => i > 0,
    [
      [1, 2],
      [2, 2],
      [3, 2],
      [4, 2],
      [5, 1],
    ],
    { occ: 6, alone: 11, cont: 2, single: 3, lost: 2 },
  );

  it("adds the counts of two shards into the whole", () => {
    const merged = mergeTokenizedLanguage(a, b);
    expect(merged.segments).toEqual(whole.segments);
    expect([...merged.tokenFrequencies].sort((x, y) => x[0] - y[0])).toEqual([...whole.tokenFrequencies]);
    expect(merged.wordOccurrences).toBe(10);
    expect(merged.wordTokens).toBe(18);
    expect(merged.measuredWords).toBe(10);
    expect(merged.singleTokenWords).toBe(5);
    expect(merged.continuedWords).toBe(4);
  });

  it("gives every metric the value of the whole, whatever the merge order", () => {
    const context = { pivot: engA(), reference: deuRef(), options: { seed: 3 } };
    const expected = computeMetrics(whole, context);
    expect(computeMetrics(mergeTokenizedLanguage(a, b), context)).toEqual(expected);
    expect(computeMetrics(mergeTokenizedLanguage(b, a), context)).toEqual(expected);
  });

  it("merges the pivot from shards too", () => {
    const eng = engA();
    const p1 = shard(eng, (i) => i % 2 === 0, [[1, 7]], { occ: 10, alone: 10, cont: 0 });
    const p2 = shard(
      eng,
      (i) => i % 2 === 1,
      [
        [1, 3],
        [6, 7],
      ],
      { occ: 6, alone: 7, cont: 1 },
    );
    const merged = mergeTokenizedLanguage(p1, p2);
    expect(computeMetrics(merged, { options: {} })).toEqual(computeMetrics(eng, { options: {} }));
    const context = (pivot: TokenizedLanguage) => ({ pivot, options: {}, metrics: ["premium", "premium_ci"] as const });
    expect(computeMetrics(whole, context(merged))).toEqual(computeMetrics(whole, context(eng)));
  });

  it("refuses shards of different tokenizers, languages or overlapping segments", () => {
    expect(() => mergeTokenizedLanguage(a, { ...b, tokenizer: "tokB" })).toThrow(/tokA\/deu_Latn with tokB\/deu_Latn/);
    expect(() => mergeTokenizedLanguage(a, { ...b, language: "fra_Latn" })).toThrow(/only shards/);
    expect(() => mergeTokenizedLanguage(a, { ...b, vocabSize: 51 })).toThrow(/vocabulary size/);
    expect(() => mergeTokenizedLanguage(a, a)).toThrow(/segment 's1'/);
  });
});
