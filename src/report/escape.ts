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
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Makes control and invisible characters of a token visible (`\n`, `\u{200B}`), keeping all other text as is.
 * Vocabulary entries often are a lone newline or a zero-width joiner, which would otherwise show as nothing.
 */
export function visibleText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/gu, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\t") return "\\t";
    if (c === "\r") return "\\r";
    return `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`;
  });
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
