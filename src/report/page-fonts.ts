// The fonts a page embeds: per bundled face, only the glyphs of the characters that occur in the page, as @font-face
// rules, so its text reads on a machine without the fonts of its scripts. Subsets are cached on disk (font-cache.ts).
import { createHash } from "node:crypto";
import { bundledFontFiles, bundledFontStats, woffCodePoints, woffToSfnt, type ChartFontFace } from "./fonts.js";
import { sfntToWoff, subsetFont } from "./font-subset.js";
import { FontCache } from "./font-cache.js";
import type { Warning } from "../types.js";

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

export interface PageFontsOptions {
  /** Folder of the font cache (each face's coverage and each subset), or null for none. @default null */
  cacheDir?: string | null;
  /** Called with a `cache-entry-invalid` warning for each cache entry that was ignored and recomputed. */
  onWarning?: (warning: Warning) => void;
}

/** A face as pageFonts reads it: its cmap and its sfnt only when they are needed, its hash for the cache. */
interface PageFace {
  sha256(): string;
  codePoints(): ReadonlySet<number>;
  sfnt(): Uint8Array;
}

/** Lazily computed, once. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) [value, done] = [make(), true];
    return value as T;
  };
}

/** Faces given as ChartFontFace: their sfnt is at hand, hashed only for the cache. */
function givenFaces(faces: readonly ChartFontFace[]): PageFace[] {
  return faces.map((f) => ({
    sha256: once(() => createHash("sha256").update(f.data).digest("hex")),
    codePoints: () => f.codePoints,
    sfnt: () => f.data,
  }));
}

/** Code points of each bundled face (by sha256), found once per process. */
const coverageOf = new Map<string, ReadonlySet<number>>();

/** The bundled faces: coverage from the cache or from each face's cmap alone; a face is unpacked only to be cut. */
function bundledFaces(cache: FontCache | null): PageFace[] {
  const files = bundledFontFiles();
  const cached = cache?.coverage(files.map((f) => f.sha256));
  if (cached) cached.forEach((set, i) => coverageOf.set(files[i]!.sha256, set));
  const faces = files.map((f) => ({
    sha256: () => f.sha256,
    codePoints: () => {
      let set = coverageOf.get(f.sha256);
      if (!set) coverageOf.set(f.sha256, (set = woffCodePoints(f.woff)));
      return set;
    },
    sfnt: once(() => woffToSfnt(f.woff)),
  }));
  if (cache && !cached)
    cache.setCoverage(
      files.map((f) => f.sha256),
      faces.map((f) => f.codePoints()),
    );
  return faces;
}

/**
 * @font-face rules embedding, for every character of `text` (and EXTRA_CHARACTERS) that a face draws, the first such
 * face of the order, cut to those characters and packed as WOFF in a data: URL. Control characters need no glyph;
 * characters no face has are listed in `missing`. `faces` defaults to the bundled ones, in CHART_FONT_FAMILIES' order.
 */
export function pageFonts(text: string, faces?: readonly ChartFontFace[], options: PageFontsOptions = {}): PageFonts {
  const cache = options.cacheDir ? new FontCache(options.cacheDir, options.onWarning) : null;
  const sorted = wantedCodePoints(text + EXTRA_CHARACTERS);
  // the bundled faces with a cache: the whole page's fonts are one entry, keyed by the faces and the characters
  if (!faces && cache) return cache.page(bundledFontStats(), sorted, () => embed(sorted, bundledFaces(cache), cache));
  return embed(sorted, faces ? givenFaces(faces) : bundledFaces(cache), cache);
}

/**
 * The code points of `text` that need a glyph, each once, ascending: every one from the space up but the C1
 * controls (the space too: its width is the face's); a lone surrogate is a code point of its own, as `for...of`
 * reads it. Read by code unit with a bitmap of those seen, not a Set per character: a page's text is megabytes.
 */
function wantedCodePoints(text: string): number[] {
  const seen = new Uint8Array(0x110000);
  const wanted: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || seen[cp] === 1) continue;
    seen[cp] = 1;
    wanted.push(cp);
  }
  return wanted.sort((a, b) => a - b);
}

/** The @font-face rules for the code points `sorted` from `pageFaces` (see pageFonts). */
function embed(sorted: readonly number[], pageFaces: readonly PageFace[], cache: FontCache | null): PageFonts {
  const byFace = new Map<PageFace, number[]>();
  const missing: number[] = [];
  for (const cp of sorted) {
    const face = pageFaces.find((f) => f.codePoints().has(cp));
    if (!face) {
      missing.push(cp);
      continue;
    }
    const list = byFace.get(face) ?? [];
    list.push(cp);
    byFace.set(face, list);
  }
  const rules = [...byFace].map(([face, cps]) => {
    const range = unicodeRange(cps);
    const woff = cache ? cache.subset(face.sha256(), range, () => packedSubset(face, cps)) : packedSubset(face, cps);
    return `@font-face { font-family: "${EMBEDDED_FAMILY}"; font-weight: 100 900; src: url(data:font/woff;base64,${woff}) format("woff"); unicode-range: ${range}; }`;
  });
  return {
    css: rules.join("\n"),
    faces: rules.length,
    characters: [...byFace.values()].reduce((n, l) => n + l.length, 0),
    missing,
  };
}

/** The face cut to `cps`, as WOFF in base64. */
function packedSubset(face: PageFace, cps: readonly number[]): string {
  return sfntToWoff(subsetFont(face.sfnt(), cps)).toString("base64");
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
