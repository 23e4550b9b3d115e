// word_fertility: mean tokens per word with each word tokenized alone (Rust et al. 2021).
import type { MetricDefinition } from "./types.js";
import { ratio } from "./outcome.js";

/**
 * Word fertility = wordAloneTokens / wordOccurrences: the mean number of tokens a word occurrence gets
 * when it is tokenized on its own (Rust et al.'s setting, on pre-split words).
 *
 * Source: Rust et al. (2021), "How Good is Your Tokenizer?", ACL 2021 — fertility as they define it.
 */
export const wordFertility: MetricDefinition<"word_fertility"> = {
  name: "word_fertility",
  description: "Mean tokens per word occurrence, each word tokenized alone.",
  unit: "tokens/word",
  better: "lower",
  source: "Rust et al. 2021, \"How Good is Your Tokenizer?\" (ACL), fertility on pre-split words",
  compute(data) {
    return ratio(data, "word_fertility", data.wordAloneTokens, data.wordOccurrences, "no-words", "the text has no words");
  },
};
