// The shell of a self-contained toklens HTML page: its head, and a Content-Security-Policy that lets only the page's own inline scripts run.
import { createHash } from "node:crypto";
import { escapeHtml } from "./escape.js";

/** What goes into a page shell. */
export interface PageShell {
  /** The <title>, as plain text. */
  title: string;
  /** Plain text of a `<meta name="generator">`, e.g. how to rerun; none when absent. */
  generator?: string;
  /** CSS of the head's <style>, inlined as is. */
  style: string;
  /** The body's HTML, before the scripts. */
  body: string;
  /** Inline scripts, run in this order at the end of the body; the CSP admits exactly these, by sha256. */
  scripts: readonly string[];
  /** Let scripts compile code with Function(): Vega compiles its expressions that way. @default false */
  allowEval?: boolean;
  /** Allow data: and blob: images and data: fonts (a chart's PNG download is drawn into one). @default false */
  allowDataMedia?: boolean;
  /** Let scripts fetch, and the page load fonts, from its own origin (the live page of `toklens serve`). @default false */
  allowSelf?: boolean;
  /** Allow data: fonts only (a page's embedded fonts, page-fonts.ts); allowDataMedia allows them too. @default false */
  allowDataFonts?: boolean;
}

/**
 * Refuses a script that could end its inline <script> element early (`</script`) or switch the HTML parser into
 * its script-data escape state (`<!--`): either would let the text after it be read as markup.
 */
export function assertInlineScript(script: string, what: string): void {
  if (/<\/script|<!--/i.test(script))
    throw new Error(`toklens: ${what} contains "</script" or "<!--" and cannot be inlined`);
}

/**
 * The page's CSP. Only the listed scripts may run: an injected <script> or onerror= handler is blocked even if
 * escaping were ever wrong. No fetches, except to the page's own origin with `allowSelf`.
 */
export function contentSecurityPolicy(
  scripts: readonly string[],
  options: Pick<PageShell, "allowEval" | "allowDataMedia" | "allowSelf" | "allowDataFonts"> = {},
): string {
  // one font-src directive: a second one would be ignored
  const fontSources = [
    ...(options.allowDataMedia === true || options.allowDataFonts === true ? ["data:"] : []),
    ...(options.allowSelf === true ? ["'self'"] : []),
  ];
  const hashes = scripts.map((s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`);
  return [
    "default-src 'none'",
    `script-src ${[...hashes, ...(options.allowEval ? ["'unsafe-eval'"] : [])].join(" ")}`,
    "style-src 'unsafe-inline'",
    ...(options.allowDataMedia ? ["img-src data: blob:"] : []),
    ...(fontSources.length > 0 ? [`font-src ${fontSources.join(" ")}`] : []),
    ...(options.allowSelf ? ["connect-src 'self'"] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** The whole page: doctype, head (CSP, viewport, generator, title, style), body and scripts. */
export function pageShell(page: PageShell): string {
  page.scripts.forEach((s, i) => assertInlineScript(s, `inline script ${i + 1} of the page`));
  if (/<\/style/i.test(page.style)) throw new Error(`toklens: the page's CSS contains "</style" and cannot be inlined`);
  const csp = contentSecurityPolicy(page.scripts, page);
  const generator =
    page.generator !== undefined ? `<meta name="generator" content="${escapeHtml(page.generator)}">\n` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${generator}<title>${escapeHtml(page.title)}</title>
<style>${page.style}</style>
</head>
<body>
${page.body}
${page.scripts.map((s) => `<script>${s}</script>`).join("\n")}
</body>
</html>
`;
}
