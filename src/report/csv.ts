// results.csv: one row per tokenizer x language, every CompareResultRow field plus display names.
import type { CompareResultRow, CompareRowCounts } from "../results/compare.js";
import { metricNames } from "../metrics/registry.js";
import type { ReportModel, ResultView } from "./report-model.js";
import { csvField } from "./escape.js";
import type { CostRow } from "../metrics/cost.js";

type Cell = string | number | boolean | null | undefined;

const COUNT_COLUMNS = [
  "tokenizer",
  "language",
  "segments",
  "tokens",
  "words",
  "chars",
  "bytes",
] as const satisfies (keyof CompareRowCounts)[];

/**
 * The columns of one row field: a count or a metric (every built-in and registered one, the registry's order); an
 * interval (`premium_ci`) becomes `<name>_low` and `<name>_high`.
 */
function fieldCells(r: CompareResultRow, field: string): [string, Cell][] {
  const v = (r as unknown as Record<string, unknown>)[field];
  if (Array.isArray(v) || intervalMetric(field))
    return [
      [`${field}_low`, (v as [number, number] | null | undefined)?.[0]],
      [`${field}_high`, (v as [number, number] | null | undefined)?.[1]],
    ];
  return [[field, v as Cell]];
}

/** premium_ci's columns are split even in a row where it is null, so every row has the same columns. */
const intervalMetric = (name: string) => name.endsWith("_ci");

const rowFields = (): string[] => [...COUNT_COLUMNS, ...metricNames()];

/** The report's display columns, each after the field it names. */
const DISPLAY_COLUMNS: Partial<Record<string, (r: ResultView) => [string, Cell][]>> = {
  tokenizer: (r) => [["tokenizer_name", r.tokenizer_label]],
  language: (r) => [
    ["language_name", r.language_name],
    ["script", r.script],
  ],
};

/** Cost columns of `toklens compare --csv` with --prices / --context; intervals split into `_low` / `_high`. */
const COST_COLUMNS = [
  "input_price",
  "output_price",
  "input_usd_per_million_chars",
  "input_usd_per_million_chars_ci",
  "input_usd_per_thousand_words",
  "input_usd_per_thousand_words_ci",
  "output_usd_per_million_chars",
  "output_usd_per_million_chars_ci",
  "output_usd_per_thousand_words",
  "output_usd_per_thousand_words_ci",
  "context_tokens",
  "words_in_context",
  "chars_in_context",
] as const satisfies ReadonlyArray<Exclude<keyof CostRow, "tokenizer" | "language">>;

function costCells(cost: CostRow): [string, Cell][] {
  return COST_COLUMNS.flatMap((c): [string, Cell][] => {
    const v = cost[c];
    if (Array.isArray(v) || c.endsWith("_ci")) {
      const ci = v as [number, number] | null;
      return [
        [`${c}_low`, ci?.[0]],
        [`${c}_high`, ci?.[1]],
      ];
    }
    return [[c, v as number | null]];
  });
}

/**
 * The one CSV writer: named cells per row -> header (from the first row, or `emptyHeader`) and one line per row,
 * each field through `csvField` (RFC 4180 quoting, spreadsheet formulas defused), every line ended by `eol`.
 */
function csvText(
  rows: ReadonlyArray<ReadonlyArray<[string, Cell]>>,
  emptyHeader: readonly string[],
  eol: string,
): string {
  const header = rows[0] ? rows[0].map(([name]) => name) : emptyHeader;
  const lines = [header.join(","), ...rows.map((r) => r.map(([, v]) => csvField(v)).join(","))];
  return lines.join(eol) + eol;
}

const EMPTY_ROW = { premium_ci: null } as CompareResultRow;

/** The CSV text (header + rows, CRLF line ends as RFC 4180 asks); empty cells are missing values. */
export function resultsCsv(model: ReportModel): string {
  const keys = rowFields();
  const rowCells = (r: ResultView): [string, Cell][] => [
    ...keys.flatMap((k) => [...fieldCells(r, k), ...(DISPLAY_COLUMNS[k]?.(r) ?? [])]),
    ["cheapest", r.cheapest],
  ];
  return csvText(
    model.rows.map(rowCells),
    rowCells(EMPTY_ROW as ResultView).map(([name]) => name),
    "\r\n",
  );
}

/**
 * `toklens compare --csv`: one row per tokenizer x language, every CompareResultRow field (premium_ci in two
 * columns), LF line ends; `costs` (in the order of `rows`) adds the cost columns.
 */
export function compareCsv(rows: readonly CompareResultRow[], costs?: readonly CostRow[]): string {
  const fields = rowFields();
  const lines = rows.map((r, i) => {
    const cells = fields.flatMap((f) => fieldCells(r, f));
    if (!costs) return cells;
    const cost = costs[i];
    if (!cost || cost.tokenizer !== r.tokenizer || cost.language !== r.language)
      throw new Error("internal error: cost rows out of step with results");
    return [...cells, ...costCells(cost)];
  });
  return csvText(
    lines,
    fields.flatMap((f) => fieldCells(EMPTY_ROW, f)).map(([name]) => name),
    "\n",
  );
}
