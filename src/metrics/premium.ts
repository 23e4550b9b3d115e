// premium: tokens in a language / tokens in the pivot language on the same aligned segments (Petrov et al. 2023).
import type { TokenizedLanguage, Warning } from "../types.js";
import type { MetricDefinition, MetricOutcome } from "./types.js";
import { alignedRatio, alignTokens, type AlignedTokens } from "./align.js";
import { metricWarning, missing } from "./outcome.js";

/**
 * The aligned segments of `data` and its pivot, or the reason there are none. Shared by `premium`
 * and `premium_ci` so both use exactly the same segments.
 */
export function alignWithPivot(
  data: TokenizedLanguage,
  pivot: TokenizedLanguage | undefined,
  metric: string,
): { aligned: AlignedTokens; warnings: Warning[] } | { failure: Warning } {
  if (!pivot) {
    return {
      failure: metricWarning(
        data,
        "no-pivot",
        `${metric} needs the pivot language tokenized by ${data.tokenizer}; none was given. Include the pivot language (default eng_Latn) in the run or choose another with --pivot.`,
      ),
    };
  }
  if (pivot.tokenizer !== data.tokenizer) {
    return {
      failure: metricWarning(
        data,
        "pivot-mismatch",
        `${metric} for ${data.tokenizer} on ${data.language} was given a pivot tokenized by ${pivot.tokenizer}; a premium compares one tokenizer across languages, so pass the pivot language tokenized by ${data.tokenizer}.`,
      ),
    };
  }
  const aligned = alignTokens(data.segments, pivot.segments);
  if (aligned.ids.length === 0) {
    return {
      failure: metricWarning(
        data,
        "no-aligned-segments",
        `${metric} for ${data.tokenizer} on ${data.language}: no segment id is shared with the pivot ${pivot.language}; use a parallel corpus (e.g. FLORES) whose segment ids align across languages.`,
      ),
    };
  }
  const warnings: Warning[] = [];
  if (aligned.onlyInMeasured > 0 || aligned.onlyInBase > 0) {
    warnings.push(
      metricWarning(
        data,
        "partial-alignment",
        `${metric} for ${data.tokenizer} on ${data.language} uses the ${aligned.ids.length} segments shared with ${pivot.language}; ${aligned.onlyInMeasured} segments only in ${data.language} and ${aligned.onlyInBase} only in ${pivot.language} are left out.`,
      ),
    );
  }
  return { aligned, warnings };
}

/** Ratio of summed tokens over aligned segments, or null when the pivot side has no tokens. */
export function premiumOf(
  data: TokenizedLanguage,
  aligned: AlignedTokens,
  metric: string,
  pivotLanguage: string,
): MetricOutcome<number> {
  return alignedRatio(
    data,
    aligned,
    `${metric} for ${data.tokenizer} on ${data.language} is undefined: the pivot ${pivotLanguage} has no tokens on the ${aligned.ids.length} shared segments.`,
  );
}

/**
 * Premium of language L = sum over aligned segments s of tokens(L, s) / sum over the same s of
 * tokens(pivot, s), for one tokenizer. Only segments present in both (by id) count. 1 means parity with
 * the pivot; 2 means L needs twice the tokens for the same content.
 *
 * Source: Petrov, La Malfa, Torr, Bibi (2023), "Language Model Tokenizers Introduce Unfairness Between
 * Languages", NeurIPS 2023 (arXiv:2305.15425) — the tokenization premium of a language relative to a
 * pivot on parallel text (FLORES-200), English as the pivot.
 */
export const premium: MetricDefinition<"premium"> = {
  name: "premium",
  description:
    "Tokens needed for this language / tokens for the same segments in the pivot language (default eng_Latn).",
  unit: "ratio",
  better: "lower",
  source:
    'Petrov et al. 2023, "Language Model Tokenizers Introduce Unfairness Between Languages" (NeurIPS), tokenization premium',
  display: { label: "Premium", format: "number", digits: 3 },
  compute(data, context) {
    const r = alignWithPivot(data, context.pivot, "premium");
    if ("failure" in r) return missing(r.failure);
    const out = premiumOf(data, r.aligned, "premium", context.pivot!.language);
    return { value: out.value, warnings: [...r.warnings, ...out.warnings] };
  },
};
