// The analysis file format (analyses/*.json) as types: what a declarative run names. Validated by config.ts against
// the JSON Schema that config-schema.ts builds from these keys.
import type { BudgetStrategy } from "../vocab/multi-bpe.js";
import type { FloresSplit } from "../corpus/flores-splits.js";
import type { JoinMode } from "../corpus/corpus-options.js";
import type { ChartExport } from "../report/chart-formats.js";
import type { EfficiencyVocabSize, MetricName } from "../metrics/types.js";

/** Where the text comes from and how it is read. */

export interface AnalysisCorpus {
  /** Corpus address: `udhr`, `flores:<dir>`, `text:<dir>` or `jsonl:<file>` (relative paths are resolved from the working directory). */
  source: string;
  /** FLORES split to read; ignored by other corpora. @default "devtest" */
  split?: FloresSplit;
  /** Apply Unicode NFC normalisation to every segment. @default true */
  normalize?: boolean;
  /** Replace invalid UTF-8 by U+FFFD (counted in a warning) instead of failing. @default false */
  replaceInvalid?: boolean;
  /** Keep languages whose segments do not align with the others (they get no premium) instead of failing. @default false */
  allowUnaligned?: boolean;
  /**
   * Tokenize each language's segments joined into one string (Petrov et al. 2023); premium_ci is then null. `true` or
   * `"spaces"`: joined by single spaces; `"as-published"`: Petrov et al.'s exact string. @default false
   */
  joinSegments?: boolean | JoinMode;
}

/** The vocabulary section: Qtok composition of each tokenizer and the Jaccard overlap between them. */
export interface AnalysisVocab {
  /** Run the vocabulary analyses. @default true (when the section is present) */
  enabled?: boolean;
  /** Tokenizers to analyse, a subset of the analysis' `tokenizers`. @default all of them */
  tokenizers?: string[];
  /** Example entries listed per class. @default 5 */
  examples?: number;
  /** Longest entries listed per tokenizer. @default 10 */
  longest?: number;
}

/** One adaptation study: trimming and/or expansion of one tokenizer for one language. */
export interface AnalysisAdaptation {
  /** Tokenizer to adapt: a built-in id, a tokenizer.json path or hf:<org>/<name> (tiktoken encodings are converted; SentencePiece .model files are not supported). */
  tokenizer: string;
  /** Target language code, e.g. `amh_Ethi` (trimming and expansion); or give `langs` and `budget` instead. */
  language?: string;
  /** Several target languages sharing one budget of new tokens (with `budget`): the section "Choosing new tokens for N languages". */
  langs?: string[];
  /** Budgets K (new tokens) for `langs`, e.g. [1000, 2000, 4000, 8000]. */
  budget?: number[];
  /** Strategies to learn the budget with. @default ["frequency", "proportional", "parity"] */
  strategies?: BudgetStrategy[];
  /** Compute the trimming coverage table (entries needed for 90%...100% of the language's tokens). @default false */
  trim?: boolean;
  /** Numbers of new entries (trained on the language) to evaluate on held-out text; 0 is the unchanged tokenizer. @default [] (no expansion) */
  expand?: number[];
  /** The model's hidden size, to count the embedding parameters trimming saves. */
  hiddenSize?: number;
}

/** A diff of two tokenizers (or two versions of one) on the analysis' corpus and languages. */
export interface AnalysisDiff {
  /** The tokenizer before: a built-in id, a tokenizer file or hf:<org>/<name>[@rev]. */
  a: string;
  /** The tokenizer after. */
  b: string;
}

/** MorphScore of the analysis' tokenizers on gold morpheme splits (Arnett & Bergen 2025). */
export interface AnalysisMorph {
  /** Gold CSV files in MorphScore's layout (full_word,pt1,rest), relative to the working directory. */
  gold: string[];
  /** Tokenizers to score, a subset of the analysis' `tokenizers`. @default all of them */
  tokenizers?: string[];
  /**
   * Tokenize each word after `the ` (in context, as in running text) instead of alone, the published scorer's
   * protocol. @default false
   */
  context?: boolean;
}

/** A declarative analysis: tokenizers x corpus x languages, with optional vocabulary and adaptation sections. */
export interface AnalysisConfig {
  /** Path or URL of the JSON Schema, for editors (ignored by toklens). */
  $schema?: string;
  /** Report title. */
  title: string;
  /** One or two sentences on what the analysis asks, for readers of the file (not rendered in the report). */
  description?: string;
  /** Tokenizer references in report order: built-in ids (`toklens tokenizers`), tokenizer files, or hf:<org>/<name>. */
  tokenizers: string[];
  /** The corpus measured. */
  corpus: AnalysisCorpus;
  /** Language codes (`deu_Latn`, `deu` or `de`), or "all" for every language of the corpus. */
  languages: string[] | "all";
  /** Premiums are token counts relative to this language on the same parallel text. @default "eng_Latn" */
  pivot?: string;
  /** Metrics computed. @default all (nsl only with a reference) */
  metrics?: MetricName[];
  /** Reference tokenizer for `nsl` (normalised sequence length). */
  reference?: string;
  /** |V| of `renyi_efficiency` and `shannon_efficiency`: the tokenizer's vocabulary size, or the distinct tokens observed. @default "vocabulary" */
  efficiencyVocabSize?: EfficiencyVocabSize;
  /** Group the languages: "script", or a CSV file with columns language,group (relative to the working directory). @default no groups */
  groupBy?: string;
  /** Vocabulary composition and overlap. @default absent (not run) */
  vocab?: AnalysisVocab;
  /** Adaptation studies (trimming, expansion). @default [] */
  adaptation?: AnalysisAdaptation[];
  /** MorphScore on gold files; adds a *Morphological alignment* section. @default absent (not run) */
  morph?: AnalysisMorph;
  /** Also export every chart as an image. @default "none" */
  charts?: ChartExport;
  /** Prices file (USD per million tokens per tokenizer, see analyses/prices.example.json), resolved from the working directory: adds the cost section. */
  prices?: string;
  /** Context window in tokens: the cost section says how many words and characters of each language fit in it. */
  context?: number;
  /** Longest token-view sample, in code points. @default 300 up to 100 languages, 150 above (see defaultSampleChars) */
  sampleChars?: number;
  /** What changed from tokenizer `a` to `b`: adds the section "What changed from A to B". */
  diff?: AnalysisDiff;
}
