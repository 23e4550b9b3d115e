// fertility: tokens per word over the corpus (Rust et al. 2021).
import type { MetricDefinition } from "./types.js";
import { ratio } from "./outcome.js";
import { totalsOf } from "./totals.js";

/**
 * Fertility = sum over segments of tokens / sum over segments of words, with each segment tokenized
 * in context (as a whole).
 *
 * Source: Rust, Pfeiffer, Vulić, Ruder, Gurevych (2021), "How Good is Your Tokenizer? On the Monolingual
 * Performance of Multilingual Language Models", ACL 2021 — "fertility, the average number of subwords
 * produced per tokenized word". Rust et al. tokenize pre-split words; toklens tokenizes whole segments,
 * so tokens that span a word boundary (e.g. a leading space merged into a word) are counted as they
 * occur in real use. `word_fertility` is the per-word variant.
 */
export const fertility: MetricDefinition<"fertility"> = {
  name: "fertility",
  description: "Tokens per word over the corpus, each segment tokenized as a whole.",
  unit: "tokens/word",
  better: "lower",
  source: 'Rust et al. 2021, "How Good is Your Tokenizer?" (ACL), fertility',
  display: { label: "Fertility", format: "number", digits: 3 },
  compute(data) {
    const t = totalsOf(data);
    return ratio(data, "fertility", t.tokens, t.words, "no-words", "the text has no words");
  },
};
