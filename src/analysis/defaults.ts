// The defaults and closed sets that the CLI, the analysis schema and the library share, in one place to import from
// (each is defined next to the code that applies it; commands read them here instead of writing the values again).
export { listChoices } from "../closed-set.js";
export {
  DEFAULT_FLORES_SPLIT,
  FLORES_SPLITS,
  isFloresSplit,
  parseFloresSplit,
  type FloresSplit,
} from "../corpus/flores-splits.js";
export {
  CORPUS_FORMS,
  CORPUS_OPTIONS,
  DEFAULT_CORPUS,
  DEFAULT_CORPUS_OPTIONS,
  JOIN_MODES,
  parseJoinMode,
  SPLIT_WITH_DEFAULT,
  type JoinMode,
  TABLE_OPTION_NAMES,
  type CorpusOptionName,
  type TableOptions,
  type CorpusOptionSpec,
} from "../corpus/corpus-options.js";
export { DEFAULT_METRIC_OPTIONS, DEFAULT_PIVOT_LANGUAGE, EFFICIENCY_VOCAB_SIZES } from "../metrics/options.js";
export {
  CHART_EXPORTS,
  CHART_IMAGE_FORMATS,
  DEFAULT_CHART_EXPORT,
  NO_CHART_IMAGES,
  isChartExport,
  type ChartExport,
} from "../report/chart-formats.js";
export { DEFAULT_HELD_OUT_EVERY } from "../vocab/adapt.js";
export { DEFAULT_EXAMPLES_PER_CLASS, DEFAULT_LONGEST_ENTRIES } from "../vocab/composition.js";
export { DEFAULT_DIFF_EXAMPLES } from "../vocab/vocab-diff.js";
