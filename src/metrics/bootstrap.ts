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
  const draws = resampleIndices(settings.seed, n, settings.resamples);
  const ratios = new Float64Array(settings.resamples);
  const used = draws ? ratiosOfDraws(draws, numer, denom, ratios) : ratiosAsDrawn(settings.seed, numer, denom, ratios);
  if (used === 0) return { interval: null, usedResamples: 0 };
  const values = ratios.subarray(0, used);
  const tail = (1 - settings.level) / 2;
  // two quantiles need four order statistics, not a sort of every ratio (most of a UDHR run's bootstrap time)
  const ordered = hasNaN(values) ? values.sort() : null;
  const at = (p: number) => (ordered ? quantileSorted(ordered, p) : quantileSelect(values, p));
  return { interval: [at(tail), at(1 - tail)], usedResamples: used };
}

function hasNaN(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) return true;
  return false;
}

/** The resample ratios from kept indices (`draws`: n per resample) into `ratios`; returns how many had bottom > 0. */
function ratiosOfDraws(draws: Uint32Array, numer: Float64Array, denom: Float64Array, ratios: Float64Array): number {
  const n = numer.length;
  let used = 0;
  const tops = resampledSums(numer, draws, n, ratios.length);
  const bottoms = denominatorSums(denom, draws, n, ratios.length);
  for (let b = 0; b < ratios.length; b++) if (bottoms[b]! > 0) ratios[used++] = tops[b]! / bottoms[b]!;
  return used;
}

/** `ratiosOfDraws` with the indices drawn as they are used (too many to keep). */
function ratiosAsDrawn(seed: number, numer: Float64Array, denom: Float64Array, ratios: Float64Array): number {
  const n = numer.length;
  const next = mulberry32(seed);
  let used = 0;
  for (let b = 0; b < ratios.length; b++) {
    let top = 0;
    let bottom = 0;
    for (let k = 0; k < n; k++) {
      const i = randomIndex(next, n);
      top += numer[i]!;
      bottom += denom[i]!;
    }
    if (bottom > 0) ratios[used++] = top / bottom;
  }
  return used;
}

/**
 * `quantileSorted` of `values` (no NaN) without sorting them: the two order statistics it interpolates between are
 * found by selection, which reorders `values` (any order gives the same result).
 */
export function quantileSelect(values: Float64Array, p: number): number {
  const n = values.length;
  if (n === 0) throw new Error("internal error: quantile of an empty sample");
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  selectInPlace(values, lo);
  const low = values[lo]!;
  // the next order statistic is the smallest of those after the selected one
  let high = low;
  if (lo + 1 < n) {
    high = values[lo + 1]!;
    for (let i = lo + 2; i < n; i++) if (values[i]! < high) high = values[i]!;
  }
  return low + (h - lo) * (high - low);
}

/**
 * Reorders `a` so that `a[k]` is its k-th smallest value (0-based), with no larger value before it and no smaller
 * one after (Hoare's selection, the median of three as pivot).
 */
function selectInPlace(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Per resample `b`, the sum of `values` over its indices `draws[b * n .. (b + 1) * n)`, added in draw order. */
function resampledSums(values: Float64Array, draws: Uint32Array, n: number, resamples: number): Float64Array {
  const sums = new Float64Array(resamples);
  for (let b = 0, at = 0; b < resamples; b++) {
    let sum = 0;
    for (let k = 0; k < n; k++, at++) sum += values[draws[at]!]!;
    sums[b] = sum;
  }
  return sums;
}

/** The denominators of the last bootstrap over kept indices (a copy) and their sums per resample. */
let keptDenominator: { draws: Uint32Array; denom: Float64Array; sums: Float64Array } | null = null;

/**
 * `resampledSums` of a denominator, remembered for the next call: the languages of a run share their pivot's
 * counts, so on a parallel corpus every language's interval divides by the same sums.
 */
function denominatorSums(denom: Float64Array, draws: Uint32Array, n: number, resamples: number): Float64Array {
  const k = keptDenominator;
  if (
    k &&
    k.draws === draws &&
    k.sums.length === resamples &&
    k.denom.length === n &&
    k.denom.every((v, i) => Object.is(v, denom[i]))
  )
    return k.sums;
  const sums = resampledSums(denom, draws, n, resamples);
  keptDenominator = { draws, denom: Float64Array.from(denom), sums };
  return sums;
}

/** The most indices kept for reuse (4 bytes each): a FLORES language (2,009 segments) at 1,000 resamples fits. */
const MAX_KEPT_DRAWS = 4_000_000;

/** The last index stream drawn, by its seed, length and resamples. */
let kept: { seed: number; n: number; resamples: number; draws: Uint32Array } | null = null;

/**
 * The indices a bootstrap of `n` pairs draws from `seed`, in order: they depend on nothing else, and every language
 * of a parallel corpus has the same number of segments, so a run draws them once instead of once per tokenizer and
 * language. Null when they would take more than MAX_KEPT_DRAWS (the caller then draws as it goes).
 */
function resampleIndices(seed: number, n: number, resamples: number): Uint32Array | null {
  if (n * resamples > MAX_KEPT_DRAWS) return null;
  if (kept && kept.seed === seed && kept.n === n && kept.resamples === resamples) return kept.draws;
  const next = mulberry32(seed);
  const draws = new Uint32Array(n * resamples);
  for (let j = 0; j < draws.length; j++) draws[j] = randomIndex(next, n);
  kept = { seed, n, resamples, draws };
  return draws;
}
