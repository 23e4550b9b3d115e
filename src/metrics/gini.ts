// gini: inequality of premiums across the languages of a run, per tokenizer (a summary metric).
import type { Warning } from "../types.js";
import type { MetricDefinitionBase, MetricOutcome } from "./types.js";
import { ok, type MetricWarningCode } from "./outcome.js";

/** Per-language input of the gini summary: one tokenizer's premium in one language. */
export interface PremiumOfLanguage {
  language: string;
  premium: number | null;
}

/**
 * Gini coefficient of values x_1..x_n (population form, no small-sample correction):
 * G = sum_i sum_j |x_i - x_j| / (2 n^2 mean). 0 = all equal; approaches 1 when one value holds
 * everything. Computed in O(n log n) from sorted values: G = sum_i (2i - n - 1) x_(i) / (n^2 mean).
 * Returns null for fewer than two values or a zero mean.
 */
export function giniCoefficient(values: readonly number[]): number | null {
  const n = values.length;
  if (n < 2) return null;
  const sorted = [...values].sort((a, b) => a - b);
  let total = 0;
  let weighted = 0;
  sorted.forEach((x, k) => {
    total += x;
    weighted += (2 * (k + 1) - n - 1) * x;
  });
  if (!(total > 0)) return null;
  return weighted / (n * total);
}

/** The gini summary metric's definition (per tokenizer, across languages). */
export interface SummaryMetricDefinition extends MetricDefinitionBase<"gini"> {
  compute(tokenizer: string, premiums: readonly PremiumOfLanguage[]): MetricOutcome<number>;
}

/**
 * Gini of the premiums of one tokenizer across the languages of the run; languages whose premium is null are
 * left out. The caller decides the sample: `toklens compare` leaves the pivot language out, because its premium
 * is 1 by definition (a fact of the protocol, not a measurement), and counting it would pull every tokenizer's
 * gini towards the pivot by the same constant. It depends on which languages are in the run, so compare
 * tokenizers on the same language set.
 *
 * Source: Gini coefficient (Gini 1912) as a parity summary; premiums from Petrov et al. (2023), NeurIPS.
 */
export const gini: SummaryMetricDefinition = {
  name: "gini",
  description: "Gini coefficient of this tokenizer's premiums across the run's languages (0 = parity).",
  unit: "coefficient (0-1)",
  better: "lower",
  source: "Gini coefficient over premiums (Petrov et al. 2023)",
  compute(tokenizer, premiums) {
    const values = premiums.flatMap((p) => (p.premium === null ? [] : [p.premium]));
    const warn = (code: MetricWarningCode, message: string): MetricOutcome<number> => ({
      value: null,
      warnings: [{ code, message, tokenizer } satisfies Warning],
    });
    // a run with one language besides the pivot has no spread to measure: null, and nothing the user must fix
    if (premiums.length < 2) return { value: null, warnings: [] };
    if (values.length < 2) {
      return warn(
        "too-few-languages",
        `gini for ${tokenizer} needs premiums in at least 2 languages, got ${values.length}; add languages (and the pivot) to the run.`,
      );
    }
    const g = giniCoefficient(values);
    if (g === null) return warn("zero-denominator", `gini for ${tokenizer} is undefined: every premium is 0.`);
    return ok(g);
  },
};
