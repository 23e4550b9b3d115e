// The language-wide counts of a TokenizedLanguage: each is a sum over its segments, so the parts of one tokenizer x
// language (chunks, shards, cache entries) add up. One list, used by the tokenize phase, the merge and the cache.
import type { TokenizedLanguage } from "../types.js";

export const LANGUAGE_COUNTS = [
  "wordOccurrences",
  "measuredWords",
  "wordTokens",
  "continuedWords",
  "singleTokenWords",
  "isolatedWords",
  "isolatedSingleTokenWords",
  "lossyChars",
  "lossUnmeasuredChars",
] as const;
export type LanguageCounts = Pick<TokenizedLanguage, (typeof LANGUAGE_COUNTS)[number]>;

/** The language-wide counts of `t`, alone. */
export function languageCounts(t: LanguageCounts): LanguageCounts {
  return Object.fromEntries(LANGUAGE_COUNTS.map((k) => [k, t[k]])) as unknown as LanguageCounts;
}

/** Adds the token frequencies and language-wide counts of `part` into `into`, in place (segments are not touched). */
export function addLanguageCounts(into: TokenizedLanguage, part: TokenizedLanguage): void {
  for (const [id, n] of part.tokenFrequencies) into.tokenFrequencies.set(id, (into.tokenFrequencies.get(id) ?? 0) + n);
  for (const k of LANGUAGE_COUNTS) into[k] += part[k];
}

/**
 * The word counts of a language whose words were counted but whose tokens were never placed in the text (a
 * `counts:` tokenizer, an expansion simulation): no word is measured, so the in-context word metrics are null.
 */
export function unmeasuredWords(wordOccurrences: number): Omit<LanguageCounts, "lossyChars" | "lossUnmeasuredChars"> {
  return {
    wordOccurrences,
    measuredWords: 0,
    wordTokens: 0,
    continuedWords: 0,
    singleTokenWords: 0,
    isolatedWords: 0,
    isolatedSingleTokenWords: 0,
  };
}
