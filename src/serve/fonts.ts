// The Noto faces committed under fonts/ (the ones PNG charts are drawn with), served to the live page so a text in
// any script of the built-in corpus shows with glyphs on a machine without those fonts, from this server only.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FONTS_DIR } from "../report/fonts.js";

interface ManifestFile {
  path: string;
  family: string;
  unicodeRange: string;
}

/** The CSS of the faces (one @font-face per file, by unicode-range: a browser fetches only what the text needs). */
export interface PageFonts {
  css: string;
  /** The families, for font-family, in manifest order. */
  families: string[];
  /** URL path under /fonts/ -> file: nothing else is served from there. */
  files: Map<string, string>;
}

let cached: PageFonts | undefined;

/** Reads fonts/manifest.json once; an install without it serves no fonts (the page falls back to system fonts). */
export function pageFonts(): PageFonts {
  if (cached) return cached;
  let listed: ManifestFile[];
  try {
    listed = (JSON.parse(readFileSync(join(FONTS_DIR, "manifest.json"), "utf8")) as { files: ManifestFile[] }).files;
  } catch {
    listed = [];
  }
  const safe = listed.filter(
    (f) =>
      /^[a-z0-9-]+\/[a-z0-9-]+\.woff$/.test(f.path) &&
      /^[A-Za-z ]+$/.test(f.family) &&
      /^[U+0-9A-Fa-f,?-]+$/.test(f.unicodeRange),
  );
  const css = safe
    .map(
      (f) =>
        `@font-face { font-family: "${f.family}"; src: url("/fonts/${f.path}") format("woff"); unicode-range: ${f.unicodeRange}; font-display: swap; }`,
    )
    .join("\n");
  cached = {
    css,
    families: [...new Set(safe.map((f) => f.family))],
    files: new Map(safe.map((f) => [f.path, join(FONTS_DIR, f.path)])),
  };
  return cached;
}
