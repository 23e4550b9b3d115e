// The report page's data block: every dataset of the page (chart data, the numbers table's rows) stored once, by
// column, strings as indexes into one shared list; the page script (assets/page.js, `decodeTables`) rebuilds the rows.

/** A column: its values as they are, or `{ s: [...] }`, indexes into `PageTables.strings` (-1: null). */
export type PageColumn = unknown[] | { s: number[] };

/** The page's datasets: columns stored once each (an equal column of two datasets is stored once). */
export interface PageTables {
  strings: string[];
  columns: PageColumn[];
  /** Per dataset name: its row count and its fields in row order, each with its column's index. */
  tables: Record<string, { rows: number; fields: [string, number][] }>;
}

/** Collects datasets into a `PageTables`; `add` returns the name a spec or table refers to. */
export class PageTablesBuilder {
  private readonly strings: string[] = [];
  private readonly stringAt = new Map<string, number>();
  private readonly columns: PageColumn[] = [];
  private readonly columnAt = new Map<string, number>();
  private readonly tables: PageTables["tables"] = {};
  private readonly tableAt = new Map<string, string>();

  /**
   * Stores `rows` (plain objects) and returns the dataset's name; the same rows added twice get the same name. Null
   * when the rows cannot be stored by column without loss (not all plain objects with the same keys in the same
   * order): the caller keeps those inline.
   */
  add(rows: readonly unknown[], prefix = "d"): string | null {
    const keys = columnKeys(rows);
    if (!keys) return null;
    const whole = JSON.stringify(rows);
    const known = this.tableAt.get(whole);
    if (known) return known;
    const fields: [string, number][] = keys.map((k) => [
      k,
      this.column(rows.map((r) => (r as Record<string, unknown>)[k])),
    ]);
    let name = `${prefix}${Object.keys(this.tables).length}`;
    while (name in this.tables) name += "_";
    this.tables[name] = { rows: rows.length, fields };
    this.tableAt.set(whole, name);
    return name;
  }

  build(): PageTables {
    return { strings: this.strings, columns: this.columns, tables: this.tables };
  }

  private column(values: unknown[]): number {
    const stringish = values.every((v) => typeof v === "string" || v === null);
    const encoded: PageColumn = stringish
      ? { s: values.map((v) => (v === null ? -1 : this.string(v as string))) }
      : values;
    const text = JSON.stringify(encoded);
    const known = this.columnAt.get(text);
    if (known !== undefined) return known;
    this.columns.push(encoded);
    this.columnAt.set(text, this.columns.length - 1);
    return this.columns.length - 1;
  }

  private string(s: string): number {
    let i = this.stringAt.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringAt.set(s, i);
    }
    return i;
  }
}

/** The keys every row has, in the same order, or null when the rows are not all such plain objects. */
function columnKeys(rows: readonly unknown[]): string[] | null {
  if (rows.length === 0) return null;
  const first = rows[0];
  if (!isPlainObject(first)) return null;
  const keys = Object.keys(first);
  for (const r of rows) {
    if (!isPlainObject(r)) return null;
    const k = Object.keys(r);
    if (k.length !== keys.length || k.some((x, i) => x !== keys[i])) return null;
    // undefined would not survive JSON either way; a row holding one keeps its dataset inline, as it is
    if (Object.values(r).some((v) => v === undefined)) return null;
  }
  return keys;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** The rows of dataset `name`, rebuilt (the inverse of `add`; the page script does the same in JavaScript). */
export function decodeTable(tables: PageTables, name: string): Record<string, unknown>[] {
  const t = tables.tables[name];
  if (!t) throw new Error(`internal error: no dataset ${name} in the page's data`);
  const cols = t.fields.map(([k, i]) => {
    const c = tables.columns[i]!;
    return [k, Array.isArray(c) ? c : c.s.map((j) => (j < 0 ? null : tables.strings[j]!))] as const;
  });
  const out: Record<string, unknown>[] = [];
  for (let r = 0; r < t.rows; r++) {
    const row: Record<string, unknown> = {};
    for (const [k, values] of cols) row[k] = values[r];
    out.push(row);
  }
  return out;
}

/**
 * Replaces the inline `data.values` of the specs (at any depth: layers have their own) by a named data source,
 * `{ name }`, whose rows go into `builder`. Vega-Lite reads a named source from the view's datasets; the page script
 * puts the rows back as `values` before it draws, so the specs the page's other scripts rewrite look as before.
 */
export function nameSpecData(specs: Record<string, unknown>, builder: PageTablesBuilder): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = nameData(spec, builder);
  return out;
}

function nameData(node: unknown, builder: PageTablesBuilder): unknown {
  if (Array.isArray(node)) return node.map((x) => nameData(x, builder));
  if (!isPlainObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "data" && isPlainObject(v) && Array.isArray(v["values"]) && Object.keys(v).length === 1) {
      const name = builder.add(v["values"]);
      out[k] = name === null ? v : { name };
    } else {
      out[k] = nameData(v, builder);
    }
  }
  return out;
}
