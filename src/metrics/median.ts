// The median, shared by the group statistics, the report's language order and its headlines.

/**
 * Median of a non-empty sample (the mean of the two middle values for an even count); NaN for an empty one (the
 * even branch then reads two missing values).
 */
export function median(values: readonly number[]): number {
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
