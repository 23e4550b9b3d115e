// results.csv: one row per tokenizer x language, every CompareResultRow field plus display names.
import type { CompareResultRow } from "./report-data.js";
import type { ReportModel, ResultView } from "./report-model.js";
import { csvField } from "./escape.js";
import type { CostRow } from "../metrics/cost.js";

type Cell = string | number | boolean | null | undefined;

/** Every CompareResultRow field maps to columns: adding a field without a column fails to compile. */
const ROW_COLUMNS = {
  tokenizer: (r) => [["tokenizer", r.tokenizer]],
  language: (r) => [["language", r.language]],
  segments: (r) => [["segments", r.segments]],
  tokens: (r) => [["tokens", r.tokens]],
  words: (r) => [["words", r.words]],
  chars: (r) => [["chars", r.chars]],
  bytes: (r) => [["bytes", r.bytes]],
  fertility: (r) => [["fertility", r.fertility]],
  continued_words: (r) => [["continued_words", r.continued_words]],
  word_fertility: (r) => [["word_fertility", r.word_fertility]],
  strr: (r) => [["strr", r.strr]],
  bytes_per_token: (r) => [["bytes_per_token", r.bytes_per_token]],
  chars_per_token: (r) => [["chars_per_token", r.chars_per_token]],
  premium: (r) => [["premium", r.premium]],
  premium_ci: (r) => [
    ["premium_ci_low", r.premium_ci?.[0]],
    ["premium_ci_high", r.premium_ci?.[1]],
  ],
  unk_rate: (r) => [["unk_rate", r.unk_rate]],
  lossy_chars: (r) => [["lossy_chars", r.lossy_chars]],
  byte_fallback_rate: (r) => [["byte_fallback_rate", r.byte_fallback_rate]],
  unique_tokens: (r) => [["unique_tokens", r.unique_tokens]],
  vocab_utilization: (r) => [["vocab_utilization", r.vocab_utilization]],
  renyi_efficiency: (r) => [["renyi_efficiency", r.renyi_efficiency]],
  shannon_efficiency: (r) => [["shannon_efficiency", r.shannon_efficiency]],
  nsl: (r) => [["nsl", r.nsl]],
} satisfies Record<keyof CompareResultRow, (r: CompareResultRow) => [string, Cell][]>;

/** The report's display columns, each after the field it names. */
const DISPLAY_COLUMNS: Partial<Record<keyof CompareResultRow, (r: ResultView) => [string, Cell][]>> = {
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

const compareColumns = Object.values(ROW_COLUMNS) as ((r: CompareResultRow) => [string, Cell][])[];
const EMPTY_ROW = { premium_ci: null } as CompareResultRow;

/** The CSV text (header + rows, CRLF line ends as RFC 4180 asks); empty cells are missing values. */
export function resultsCsv(model: ReportModel): string {
  const keys = Object.keys(ROW_COLUMNS) as (keyof CompareResultRow)[];
  const rowCells = (r: ResultView): [string, Cell][] => [
    ...keys.flatMap((k) => [...ROW_COLUMNS[k](r), ...(DISPLAY_COLUMNS[k]?.(r) ?? [])]),
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
  const lines = rows.map((r, i) => {
    const cells = compareColumns.flatMap((c) => c(r));
    if (!costs) return cells;
    const cost = costs[i];
    if (!cost || cost.tokenizer !== r.tokenizer || cost.language !== r.language)
      throw new Error("internal error: cost rows out of step with results");
    return [...cells, ...costCells(cost)];
  });
  return csvText(
    lines,
    compareColumns.flatMap((c) => c(EMPTY_ROW)).map(([name]) => name),
    "\n",
  );
}
