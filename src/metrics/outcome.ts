// Small constructors for metric outcomes, so every null carries a warning naming tokenizer and language.
import type { TokenizedLanguage, Warning } from "../types.js";
import type { MetricOutcome } from "./types.js";
import type { MetricWarningCode } from "../warning-codes.js";

/** Machine-readable warning codes the metrics emit (the table is in src/warning-codes.ts). */
export type { MetricWarningCode };

/** A warning about `data`'s tokenizer x language. */
export function metricWarning(
  data: Pick<TokenizedLanguage, "tokenizer" | "language">,
  code: MetricWarningCode,
  message: string,
): Warning {
  return { code, message, tokenizer: data.tokenizer, language: data.language };
}

/** A computed value; refuses NaN and Infinity, which would be a bug in the caller's arithmetic. */
export function ok<V extends number | [number, number]>(value: V, warnings: Warning[] = []): MetricOutcome<V> {
  const parts: readonly number[] = typeof value === "number" ? [value] : (value as [number, number]);
  for (const x of parts) {
    if (!Number.isFinite(x))
      throw new Error(`internal error: a metric produced ${x}; metrics must return finite numbers or null`);
  }
  return { value, warnings };
}

/** A value that cannot be computed: null plus the warning that says why. */
export function missing<V>(warning: Warning, more: Warning[] = []): MetricOutcome<V> {
  return { value: null, warnings: [...more, warning] };
}

/** `numerator / denominator`, or null with a warning when the denominator is zero. */
export function ratio(
  data: Pick<TokenizedLanguage, "tokenizer" | "language">,
  metric: string,
  numerator: number,
  denominator: number,
  code: MetricWarningCode,
  what: string,
): MetricOutcome<number> {
  if (denominator > 0) return ok(numerator / denominator);
  return missing(
    metricWarning(data, code, `${metric} is undefined for ${data.tokenizer} on ${data.language}: ${what}.`),
  );
}

/**
 * `count / measuredWords` for the in-context word metrics; null with a warning when no word was measured
 * or when some words could not be measured (a share over the rest could be biased).
 */
export function wordRatio(data: TokenizedLanguage, metric: string, count: number): MetricOutcome<number> {
  const unplaced = data.wordOccurrences - data.measuredWords;
  if (unplaced > 0) {
    return missing(
      metricWarning(
        data,
        "unplaced-words",
        `${metric} is null for ${data.tokenizer} on ${data.language}: the tokens of ${unplaced} of ${data.wordOccurrences} words could not be ` +
          `placed in the text (the tokenizer's normalizer changes it, and its engine gives no offsets). Use a tokenizer.json through the native engine.`,
      ),
    );
  }
  return ratio(data, metric, count, data.measuredWords, "no-words", "the text has no words");
}
