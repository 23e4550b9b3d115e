// continued_words: share of word occurrences split into two or more tokens in running text (Rust et al. 2021).
import type { MetricDefinition } from "./types.js";
import { wordRatio } from "./outcome.js";

/**
 * Proportion of continued words = continuedWords / word occurrences, where a word occurrence is
 * "continued" when two or more tokens of the running-text tokenization overlap its span.
 *
 * Source: Rust et al. (2021), "How Good is Your Tokenizer?", ACL 2021 — "proportion of continued words".
 * They tokenized words after WordPiece's pre-split; toklens reads the tokens of the segment as it occurs in
 * text, so every tokenizer sees each word with the leading space it has in text (docs/metrics.md).
 */
export const continuedWords: MetricDefinition<"continued_words"> = {
  name: "continued_words",
  description: "Share of word occurrences that two or more tokens overlap, in running text.",
  unit: "fraction of words",
  better: "lower",
  source: 'Rust et al. 2021, "How Good is Your Tokenizer?" (ACL), proportion of continued words',
  display: { label: "Split words", format: "percent", digits: 1 },
  compute(data) {
    return wordRatio(data, "continued_words", data.continuedWords);
  },
};
