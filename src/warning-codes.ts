// Every machine-readable warning code, in one table per phase: `Warning.code` is typed from them, so a new code is
// added here or does not compile. docs/warnings.md explains each (a test keeps the two in step).
import { isOneOf } from "./closed-set.js";

/** Codes of the metrics phase: a metric that is null, or computed over part of the data, says why. */
export const METRIC_WARNING_CODES = [
  "no-tokens",
  "no-words",
  "unplaced-words",
  "unplaced-chars",
  "no-chars",
  "lossy",
  "no-pivot",
  "pivot-mismatch",
  "no-reference",
  "reference-mismatch",
  "no-aligned-segments",
  "partial-alignment",
  "zero-denominator",
  "invalid-vocab-size",
  "single-type",
  "too-few-languages",
  "counts-only",
  "no-price",
] as const;
export type MetricWarningCode = (typeof METRIC_WARNING_CODES)[number];

/** Codes of reading a corpus: what was skipped, replaced or resolved on the way in. */
export const CORPUS_WARNING_CODES = [
  "blank-lines-skipped",
  "empty-segments",
  "flores-size",
  "gold-rows-skipped",
  "incomplete-skipped",
  "language-alias",
  "replaced-invalid-utf8",
  "sampled",
  "split-missing",
  "unaligned",
  "unregistered-language",
  "variety-skipped",
] as const;
export type CorpusWarningCode = (typeof CORPUS_WARNING_CODES)[number];

/** Codes of the tokenize phase: the cache, and per-segment counts files. */
export const TOKENIZE_WARNING_CODES = ["cache-entry-invalid", "cache-unwritable", "counts-unused"] as const;
export type TokenizeWarningCode = (typeof TOKENIZE_WARNING_CODES)[number];

/** Codes of a comparison as a whole: languages left out of a summary, groups, joined segments. */
export const ANALYSIS_WARNING_CODES = [
  "group-language-not-in-run",
  "language-without-group",
  "joined-in-pieces",
  "joined-no-ci",
  "lossy-excluded",
  "no-text",
  "not-parallel",
  "pivot-missing",
] as const;
export type AnalysisWarningCode = (typeof ANALYSIS_WARNING_CODES)[number];

export const WARNING_CODES = [
  ...METRIC_WARNING_CODES,
  ...CORPUS_WARNING_CODES,
  ...TOKENIZE_WARNING_CODES,
  ...ANALYSIS_WARNING_CODES,
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export function isWarningCode(value: unknown): value is WarningCode {
  return isOneOf(WARNING_CODES, value);
}
