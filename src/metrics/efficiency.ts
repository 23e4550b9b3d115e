// The shared shape of the entropy efficiencies: an entropy of the token distribution over log |V|, or null with a warning.
import type { TokenizedLanguage } from "../types.js";
import { logVocabularySize } from "./entropy.js";
import { metricWarning, missing, ok } from "./outcome.js";
import type { EfficiencyVocabSize, MetricOutcome } from "./types.js";
import { distinctTokens } from "./unique-tokens.js";

/** `entropy(token counts) / log |V|`; null with a warning when the text produced no tokens or |V| gives no scale. */
export function efficiency(
  data: TokenizedLanguage,
  convention: EfficiencyVocabSize,
  metric: "renyi_efficiency" | "shannon_efficiency",
  entropy: (counts: Iterable<number>) => number,
): MetricOutcome<number> {
  if (distinctTokens(data.tokenFrequencies) === 0) {
    return missing(
      metricWarning(
        data,
        "no-tokens",
        `${metric} for ${data.tokenizer} on ${data.language} is undefined: the text produced no tokens.`,
      ),
    );
  }
  const denominator = logVocabularySize(data, convention, metric);
  if ("failure" in denominator) return missing(denominator.failure);
  return ok(entropy(data.tokenFrequencies.values()) / denominator.logSize);
}
