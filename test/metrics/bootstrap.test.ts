// The seeded PRNG, the quantile rule and the paired percentile bootstrap behind premium_ci.
import { describe, expect, it } from "vitest";
import { bootstrapRatio, quantileSelect, quantileSorted } from "../../src/metrics/bootstrap.js";
import { mulberry32 } from "../../src/metrics/prng.js";
import { computeMetrics } from "../../src/metrics/registry.js";
import { fromTokenCounts } from "../fixtures/metrics/tiny.js";
import { segmentRows, segmentTable } from "../../src/tokenize/segment-table.js";

/** A synthetic parallel corpus: pivot segments of 5..40 tokens, the language ~1.7x longer with noise. */
function corpus(n: number, seed: number) {
  const next = mulberry32(seed);
  const pivotCounts: number[] = [];
  const langCounts: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = 5 + Math.floor(next() * 36);
    pivotCounts.push(p);
    langCounts.push(Math.max(1, Math.round(p * (1.2 + next()))));
  }
  return {
    pivot: fromTokenCounts("tokA", "eng_Latn", pivotCounts),
    lang: fromTokenCounts("tokA", "hin_Deva", langCounts),
    pivotCounts,
    langCounts,
  };
}

describe("mulberry32", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = [a(), a(), a(), a()];
    expect([b(), b(), b(), b()]).toEqual(xs);
    expect([c(), c(), c(), c()]).not.toEqual(xs);
  });

  it("is uniform on [0, 1): mean and a 10-bin chi-square test", () => {
    const next = mulberry32(7);
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      bins[Math.floor(x * 10)]!++;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
    const chi2 = bins.reduce((s, o) => s + (o - n / 10) ** 2 / (n / 10), 0);
    // 99.9th percentile of chi-square with 9 degrees of freedom is 27.88.
    expect(chi2).toBeLessThan(27.88);
  });
});

describe("quantileSorted (linear interpolation, Hyndman-Fan type 7)", () => {
  const xs = Float64Array.from([1, 2, 3, 4]);
  it.each([
    [0, 1],
    [1, 4],
    [0.5, 2.5], // h = 3 * 0.5 = 1.5 -> 2 + 0.5 * (3 - 2)
    [0.25, 1.75], // h = 0.75 -> 1 + 0.75 * (2 - 1)
    [0.975, 3.925], // h = 2.925 -> 3 + 0.925 * (4 - 3)
  ])("q(%f) = %f", (p, q) => {
    expect(quantileSorted(xs, p)).toBeCloseTo(q, 12);
  });
});

