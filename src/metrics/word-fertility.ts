// word_fertility: mean number of tokens overlapping a word in running text (Rust et al. 2021).
import type { MetricDefinition } from "./types.js";
import { wordRatio } from "./outcome.js";

/**
 * Word fertility = wordTokens / word occurrences: the mean number of tokens of the running-text
 * tokenization that overlap a word occurrence. A token spanning two words counts for both;
 * white-space-only tokens count for none (docs/metrics.md has a worked example).
 *
 * Source: Rust et al. (2021), "How Good is Your Tokenizer?", ACL 2021 — fertility as they define it.
 */
export const wordFertility: MetricDefinition<"word_fertility"> = {
  name: "word_fertility",
  description: "Mean number of tokens overlapping a word occurrence, in running text.",
  unit: "tokens/word",
  better: "lower",
  source: 'Rust et al. 2021, "How Good is Your Tokenizer?" (ACL), fertility',
  compute(data) {
    return wordRatio(data, "word_fertility", data.wordTokens);
  },
};
