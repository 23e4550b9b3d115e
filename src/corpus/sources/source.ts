// The internal shape every corpus reader returns before open-corpus.ts filters, aligns and wraps it.
import type { LanguageCode, Segment, Warning } from "../../types.js";
import type { LanguageInfo } from "../languages.js";
import type { CorpusKind, TableOptions } from "../corpus-options.js";
import type { FloresSplit } from "../flores-splits.js";

/** One language of a corpus as a reader found it. */
export interface LanguageSource {
  info: LanguageInfo;
  /** How the corpus named the language, when that differs from `info.code` (alias, FLORES code). */
  note?: string;
  /** Segments this language has. */
  count: number;
  /**
   * Alignment signature: languages with equal signatures have the same segment ids. A reader that
   * cannot align a language at all (an incomplete UDHR translation) sets `incomplete`.
   */
  signature: string;
  /** Human-readable size for error messages, e.g. "998 lines in dev/zho_Hans.dev". */
  sizeLabel: string;
  incomplete?: string;
  describe: { name: string; variant?: string; file?: string };
  segments(): AsyncIterable<Segment>;
}

export interface ReadOptions {
  normalize: boolean;
  replaceInvalid: boolean;
  split: FloresSplit;
  /** How `parquet:` and `hf-dataset:` tables are read. @default {} */
  table?: TableOptions;
}

export interface SourceResult {
  languages: LanguageSource[];
  warnings: Warning[];
  /** Whether this kind of corpus is parallel by construction (UDHR, FLORES) or by matching ids (text, JSONL). */
  kind: CorpusKind;
}

export type { LanguageCode };
