// byte_fallback_rate: share of tokens that are byte-fallback pieces (<0xNN>).
import type { MetricDefinition } from "./types.js";
import { ratio } from "./outcome.js";
import { totalsOf } from "./totals.js";

/**
 * Byte-fallback rate = byteFallback tokens / tokens over the corpus. SentencePiece models with byte
 * fallback (Llama 2, Mistral, Gemma) spell characters missing from the vocabulary as UTF-8 byte pieces
 * `<0xNN>`, 1 to 4 per character; a high rate means the vocabulary does not cover the script.
 *
 * Source: defined by toklens on top of SentencePiece's `byte_fallback` training option
 * (github.com/google/sentencepiece).
 */
export const byteFallbackRate: MetricDefinition<"byte_fallback_rate"> = {
  name: "byte_fallback_rate",
  description: "Share of tokens that are byte-fallback pieces <0xNN> (characters missing from the vocabulary).",
  unit: "fraction of tokens",
  better: "lower",
  source: "Defined by toklens on SentencePiece's byte_fallback option",
  compute(data) {
    const t = totalsOf(data);
    return ratio(data, "byte_fallback_rate", t.byteFallback, t.tokens, "no-tokens", "the text produced no tokens");
  },
};
