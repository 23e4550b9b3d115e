// Adds partial results (shards, workers) of one tokenizer x language: every count is additive.
import { addLanguageCounts, languageCounts } from "../tokenize/language-counts.js";
import { concatSegmentTables } from "../tokenize/segment-table.js";
import type { TokenizedLanguage } from "../types.js";

/**
 * The result of tokenizing the segments of `a` and `b` together. Segments are concatenated (a's
 * first), token frequencies and word counts added. Throws when the two are not parts of the same
 * tokenizer x language or share a segment id, since adding them would double-count.
 */
export function mergeTokenizedLanguage(a: TokenizedLanguage, b: TokenizedLanguage): TokenizedLanguage {
  if (a.tokenizer !== b.tokenizer || a.language !== b.language) {
    throw new Error(
      `internal error: cannot merge ${a.tokenizer}/${a.language} with ${b.tokenizer}/${b.language}; only shards of one tokenizer x language add up`,
    );
  }
  if (a.vocabSize !== b.vocabSize) {
    throw new Error(
      `internal error: shards of ${a.tokenizer}/${a.language} disagree on vocabulary size (${a.vocabSize} vs ${b.vocabSize})`,
    );
  }
  const ids = new Set(a.segments.ids);
  const repeated = b.segments.ids.find((id) => ids.has(id));
  if (repeated) {
    throw new Error(
      `internal error: shards of ${a.tokenizer}/${a.language} both contain segment '${repeated}'; shards must be disjoint`,
    );
  }
  const merged: TokenizedLanguage = {
    tokenizer: a.tokenizer,
    language: a.language,
    vocabSize: a.vocabSize,
    segments: concatSegmentTables([a.segments, b.segments]),
    tokenFrequencies: new Map(a.tokenFrequencies),
    ...languageCounts(a),
  };
  addLanguageCounts(merged, b);
  return merged;
}
