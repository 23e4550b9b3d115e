// Chart export: SVG through vega headless, PNG through resvg; text of many scripts drawn with real glyphs from the bundled fonts.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { BuiltChart } from "../../src/report/chart-registry.js";
import { buildCharts } from "../../src/report/chart-registry.js";
import { chartToSvg, renderChartImages } from "../../src/report/export.js";
import { loadChartFonts, textToPaths } from "../../src/report/fonts.js";
import { specHeader } from "../../src/report/charts/common.js";
import { buildReportModel } from "../../src/report/report-model.js";
import { HOSTILE, hostileReportData, sampleReportData } from "./report-fixtures.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-export-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A one-text chart, to see whether a string is drawn with real glyphs. */
function textChart(name: string, text: string): BuiltChart {
  return {
    name,
    section: "summary",
    spec: {
      ...specHeader(name),
      width: 260,
      height: 50,
      data: { values: [{ t: text }] },
      mark: { type: "text", fontSize: 30 },
      encoding: { text: { field: "t" } },
    },
  };
}

describe("chart export", () => {
  it("writes one SVG per chart and one PNG per chart", async () => {
    const charts = buildCharts(buildReportModel(sampleReportData(true)));
    const svgDir = join(tmp, "svg");
    const pngDir = join(tmp, "png");
    mkdirSync(svgDir);
    mkdirSync(pngDir);
    const svgs = await renderChartImages(charts, svgDir, "svg");
    expect(svgs.map((p) => p.slice(svgDir.length + 1)).sort()).toEqual(charts.map((c) => `${c.name}.svg`).sort());
    const premium = readFileSync(join(svgDir, "premium.svg"), "utf8");
    expect(premium.startsWith("<svg")).toBe(true);
    expect(premium).toContain("Hindi (hin_Deva)");
    const pngs = await renderChartImages(
      charts.filter((c) => ["premium-heatmap", "vocab-scripts"].includes(c.name)),
      pngDir,
      "png",
    );
    for (const p of pngs)
      expect(readFileSync(p).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it("draws hostile labels into a PNG as text, markup characters included", async () => {
    const charts = buildCharts(buildReportModel(hostileReportData())).filter((c) => c.name === "premium-heatmap");
    const svg = await chartToSvg(charts[0]!);
    const outlined = await textToPaths(svg, loadChartFonts());
    expect(outlined).not.toContain("<text");
    expect(outlined).not.toContain("<img");
    // every label's characters, '<' and '>' among them, became glyphs: one outline per visible character, but one
    // for each "fi" and "fl", which Noto Sans draws as a ligature ("Finnish", "Simplified")
    const labels = [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
      m[1]!
        .replace(/<[^>]*>/g, "")
        .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&"),
    );
    expect(labels.some((l) => l.includes("<img"))).toBe(true);
    const visible = labels.join("").replace(/\s/g, "").length - (labels.join("").match(/f[il]/g) ?? []).length;
    expect((outlined.match(/<path transform="translate/g) ?? []).length).toBe(visible);
    const dir = join(tmp, "hostile");
    mkdirSync(dir);
    const [png] = await renderChartImages(charts, dir, "png");
    expect(readFileSync(png!).subarray(1, 4).toString()).toBe("PNG");
  });

  it("escapes hostile labels inside exported SVG", async () => {
    const charts = buildCharts(buildReportModel(hostileReportData()));
    const svg = await chartToSvg(charts.find((c) => c.name === "premium-heatmap")!);
    expect(svg).not.toContain("<img");
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;img src=x onerror=");
    expect(HOSTILE.img).toContain("<img");
  });

  // A character no font has is drawn as the fallback face's .notdef box, the same box whatever the character, so text
  // whose PNG equals the PNG of as many private-use characters (which no font has) was drawn as boxes; a blank PNG
  // means nothing was drawn at all. Fonts come from fonts/ only (font-coverage.test.ts checks every script).
  const SCRIPTS = [
    ["cjk", "人人生而自由"],
    ["hangul", "모든 인간은"],
    ["devanagari", "हिन्दी (hin_Deva)"],
    ["bengali", "বাংলা"],
    ["thai", "มนุษย์ทั้งหลาย"],
    ["ethiopic", "የሰው ልጅ ሁሉ"],
    ["arabic", "العربية (arb_Arab)"],
    ["tibetan", "འགྲོ་བ་མིའི་"],
    ["myanmar", "မြန်မာ"],
  ] as const;
  const tofuOf = (text: string) => String.fromCodePoint(...[...text].map((c, i) => (/\s/.test(c) ? 0x20 : 0xe000 + i)));

  it.each(SCRIPTS)("draws %s text with real glyphs in PNG", async (name, text) => {
    const dir = join(tmp, `font-${name}`);
    mkdirSync(dir);
    const [real, boxes, blank] = await renderChartImages(
      [textChart(`${name}-real`, text), textChart(`${name}-tofu`, tofuOf(text)), textChart(`${name}-blank`, " ")],
      dir,
      "png",
    );
    const png = (p: string | undefined) => readFileSync(p!);
    expect(png(real).equals(png(blank))).toBe(false);
    expect(png(real).equals(png(boxes))).toBe(false);
  });

  it.each(SCRIPTS.filter(([name]) => name !== "devanagari"))(
    "detects boxes: with the Latin family alone, %s text is drawn as boxes",
    async (name, text) => {
      const dir = join(tmp, `font-latin-only-${name}`);
      mkdirSync(dir);
      const letters = text.replace(/ \(.*\)$/, ""); // the Latin code in brackets would be drawn for real
      const [real, boxes] = await renderChartImages(
        [textChart("real", letters), textChart("tofu", tofuOf(letters))],
        dir,
        "png",
        { fontFamilies: ["noto-sans"] },
      );
      expect(readFileSync(real!).equals(readFileSync(boxes!))).toBe(true);
    },
  );

  // Headless vega sizes text by an estimate wider than the real glyphs; the PNG is cropped to what is drawn.
  it("crops the blank band right of a PNG chart but keeps the whole plot", async () => {
    const charts = buildCharts(buildReportModel(sampleReportData(true))).filter((c) => c.name === "premium");
    const svg = await chartToSvg(charts[0]!);
    const svgWidth = Number(/<svg[^>]*\bwidth="([\d.]+)"/.exec(svg)![1]);
    // the plot frame: the root translate plus the frame's width (`M0.5,0.5h620...`)
    const left = Number(/<g[^>]*transform="translate\(([\d.]+),[\d.]+\)"/.exec(svg)![1]);
    const frame = Number(/class="background"[^>]*d="M0\.5,0\.5h([\d.]+)v/.exec(svg)![1]);
    const dir = join(tmp, "crop");
    mkdirSync(dir);
    const [png] = await renderChartImages(charts, dir, "png", { pngScale: 1 });
    const width = readFileSync(png!).readUInt32BE(16); // IHDR width
    expect(width).toBeGreaterThanOrEqual(left + frame);
    expect(width).toBeLessThan(svgWidth * 0.8);
  });
});
