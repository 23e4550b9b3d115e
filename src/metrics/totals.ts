// Corpus-level sums of the per-segment counts of one tokenizer x language.
import type { SegmentCounts, TokenizedLanguage } from "../types.js";

/** The additive counts of `SegmentCounts`, summed over segments. */
export type CountTotals = Omit<SegmentCounts, "id">;

/** Sum of every count over `segments`. */
export function sumSegments(segments: readonly SegmentCounts[]): CountTotals {
  const t: CountTotals = { tokens: 0, bytes: 0, chars: 0, words: 0, unk: 0, byteFallback: 0 };
  for (const s of segments) {
    t.tokens += s.tokens;
    t.bytes += s.bytes;
    t.chars += s.chars;
    t.words += s.words;
    t.unk += s.unk;
    t.byteFallback += s.byteFallback;
  }
  return t;
}

/** Corpus totals of one tokenizer x language. */
export function totalsOf(data: TokenizedLanguage): CountTotals {
  return sumSegments(data.segments);
}
