// strr: single-token retention in context, the share of words kept whole as one token (modified from Chiu 2026).
import type { MetricDefinition } from "./types.js";
import { wordRatio } from "./outcome.js";

/**
 * Single-token retention, in context (modified from Chiu 2026's STRR) = singleTokenWords / word occurrences: the share of word occurrences covered by exactly one token of
 * the running-text tokenization, where that token lies inside the word apart from its leading white space
 * (` word` counts, `word,` and `of the` do not).
 *
 * Words are the language's word units with punctuation trimmed, and the tokens those of the running text. Chiu's
 * own protocol (white-space words with punctuation attached, each encoded alone) is `strr_isolated`; the two differ
 * (gpt2 on the English UDHR: 0.988 here, 0.744 there), so only `strr_isolated` sits next to the paper's numbers.
 *
 * Source: modified from Chiu (2026), "TokLens" (a Python package of the same name, unrelated to this toolkit),
 * single-token retention rate.
 */
export const strr: MetricDefinition<"strr"> = {
  name: "strr",
  description:
    "Share of word occurrences kept whole as exactly one token, in running text (in context; modified from Chiu 2026).",
  unit: "fraction of words",
  better: "higher",
  source: 'Modified from Chiu 2026, "TokLens", single-token retention rate (STRR): in context',
  compute(data) {
    return wordRatio(data, "strr", data.singleTokenWords);
  },
};
