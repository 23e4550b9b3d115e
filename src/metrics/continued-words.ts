// continued_words: share of word occurrences split into two or more tokens (Rust et al. 2021).
import type { MetricDefinition } from "./types.js";
import { ratio } from "./outcome.js";

/**
 * Proportion of continued words = continuedWords / wordOccurrences, where a word occurrence is
 * "continued" when the word, tokenized alone, becomes two or more tokens.
 *
 * Source: Rust et al. (2021), "How Good is Your Tokenizer?", ACL 2021 — "proportion of continued words".
 */
export const continuedWords: MetricDefinition<"continued_words"> = {
  name: "continued_words",
  description: "Share of word occurrences that become two or more tokens when tokenized alone.",
  unit: "fraction of words",
  better: "lower",
  source: "Rust et al. 2021, \"How Good is Your Tokenizer?\" (ACL), proportion of continued words",
  compute(data) {
    return ratio(data, "continued_words", data.continuedWords, data.wordOccurrences, "no-words", "the text has no words");
  },
};
