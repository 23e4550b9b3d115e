// What `toklens diff` and a report's diff section hold: per language, tokens under A and B and B/A with its interval.
import type { TokenizerInfo } from "../tokenize/cache.js";
import type { Warning } from "../types.js";
import type { VocabDiff } from "../vocab/vocab-diff.js";

/** How a language's token count moved from A to B, judged by the ratio's 95% interval. */
export const DIFF_CHANGES = ["cheaper", "dearer", "no significant change"] as const;
export type DiffChange = (typeof DIFF_CHANGES)[number];

/** One language: tokens under A and B on the same segments, and B/A with its paired bootstrap interval. */
export interface DiffLanguageRow {
  language: string;
  name: string;
  script: string;
  segments: number;
  tokens_a: number;
  tokens_b: number;
  /** tokens_b / tokens_a (below 1: B is cheaper); null when A has no tokens. */
  ratio: number | null;
  /** 95% paired percentile bootstrap interval of `ratio`, resampling segments. */
  ratio_ci: [number, number] | null;
  /** `cheaper` / `dearer` when the interval lies below / above 1, else `no significant change`; null without a ratio. */
  change: DiffChange | null;
}

export interface DiffResult {
  a: TokenizerInfo;
  b: TokenizerInfo;
  corpus: string;
  /** Set when the run joined each language's segments into one string (the run's protocol): no intervals then. */
  joinedSegments?: true;
  /** Null when A or B is a `counts:` tokenizer (no vocabulary); a warning says so. */
  vocabulary: VocabDiff | null;
  /** Languages sorted by ratio, most cheaper first (languages without a ratio last). */
  languages: DiffLanguageRow[];
  warnings: Warning[];
}
