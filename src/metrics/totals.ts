// Corpus-level sums of the per-segment counts of one tokenizer x language.
import { SEGMENT_COLUMNS, columnSum } from "../tokenize/segment-table.js";
import type { SegmentCounts, SegmentTable, TokenizedLanguage } from "../types.js";

/** The additive counts of `SegmentCounts`, summed over segments. */
export type CountTotals = Omit<SegmentCounts, "id">;

/** Sum of every count over `segments`. */
export function sumSegments(segments: SegmentTable): CountTotals {
  const t: CountTotals = { tokens: 0, bytes: 0, chars: 0, words: 0, unk: 0, byteFallback: 0 };
  for (const c of SEGMENT_COLUMNS) t[c] = columnSum(segments, c);
  return t;
}

/** Corpus totals of one tokenizer x language. */
export function totalsOf(data: TokenizedLanguage): CountTotals {
  return sumSegments(data.segments);
}
