// The fonts a page embeds: per bundled face, only the glyphs of the characters that occur in the page, as @font-face
// rules, so its text reads on a machine without the fonts of its scripts.
import { loadChartFonts, type ChartFontFace } from "./fonts.js";
import { sfntToWoff, subsetFont } from "./font-subset.js";

/**
 * The family name the embedded faces take. The page's CSS and every chart name "Noto Sans" first, so the embedded
 * faces draw the characters they hold (each rule's unicode-range lists exactly those), and any other character falls
 * through to the next family of the list, as before.
 */
export const EMBEDDED_FAMILY = "Noto Sans";

/** Characters a page's scripts or Vega may write that need not occur in its data (ellipsis of a cut label, and so on). */
const EXTRA_CHARACTERS = "…·¶∅→×−–—★◆▲▼↑↓ 0123456789.,%";

/** What embedding cost: faces, characters with a glyph, characters no bundled face has, bytes of CSS. */
export interface PageFonts {
  css: string;
  faces: number;
  characters: number;
  missing: number[];
}

/**
 * @font-face rules embedding, for every character of `text` (and EXTRA_CHARACTERS) that a bundled face draws, the
 * first such face of CHART_FONT_FAMILIES' order, cut to those characters and packed as WOFF in a data: URL.
 * Control characters need no glyph; characters no bundled face has are listed in `missing`.
 */
export function pageFonts(text: string, faces: readonly ChartFontFace[] = loadChartFonts()): PageFonts {
  const wanted = new Set<number>();
  for (const ch of text + EXTRA_CHARACTERS) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x20 && !(cp >= 0x7f && cp <= 0x9f)) wanted.add(cp); // the space too: its width is the face's
  }
  const byFace = new Map<ChartFontFace, number[]>();
  const missing: number[] = [];
  for (const cp of [...wanted].sort((a, b) => a - b)) {
    const face = faces.find((f) => f.codePoints.has(cp));
    if (!face) {
      missing.push(cp);
      continue;
    }
    const list = byFace.get(face) ?? [];
    list.push(cp);
    byFace.set(face, list);
  }
  const rules = [...byFace].map(([face, cps]) => {
    const woff = sfntToWoff(subsetFont(face.data, cps)).toString("base64");
    return `@font-face { font-family: "${EMBEDDED_FAMILY}"; font-weight: 100 900; src: url(data:font/woff;base64,${woff}) format("woff"); unicode-range: ${unicodeRange(cps)}; }`;
  });
  return {
    css: rules.join("\n"),
    faces: rules.length,
    characters: [...byFace.values()].reduce((n, l) => n + l.length, 0),
    missing,
  };
}

/** Sorted code points as a CSS unicode-range: runs of consecutive ones as `U+41-5A`. */
export function unicodeRange(sorted: readonly number[]): string {
  const parts: string[] = [];
  const hex = (n: number) => n.toString(16).toUpperCase();
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? `U+${hex(sorted[i]!)}` : `U+${hex(sorted[i]!)}-${hex(sorted[j]!)}`);
    i = j + 1;
  }
  return parts.join(", ");
}
