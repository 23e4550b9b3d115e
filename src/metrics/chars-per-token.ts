// chars_per_token: Unicode code points per token, a compression rate.
import type { MetricDefinition } from "./types.js";
import { ratio } from "./outcome.js";
import { totalsOf } from "./totals.js";

/**
 * Characters per token = sum of code points of the segments / sum of their tokens. Code points, not
 * UTF-16 units or grapheme clusters, so an emoji or a CJK character counts once.
 *
 * Source: a common compression-rate measure with no single originating paper; toklens defines it
 * as above.
 */
export const charsPerToken: MetricDefinition<"chars_per_token"> = {
  name: "chars_per_token",
  description: "Unicode code points of text per token (compression).",
  unit: "chars/token",
  better: "higher",
  source: "Common compression-rate measure (no single originating paper)",
  display: { label: "Chars/token", format: "number", digits: 3 },
  compute(data) {
    const t = totalsOf(data);
    return ratio(data, "chars_per_token", t.chars, t.tokens, "no-tokens", "the text produced no tokens");
  },
};
