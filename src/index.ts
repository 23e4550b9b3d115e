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
export { DEFAULT_METRIC_OPTIONS, DEFAULT_PIVOT_LANGUAGE, MAX_BOOTSTRAP_RESAMPLES, resolveMetricOptions } from "./metrics/options.js";
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
export { QTOK_CLASSES, classifyEntry, classifyVocabulary, isByteLevelVocabulary, alphaScript } from "./vocab/qtok.js";
export type { QtokClass, QtokPosition, QtokClassification, QtokOptions } from "./vocab/qtok.js";
export { scriptOf, scriptOfCodePoint, knownScripts } from "./vocab/scripts.js";
export { vocabComposition } from "./vocab/composition.js";
export type { VocabComposition, CompositionOptions, ClassShare, ScriptPositionRow, EntrySummary } from "./vocab/composition.js";
export { vocabOverlap, jaccard, decodedSet, decodedKey, averageLinkage } from "./vocab/overlap.js";
export type { OverlapReport, OverlapOptions, LinkageStep } from "./vocab/overlap.js";
export { vocabCoverage } from "./vocab/coverage.js";
export type { VocabCoverage, LanguageCoverage, ScriptCoverage, CoverageOptions } from "./vocab/coverage.js";
export { readTokenizerJson, writeTokenizerJson, mergePair } from "./vocab/tokenizer-json.js";
export type { TokenizerJson, AddedTokenJson, BpeModelJson, UnigramModelJson } from "./vocab/tokenizer-json.js";
export { readTiktokenEncoding, tiktokenToTokenizerJson } from "./vocab/tiktoken-to-json.js";
export type { TiktokenEncoding, ConvertedTiktoken } from "./vocab/tiktoken-to-json.js";
export { COVERAGE_TARGETS, rankTokens, coverageCurve, selectTrimmedTokens, trimTokenizerJson, trimReport, trimForTexts, verifyTrimmed, tokenFrequencies } from "./vocab/trim.js";
export type { TrimReport, TrimOptions, TrimmedTokenizer, TrimVerification, CoveragePoint, RankedToken } from "./vocab/trim.js";
export { continueBpe } from "./vocab/bpe-continue.js";
export type { LearnedMerge, ContinueBpeOptions } from "./vocab/bpe-continue.js";
export { splitSegments, learnExpansion, expandTokenizerJson, expansionCurve, kneePoint } from "./vocab/expand.js";
export type { ExpansionCurve, ExpansionPoint, ExpansionOptions, ExpandedTokenizer } from "./vocab/expand.js";
export { planAdaptation, baseTokenizerJson } from "./vocab/adapt.js";
export type { AdaptOptions, AdaptResult } from "./vocab/adapt.js";
export { writeReport } from "./report/write-report.js";
export type { WriteReportOptions } from "./report/write-report.js";
export type {
  ReportData, ReportFiles, ReportProvenance, CompareResult, CompareResultRow, VocabReportSection, VocabTokenizerReport,
  VocabClassCount, VocabScriptCount, VocabEntryExample, VocabOverlap, AdaptationReportSection, AdaptationStudy,
  AdaptationTrimmingPoint, AdaptationExpansionPoint,
} from "./report/report-data.js";
export type { CompareGroups, CompareGroupRow, CompareLorenzCurve } from "./report/report-data.js";
export { buildReportModel } from "./report/report-model.js";
export type { ReportModel } from "./report/report-model.js";
export { CHARTS, buildCharts } from "./report/chart-registry.js";
export type { BuiltChart, ChartDefinition, ReportSection } from "./report/chart-registry.js";
export { renderChartImages, chartToSvg, DEFAULT_FONT_DIRS } from "./report/export.js";
export type { ChartImageFormat, ChartImageOptions } from "./report/export.js";
export { vocabSectionFrom, compositionToReport, adaptationStudyFrom } from "./report/from-vocab.js";
export { loadTokenizer, loadFromSpec, resolveTokenizerSpec, specSha256 } from "./tokenizers/load.js";
export type { LoadTokenizerOptions } from "./tokenizers/load.js";
export { BUILTIN_TOKENIZERS, findBuiltin, isInstalled, installCommand } from "./tokenizers/registry.js";
export type { BuiltinTokenizer, BuiltinSource } from "./tokenizers/registry.js";
export { prepareLanguage, tokenizeLanguage, tokenFlags } from "./corpus/tokenize-corpus.js";
export type { PreparedLanguage, TokenFlags } from "./corpus/tokenize-corpus.js";
export { runTokenize } from "./corpus/run-tokenize.js";
export type { TokenizeRun, TokenizeRunOptions, TokenizeProgress } from "./corpus/run-tokenize.js";
export { TokenizeCache, defaultCacheDir } from "./corpus/tokenize-cache.js";
export type { TokenizerInfo } from "./corpus/tokenize-cache.js";
export { runCompare, DEFAULT_LANGUAGES } from "./analysis/compare.js";
export type { CompareOptions, CompareRun } from "./analysis/compare.js";
export { runDiff, changeOf, DIFF_CHANGES } from "./analysis/diff.js";
export type { DiffOptions, DiffResult, DiffLanguageRow, DiffChange } from "./analysis/diff.js";
export { vocabDiff } from "./vocab/vocab-diff.js";
export type { VocabDiff, VocabDiffSide, VocabDiffGroup, VocabDiffOptions } from "./vocab/vocab-diff.js";
export { parsePriceTable, readPriceTable, priceFor } from "./analysis/prices.js";
export type { PriceTable, TokenPrice } from "./analysis/prices.js";
export { costAndContext } from "./metrics/cost.js";
export type { CostRow, CostInputRow, CostPrice, CostOptions } from "./metrics/cost.js";
export { analysisSchema, analysisSchemaText, validateAnalysis, readAnalysisFile, writeAnalysisSchema } from "./analysis/config.js";
export type { AnalysisConfig, AnalysisCorpus, AnalysisVocab, AnalysisAdaptation, AnalysisDiff, JsonSchema } from "./analysis/config.js";
export { runAnalysis } from "./analysis/run-analysis.js";
export type { RunAnalysisOptions, AnalysisRun, AnalysisPhase } from "./analysis/run-analysis.js";
export { vocabSection } from "./analysis/vocab-section.js";
export type { VocabSectionOptions, VocabSectionResult } from "./analysis/vocab-section.js";
export { defaultAnalysis, defaultReportTokenizers, DEFAULT_REPORT_EXCLUDED } from "./analysis/default-analysis.js";
export type { DefaultAnalysisOverrides } from "./analysis/default-analysis.js";
export { reportHeadlines } from "./analysis/headlines.js";
export { joinedInput, joinSegmentTexts, JOINED_SEGMENT_ID, MAX_JOINED_CHARS } from "./corpus/join-segments.js";
export type { JoinedInput } from "./corpus/join-segments.js";
export { lorenzCurve, giniFromLorenz } from "./metrics/lorenz.js";
export type { LorenzPoint } from "./metrics/lorenz.js";
export { groupRows, lorenzCurves, readGroupCsv, scriptGroups, bootstrapMedian, GROUP_BY_SCRIPT } from "./analysis/groups.js";
export type { LanguageGroups } from "./analysis/groups.js";
export { morphScore, readMorphGold, scoreWord, MORPH_EXCLUSIONS, MORPH_CONTEXT } from "./analysis/morph.js";
export type { MorphGoldItem, MorphScoreResult, MorphExclusion } from "./analysis/morph.js";
export { bosToAdd, withBos } from "./tokenizers/special-tokens.js";
export type { AddedBos } from "./tokenizers/special-tokens.js";
export { EFFICIENCY_VOCAB_SIZES, isEfficiencyVocabSize, parseEfficiencyVocabSize } from "./metrics/options.js";

// The token-boundary view: how a tokenizer splits a text, byte pieces grouped under the characters they build.
export { groupTokens, tokenView, visibleWhitespace } from "./tokenizers/token-pieces.js";
export type { TokenGroup, ViewToken } from "./tokenizers/token-pieces.js";
export { tokenSamples, cutSample, SAMPLE_MAX_CHARS } from "./analysis/token-samples.js";
export type { TokenSample, TokenSampleSection } from "./report/report-data.js";
export { packTokenSplit, unpackTokenSplit, STORED_SPELLINGS } from "./report/packed-tokens.js";
export type { PackedTokenSplit, StoredSpelling } from "./report/packed-tokens.js";
export { tokenViewPage } from "./report/token-view-html.js";
