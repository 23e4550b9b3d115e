// Shared data types that flow config -> corpora -> tokenize -> metrics -> report.
import type { WarningCode } from "./warning-codes.js";

/** FLORES-style language code: `<ISO 639-3>_<ISO 15924>`, e.g. `deu_Latn`, `zho_Hans`. */
export type LanguageCode = string;

/** One aligned unit of text (an article paragraph, a FLORES sentence, a line). */
export interface Segment {
  /** Stable id; segments with the same id are translations of each other. */
  id: string;
  text: string;
}

/** A warning carried in a result instead of a crash (a metric that could not be computed, ...). */
export interface Warning {
  /** Machine-readable; every code is listed in src/warning-codes.ts. */
  code: WarningCode;
  message: string;
  tokenizer?: string;
  language?: LanguageCode;
}

/** What one tokenizer did to one segment. Every field is a count, so shards merge by addition. */
export interface SegmentCounts {
  /** The segment id (aligned across languages in a parallel corpus). */
  id: string;
  tokens: number;
  /** UTF-8 bytes of the segment text. */
  bytes: number;
  /** Unicode code points of the segment text. */
  chars: number;
  /** Word units, as defined by `segmentWords` (src/corpus/words.ts). */
  words: number;
  /** Tokens that are the unknown token. */
  unk: number;
  /** Tokens that are a lone byte of a character the vocabulary lacks: `<0xNN>` pieces, or single bytes >= 0x80 of a byte-level vocabulary. */
  byteFallback: number;
}

/**
 * The counts of `SegmentCounts` for every segment of a text, column by column in corpus order: `ids[i]` and
 * `tokens[i]`, `bytes[i]`, ... are segment `i`. A FLORES run holds 400k segments: as objects they weighed about 80
 * bytes each plus their id, as columns 24 bytes. Every count of one segment is below 2^32 (it is one JS string).
 */
export interface SegmentTable {
  readonly ids: readonly string[];
  readonly tokens: Uint32Array;
  readonly bytes: Uint32Array;
  readonly chars: Uint32Array;
  readonly words: Uint32Array;
  readonly unk: Uint32Array;
  readonly byteFallback: Uint32Array;
}

/**
 * Everything the metrics need for one tokenizer x language, produced once by the tokenize phase.
 * Metrics are pure functions of this: they never call a tokenizer or read a file.
 */
export interface TokenizedLanguage {
  tokenizer: string;
  language: LanguageCode;
  /** The tokenizer's vocabulary size (for utilisation). */
  vocabSize: number;
  /** Per segment, in corpus order, as columns (`segmentAt` in src/tokenize/segment-table.ts gives one as an object). */
  segments: SegmentTable;
  /** Token id -> occurrences over all segments. */
  tokenFrequencies: Map<number, number>;
  /** Word occurrences over all segments (equals the sum of `segments[].words`). */
  wordOccurrences: number;
  /**
   * Word occurrences whose tokens could be placed in the text (all of them, unless a tokenizer's normalizer
   * changed the text so that neither offsets nor token bytes locate its tokens). The three word counts below
   * are over these words.
   */
  measuredWords: number;
  /** Sum over measured word occurrences of the tokens overlapping the word, in running text. */
  wordTokens: number;
  /** Measured word occurrences overlapped by two or more tokens in running text. */
  continuedWords: number;
  /** Measured word occurrences covered by exactly one token that lies inside the word (leading white space aside). */
  singleTokenWords: number;
  /**
   * Occurrences of the white-space-separated words of the text (Python's `str.split()`: punctuation stays attached),
   * each to be encoded alone (`strr_isolated`, Chiu 2026's protocol).
   */
  isolatedWords: number;
  /** Of `isolatedWords`, those whose word encoded alone, without a leading space or special tokens, is one token. */
  isolatedSingleTokenWords: number;
  /**
   * Characters (code points) the tokenization loses: covered by no token (white space aside: an engine dropped
   * them) or by an unknown token. Counted over the text whose tokens could be placed.
   */
  lossyChars: number;
  /** Characters of text whose tokens could not be placed, so its losses are unknown. */
  lossUnmeasuredChars: number;
  /**
   * Only per-segment token counts are known (a `counts:` tokenizer): no ids, so the metrics that need them are
   * null with a `counts-only` warning. @default false
   */
  countsOnly?: boolean;
}

/** What a report needs to know about a tokenizer without loading it again (as `compare --json` lists it). */
export interface TokenizerInfo {
  id: string;
  /** Human-readable name. */
  name: string;
  backend: string;
  family: string;
  vocabSize: number;
  /** sha256 of the tokenizer's files (hex). */
  sha256: string;
  /** Where it was loaded from (path, package or encoding name). */
  source: string;
}
