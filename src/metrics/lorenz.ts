// Lorenz curve of per-language cost (premiums) for one tokenizer, and the Gini coefficient its area implies.

/** One point of a Lorenz curve: after the `languages` share of cheapest languages, the `cost` share they pay. */
export interface LorenzPoint {
  /** Cumulative share (0..1) of languages, cheapest first. */
  languages: number;
  /** Cumulative share (0..1) of the summed cost. */
  cost: number;
  /** The language added at this step (null for the origin). */
  language: string | null;
  /** That language's own cost (its premium); null for the origin. */
  value: number | null;
}

/**
 * The Lorenz curve of non-negative costs, one point per language plus the origin: costs sorted ascending
 * (ties by language code, so the curve is deterministic), x = k/n, y = cumulative cost / total. Null for no
 * values or a zero total. The diagonal is perfect parity; the further below it, the more unequal.
 */
export function lorenzCurve(costs: readonly { language: string; value: number }[]): LorenzPoint[] | null {
  const n = costs.length;
  const total = costs.reduce((s, c) => s + c.value, 0);
  if (n === 0 || !(total > 0)) return null;
  const sorted = [...costs].sort(
    (a, b) => a.value - b.value || (a.language < b.language ? -1 : a.language > b.language ? 1 : 0),
  );
  const points: LorenzPoint[] = [{ languages: 0, cost: 0, language: null, value: null }];
  let running = 0;
  sorted.forEach((c, k) => {
    running += c.value;
    points.push({ languages: (k + 1) / n, cost: running / total, language: c.language, value: c.value });
  });
  return points;
}

/**
 * The Gini coefficient a Lorenz curve implies: 1 - 2 x (area under the curve), the area by the trapezoid rule
 * over its points. For a curve of n equally weighted values this equals the population Gini exactly.
 */
export function giniFromLorenz(points: readonly LorenzPoint[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    area += ((b.languages - a.languages) * (a.cost + b.cost)) / 2;
  }
  return 1 - 2 * area;
}
