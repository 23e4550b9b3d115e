// Chart export: SVG through vega's headless View.toSVG, PNG through @resvg/resvg-js with the fonts bundled in fonts/ (fonts.ts).
import { existsSync, readdirSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { BuiltChart } from "./chart-registry.js";
import { OutputError } from "../errors.js";
import { CHART_FONT_FAMILIES, loadChartFonts, loadFontFiles, textToPaths } from "./fonts.js";

/** Debian/Ubuntu system and user font directories: pass them as `fontDirs` to let system fonts draw what the bundled fonts lack. */
export const DEFAULT_FONT_DIRS: readonly string[] = [
  "/usr/share/fonts",
  "/usr/local/share/fonts",
  join(homedir(), ".local/share/fonts"),
  join(homedir(), ".fonts"),
];

/**
 * Regular-weight Noto Sans faces (one per script, plus CJK) and DejaVu Sans as the last resort: enough for
 * Latin, Cyrillic, Greek, CJK, Thai, Devanagari, Ethiopic and most other scripts, without loading every weight.
 * Tibetan has no Noto Sans face (fonts-noto-core ships Noto Serif Tibetan only), so that serif face is loaded too.
 */
const FONT_FILE =
  /^(NotoSans[A-Za-z]*-Regular\.(ttf|otf)|NotoSansCJK-Regular\.ttc|NotoSansCJK[a-z]*-Regular\.otf|NotoSerifTibetan-Regular\.(ttf|otf)|DejaVuSans\.ttf)$/;

/** The font files the PNG renderer loads from `dirs` (regular faces matching FONT_FILE), sorted. */
export function collectFontFiles(dirs: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      let isDir: boolean;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        continue;
      }
      if (isDir) {
        if (depth < 4) walk(path, depth + 1);
      } else if (FONT_FILE.test(name)) {
        found.push(path);
      }
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d, 0);
  return found.sort();
}

/** White space kept right of and below the drawing when a PNG is cropped to it, in SVG pixels. */
const PNG_MARGIN = 10;

import type { ChartImageFormat } from "./chart-formats.js";
export type { ChartImageFormat };

/** Options of `renderChartImages`. */
export interface ChartImageOptions {
  /**
   * Extra directories searched (recursively) for regular Noto/DejaVu faces (e.g. DEFAULT_FONT_DIRS), for scripts the
   * bundled fonts lack. They come after the bundled faces, which win ties. @default [] (the bundled fonts alone)
   */
  fontDirs?: readonly string[];
  /** Folders of toklens' `fonts/` whose faces draw PNG text, in order of preference. @default CHART_FONT_FAMILIES */
  fontFamilies?: readonly string[];
  /** PNG pixels per SVG pixel. Tall charts are scaled down so no side exceeds 16000 px. @default 2 */
  pngScale?: number;
}

/** Renders one Vega-Lite spec to an SVG string, headless (no DOM, no network). */
export async function chartToSvg(chart: BuiltChart): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const compiled = vegaLite.compile(chart.spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Writes `<name>.svg` (and `<name>.png` for `png`) for every chart into `dir`; returns the image paths. */
export async function renderChartImages(
  charts: BuiltChart[],
  dir: string,
  format: ChartImageFormat,
  options: ChartImageOptions = {},
): Promise<string[]> {
  const written: string[] = [];
  const faces =
    format === "png"
      ? [
          ...loadChartFonts(options.fontFamilies ?? CHART_FONT_FAMILIES),
          ...loadFontFiles(collectFontFiles(options.fontDirs ?? [])),
        ]
      : [];
  if (format === "png" && faces.length === 0) {
    throw new OutputError(
      "No fonts for PNG charts: leave fontFamilies out to use the bundled fonts, or use --charts svg.",
    );
  }
  const { Resvg } = format === "png" ? await import("@resvg/resvg-js") : { Resvg: undefined };
  for (const chart of charts) {
    const svg = await chartToSvg(chart);
    if (format === "svg") {
      const path = join(dir, `${chart.name}.svg`);
      await writeFile(path, svg);
      written.push(path);
      continue;
    }
    const size = /<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"/.exec(svg);
    const [w, h] = size ? [Number(size[1]), Number(size[2])] : [800, 600];
    const scale = Math.min(options.pngScale ?? 2, 16000 / Math.max(w, h, 1));
    // Headless vega has no canvas, so it sizes text by an estimate wider than real glyphs, leaving a band of
    // white on the right. Drop the full-size background rect, measure what is drawn with the real fonts, and
    // crop right and bottom to it (the background colour comes back from resvg's `background`).
    const content = await textToPaths(
      svg.replace(/^(<svg[^>]*>)<rect width="[\d.]+" height="[\d.]+" fill="[^"]*"\/>/, "$1"),
      faces,
    );
    const resvg = new Resvg!(content, {
      background: "#ffffff",
      fitTo: { mode: "zoom", value: scale },
      // all text is outlines by now (textToPaths): resvg needs no font
      font: { loadSystemFonts: false },
    });
    const box = resvg.getBBox();
    if (box) {
      const right = Math.min(w, Math.ceil(box.x + box.width) + PNG_MARGIN);
      const bottom = Math.min(h, Math.ceil(box.y + box.height) + PNG_MARGIN);
      box.x = 0;
      box.y = 0;
      box.width = right;
      box.height = bottom;
      resvg.cropByBBox(box);
    }
    const path = join(dir, `${chart.name}.png`);
    await writeFile(path, resvg.render().asPng());
    written.push(path);
  }
  return written;
}
