// vocab_utilization: share of the vocabulary that the text uses.
import type { MetricDefinition } from "./types.js";
import { metricWarning, missing, ok } from "./outcome.js";
import { distinctTokens } from "./unique-tokens.js";

/**
 * Vocabulary utilization = unique_tokens / vocabSize. Like unique_tokens it grows with corpus size;
 * on a small corpus it is a lower bound on how much of the vocabulary a language needs.
 *
 * Source: defined by toklens (distinct ids used / vocabulary size).
 */
export const vocabUtilization: MetricDefinition<"vocab_utilization"> = {
  name: "vocab_utilization",
  description: "Distinct token ids used / vocabulary size.",
  unit: "fraction of vocabulary",
  better: null,
  source: "Distinct ids used / vocabulary size (toklens)",
  compute(data) {
    if (!(data.vocabSize > 0)) {
      return missing(
        metricWarning(
          data,
          "invalid-vocab-size",
          `vocab_utilization for ${data.tokenizer} is undefined: its vocabulary size is ${data.vocabSize}; the tokenizer adapter must report a positive vocabSize.`,
        ),
      );
    }
    return ok(distinctTokens(data.tokenFrequencies) / data.vocabSize);
  },
};
