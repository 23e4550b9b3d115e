// strr_isolated: Chiu (2026)'s single-token retention rate as published, each white-space word encoded alone.
import type { MetricDefinition } from "./types.js";
import { ratio } from "./outcome.js";

/**
 * STRR as published = isolatedSingleTokenWords / isolatedWords: the text split on white space (Python's
 * `str.split()`, so punctuation stays attached to its word), each word encoded alone without a leading space, and
 * the share of word occurrences that are one token. The Python TokLens code calls `Tokenizer.encode(word)` with its
 * default `add_special_tokens=True`; toklens adds no special token, so a tokenizer that frames each text in a BOS
 * (Llama 3, Mistral) is not scored 0 on every word. `strr` is the in-context measure.
 *
 * Source: Chiu (2026), "TokLens" (a Python package of the same name, unrelated to this toolkit), `compute_strr`.
 */
export const strrIsolated: MetricDefinition<"strr_isolated"> = {
  name: "strr_isolated",
  description: "Share of white-space-separated words that are one token when encoded alone (Chiu 2026's STRR).",
  unit: "fraction of words",
  better: "higher",
  source: 'Chiu 2026, "TokLens", single-token retention rate (STRR), as published: each word encoded alone',
  compute(data) {
    return ratio(
      data,
      "strr_isolated",
      data.isolatedSingleTokenWords,
      data.isolatedWords,
      "no-words",
      "the text has no white-space-separated words",
    );
  },
};
