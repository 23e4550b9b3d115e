// The public API of toklens: explicit named exports only.
export { ToklensError, ConfigError, TokenizerLoadError, CorpusError, OutputError } from "./errors.js";
export type { LanguageCode, Segment, Warning, SegmentCounts, TokenizedLanguage } from "./types.js";
export type {
  Tokenizer,
  TokenizerSpec,
  TokenizerFamily,
  BackendKind,
  VocabEntry,
  EncodeResult,
  EncodeOptions,
} from "./tokenizers/tokenizer.js";
export { TOOLKIT_VERSION } from "./version.js";
export { parseHfRef, resolveHfTokenizer } from "./tokenizers/hf-hub.js";
export type { HubOptions, HubTokenizerFiles } from "./tokenizers/hf-hub.js";
export {
  METRICS,
  SUMMARY_METRICS,
  METRIC_NAMES,
  computeMetrics,
  computeSummary,
  parseMetricNames,
} from "./metrics/registry.js";
export type { ComputeMetricsContext, MetricsResult, LanguageMetrics, TokenizerSummary } from "./metrics/registry.js";
export type {
  MetricName,
  SummaryMetricName,
  MetricValue,
  MetricValueMap,
  MetricValues,
  MetricOptions,
  ResolvedMetricOptions,
  EfficiencyVocabSize,
  MetricContext,
  MetricOutcome,
  MetricDefinition,
  MetricDefinitionBase,
  Better,
} from "./metrics/types.js";
export { DEFAULT_METRIC_OPTIONS, DEFAULT_PIVOT_LANGUAGE, resolveMetricOptions } from "./metrics/options.js";
export { mergeTokenizedLanguage } from "./metrics/merge.js";
export { giniCoefficient } from "./metrics/gini.js";
export type { SummaryMetricDefinition, PremiumOfLanguage } from "./metrics/gini.js";
export { renyiEntropy, shannonEntropy } from "./metrics/entropy.js";
export { bootstrapRatio, quantileSorted } from "./metrics/bootstrap.js";
export type { BootstrapSettings, BootstrapResult } from "./metrics/bootstrap.js";
export { mulberry32 } from "./metrics/prng.js";
export { sumSegments } from "./metrics/totals.js";
export type { CountTotals } from "./metrics/totals.js";
export type { MetricWarningCode } from "./metrics/outcome.js";
export { listLanguages, resolveLanguage, resolveLanguageDetailed, resolveCorpusLanguage, findLanguage } from "./corpus/languages.js";
export type { LanguageInfo, LanguageResolution } from "./corpus/languages.js";
export { segmentWords, countWords, wordUnitOf } from "./corpus/words.js";
export type { WordUnit } from "./corpus/scripts.js";
export { openCorpus, parseCorpusSource, CORPUS_FORMS } from "./corpus/open-corpus.js";
export type { Corpus, CorpusOptions } from "./corpus/open-corpus.js";
export { corpusStats, languageStats } from "./corpus/corpus-stats.js";
export type { LanguageStats } from "./corpus/corpus-stats.js";
export { readLines } from "./corpus/read-lines.js";
export type { Line, ReadLinesOptions } from "./corpus/read-lines.js";
