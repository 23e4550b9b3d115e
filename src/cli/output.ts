// Shared printing helpers for commands: JSON on stdout, aligned plain-text tables, text made safe for a terminal.

/**
 * Characters a terminal acts on or reorders instead of showing: C0 controls (ESC starts escape and OSC sequences),
 * DEL, C1 controls (U+009B is a one-byte CSI), and the bidirectional embeddings, overrides, isolates and marks.
 */
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same minus C0, which JSON.stringify already escapes inside strings (and whose \n lays out the document). */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visibleEscape(c: string): string {
  if (c === "\n") return "\\n";
  if (c === "\t") return "\\t";
  if (c === "\r") return "\\r";
  const cp = c.codePointAt(0)!;
  return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, "0")}` : `\\u{${cp.toString(16).toUpperCase()}}`;
}

/** Text from a tokenizer or corpus made safe for a terminal cell: every unsafe character becomes `\x1b`, `\n`, `\u{202E}`. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_UNSAFE, visibleEscape);
}

/** Like `terminalSafe`, but keeps line breaks and tabs: for messages that span lines. */
export function terminalSafeLines(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => (c === "\n" || c === "\t" ? c : visibleEscape(c)));
}

/** Each warning as a `warning [code]: message` line on stderr. */
export function printWarnings(warnings: readonly { code: string; message: string }[]): void {
  for (const w of warnings) process.stderr.write(terminalSafeLines(`warning [${w.code}]: ${w.message}`) + "\n");
}

/**
 * Prints one JSON document on stdout. JSON.stringify escapes C0 controls but writes DEL, C1 controls and bidi
 * overrides raw; they are written as `\u009b`-style escapes, which decode to the same strings.
 */
export function printJson(value: unknown): void {
  const json = JSON.stringify(value, null, 2).replace(
    JSON_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  process.stdout.write(json + "\n");
}

/** Display width of a string in a monospace terminal (East Asian wide characters count double). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (/\p{Mn}|\p{Me}|\p{Cf}/u.test(ch)) continue;
    w +=
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1f300 && cp <= 0x1faff) ||
      (cp >= 0x20000 && cp <= 0x3fffd)
        ? 2
        : 1;
  }
  return w;
}

/**
 * Formats rows as an aligned table; numeric-looking cells are right-aligned, except in the columns listed in
 * `leftColumns` (text that may look like a number: a token `123`); control characters are escaped.
 */
export function formatTable(
  rawHeader: readonly string[],
  rawRows: ReadonlyArray<readonly string[]>,
  leftColumns: readonly number[] = [],
): string {
  const header = rawHeader.map(terminalSafe);
  const rows = rawRows.map((r) => r.map(terminalSafe));
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))));
  const numeric = /^[-+]?[\d.,]+(%|x|\*)?( \*)?$/;
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => {
        const pad = " ".repeat(Math.max(0, widths[i]! - displayWidth(c)));
        return numeric.test(c) && !leftColumns.includes(i) ? pad + c : c + pad;
      })
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

/**
 * A table too wide for `maxWidth` columns, as several tables one under the other: each repeats the first `keep`
 * columns (the row labels) and takes as many of the other columns as fit (at least one).
 */
export function formatWrappedTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  maxWidth: number,
  keep = 1,
): string {
  const width = (i: number) =>
    Math.max(displayWidth(terminalSafe(header[i] ?? "")), ...rows.map((r) => displayWidth(terminalSafe(r[i] ?? ""))));
  const fixed = Array.from({ length: keep }, (_, i) => width(i) + 2).reduce((a, b) => a + b, 0);
  const parts: number[][] = [];
  let current: number[] = [];
  let used = fixed;
  for (let i = keep; i < header.length; i++) {
    const w = width(i) + 2;
    if (current.length > 0 && used + w > maxWidth) {
      parts.push(current);
      current = [];
      used = fixed;
    }
    current.push(i);
    used += w;
  }
  if (current.length > 0 || parts.length === 0) parts.push(current);
  const pick = (cells: readonly string[], cols: number[]) => [
    ...cells.slice(0, keep),
    ...cols.map((i) => cells[i] ?? ""),
  ];
  return parts
    .map((cols) =>
      formatTable(
        pick(header, cols),
        rows.map((r) => pick(r, cols)),
      ),
    )
    .join("\n");
}

/** Columns available on stdout: the terminal's width, else $COLUMNS, else 120. */
export function outputColumns(
  stream: { columns?: number } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const fromEnv = Number(env["COLUMNS"]);
  return stream.columns && stream.columns > 0
    ? stream.columns
    : Number.isInteger(fromEnv) && fromEnv > 20
      ? fromEnv
      : 120;
}
