// Adds partial results (shards, workers) of one tokenizer x language: every count is additive.
import type { TokenizedLanguage } from "../types.js";

/**
 * The result of tokenizing the segments of `a` and `b` together. Segments are concatenated (a's
 * first), token frequencies and word counts added. Throws when the two are not parts of the same
 * tokenizer x language or share a segment id, since adding them would double-count.
 */
export function mergeTokenizedLanguage(a: TokenizedLanguage, b: TokenizedLanguage): TokenizedLanguage {
  if (a.tokenizer !== b.tokenizer || a.language !== b.language) {
    throw new Error(`internal error: cannot merge ${a.tokenizer}/${a.language} with ${b.tokenizer}/${b.language}; only shards of one tokenizer x language add up`);
  }
  if (a.vocabSize !== b.vocabSize) {
    throw new Error(`internal error: shards of ${a.tokenizer}/${a.language} disagree on vocabulary size (${a.vocabSize} vs ${b.vocabSize})`);
  }
  const ids = new Set(a.segments.map((s) => s.id));
  const repeated = b.segments.find((s) => ids.has(s.id));
  if (repeated) {
    throw new Error(`internal error: shards of ${a.tokenizer}/${a.language} both contain segment '${repeated.id}'; shards must be disjoint`);
  }
  const tokenFrequencies = new Map(a.tokenFrequencies);
  for (const [id, count] of b.tokenFrequencies) tokenFrequencies.set(id, (tokenFrequencies.get(id) ?? 0) + count);
  return {
    tokenizer: a.tokenizer,
    language: a.language,
    vocabSize: a.vocabSize,
    segments: [...a.segments, ...b.segments],
    tokenFrequencies,
    wordOccurrences: a.wordOccurrences + b.wordOccurrences,
    measuredWords: a.measuredWords + b.measuredWords,
    wordTokens: a.wordTokens + b.wordTokens,
    continuedWords: a.continuedWords + b.continuedWords,
    singleTokenWords: a.singleTokenWords + b.singleTokenWords,
    lossyChars: a.lossyChars + b.lossyChars,
    lossUnmeasuredChars: a.lossUnmeasuredChars + b.lossUnmeasuredChars,
  };
}
