// Text of PNG charts: split into runs per face, put in reading order, shaped by HarfBuzz and drawn as outlines.
import { describe, expect, it } from "vitest";
import {
  loadChartFonts,
  splitFontRuns,
  textToPaths,
  visualOrder,
  type ChartFontFace,
  type FontRun,
} from "../../src/report/fonts.js";

/** A face with glyphs for the characters of `chars` only (no font bytes: for run splitting). */
function fakeFace(source: string, chars: string): ChartFontFace {
  return { source, data: Buffer.alloc(0), codePoints: new Set([...chars].map((c) => c.codePointAt(0)!)) };
}

const ascii = fakeFace("ascii", " ()_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
const deva = fakeFace("deva", " हिन्दीकखक्षत्रय");
const hebrew = fakeFace("hebrew", " עברית");

const show = (runs: FontRun[]) => runs.map((r) => [r.text, r.face?.source ?? null]);

describe("splitFontRuns", () => {
  it("gives each stretch to the face that covers most of it, the earlier face on a tie", () => {
    expect(show(splitFontRuns("Hindi (हिन्दी)", [ascii, deva]))).toEqual([
      ["Hindi (", "ascii"],
      ["हिन्दी", "deva"],
      [")", "ascii"],
    ]);
    // a space both faces have goes with the run it continues
    expect(show(splitFontRuns("कख क (x)", [ascii, deva]))).toEqual([
      ["कख क ", "deva"],
      ["(x)", "ascii"],
    ]);
    expect(show(splitFontRuns("a b", [deva, ascii]))).toEqual([["a b", "ascii"]]);
    expect(show(splitFontRuns("   ", [deva, ascii]))).toEqual([["   ", "deva"]]);
  });

  it("keeps joiners inside the run they are in, and leaves characters no face has without a face", () => {
    expect(show(splitFontRuns("क्\u200Dष", [ascii, deva]))).toEqual([["क्\u200Dष", "deva"]]);
    expect(show(splitFontRuns("a人人b", [ascii, deva]))).toEqual([
      ["a", "ascii"],
      ["人人", null],
      ["b", "ascii"],
    ]);
    expect(splitFontRuns("", [ascii])).toEqual([]);
  });
});

describe("visualOrder", () => {
  const runs = (...parts: [string, ChartFontFace][]) => parts.map(([text, face]) => ({ text, face }));

  it("reverses a sequence of right-to-left runs and keeps its outer white space in place", () => {
    const out = visualOrder(
      runs(["Hebrew ", ascii], ["עברית ", hebrew], [" ", ascii], ["ابجد ", ascii], ["(heb)", ascii]),
    );
    // the space inside "עברית " is shaped right to left with it, so it lands between the two words
    expect(out.map((r) => r.text)).toEqual(["Hebrew ", "ابجد", " ", "עברית ", " ", "(heb)"]);
    expect(out.map((r) => r.face?.source)).toEqual(["ascii", "ascii", "ascii", "hebrew", "ascii", "ascii"]);
  });

  it("leaves left-to-right runs as they are", () => {
    const input = runs(["Hindi (", ascii], ["हिन्दी", deva], [")", ascii]);
    expect(visualOrder(input)).toEqual(input);
  });
});

/** The glyph outlines textToPaths drew, with their pen positions. */
function glyphs(svg: string): { x: number; y: number; d: string }[] {
  return [...svg.matchAll(/<path transform="translate\(([-\d.e]+),([-\d.e]+)\) scale\([^)]*\)" d="([^"]*)"\/>/g)].map(
    (m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      d: m[3]!,
    }),
  );
}

const svgText = (text: string, attrs = 'text-anchor="start" font-size="20px" fill="#123456"') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><text ${attrs} transform="translate(10,40)">${text}</text></svg>`;

describe("textToPaths", () => {
  const faces = loadChartFonts();

  // Unicode's Devanagari rules: the vowel sign i (ि, U+093F) is typed after the consonant but drawn before it.
  // resvg 2.6.2 drew it after; HarfBuzz puts it first.
  it("draws the Devanagari vowel sign i before its consonant", async () => {
    const ka = glyphs(await textToPaths(svgText("क"), faces));
    const ki = glyphs(await textToPaths(svgText("कि"), faces));
    expect(ka).toHaveLength(1);
    expect(ki).toHaveLength(2);
    expect(ki[0]!.x).toBe(0);
    expect(ki[0]!.d).not.toBe(ka[0]!.d); // the vowel sign comes first ...
    expect(ki[1]!.d).toBe(ka[0]!.d); // ... and the consonant, the same glyph as alone, to its right
    expect(ki[1]!.x).toBeGreaterThan(0);
  });

  it("keeps the spaces between Devanagari words (resvg 2.6.2 dropped them)", async () => {
    const joined = glyphs(await textToPaths(svgText("कख"), faces));
    const spaced = glyphs(await textToPaths(svgText("क ख"), faces));
    expect(spaced).toHaveLength(2); // a space has no outline
    expect(spaced[1]!.x - joined[1]!.x).toBeGreaterThan(3); // 20 px Noto: a space is about 5 px
  });

  it("anchors a label at its start, middle or end by the shaped width, mixed scripts included", async () => {
    const label = "हिन्दी (hin_Deva)";
    const at = async (anchor: string) =>
      glyphs(await textToPaths(svgText(label, `text-anchor="${anchor}" font-size="20px"`), faces)).map((g) => g.x);
    const [start, middle, end] = [await at("start"), await at("middle"), await at("end")];
    expect(start[0]).toBe(0);
    const width = start[0]! - end[0]!;
    expect(width).toBeGreaterThan(100);
    for (let i = 0; i < start.length; i++) {
      expect(start[i]! - end[i]!).toBeCloseTo(width, 1);
      expect(start[i]! - middle[i]!).toBeCloseTo(width / 2, 1);
    }
  });

  it("turns each text element into a group with its attributes, decoding entities, one line per tspan", async () => {
    const out = await textToPaths(svgText("&lt;b&gt;"), faces);
    expect(out).not.toContain("<text");
    expect(out).toContain('<g text-anchor="start" font-size="20px" fill="#123456" transform="translate(10,40)">');
    expect(glyphs(out)).toHaveLength(3);
    const twoLines = glyphs(await textToPaths(svgText('<tspan>ab</tspan><tspan x="0" dy="14">c</tspan>'), faces));
    expect(twoLines.map((g) => g.y)).toEqual([0, 0, 14]);
    expect(twoLines[2]!.x).toBe(0);
    const bold = await textToPaths(svgText("x", 'font-size="20px" font-weight="bold" fill="#abc"'), faces);
    expect(bold).toMatch(/stroke="#abc" stroke-width="40"/);
    expect(await textToPaths('<svg><text font-size="10px"/></svg>', faces)).toBe(
      '<svg><g font-size="10px"><g></g></g></svg>',
    );
  });
});
