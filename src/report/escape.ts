// Escaping for every place report text lands: HTML text and attributes, JSON inside <script>, Markdown, CSV.

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside a `<script type="application/json">` element: `<`, `>` and `&` become `\u003c`...,
 * so neither `</script` nor `<!--` can appear, and U+2028/U+2029 are escaped for older JS parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Makes control and invisible characters of a token visible (`\n`, `\u{200B}`), keeping all other text as is.
 * Every bidi control (U+061C, U+200E/F, U+202A-202E, U+2066-2069) is among them, as in the terminal's `terminalSafe`.
 * Vocabulary entries often are a lone newline or a zero-width joiner, which would otherwise show as nothing.
 */
export function visibleText(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu,
    (c) => {
      if (c === "\n") return "\\n";
      if (c === "\t") return "\\t";
      if (c === "\r") return "\\r";
      return `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`;
    },
  );
}

/**
 * Escapes text for inline Markdown (table cells, list items after their marker): HTML-significant characters,
 * emphasis/link/code syntax, pipes; newlines become visible `\n` so a cell stays on one line.
 */
export function escapeMarkdown(text: string): string {
  return visibleText(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|~])/g, "\\$1");
}

/**
 * One CSV field (RFC 4180). Text starting with `= + - @` or a tab/CR is prefixed with `'` so a spreadsheet
 * does not run it as a formula (a hostile tokenizer name could otherwise do so).
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Longest vocabulary entry shown in full in a report, in code points; longer ones are cut (see `cutForDisplay`). */
export const REPORT_ENTRY_MAX_CHARS = 200;

/**
 * Splits an over-long text for display: its first `max` code points, and a visible `… (N chars)` marker giving the
 * full length (empty when nothing was cut). A 10 MB vocabulary entry must not become a 10 MB table cell.
 */
export function cutForDisplay(text: string, max: number): { head: string; cut: string } {
  if (text.length <= max) return { head: text, cut: "" };
  let end = 0;
  for (let n = 0; n < max && end < text.length; n++) end += isSurrogatePair(text, end) ? 2 : 1;
  if (end >= text.length) return { head: text, cut: "" };
  return { head: text.slice(0, end), cut: `… (${codePointLength(text).toLocaleString("en-US")} chars)` };
}

const isSurrogatePair = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
};

/** Length in code points, without building an array (entries can be megabytes long). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += isSurrogatePair(text, i) ? 2 : 1) n++;
  return n;
}
