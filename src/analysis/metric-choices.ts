// What a command may ask of the metrics: their names and definitions, and the parsers of metric options.
export { METRICS, parseMetricNames } from "../metrics/registry.js";
export { EFFICIENCY_VOCAB_SIZES, parseEfficiencyVocabSize, resolveMetricOptions } from "../metrics/options.js";
export type { MetricName } from "../metrics/types.js";
