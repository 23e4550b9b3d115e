// The data a report is rendered from: the `toklens compare --json` result plus optional vocabulary and adaptation sections.
import type { DiffResult } from "./diff.js";
import type { Warning } from "../types.js";
import type { MorphScoreResult } from "./morph.js";
import type { PackedTokenSplit } from "./packed-tokens.js";
import type { CompareResult } from "./compare.js";

/** One Qtok-style class of vocabulary entries (e.g. `word-initial Latin`, `digits`, `byte`). */
export interface VocabClassCount {
  /** Vocabulary entries in the class. */
  count: number;
  /** `count / vocabSize` (0..1). */
  share: number;
}

/** Vocabulary entries of one script at one position in a word. */
export interface VocabScriptCount {
  /** ISO 15924 script name or code (`Latin`, `Deva`, ...), or `Common`/`Unknown`. */
  script: string;
  /** Where the entry can stand: e.g. `initial` (carries the word-start marker), `continuation`, `other`. */
  position: string;
  count: number;
}

/** One vocabulary entry, already decoded to display text. */
export interface VocabEntryExample {
  /** Token id. */
  id: number;
  /**
   * The entry as readable text (byte-level markers decoded). Rendered as text, never as HTML. An entry longer than
   * 200 code points is cut to its first 200 followed by `… (N chars)`.
   */
  text: string;
  /** Length of the whole entry in Unicode code points (before any cut). */
  chars: number;
}

/** The vocabulary analysis of one tokenizer. */
export interface VocabTokenizerReport {
  /** Tokenizer id (matches `CompareResult.tokenizers[].id`). */
  tokenizer: string;
  vocabSize: number;
  /** Qtok classes: class name -> count and share of the vocabulary. */
  classes: Record<string, VocabClassCount>;
  /** Script x position counts. */
  scripts: VocabScriptCount[];
  /** The longest entries, longest first. */
  longest: VocabEntryExample[];
  /** A few example entries per class (keys as in `classes`). */
  examples: Record<string, VocabEntryExample[]>;
}

/** Pairwise vocabulary overlap between tokenizers. */
export interface VocabOverlap {
  /** Tokenizer ids, in the order of the rows and columns of `jaccard`. */
  tokenizers: string[];
  /** `jaccard[i][j]` = |Vi ∩ Vj| / |Vi ∪ Vj| over decoded entries (0..1, symmetric, 1 on the diagonal). */
  jaccard: number[][];
  /** Leaf order of a hierarchical clustering of the tokenizers (a permutation of `tokenizers`). */
  order: string[];
}

/** Vocabulary composition and overlap, filled by the vocab analyses. Plain JSON. */
export interface VocabReportSection {
  tokenizers: VocabTokenizerReport[];
  /**
   * Tokenizers of the run measured by their counts only (`counts:`), which have no vocabulary or token ids: left out
   * of this section, and named in a note on the page. Absent when there are none.
   */
  countsOnly?: string[];
  /** Absent when fewer than two tokenizers were analysed. */
  overlap?: VocabOverlap;
}

/** Vocabulary trimming: how many of a tokenizer's entries a language needs for a given token coverage. */
export interface AdaptationTrimmingPoint {
  /** Share (0..1) of the language's token occurrences covered. */
  coverage: number;
  /** Most-frequent vocabulary entries needed to reach `coverage`. */
  tokens_needed: number;
}

/** Vocabulary expansion: the effect of adding new entries trained on the language. */
export interface AdaptationExpansionPoint {
  /** Entries added to the vocabulary (0 = the original tokenizer). */
  added_tokens: number;
  /** Tokens per word after the expansion. */
  fertility: number | null;
  /** Premium against the pivot language after the expansion. */
  premium: number | null;
}

/** One adaptation study: one tokenizer and one language. */
export interface AdaptationStudy {
  tokenizer: string;
  language: string;
  /** Coverage table, by increasing coverage. */
  trimming?: AdaptationTrimmingPoint[];
  /** Expansion curve, by increasing `added_tokens`. */
  expansion?: AdaptationExpansionPoint[];
}

/** One strategy at one budget (or the base tokenizer, `requested` 0), measured on held-out text. */
export interface AdaptationBudgetPoint {
  requested: number;
  added_tokens: number;
  /** Largest premium across the target languages. */
  max_premium: number | null;
  mean_premium: number | null;
  /** Gini of the target languages' premiums. */
  gini: number | null;
  /** The pivot's own held-out tokens with the same tokenizer. */
  pivot_tokens: number;
  /** Held-out premium of each target language with its 95% bootstrap interval. */
  premiums: Record<string, { premium: number | null; ci: [number, number] | null }>;
}

