// strr: single-token retention rate, the share of words kept whole as one token (Chiu 2026).
import type { MetricDefinition } from "./types.js";
import { wordRatio } from "./outcome.js";

/**
 * STRR = singleTokenWords / word occurrences: the share of word occurrences covered by exactly one token of
 * the running-text tokenization, where that token lies inside the word apart from its leading white space
 * (` word` counts, `word,` and `of the` do not).
 *
 * Source: Chiu (2026), "TokLens" (a Python package of the same name, unrelated to this toolkit), single-token
 * retention rate.
 */
export const strr: MetricDefinition<"strr"> = {
  name: "strr",
  description: "Share of word occurrences kept whole as exactly one token, in running text.",
  unit: "fraction of words",
  better: "higher",
  source: 'Chiu 2026, "TokLens", single-token retention rate (STRR)',
  compute(data) {
    return wordRatio(data, "strr", data.singleTokenWords);
  },
};
