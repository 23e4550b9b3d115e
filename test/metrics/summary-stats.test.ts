// compare's per-tokenizer mean and median: by hand, and bit for bit against arquero (which computed them before).
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { runningMean, summaryMedian } from "../../src/metrics/summary-stats.js";
import { mulberry32 } from "../../src/metrics/prng.js";

function arquero(values: (number | null)[]): { mean: unknown; median: unknown } {
  const [row] = aq
    .table({ v: values })
    .rollup({ mean: aq.op.mean("v"), median: aq.op.median("v") })
    .objects() as { mean: unknown; median: unknown }[];
  return row!;
}

describe("runningMean and summaryMedian", () => {
  it("by hand: nulls and NaN left out, the median between the middle two", () => {
    expect(runningMean([1, null, 2, NaN, 6])).toBe(3);
    expect(summaryMedian([4, null, 1, NaN, 3, 2])).toBe(2.5);
    expect(summaryMedian([5, 1, 3])).toBe(3);
    expect(summaryMedian([7])).toBe(7);
    expect(runningMean([null, NaN])).toBeUndefined();
    expect(summaryMedian([])).toBeUndefined();
  });

  it("equal to arquero's mean and median to the last bit on 200 random samples with gaps", () => {
    const next = mulberry32(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = Math.floor(next() * 60);
      const values = Array.from({ length: n }, () => {
        const r = next();
        return r < 0.1 ? null : r < 0.15 ? NaN : r < 0.17 ? Infinity : next() * 1000 - 100;
      });
      const expected = arquero(values);
      expect(runningMean(values)).toBe(expected.mean);
      expect(summaryMedian(values)).toBe(expected.median);
    }
  });
});