describe("quantileSelect (the same quantile, found by selection)", () => {
  it("bootstrapRatio with a NaN count sorts as before (NaN last), the quantiles from the sorted ratios", () => {
    const numer = Float64Array.from([1, NaN, 3, 4, 5, 6, 7, 8, 9, 10]);
    const denom = Float64Array.from([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    const next = mulberry32(3);
    const ratios: number[] = [];
    for (let b = 0; b < 200; b++) {
      let top = 0;
      for (let k = 0; k < 10; k++) top += numer[Math.floor(next() * 10)]!;
      ratios.push(top / 20);
    }
    const sorted = Float64Array.from(ratios).sort();
    const tail = (1 - 0.9) / 2;
    const { interval } = bootstrapRatio(numer, denom, { resamples: 200, level: 0.9, seed: 3 });
    expect(interval).toEqual([quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)]);
    expect(interval![0]).toBeGreaterThan(0); // most resamples draw no NaN: the lower quantile is a number
  });

  it("gives exactly quantileSorted's value on samples with and without ties, at every probability", () => {
    const next = mulberry32(9);
    for (const n of [1, 2, 3, 5, 10, 31, 999, 1000]) {
      for (const distinct of [2, 7, 1_000_000]) {
        const sample = Float64Array.from({ length: n }, () => Math.floor(next() * distinct) / 7);
        const sorted = Float64Array.from(sample).sort();
        for (const p of [0, 0.025000000000000022, 0.1, 0.5, 0.9, 0.975, 1]) {
          // each call on a fresh copy, and a second call on the copy the first reordered, as bootstrapRatio does
          const copy = Float64Array.from(sample);
          expect([n, distinct, p, quantileSelect(copy, p)]).toEqual([n, distinct, p, quantileSorted(sorted, p)]);
          expect(quantileSelect(copy, 1 - p)).toBe(quantileSorted(sorted, 1 - p));
        }
      }
    }
  });
});

describe("bootstrapRatio", () => {
  it("matches the hand-computed distribution of a two-segment corpus", () => {
    // Segments (L, pivot) = (1, 1) and (3, 1). A resample of 2 draws {a,a} -> 2/2 = 1 (prob 1/4),
    // {a,b} -> 4/2 = 2 (prob 1/2), {b,b} -> 6/2 = 3 (prob 1/4). With 1000 resamples about 250 are 1
    // and 250 are 3, so the 2.5% and 97.5% quantiles (order statistics ~25 and ~975) are exactly 1 and 3.
    const r = bootstrapRatio(Float64Array.from([1, 3]), Float64Array.from([1, 1]), {
      resamples: 1000,
      level: 0.95,
      seed: 1,
    });
    expect(r.interval).toEqual([1, 3]);
    expect(r.usedResamples).toBe(1000);
    // A 40% interval cuts at the 30% and 70% quantiles, which fall among the ~500 values equal to 2.
    const narrow = bootstrapRatio(Float64Array.from([1, 3]), Float64Array.from([1, 1]), {
      resamples: 1000,
      level: 0.4,
      seed: 1,
    });
    expect(narrow.interval).toEqual([2, 2]);
  });

  it("drops resamples with a zero denominator and reports how many were used", () => {
    // Pivot tokens (0, 2): a resample drawing the first segment twice (prob 1/4) has denominator 0.
    const r = bootstrapRatio(Float64Array.from([1, 3]), Float64Array.from([0, 2]), {
      resamples: 400,
      level: 0.95,
      seed: 3,
    });
    expect(r.usedResamples).toBeLessThan(400);
    expect(r.usedResamples).toBeGreaterThan(250);
    // Remaining resamples: {a,b} -> 4/2 = 2 and {b,b} -> 6/4 = 1.5.
    expect(r.interval).toEqual([1.5, 2]);
  });

  it("agrees with the delta-method interval of a ratio estimator on 400 segments", () => {
    const { pivotCounts, langCounts } = corpus(400, 11);
    const L = Float64Array.from(langCounts);
    const P = Float64Array.from(pivotCounts);
    const sumL = langCounts.reduce((a, b) => a + b, 0);
    const sumP = pivotCounts.reduce((a, b) => a + b, 0);
    const R = sumL / sumP;
    // Linearisation: Var(R) ~ sum (L_i - R P_i)^2 / sumP^2.
    const se = Math.sqrt(langCounts.reduce((s, l, i) => s + (l - R * pivotCounts[i]!) ** 2, 0)) / sumP;
    const { interval } = bootstrapRatio(L, P, { resamples: 2000, level: 0.95, seed: 5 });
    const [lo, hi] = interval!;
    expect(Math.abs(R - lo - 1.96 * se)).toBeLessThan(0.2 * 1.96 * se);
    expect(Math.abs(hi - R - 1.96 * se)).toBeLessThan(0.2 * 1.96 * se);
  });

  it("gives, call after call (indices drawn once and kept), the interval of drawing them afresh each time", () => {
    // the definition written out: draw n indices per resample from mulberry32(seed), sum, sort, interpolate
    const direct = (numer: Float64Array, denom: Float64Array, resamples: number, seed: number) => {
      const next = mulberry32(seed);
      const ratios: number[] = [];
      for (let b = 0; b < resamples; b++) {
        let top = 0;
        let bottom = 0;
        for (let k = 0; k < numer.length; k++) {
          const i = Math.floor(next() * numer.length);
          top += numer[i]!;
          bottom += denom[i]!;
        }
        if (bottom > 0) ratios.push(top / bottom);
      }
      const sorted = Float64Array.from(ratios).sort();
      const tail = (1 - 0.95) / 2; // 0.025000000000000022, as bootstrapRatio computes it
      return [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)];
    };
    // several languages against one pivot, as a run computes them; then another size, then back
    let call = 0;
    for (const [n, seed, resamples] of [
      [30, 42, 1000],
      [30, 42, 1000],
      [30, 42, 1000],
      [7, 42, 1000],
      [30, 7, 1000],
      [30, 42, 1000],
      [5000, 3, 1000], // 5 million indices: drawn as used, not kept
    ] as const) {
      // each call its own counts: languages of one run share the index stream, not their data
      const { pivotCounts, langCounts } = corpus(n, seed + n + call++);
      const L = Float64Array.from(langCounts);
      const P = Float64Array.from(pivotCounts);
      const { interval } = bootstrapRatio(L, P, { resamples, level: 0.95, seed });
      expect(interval).toEqual(direct(L, P, resamples, seed));
    }
    // languages against one pivot's counts (whose sums per resample are kept), then that pivot changed in one place
    const { pivotCounts } = corpus(30, 11);
    const P = Float64Array.from(pivotCounts);
    for (let language = 0; language < 4; language++) {
      const L = Float64Array.from(corpus(30, 100 + language).langCounts);
      if (language === 3) P[17] = P[17]! + 5;
      expect(bootstrapRatio(L, P, { resamples: 1000, level: 0.95, seed: 42 }).interval).toEqual(direct(L, P, 1000, 42));
    }
  });
});

