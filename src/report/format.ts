// The report's number formats, one definition each: the HTML tables, the page's data tables (formatCell), the findings
// and summary.md all show numbers through these. The page script's `shown` (assets/page.js) mirrors them; a test
// checks both give the same strings.

/** What a missing or non-finite value shows as. */
export const MISSING = "–";

const finite = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

/** A number with `digits` decimals. */
export const fmt = (v: number | null | undefined, digits = 3): string => (finite(v) ? v.toFixed(digits) : MISSING);

/** A whole number with thousands separators (en-US). */
export const int = (v: number | null | undefined): string =>
  finite(v) ? Math.round(v).toLocaleString("en-US") : MISSING;

/** A share (0.123) as a percentage ("12.3%") with `digits` decimals. */
export const pct = (v: number | null | undefined, digits = 1): string =>
  finite(v) ? `${(v * 100).toFixed(digits)}%` : MISSING;

/** USD shown with enough digits to tell small per-language costs apart. */
export function usd(v: number | null | undefined): string {
  if (!finite(v)) return MISSING;
  return v >= 100 ? `$${v.toFixed(0)}` : v >= 1 ? `$${v.toFixed(2)}` : `$${v.toPrecision(2)}`;
}
