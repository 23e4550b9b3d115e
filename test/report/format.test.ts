// The report's number formats (src/report/format.ts), and the page script's inlined transpilation of that file (which
// draws the data-block tables in the browser): both must give the same string for every value and format.
import { describe, expect, it } from "vitest";
import { formatCell, type CellFormat } from "../../src/report/format.js";
import { fmt, int, pct, usd } from "../../src/report/format.js";
import { PAGE_SCRIPT } from "../../src/report/page-assets.js";
import { inlinedModule } from "./inlined-module.js";

type Shown = (v: unknown, format: CellFormat, row: Record<string, unknown>) => string;

/** The page script's formatCell: format.ts as scripts/report-assets.mjs inlined it (compiled on its own, no DOM). */
const pageShown = (): Shown =>
  inlinedModule<{ formatCell: Shown }>(PAGE_SCRIPT, "src/report/format.ts", ["formatCell"]).formatCell;

const VALUES: unknown[] = [
  0,
  -0,
  1,
  -1,
  0.5,
  0.0005,
  0.12345,
  1.23456,
  1.9876,
  2.5,
  999.9995,
  1234.5,
  1234567.891,
  -42.42,
  1e21,
  1e-7,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  null,
  undefined,
  "Amharic",
];
const FORMATS: CellFormat[] = [
  ["text"],
  ["int"],
  ["fmt", 0],
  ["fmt", 2],
  ["fmt", 3],
  ["pct", 1],
  ["pct", 2],
  ["ci", 3, "lo", "hi"],
  ["ci", 2, "lo", "hi"],
];
const ROWS: Record<string, unknown>[] = [{}, { lo: 1.8, hi: 2.15 }, { lo: null, hi: 2 }, { lo: 0.001, hi: 1e6 }];

describe("number formats", () => {
  it("format numbers, and show a missing or non-finite value as a dash", () => {
    expect([fmt(1.23456), fmt(1.23456, 1), fmt(null), fmt(Number.NaN)]).toEqual(["1.235", "1.2", "–", "–"]);
    expect([int(1234.5), int(undefined), int(Number.POSITIVE_INFINITY)]).toEqual(["1,235", "–", "–"]);
    expect([pct(0.12345), pct(0.5, 2), pct(null)]).toEqual(["12.3%", "50.00%", "–"]);
    expect([usd(1234.5), usd(12.345), usd(0.012345), usd(null)]).toEqual(["$1235", "$12.35", "$0.012", "–"]);
  });

  it("are the page script's too: format.ts is inlined into it, and gives the same string there for every value x format x row", () => {
    expect(PAGE_SCRIPT).toContain("td.textContent = formatCell(v, c[1], row);");
    const shown = pageShown();
    let compared = 0;
    for (const format of FORMATS)
      for (const row of ROWS)
        for (const v of VALUES) {
          expect({ v, format, row, page: shown(v, format, row) }).toEqual({
            v,
            format,
            row,
            page: formatCell(v, format, row),
          });
          compared++;
        }
    expect(compared).toBe(FORMATS.length * ROWS.length * VALUES.length);
  });
});