describe("premium_ci", () => {
  const { pivot, lang } = corpus(120, 2);
  const premiumOf = (seed: number, resamples = 1000) =>
    computeMetrics(lang, {
      pivot,
      options: { seed, bootstrapResamples: resamples },
      metrics: ["premium", "premium_ci"],
    }).values;

  it("is reproducible with a seed and changes with it", () => {
    expect(premiumOf(9)).toEqual(premiumOf(9));
    expect(premiumOf(9).premium_ci).not.toEqual(premiumOf(10).premium_ci);
    expect(premiumOf(9).premium).toBe(premiumOf(10).premium);
  });

  it("brackets the premium for every one of 25 seeds", () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { premium, premium_ci } = premiumOf(seed);
      expect(premium_ci![0]).toBeLessThan(premium!);
      expect(premium_ci![1]).toBeGreaterThan(premium!);
    }
  });

  it("does not depend on segment order (shards arrive in any order)", () => {
    const reversed = { ...lang, segments: segmentTable(segmentRows(lang.segments).reverse()) };
    const a = computeMetrics(lang, { pivot, options: { seed: 4 }, metrics: ["premium_ci"] });
    const b = computeMetrics(reversed, { pivot, options: { seed: 4 }, metrics: ["premium_ci"] });
    expect(b.values.premium_ci).toEqual(a.values.premium_ci);
  });

  it("narrows as the confidence level drops and with more segments", () => {
    const width = (v: [number, number] | null) => v![1] - v![0];
    const wide = computeMetrics(lang, { pivot, options: { confidenceLevel: 0.99 }, metrics: ["premium_ci"] }).values
      .premium_ci;
    const mid = computeMetrics(lang, { pivot, options: { confidenceLevel: 0.8 }, metrics: ["premium_ci"] }).values
      .premium_ci;
    expect(width(mid)).toBeLessThan(width(wide));
    const big = corpus(1200, 2);
    const more = computeMetrics(big.lang, { pivot: big.pivot, options: {}, metrics: ["premium_ci"] }).values.premium_ci;
    const fewer = computeMetrics(lang, { pivot, options: {}, metrics: ["premium_ci"] }).values.premium_ci;
    expect(width(more)).toBeLessThan(width(fewer));
  });
});
