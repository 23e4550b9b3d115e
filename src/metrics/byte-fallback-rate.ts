// byte_fallback_rate: share of tokens that stand for a lone byte of a character the vocabulary has no entry for.
import type { MetricDefinition } from "./types.js";
import { ratio } from "./outcome.js";
import { totalsOf } from "./totals.js";

/**
 * Byte-fallback rate = byteFallback tokens / tokens over the corpus. Two kinds of token count (both flagged
 * `VocabEntry.byteFallback` by the loaders):
 * - a SentencePiece byte-fallback piece `<0xNN>` (Llama 2, Mistral, Gemma spell a character missing from the
 *   vocabulary as 1 to 4 of them);
 * - in a byte-level vocabulary (GPT-2, tiktoken encodings, Llama 3, Qwen), a token that is one single byte
 *   >= 0x80: a lone non-ASCII byte is never a whole character, so using it means a character was split into
 *   bytes, the byte-level analogue of falling back. Single ASCII bytes are whole characters and do not count.
 * Either way a high rate means the vocabulary does not cover the script. Kept as one metric: the
 * tokenize phase records one per-id flag, and splitting it would change the cached counts' layout.
 *
 * Source: defined by toklens on top of SentencePiece's `byte_fallback` training option
 * (github.com/google/sentencepiece).
 */
export const byteFallbackRate: MetricDefinition<"byte_fallback_rate"> = {
  name: "byte_fallback_rate",
  description:
    "Share of tokens that are a lone byte of a character: <0xNN> pieces, or single non-ASCII byte tokens of a byte-level vocabulary.",
  unit: "fraction of tokens",
  better: "lower",
  source: "Defined by toklens on SentencePiece's byte_fallback option",
  display: { label: "Byte fallback", format: "percent", digits: 2 },
  compute(data) {
    const t = totalsOf(data);
    return ratio(data, "byte_fallback_rate", t.byteFallback, t.tokens, "no-tokens", "the text produced no tokens");
  },
};
