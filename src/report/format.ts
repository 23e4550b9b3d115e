// The report's number formats, one definition each: the HTML tables, the page's data tables (formatCell), the findings
// and summary.md all show numbers through these. The page script runs this very file: scripts/report-assets.mjs
// inlines it, transpiled, into assets/page.js, so it imports nothing at run time.

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

/** How a cell shows its value: as text, or as a number (`int`: rounded with thousands separators; `fmt`/`pct`: digits). */
export type CellFormat =
  | readonly ["text"]
  | readonly ["int"]
  | readonly ["fmt", number]
  | readonly ["pct", number]
  /** The value with `digits`, then ` [low–high]` (2 digits) from fields `low` and `high` of the row when both have one. */
  | readonly ["ci", number, string, string];

/** A cell's text as `table()` in html-table.ts would show it (the page script draws its data tables with it). */
export function formatCell(value: unknown, format: CellFormat, row: Record<string, unknown> = {}): string {
  switch (format[0]) {
    case "text":
      return value === null || value === undefined ? "" : String(value);
    case "int":
      return int(value as number | null);
    case "fmt":
      return fmt(value as number | null, format[1]);
    case "pct":
      return pct(value as number | null, format[1]);
    case "ci": {
      const low = row[format[2]],
        high = row[format[3]];
      const ci = typeof low === "number" && typeof high === "number" ? ` [${fmt(low, 2)}–${fmt(high, 2)}]` : "";
      return fmt(value as number | null, format[1]) + ci;
    }
  }
}
