// The report's number formats (src/report/format.ts), and the page script's copy of them (assets/page.js `shown`,
// which draws the data-block tables in the browser): both must give the same string for every value and format.
import { describe, expect, it } from "vitest";
import { formatCell, type CellFormat } from "../../src/report/data-table.js";
import { fmt, int, pct, usd } from "../../src/report/format.js";
import { PAGE_SCRIPT } from "../../src/report/page-assets.js";

type Shown = (v: unknown, format: CellFormat, row: Record<string, unknown>) => string;

/** The page script's `fixed` and `shown`, cut from the script text and compiled on their own (no DOM needed). */
function pageShown(): Shown {
  const cut = (name: string, next: string) => {
    const start = PAGE_SCRIPT.indexOf(`function ${name}(`);
    const end = PAGE_SCRIPT.indexOf(next, start);
    if (start < 0 || end < 0) throw new Error(`page.js has no function ${name} before '${next}'`);
    return PAGE_SCRIPT.slice(start, end);
  };
  const source = `${cut("fixed", "// formatCell")}\n${cut("shown", 'document.querySelectorAll("table[data-rows]")')}\nreturn shown;`;
  return new Function(source)() as Shown;
}

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

  it("give the same string as the page script's copy, for every value x format x row", () => {
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
