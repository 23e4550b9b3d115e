// Paired percentile bootstrap for a ratio of sums, used by premium_ci.
import { mulberry32, randomIndex } from "./prng.js";

/** Settings of one bootstrap run. */
export interface BootstrapSettings {
  /** Number of resamples (a positive integer). */
  resamples: number;
  /** Confidence level in (0, 1), e.g. 0.95. */
  level: number;
  /** PRNG seed; the same seed and data give the same interval. */
  seed: number;
}

/** A bootstrap interval and how many resamples produced a ratio. */
export interface BootstrapResult {
  /** `[lower, upper]`, or null when no resample had a positive denominator. */
  interval: [number, number] | null;
  /** Resamples whose denominator was positive (the others are dropped). */
  usedResamples: number;
}

/**
 * Quantile of ascending `sorted` at probability `p` by linear interpolation between order statistics
 * (Hyndman & Fan 1996, definition 7; numpy's and R's default).
 */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error("internal error: quantile of an empty sample");
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Percentile bootstrap of R = sum(numer) / sum(denom) with paired resampling: each resample draws
 * n indices uniformly with replacement and keeps numerator and denominator of an index together
 * (they are the same segment in two languages), then R* = sum(numer[idx]) / sum(denom[idx]). The
 * interval is the (1 - level)/2 and (1 + level)/2 quantiles of the R* values (Efron & Tibshirani
 * 1993, ch. 13, percentile interval). Resamples whose denominator sums to 0 are dropped.
 */
export function bootstrapRatio(numer: Float64Array, denom: Float64Array, settings: BootstrapSettings): BootstrapResult {
  const n = numer.length;
  if (denom.length !== n) throw new Error("internal error: bootstrap arrays differ in length");
  if (n === 0) return { interval: null, usedResamples: 0 };
  const indices = resampleIndices(settings.seed, n, settings.resamples);
  const next = indices ? null : mulberry32(settings.seed);
  const ratios = new Float64Array(settings.resamples);
  let used = 0;
  for (let b = 0, at = 0; b < settings.resamples; b++) {
    let top = 0;
    let bottom = 0;
    for (let k = 0; k < n; k++, at++) {
      const i = indices ? indices[at]! : randomIndex(next!, n);
      top += numer[i]!;
      bottom += denom[i]!;
    }
    if (bottom > 0) ratios[used++] = top / bottom;
  }
  if (used === 0) return { interval: null, usedResamples: 0 };
  const sorted = ratios.subarray(0, used).sort();
  const tail = (1 - settings.level) / 2;
  return { interval: [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)], usedResamples: used };
}

/**
 * The most indices kept for reuse (n x resamples, at most 8 MB): UDHR's 30 segments x 1,000 resamples are 30,000,
 * FLORES dev+devtest's 2,009 x 1,000 about 2 million (4 MB).
 */
const MAX_KEPT_INDICES = 4_000_000;
let kept: { key: string; indices: Uint16Array | Uint32Array } | null = null;

/**
 * The indices every resample draws, in order, for a seed, a sample size and a number of resamples: the same for
 * every language and tokenizer of a run (they share the seed and, aligned, the segment count), so they are drawn
 * once and kept (the last set, up to `MAX_KEPT_INDICES`); null when too many to keep (drawn as they are used).
 */
function resampleIndices(seed: number, n: number, resamples: number): Uint16Array | Uint32Array | null {
  if (n * resamples > MAX_KEPT_INDICES) return null;
  const key = `${seed}:${n}:${resamples}`;
  if (kept?.key === key) return kept.indices;
  const next = mulberry32(seed);
  const indices = n <= 0x10000 ? new Uint16Array(n * resamples) : new Uint32Array(n * resamples);
  for (let at = 0; at < indices.length; at++) indices[at] = randomIndex(next, n);
  kept = { key, indices };
  return indices;
}
