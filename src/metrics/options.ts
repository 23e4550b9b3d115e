// Defaults and validation of MetricOptions; bad options are the user's to fix, so they raise ConfigError.
import { ConfigError } from "../errors.js";
import type { LanguageCode } from "../types.js";
import {
  EFFICIENCY_VOCAB_SIZES,
  type EfficiencyVocabSize,
  type MetricOptions,
  type ResolvedMetricOptions,
} from "./types.js";

/** The conventions of `efficiencyVocabSize` (`--efficiency-vocab`), in the order help texts list them. */
export { EFFICIENCY_VOCAB_SIZES };

export function isEfficiencyVocabSize(value: unknown): value is EfficiencyVocabSize {
  return (EFFICIENCY_VOCAB_SIZES as readonly unknown[]).includes(value);
}

/** Checks a `--efficiency-vocab` value, naming the choices. */
export function parseEfficiencyVocabSize(value: string): EfficiencyVocabSize {
  if (isEfficiencyVocabSize(value)) return value;
  throw new ConfigError(
    `Invalid --efficiency-vocab '${value}'. Use ${EFFICIENCY_VOCAB_SIZES.join(" or ")}: "vocabulary" divides by the tokenizer's vocabulary size, "observed" by the distinct tokens seen (tokenization-scorer's default).`,
  );
}

/** The pivot language of `premium` when none is given (Petrov et al. 2023 use English). */
export const DEFAULT_PIVOT_LANGUAGE: LanguageCode = "eng_Latn";

/**
 * The most bootstrap resamples accepted: past this the interval's digits no longer move, while the run time
 * grows linearly (10^9 would run for hours).
 */
export const MAX_BOOTSTRAP_RESAMPLES = 100_000;

/** Every metric option's default. */
export const DEFAULT_METRIC_OPTIONS: Readonly<ResolvedMetricOptions> = Object.freeze({
  renyiAlpha: 2.5,
  efficiencyVocabSize: "vocabulary",
  bootstrapResamples: 1000,
  confidenceLevel: 0.95,
  seed: 20240917,
});

/** Fill in defaults and check every option, naming the bad value and the fix. */
export function resolveMetricOptions(options: MetricOptions = {}): ResolvedMetricOptions {
  const r: ResolvedMetricOptions = { ...DEFAULT_METRIC_OPTIONS };
  for (const [key, value] of Object.entries(options) as [keyof MetricOptions, unknown][]) {
    if (value !== undefined) (r as Record<string, unknown>)[key] = value;
  }
  const alpha = r.renyiAlpha;
  if (typeof alpha !== "number" || Number.isNaN(alpha) || alpha < 0) {
    throw new ConfigError(
      `Invalid Rényi alpha ${String(alpha)}. Use a number >= 0 (2.5 is the default; 1 gives Shannon entropy), e.g. --alpha 2.5.`,
    );
  }
  if (!isEfficiencyVocabSize(r.efficiencyVocabSize)) {
    throw new ConfigError(
      `Invalid efficiency vocabulary-size convention '${String(r.efficiencyVocabSize)}'. Use "vocabulary" (the tokenizer's vocabulary size) or "observed" (distinct tokens seen).`,
    );
  }
  if (!Number.isSafeInteger(r.bootstrapResamples) || r.bootstrapResamples < 1) {
    throw new ConfigError(
      `Invalid number of bootstrap resamples ${String(r.bootstrapResamples)}. Use a positive integer (1000 is the default).`,
    );
  }
  if (r.bootstrapResamples > MAX_BOOTSTRAP_RESAMPLES) {
    throw new ConfigError(
      `Too many bootstrap resamples: ${r.bootstrapResamples}. The cap is ${MAX_BOOTSTRAP_RESAMPLES.toLocaleString("en-US")} (1000 is the default and enough for two-digit intervals); use e.g. --resamples 10000.`,
    );
  }
  const level = r.confidenceLevel;
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new ConfigError(
      `Invalid confidence level ${String(level)}. Use a number strictly between 0 and 1, e.g. 0.95.`,
    );
  }
  if (!Number.isSafeInteger(r.seed)) {
    throw new ConfigError(`Invalid seed ${String(r.seed)}. Use an integer, e.g. --seed 42.`);
  }
  return r;
}
