// unique_tokens: number of distinct token ids the text uses.
import type { TokenizedLanguage } from "../types.js";
import type { MetricDefinition } from "./types.js";
import { ok } from "./outcome.js";

/** Distinct ids with a positive count in `frequencies`. */
export function distinctTokens(frequencies: ReadonlyMap<number, number>): number {
  let n = 0;
  for (const count of frequencies.values()) if (count > 0) n++;
  return n;
}

/**
 * Unique tokens = |{id : count(id) > 0}| over the corpus. It grows with corpus size, so compare it
 * only across tokenizers on the same text. A text with no tokens uses 0 distinct ids.
 *
 * Source: a plain count; defined by toklens.
 */
export const uniqueTokens: MetricDefinition<"unique_tokens"> = {
  name: "unique_tokens",
  description: "Distinct token ids used by the text.",
  unit: "token types",
  better: null,
  source: "Count of distinct token ids (toklens)",
  display: { label: "Unique tokens", format: "integer" },
  compute(data: TokenizedLanguage) {
    return ok(distinctTokens(data.tokenFrequencies));
  },
};
