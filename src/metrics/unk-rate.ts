// unk_rate: share of tokens that are the unknown token.
import type { MetricDefinition } from "./types.js";
import { ratio } from "./outcome.js";
import { totalsOf } from "./totals.js";

/**
 * UNK rate = unk tokens / tokens over the corpus. Text a tokenizer cannot represent is lost to the
 * model; byte-level BPE tokenizers (GPT-2, cl100k_base) have no unknown token and always give 0.
 *
 * Source: the standard out-of-vocabulary rate, applied to tokens.
 */
export const unkRate: MetricDefinition<"unk_rate"> = {
  name: "unk_rate",
  description: "Share of tokens that are the unknown token (text the tokenizer cannot represent).",
  unit: "fraction of tokens",
  better: "lower",
  source: "Out-of-vocabulary (unknown-token) rate",
  display: { label: "UNK", format: "percent", digits: 2 },
  compute(data) {
    const t = totalsOf(data);
    return ratio(data, "unk_rate", t.unk, t.tokens, "no-tokens", "the text produced no tokens");
  },
};
