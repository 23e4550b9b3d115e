// nsl: normalised sequence length against a reference tokenizer on the same segments (Dagan et al. 2024).
import type { MetricDefinition } from "./types.js";
import { alignedRatio, alignTokens } from "./align.js";
import { metricWarning, missing } from "./outcome.js";

/**
 * NSL = sum over segments s of tokens(T, s) / sum over the same s of tokens(reference, s), over the
 * segments present in both (by id), for one language. Below 1: T needs fewer tokens than the
 * reference on this text.
 *
 * Source: Dagan, Synnaeve, Rozière (2024), "Getting the most out of your tokenizer for pre-training and
 * domain adaptation", ICML 2024 (arXiv:2402.01035) — normalized sequence length (NSL), a ratio of the
 * encoded lengths of a tokenizer and a baseline tokenizer summed over a dataset (they use Llama's as
 * the baseline).
 */
export const nsl: MetricDefinition<"nsl"> = {
  name: "nsl",
  description: "Tokens of this tokenizer / tokens of the reference tokenizer on the same segments.",
  unit: "ratio",
  better: "lower",
  source:
    'Dagan et al. 2024, "Getting the most out of your tokenizer for pre-training and domain adaptation" (ICML), NSL',
  compute(data, context) {
    const reference = context.reference;
    if (!reference) {
      return missing(
        metricWarning(
          data,
          "no-reference",
          `nsl for ${data.tokenizer} on ${data.language} needs a reference tokenizer; pass one with --reference <tokenizer>.`,
        ),
      );
    }
    if (reference.language !== data.language) {
      return missing(
        metricWarning(
          data,
          "reference-mismatch",
          `nsl for ${data.tokenizer} on ${data.language} was given reference data for ${reference.language}; pass the reference tokenizer's result on ${data.language}.`,
        ),
      );
    }
    const aligned = alignTokens(data.segments, reference.segments);
    if (aligned.ids.length === 0) {
      return missing(
        metricWarning(
          data,
          "no-aligned-segments",
          `nsl for ${data.tokenizer} on ${data.language}: no segment id is shared with the reference ${reference.tokenizer}; tokenize the same corpus with both.`,
        ),
      );
    }
    const warnings = [];
    if (aligned.onlyInMeasured > 0 || aligned.onlyInBase > 0) {
      warnings.push(
        metricWarning(
          data,
          "partial-alignment",
          `nsl for ${data.tokenizer} on ${data.language} uses the ${aligned.ids.length} segments also tokenized by ${reference.tokenizer}; ${aligned.onlyInMeasured + aligned.onlyInBase} unmatched segments are left out.`,
        ),
      );
    }
    return alignedRatio(
      data,
      aligned,
      `nsl for ${data.tokenizer} on ${data.language} is undefined: the reference ${reference.tokenizer} produced no tokens on the shared segments.`,
      warnings,
    );
  },
};
