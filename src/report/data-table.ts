// A sortable table whose rows the page script builds from a dataset of the page's data block (page-data.ts): a
// large table costs its values once instead of its HTML, and is the same <table> once the page has run.
import { escapeHtml } from "./escape.js";
import type { CellFormat } from "./format.js";
import type { PageTablesBuilder } from "./page-data.js";

/** One column: its head, the row field it shows and how. Numeric formats make a numeric (right-aligned, sortable by value) column. */
export interface DataColumn {
  label: string;
  field: string;
  format: CellFormat;
}

/**
 * The table's HTML: its filter box, its head and an empty body the page script fills from dataset `rows` (stored in
 * `builder` here). Each row keeps only the columns' fields, so equal columns of the charts' data are stored once.
 */
export function dataTable(
  id: string,
  columns: readonly DataColumn[],
  rows: readonly Record<string, unknown>[],
  builder: PageTablesBuilder,
  options: { filter?: string } = {},
): string {
  const fields = [
    ...new Set(columns.flatMap((c) => (c.format[0] === "ci" ? [c.field, c.format[2], c.format[3]] : [c.field]))),
  ];
  const projected = rows.map((r) => Object.fromEntries(fields.map((f) => [f, r[f] ?? null])));
  const name = projected.length > 0 ? builder.add(projected, "t") : null;
  // rows of one shape with no undefined always go by column
  if (projected.length > 0 && name === null)
    throw new Error(`internal error: the rows of ${id} cannot be stored by column`);
  const head = columns
    .map((c) => `<th${c.format[0] !== "text" ? ' class="num"' : ""}>${escapeHtml(c.label)}</th>`)
    .join("");
  const cells = JSON.stringify(columns.map((c) => [c.field, c.format]));
  const filter = options.filter
    ? `<input class="table-filter" type="search" data-filter="${id}" placeholder="${escapeHtml(options.filter)}" aria-label="${escapeHtml(options.filter)}">`
    : "";
  const source = name === null ? "" : ` data-rows="${escapeHtml(name)}" data-cells="${escapeHtml(cells)}"`;
  return `${filter}<div class="table-box"><table class="sortable" id="${id}"${source}><thead><tr>${head}</tr></thead><tbody>\n</tbody></table></div>`;
}
