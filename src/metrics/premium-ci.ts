// premium_ci: a paired bootstrap percentile interval for the premium, resampling aligned segments.
import type { MetricDefinition } from "./types.js";
import { bootstrapRatio } from "./bootstrap.js";
import { metricWarning, missing, ok } from "./outcome.js";
import { alignWithPivot } from "./premium.js";

/**
 * premium_ci = [q_(1-c)/2, q_(1+c)/2] of the bootstrap distribution of the premium, c the confidence
 * level (0.95 by default). Segments are resampled with replacement as (tokens(L, s), tokens(pivot, s))
 * pairs, so the pairing of a sentence with its translation is kept; each resample's premium is a
 * ratio of sums like the point estimate. Quantiles interpolate linearly between order statistics.
 * The generator is mulberry32 seeded with `options.seed`, fresh for each tokenizer x language, and
 * segments are ordered by id first, so the interval is reproducible and independent of sharding.
 *
 * The percentile interval of a ratio of sums is centred close to the point estimate, so it brackets
 * it in practice; with a handful of segments it is wide and can be lopsided — read it as "the premium
 * is not known more precisely than this on this corpus".
 *
 * Source: premium from Petrov et al. (2023), NeurIPS; percentile bootstrap from Efron & Tibshirani
 * (1993), "An Introduction to the Bootstrap", ch. 13.
 */
export const premiumCi: MetricDefinition<"premium_ci"> = {
  name: "premium_ci",
  description: "95% paired bootstrap percentile interval of the premium, resampling segments (seeded).",
  unit: "ratio interval",
  better: null,
  source: "Petrov et al. 2023 (premium); Efron & Tibshirani 1993, ch. 13 (percentile bootstrap)",
  compute(data, context) {
    const r = alignWithPivot(data, context.pivot, "premium_ci");
    if ("failure" in r) return missing(r.failure);
    const { bootstrapResamples, confidenceLevel, seed } = context.options;
    const result = bootstrapRatio(r.aligned.tokens, r.aligned.baseTokens, {
      resamples: bootstrapResamples,
      level: confidenceLevel,
      seed,
    });
    if (!result.interval) {
      return missing(
        metricWarning(
          data,
          "zero-denominator",
          `premium_ci for ${data.tokenizer} on ${data.language} is undefined: the pivot ${context.pivot!.language} has no tokens on the shared segments.`,
        ),
      );
    }
    const warnings = [];
    if (result.usedResamples < bootstrapResamples) {
      warnings.push(
        metricWarning(
          data,
          "zero-denominator",
          `premium_ci for ${data.tokenizer} on ${data.language} used ${result.usedResamples} of ${bootstrapResamples} resamples; the others drew only pivot segments with no tokens.`,
        ),
      );
    }
    return ok(result.interval, warnings);
  },
};
