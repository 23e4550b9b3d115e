// The per-tokenizer mean and median of compare's summary, over the values that exist (null and NaN left out).

/** Values a summary counts: not null, not NaN (as arquero's, which computed these summaries before). */
const validValues = (values: readonly (number | null | undefined)[]) =>
  values.filter((v): v is number => v !== null && v !== undefined && !Number.isNaN(v));

/** The running mean of the valid values in row order (arquero's `mean`, step for step); undefined when none. */
export function runningMean(values: readonly (number | null | undefined)[]): number | undefined {
  let mean = 0;
  let n = 0;
  for (const v of validValues(values)) {
    n++;
    mean += (v - mean) / n;
  }
  return n > 0 ? mean : undefined;
}

/** The median of the valid values, interpolated between the middle two (arquero's `median`); undefined when none. */
export function summaryMedian(values: readonly (number | null | undefined)[]): number | undefined {
  const sorted = validValues(values).sort((a, b) => (a < b ? -1 : a > b ? 1 : a >= b ? 0 : NaN));
  const n = sorted.length;
  if (n === 0) return undefined;
  if (n < 2) return sorted[0];
  const i = (n - 1) * 0.5;
  const i0 = Math.floor(i);
  return sorted[i0]! + (sorted[i0 + 1]! - sorted[i0]!) * (i - i0);
}
