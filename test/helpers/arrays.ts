// Equality of long arrays of numbers in one loop: vitest's toEqual walks a typed array of 100k elements one
// deep-equality step at a time (seconds per array), and prints all of it when they differ.

/** Where two arrays of numbers first differ (their lengths first), or null when they are equal element by element. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): string | null {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `index ${i}: ${a[i]} and ${b[i]}`;
  return null;
}

/** firstDifference over the same-named arrays of two records (the tables of a tokenizer's token bytes). */
export function firstTableDifference(
  a: Record<string, ArrayLike<number>>,
  b: Record<string, ArrayLike<number>>,
): string | null {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[key];
    const y = b[key];
    if (!x || !y) return `${key}: only in one of them`;
    const d = firstDifference(x, y);
    if (d) return `${key}: ${d}`;
  }
  return null;
}
