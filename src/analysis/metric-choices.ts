// What a command may ask of the metrics: the --metrics list and the metric options, each help text written once
// and each value checked before the tokenize phase (a bad value fails in seconds, not after minutes of work).
import { ConfigError } from "../errors.js";
import {
  DEFAULT_METRIC_OPTIONS,
  EFFICIENCY_VOCAB_SIZES,
  parseEfficiencyVocabSize,
  resolveMetricOptions,
} from "../metrics/options.js";
import { metricNames, parseMetricNames } from "../metrics/registry.js";
import type { MetricName, MetricOptions } from "../metrics/types.js";

export type { MetricName };

/** `--metrics`' help: every metric in column order (registered ones included). */
export function metricsHelp(): string {
  return `comma-separated metrics (default: all); one of ${metricNames().join(", ")}`;
}

/** `--efficiency-vocab`'s help, with a command's own note on the conventions. */
export function efficiencyVocabHelp(note: string): string {
  return `|V| of the Rényi/Shannon efficiencies: ${EFFICIENCY_VOCAB_SIZES.join(" | ")} ${note}`;
}

/** The names of `--metrics a,b`, checked against the registry (a typo names the closest metrics). */
export function parseMetricList(names: readonly string[]): MetricName[] {
  return parseMetricNames(names);
}

/** The `--efficiency-vocab` value, checked. */
export const parseEfficiencyVocab = parseEfficiencyVocabSize;

/** The metric-option flags of compare and diff, already parsed to numbers by the command (absent: the default). */
export interface MetricOptionFlags {
  /** `--alpha`, as typed. */
  alpha?: string;
  efficiencyVocab?: string;
  seed?: number;
  resamples?: number;
}

/**
 * Metric options from the flags a command has: the bootstrap settings always, the efficiency settings when the
 * command offers them (`alpha` present). Every value is checked now.
 */
export function metricOptionsFrom(flags: MetricOptionFlags): MetricOptions {
  const options: MetricOptions = {};
  if (flags.alpha !== undefined) {
    const alpha = Number(flags.alpha);
    if (!Number.isFinite(alpha)) throw new ConfigError(`Invalid --alpha '${flags.alpha}'. Use a number such as 2.5.`);
    options.renyiAlpha = alpha;
    options.efficiencyVocabSize = parseEfficiencyVocabSize(
      flags.efficiencyVocab ?? DEFAULT_METRIC_OPTIONS.efficiencyVocabSize,
    );
  }
  if (flags.seed !== undefined) options.seed = flags.seed;
  options.bootstrapResamples = flags.resamples ?? DEFAULT_METRIC_OPTIONS.bootstrapResamples;
  resolveMetricOptions(options);
  return options;
}
