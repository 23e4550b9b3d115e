// Types shared by every metric module: names, value types, options, the definition shape.
import type { TokenizedLanguage, Warning } from "../types.js";

/**
 * The value type of each per-language metric, keyed by its snake_case name (the JSON field name of
 * `toklens compare --json`). Adding a key here without a registry entry or a test fails to compile.
 */
export interface MetricValueMap {
  fertility: number;
  continued_words: number;
  word_fertility: number;
  strr: number;
  strr_isolated: number;
  bytes_per_token: number;
  chars_per_token: number;
  nsl: number;
  premium: number;
  /** `[lower, upper]` bounds of the bootstrap interval. */
  premium_ci: [number, number];
  unk_rate: number;
  lossy_chars: number;
  byte_fallback_rate: number;
  unique_tokens: number;
  vocab_utilization: number;
  renyi_efficiency: number;
  shannon_efficiency: number;
}

/** A per tokenizer x language metric. */
export type MetricName = keyof MetricValueMap;

/** A per-tokenizer summary metric computed across the languages of a run. */
export type SummaryMetricName = "gini";

/** Any metric value; `null` means "could not be computed" and comes with a warning. */
export type MetricValue = number | [number, number] | null;

/** Per-metric values of a selection of metrics, each `null` when it could not be computed. */
export type MetricValues<M extends MetricName = MetricName> = { [K in M]: MetricValueMap[K] | null };

/**
 * How the denominator of the efficiency metrics counts the vocabulary, in the order help texts list them:
 * `vocabulary` is the tokenizer's vocabulary size (`TokenizedLanguage.vocabSize`), as in Zouhar et al. 2023;
 * `observed` the number of distinct token types observed in the text, as tokenization-scorer does by default.
 */
export const EFFICIENCY_VOCAB_SIZES = ["vocabulary", "observed"] as const;
export type EfficiencyVocabSize = (typeof EFFICIENCY_VOCAB_SIZES)[number];

/** Options of the metrics; every field has a default. */
export interface MetricOptions {
  /**
   * Order alpha of the Rényi entropy in `renyi_efficiency` (alpha >= 0; 1 gives Shannon; `Infinity` gives
   * min-entropy).
   * @default 2.5
   */
  renyiAlpha?: number;
  /**
   * Which vocabulary size divides the entropy in `renyi_efficiency` and `shannon_efficiency`.
   * `"vocabulary"` is the tokenizer's full vocabulary (what toklens uses for real tokenizers);
   * `"observed"` is the number of distinct tokens seen (reproduces tokenization-scorer).
   * @default "vocabulary"
   */
  efficiencyVocabSize?: EfficiencyVocabSize;
  /**
   * Number of bootstrap resamples for `premium_ci` (a positive integer).
   * @default 1000
   */
  bootstrapResamples?: number;
  /**
   * Confidence level of `premium_ci`, strictly between 0 and 1.
   * @default 0.95
   */
  confidenceLevel?: number;
  /**
   * Seed of the PRNG that draws bootstrap resamples (an integer; used modulo 2^32). Each
   * tokenizer x language starts a fresh generator from this seed, so results do not depend on the
   * order or sharding of the computation.
   * @default 20240917
   */
  seed?: number;
}

/** `MetricOptions` with every default filled in and validated. */
export type ResolvedMetricOptions = Required<MetricOptions>;

/** What a metric's compute function sees besides the data it measures. */
export interface MetricContext {
  /**
   * The same tokenizer on the pivot language (default pivot `eng_Latn`), for `premium` and `premium_ci`.
   * Absent: those metrics are null with a warning.
   */
  pivot?: TokenizedLanguage | undefined;
  /**
   * The reference tokenizer on the same language, for `nsl`. Absent: `nsl` is null with a warning.
   */
  reference?: TokenizedLanguage | undefined;
  options: ResolvedMetricOptions;
}

/** A metric's value plus the warnings explaining a `null` (or a caveat). */
export interface MetricOutcome<V> {
  value: V | null;
  warnings: Warning[];
}

/** Whether a lower or a higher value is better, or neither (for marking the best value in tables). */
export type Better = "lower" | "higher" | null;

/** Everything a table, a report or the JSON output needs to know about one metric. */
export interface MetricDefinitionBase<N extends string> {
  name: N;
  /** One sentence for `--help` and report legends. */
  description: string;
  /** Unit of the value, e.g. "tokens/word". */
  unit: string;
  better: Better;
  /** Paper (and section) or package the definition comes from. */
  source: string;
  /** Column of the report's numbers table; absent: not in that table. */
  display?: MetricDisplay;
}

/** A per tokenizer x language metric: a pure function of the tokenized data. */
/**
 * How a metric shows in the report's numbers table: its column label and number format. A metric without it is in
 * results.json, results.csv and the terminal tables, not in that table.
 */
export interface MetricDisplay {
  /** Column label, e.g. "Fertility". */
  label: string;
  /** `number` with `digits` decimals, `percent` of a 0..1 share with `digits` decimals, or `integer`. */
  format: "number" | "percent" | "integer";
  digits?: number;
}

/** A metric of any name: the shape `registerMetric` takes for metrics outside the built-in registry. */
export interface AnyMetricDefinition extends MetricDefinitionBase<string> {
  compute(data: TokenizedLanguage, context: MetricContext): MetricOutcome<number | [number, number]>;
}

export interface MetricDefinition<N extends MetricName = MetricName> extends MetricDefinitionBase<N> {
  compute(data: TokenizedLanguage, context: MetricContext): MetricOutcome<MetricValueMap[N]>;
}