/** One strategy's curve: the base tokenizer first, then each budget. */
export interface AdaptationBudgetCurve {
  strategy: string;
  /** Added tokens after which max premium stops falling much (Kneedle), or null. */
  knee_at: number | null;
  points: AdaptationBudgetPoint[];
  /** Examples of the new tokens each language got at the largest budget (decoded text). */
  examples: Record<string, string[]>;
}

/** One budget of new tokens shared by several languages: one tokenizer, every strategy asked for. */
export interface AdaptationBudgetStudy {
  tokenizer: string;
  languages: string[];
  /** How train, dev and held-out text were split. */
  split: string;
  curves: AdaptationBudgetCurve[];
  /** Whether parity beat frequency on held-out max premium, per budget, in words. */
  verdicts: string[];
}

/** Trimming and expansion results, filled by the adaptation analyses. Plain JSON. */
export interface AdaptationReportSection {
  studies: AdaptationStudy[];
  /** Shared-budget studies (`langs` + `budget` entries); absent when there are none. */
  budgets?: AdaptationBudgetStudy[];
}

/** MorphScore of one tokenizer on one gold file (`toklens morph --json` rows): the analysis result as is. */
export type MorphReportRow = MorphScoreResult;

/** MorphScore results, filled when an analysis names gold files. Plain JSON. */
export interface MorphReportSection {
  results: MorphReportRow[];
  /**
   * Tokenizers of the run measured by their counts only (`counts:`), which have no vocabulary or token ids: left out
   * of this section, and named in a note on the page. Absent when there are none.
   */
  countsOnly?: string[];
  /** Gold rows left out when the files were read (`gold-rows-skipped`). Absent when there are none. */
  warnings?: Warning[];
}

/** One language's sample segment as each tokenizer splits it (the report's token-boundary view). */
export interface TokenSample {
  /** Language code (matches `CompareResult.languages[].code`). */
  language: string;
  /** Id of the segment in the corpus. */
  segment: string;
  /**
   * The text encoded: the segment, cut to at most a few hundred characters (see `SAMPLE_MAX_CHARS`) after a sentence
   * end where there is one (`cutSampleAt`).
   */
  text: string;
  /** Where the segment was cut, when it was: after a sentence, at a space, or inside a word. Absent: the whole segment. */
  cut?: "sentence" | "space" | "char";
  /** The whole segment's length in code points, when it was cut. */
  segmentChars?: number;
  /** One split per tokenizer, in the report's tokenizer order, packed (`unpackTokenSplit(text, split)` gives its groups). */
  splits: PackedTokenSplit[];
}

/** The token-boundary view: one sample per language. Plain JSON. */
export interface TokenSampleSection {
  samples: TokenSample[];
  /**
   * Tokenizers of the run measured by their counts only (`counts:`), which have no vocabulary or token ids: left out
   * of this section, and named in a note on the page. Absent when there are none.
   */
  countsOnly?: string[];
}

/** Where the numbers came from; shown in every report. */
export interface ReportProvenance {
  toolkitVersion: string;
  /** The command line that produced the report (to rerun it). */
  command: string;
  /** ISO 8601 date-time of the run. */
  date: string;
  corpus: { source: string; sha256: string };
  tokenizers: { id: string; sha256: string; source: string }[];
}

/** Everything `writeReport` renders. */
export interface ReportData {
  title: string;
  compare: CompareResult;
  vocab?: VocabReportSection;
  adaptation?: AdaptationReportSection;
  /** What changed from one tokenizer to another (`diff` in an analysis file), as `toklens diff --json` prints it. */
  diff?: DiffResult;
  morph?: MorphReportSection;
  /** Per language, a sample as each tokenizer splits it. */
  tokenSamples?: TokenSampleSection;
  provenance: ReportProvenance;
}

/** Absolute paths of the files a report wrote (inside the final report directory). */
export interface ReportFiles {
  /** The report directory. */
  dir: string;
  /** The self-contained HTML report. */
  html: string;
  /** The full `ReportData` with a `generated by` header. */
  resultsJson: string;
  /** One row per tokenizer x language. */
  resultsCsv: string;
  summaryMd: string;
  /** The main metrics as booktabs LaTeX tables, for `\input` in a paper. */
  resultsTex: string;
  /** Each chart's Vega-Lite spec, `<name>.vl.json`. */
  specs: string[];
  /** Exported `<name>.svg` / `<name>.png` (empty unless `charts` asked for them). */
  images: string[];
}
