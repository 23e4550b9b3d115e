// bytes_per_token: UTF-8 bytes per token, a compression rate.
import type { MetricDefinition } from "./types.js";
import { ratio } from "./outcome.js";
import { totalsOf } from "./totals.js";

/**
 * Bytes per token = sum of UTF-8 bytes of the segments / sum of their tokens. Higher means each token
 * carries more text. Bytes differ a lot between scripts for the same content (1 byte per Latin letter,
 * 3 per Devanagari or CJK character), so compare it across tokenizers for one language, not across
 * languages.
 *
 * Source: a common compression-rate measure with no single originating paper; toklens defines it
 * as above.
 */
export const bytesPerToken: MetricDefinition<"bytes_per_token"> = {
  name: "bytes_per_token",
  description: "UTF-8 bytes of text per token (compression).",
  unit: "bytes/token",
  better: "higher",
  source: "Common compression-rate measure (no single originating paper)",
  display: { label: "Bytes/token", format: "number", digits: 3 },
  compute(data) {
    const t = totalsOf(data);
    return ratio(data, "bytes_per_token", t.bytes, t.tokens, "no-tokens", "the text produced no tokens");
  },
};
