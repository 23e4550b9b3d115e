// Strict CSV (RFC 4180) for the small tables a user gives toklens (--group-by, --gold): a malformed file is refused
// naming its line, never silently read another way.
import { ConfigError } from "../errors.js";
import { readInputFile } from "../input-file.js";

/** One record of a CSV file: its fields and the line it starts on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * The records of `text` (RFC 4180: fields in double quotes may hold commas, line breaks and `""`; LF or CRLF ends a
 * record). `fail(line, problem)` is called for an unclosed quote, a quote inside an unquoted field, or text after a
 * closing quote; it must throw.
 */
export function parseCsv(text: string, fail: (line: number, problem: string) => never): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const record: CsvRecord = { line, fields: [] };
    for (;;) {
      let field: string;
      if (text[i] === '"') {
        const opened = line;
        field = "";
        for (i++; ;) {
          const q = text.indexOf('"', i);
          if (q === -1) fail(opened, 'a quoted field opened here is never closed (a missing ")');
          const part = text.slice(i, q);
          field += part;
          line += part.split("\n").length - 1;
          i = q + 1;
          if (text[i] !== '"') break;
          field += '"';
          i++;
        }
        const next = text[i];
        if (next !== undefined && next !== "," && next !== "\n" && !(next === "\r" && text[i + 1] === "\n"))
          fail(line, 'text follows a closing quote; a quote inside a quoted field is written twice ("")');
      } else {
        let j = i;
        while (j < text.length && text[j] !== "," && text[j] !== "\n") j++;
        field = text.slice(i, j);
        if (text[j] === "\n" && field.endsWith("\r")) field = field.slice(0, -1);
        if (field.includes('"'))
          fail(
            line,
            'a quote inside an unquoted field; put the whole field in quotes and double the quote ("a ""b""")',
          );
        i = j;
      }
      record.fields.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "\r") i++;
      if (text[i] === "\n") {
        i++;
        line++;
      }
      break;
    }
    records.push(record);
  }
  return records;
}

/** A data row of a CSV table: the named columns' values (as written) and the line the row starts on. */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

export interface CsvTableOptions {
  /** How messages name the file, e.g. `--gold file 'g.csv'`. */
  label: string;
  /** The columns read; each must appear exactly once in the header (other columns are ignored). */
  columns: readonly string[];
  /** A header row to suggest, e.g. `language,group`. */
  example: string;
  /** The message when the file cannot be read, given the reason (`ENOENT`...). */
  unreadable: (reason: string) => string;
}

/**
 * Reads a CSV file with a header row: strict RFC 4180, every row as many fields as the header, each of `columns`
 * present once. Blank lines are skipped. Errors are ConfigErrors naming the file and line, never its contents.
 */
export async function readCsvTable(file: string, options: CsvTableOptions): Promise<CsvRow[]> {
  const { label } = options;
  const error = (message: string, o?: { cause?: unknown }): ConfigError => new ConfigError(message, o);
  const text = await readInputFile(file, { label, error, unreadable: options.unreadable });
  const quoted = options.columns.map((c) => `'${c}'`);
  const need = `a header row with ${quoted.slice(0, -1).join(", ")}${quoted.length > 1 ? " and " : ""}${quoted.at(-1)}, e.g. "${options.example}"`;
  if (text.trim() === "") throw new ConfigError(`The ${label} is empty; it needs ${need}.`);
  const records = parseCsv(text, (line, problem) => {
    throw new ConfigError(`Line ${line} of the ${label} is not valid CSV: ${problem}.`);
  }).filter((r) => r.fields.length > 1 || r.fields[0]!.trim() !== "");
  const header = records[0]!.fields.map((f) => f.trim());
  const missing = options.columns.filter((c) => !header.includes(c));
  if (missing.length > 0)
    throw new ConfigError(
      `The header (line ${records[0]!.line}) of the ${label} lacks the column(s) ${missing.join(", ")}; it needs ${need}.`,
    );
  for (const c of options.columns) {
    if (header.indexOf(c) !== header.lastIndexOf(c))
      throw new ConfigError(`The header of the ${label} has the column '${c}' twice; keep one.`);
  }
  return records.slice(1).map((r) => {
    if (r.fields.length !== header.length)
      throw new ConfigError(
        `Line ${r.line} of the ${label} has ${r.fields.length} field(s), but the header has ${header.length}. Quote a field that holds a comma ("a,b").`,
      );
    return {
      line: r.line,
      values: Object.fromEntries(options.columns.map((c) => [c, r.fields[header.indexOf(c)]!])),
    };
  });
}
