// The public API of toklens: the entry points a library user needs and their types, explicit named exports only.
// test/package/public-api.test.ts pins this list: internals are imported from their own modules, never from here.

// Errors: what the user can fix, each mapped to an exit code by the CLI.
export { ToklensError, ConfigError, TokenizerLoadError, CorpusError, OutputError } from "./errors.js";
export { TOOLKIT_VERSION } from "./version.js";
export type { LanguageCode, Segment, Warning, SegmentCounts, TokenizedLanguage, TokenizerInfo } from "./types.js";

// Load a tokenizer: a built-in id, a file, or an hf: reference.
export { loadTokenizer } from "./tokenizers/load.js";
export type { LoadTokenizerOptions } from "./tokenizers/load.js";
export { BUILTIN_TOKENIZERS } from "./tokenizers/registry.js";
export type { BuiltinTokenizer, BuiltinSource } from "./tokenizers/registry.js";
export type { HubOptions } from "./tokenizers/hf-hub.js";
export type {
  Tokenizer,
  TokenizerSpec,
  TokenizerFamily,
  BackendKind,
  VocabEntry,
  EncodeResult,
  EncodeOptions,
} from "./tokenizers/tokenizer.js";
// The token-boundary view: how a tokenizer splits a text, byte pieces grouped under the characters they build.
export { tokenView } from "./tokenizers/token-pieces.js";
export type { TokenGroup, ViewToken } from "./tokenizers/token-pieces.js";
export { tokenViewPage } from "./report/token-view-html.js";
// Token samples in results.json are packed: unpackTokenSplit restores each token's text span, stored string and bytes.
export { unpackTokenSplit } from "./results/packed-tokens.js";
export type { PackedTokenSplit } from "./results/packed-tokens.js";
export type { TokenSample } from "./results/report-data.js";

// Open a corpus and its languages.
export { openCorpus } from "./corpus/open-corpus.js";
export type { Corpus, CorpusOptions } from "./corpus/open-corpus.js";
export { listLanguages, resolveLanguage } from "./corpus/languages.js";
export type { LanguageInfo } from "./corpus/languages.js";
export { segmentWords } from "./corpus/words.js";
export { corpusStats } from "./corpus/corpus-stats.js";
export type { LanguageStats } from "./corpus/corpus-stats.js";

// Metrics over one tokenized language (what compare computes for each tokenizer x language).
export { tokenizeLanguage } from "./tokenize/tokenize-corpus.js";
export { METRICS, METRIC_NAMES, computeMetrics, computeSummary, registerMetric } from "./metrics/registry.js";
export type {
  ComputeMetricsContext,
  MetricsResult,
  LanguageMetrics,
  TokenizerSummary,
  MetricPlugin,
} from "./metrics/registry.js";
export { DEFAULT_METRIC_OPTIONS } from "./metrics/options.js";
export { mergeTokenizedLanguage } from "./metrics/merge.js";
export type {
  MetricName,
  SummaryMetricName,
  MetricValues,
  MetricOptions,
  MetricDefinition,
  AnyMetricDefinition,
  Better,
} from "./metrics/types.js";

// Compare tokenizers across languages, and two tokenizers with each other.
export { runCompare, DEFAULT_LANGUAGES } from "./analysis/compare.js";
export type { CompareOptions, CompareRun } from "./analysis/compare.js";
export { runDiff } from "./analysis/diff.js";
export type { DiffOptions } from "./analysis/diff.js";
export type { DiffResult, DiffLanguageRow, DiffChange } from "./results/diff.js";
export { readPriceTable } from "./analysis/prices.js";
export type { PriceTable, TokenPrice } from "./results/prices.js";
export type { CostRow } from "./metrics/cost.js";

// Vocabulary analyses.
export { QTOK_CLASSES, classifyVocabulary } from "./vocab/qtok.js";
export type { QtokClass, QtokPosition, QtokClassification, QtokOptions } from "./vocab/qtok.js";
export { vocabComposition } from "./vocab/composition.js";
export type { VocabComposition, CompositionOptions } from "./vocab/composition.js";
export { vocabOverlap } from "./vocab/overlap.js";
export type { OverlapReport, OverlapOptions } from "./vocab/overlap.js";
export { vocabCoverage } from "./vocab/coverage.js";
export type { VocabCoverage, CoverageOptions } from "./vocab/coverage.js";
export { vocabDiff } from "./vocab/vocab-diff.js";
export type { VocabDiff, VocabDiffOptions } from "./vocab/vocab-diff.js";
export { runVocab } from "./analysis/vocab.js";
export type { VocabOptions, VocabRun } from "./analysis/vocab.js";

// Adapt a tokenizer to a language: trim its vocabulary, or expand it with new merges.
export { planAdaptation } from "./analysis/adapt.js";
export type { AdaptOptions, AdaptResult } from "./analysis/adapt.js";
export { readTokenizerJson, writeTokenizerJson } from "./vocab/tokenizer-json.js";
export type { TokenizerJson } from "./vocab/tokenizer-json.js";
export { readTiktokenEncoding, tiktokenToTokenizerJson } from "./vocab/tiktoken-to-json.js";
export type { TiktokenEncoding, ConvertedTiktoken } from "./vocab/tiktoken-to-json.js";
export { trimReport, trimTokenizerJson, trimForTexts } from "./vocab/trim.js";
export type { TrimReport, TrimOptions, TrimmedTokenizer, CoveragePoint } from "./vocab/trim.js";
export { expandTokenizerJson, expansionCurve } from "./vocab/expand.js";
export type { ExpansionCurve, ExpansionPoint, ExpansionOptions, ExpandedTokenizer } from "./vocab/expand.js";

// Run a declarative analysis (tokenizers x corpora x metrics) into a report.
export { readAnalysisFile, validateAnalysis, analysisSchema } from "./analysis/config.js";
export type {
  AnalysisConfig,
  AnalysisCorpus,
  AnalysisVocab,
  AnalysisAdaptation,
  AnalysisDiff,
} from "./analysis/config.js";
export { defaultAnalysis } from "./analysis/default-analysis.js";
export type { DefaultAnalysisOverrides } from "./analysis/default-analysis.js";
export { runAnalysis } from "./analysis/run-analysis.js";
export type { RunAnalysisOptions, AnalysisRun, AnalysisPhase } from "./analysis/run-analysis.js";
export { reportHeadlines } from "./analysis/headlines.js";

// Write a report (HTML, JSON, CSV, Markdown, chart images) from the data the analyses return.
export { writeReport } from "./report/write-report.js";
export type { WriteReportOptions } from "./report/write-report.js";
export { vocabSectionFrom, adaptationStudyFrom } from "./report/from-vocab.js";
export type { ChartImageFormat } from "./report/export.js";
export type {
  ReportData,
  ReportFiles,
  ReportProvenance,
  VocabReportSection,
  AdaptationReportSection,
  AdaptationStudy,
} from "./results/report-data.js";
export type { CompareResult, CompareResultRow, CompareGroups, CompareGroupRow } from "./results/compare.js";
