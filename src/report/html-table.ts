// The report page's tables: escaped cells, numeric cells that carry their value for sorting and CSV (numbers shown by format.ts).
import { escapeHtml, visibleText } from "./escape.js";

/** A table cell: text is escaped; numeric cells carry their raw value for sorting. */
export interface Cell {
  html: string;
  num?: number | null;
}
export const text = (s: string): Cell => ({ html: escapeHtml(s) });
export const token = (s: string): Cell => ({ html: `<code class="token">${escapeHtml(visibleText(s))}</code>` });
export const num = (v: number | null | undefined, shown: string): Cell => ({ html: escapeHtml(shown), num: v ?? null });

/** A column head; numeric columns are right-aligned and sort by value. */
export interface Column {
  label: string;
  numeric?: boolean;
}

/** A sortable table (the page script sorts it, filters it with the search box named by `filter`, offers it as CSV). */
export function table(id: string, header: Column[], rows: Cell[][], options: { filter?: string } = {}): string {
  const head = header.map((h) => `<th${h.numeric ? ' class="num"' : ""}>${escapeHtml(h.label)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        "<tr>" +
        r
          .map((c) =>
            c.num !== undefined
              ? `<td class="num" data-v="${c.num === null || !Number.isFinite(c.num) ? "" : String(c.num)}">${c.html}</td>`
              : `<td>${c.html}</td>`,
          )
          .join("") +
        "</tr>",
    )
    .join("\n");
  const filter = options.filter
    ? `<input class="table-filter" type="search" data-filter="${id}" placeholder="${escapeHtml(options.filter)}" aria-label="${escapeHtml(options.filter)}">`
    : "";
  return `${filter}<div class="table-box"><table class="sortable" id="${id}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}
