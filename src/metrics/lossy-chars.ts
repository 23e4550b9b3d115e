// lossy_chars: share of characters a tokenizer loses (dropped by its engine, or turned into unknown tokens).
import type { MetricDefinition } from "./types.js";
import { metricWarning, missing, ok, ratio } from "./outcome.js";
import { totalsOf } from "./totals.js";

/**
 * Lossy characters = characters no token covers (white space aside) or covered by an unknown token /
 * characters. A tokenizer.json BPE without an unknown token silently drops what it cannot encode, so its
 * token counts, fertility and premium come out too low; this measures how much. Byte-level and
 * byte-fallback tokenizers lose nothing and give 0. Petrov et al. (2023) left tokenizer x language pairs with
 * more than 10% unknown or lost characters out of their comparisons; `runCompare` does the same for its
 * premium aggregates (`lossyThreshold`).
 *
 * Source: toklens; the 10% rule follows Petrov et al. 2023.
 */
export const lossyChars: MetricDefinition<"lossy_chars"> = {
  name: "lossy_chars",
  description: "Share of characters the tokenizer loses: dropped by its engine or turned into unknown tokens.",
  unit: "fraction of characters",
  better: "lower",
  source: "toklens; pairs above 10% left out of aggregates as in Petrov et al. 2023",
  compute(data) {
    const chars = totalsOf(data).chars;
    if (data.lossUnmeasuredChars > 0) {
      return missing(
        metricWarning(
          data,
          "unplaced-chars",
          `lossy_chars is null for ${data.tokenizer} on ${data.language}: the tokens of ${data.lossUnmeasuredChars} of ${chars} characters could not be placed in the text (the normalizer changes it and the engine gives no offsets). Use the native engine for tokenizer.json files.`,
        ),
      );
    }
    const outcome = ratio(data, "lossy_chars", data.lossyChars, chars, "no-chars", "the text has no characters");
    if (outcome.value !== null && data.lossyChars > 0) {
      return ok(outcome.value, [
        metricWarning(
          data,
          "lossy",
          `${data.tokenizer} loses ${data.lossyChars} of ${chars} characters of ${data.language} (${(outcome.value * 100).toFixed(1)}%): dropped by its engine or encoded as unknown tokens, so its token counts understate the text.`,
        ),
      ]);
    }
    return outcome;
  },
};
