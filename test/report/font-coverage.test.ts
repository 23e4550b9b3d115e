// The fonts PNG charts are drawn with (fonts/ only, no system font) have glyphs for every script toklens reports
// on: read from the fonts' cmap tables, for the text of each UDHR declaration of the built-in corpus.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LANGUAGES } from "../../src/analysis/compare.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { fontCodePoints } from "../../src/report/font-cmap.js";
import {
  CHART_FONT_FAMILIES,
  FONTS_DIR,
  loadChartFonts,
  woffToSfnt,
  type ChartFontFace,
} from "../../src/report/fonts.js";

const THAI_SLICE = "noto-sans-thai/noto-sans-thai-thai-400-normal.woff";

/** Code points of `text` no face has a glyph for (white space and control characters aside), as U+XXXX. */
function missing(text: string, covered: ReadonlySet<number>): string[] {
  const out = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!/[\s\p{Cc}]/u.test(ch) && !covered.has(cp)) out.add(`U+${cp.toString(16).toUpperCase().padStart(4, "0")}`);
  }
  return [...out];
}

function union(faces: readonly ChartFontFace[]): Set<number> {
  const all = new Set<number>();
  for (const f of faces) for (const cp of f.codePoints) all.add(cp);
  return all;
}

/**
 * The code points fontsource's CSS declared for a slice (its `unicode-range`), as fonts/manifest.json recorded it
 * from the package's index.css.
 */
function declaredRange(path: string): Set<number> {
  const manifest = JSON.parse(readFileSync(join(FONTS_DIR, "manifest.json"), "utf8")) as {
    files: { path: string; unicodeRange?: string }[];
  };
  const out = new Set<number>();
  for (const part of manifest.files.find((f) => f.path === path)!.unicodeRange!.split(",")) {
    const [lo, hi] = part
      .trim()
      .replace(/^U\+/, "")
      .split("-")
      .map((h) => parseInt(h, 16));
    for (let c = lo!; c <= (hi ?? lo!); c++) out.add(c);
  }
  return out;
}

describe("WOFF unpacking and the cmap reader", () => {
  // WOFF keeps each table's checksum as computed on the original font: an independent check of the inflated bytes
  it("unpacks every table of a WOFF to bytes whose checksum is the one the WOFF recorded", () => {
    const woff = readFileSync(join(FONTS_DIR, THAI_SLICE));
    const sfnt = woffToSfnt(woff);
    const tables = sfnt.readUInt16BE(4);
    expect(tables).toBe(woff.readUInt16BE(12));
    for (let i = 0; i < tables; i++) {
      const rec = 12 + 16 * i;
      const tag = sfnt.toString("latin1", rec, rec + 4);
      const data = Buffer.from(
        sfnt.subarray(sfnt.readUInt32BE(rec + 8), sfnt.readUInt32BE(rec + 8) + sfnt.readUInt32BE(rec + 12)),
      );
      if (tag === "head") data.writeUInt32BE(0, 8); // checksumAdjustment is left out of head's own checksum
      let sum = 0;
      for (let j = 0; j < data.length; j += 4)
        sum =
          (sum +
            (((data[j] ?? 0) << 24) | ((data[j + 1] ?? 0) << 16) | ((data[j + 2] ?? 0) << 8) | (data[j + 3] ?? 0))) >>>
          0;
      expect(sum, tag).toBe(woff.readUInt32BE(44 + 20 * i + 16));
    }
  });

  it("rejects what is not a WOFF 1.0 file", () => {
    expect(() => woffToSfnt(Buffer.from("wOF2 and more bytes than the 44 of a WOFF header, to be sure...."))).toThrow(
      /not a WOFF 1\.0/i,
    );
  });

  // fontsource's CSS declares which code points each slice serves (Google Fonts' unicode-range): the cmap of the
  // slice must stay inside it and hold the script's letters
  it("reads what the Thai slice holds: inside its declared unicode-range, all Thai letters, no Latin", () => {
    const cps = fontCodePoints(woffToSfnt(readFileSync(join(FONTS_DIR, THAI_SLICE))));
    const declared = declaredRange(THAI_SLICE);
    // Google keeps NULL, CR, space, no-break space, U+02BC and the zero-width space in every slice
    expect([...cps].filter((c) => !declared.has(c))).toEqual([0x00, 0x0d, 0x20, 0xa0, 0x2bc, 0x200b]);
    for (let c = 0x0e01; c <= 0x0e3a; c++) expect(cps.has(c), c.toString(16)).toBe(true); // ก ... ฺ
    expect(cps.has(0x0e5b)).toBe(true); // the last Thai character
    expect(cps.has(0x0e5c)).toBe(false); // unassigned
    expect(cps.has(0x41)).toBe(false); // A lives in the Latin slice
  });

  it("reads format 12 (beyond the BMP) from the CJK slices: 🄀 U+1F100 is there, CJK Extension B is not", () => {
    const cjk = union(loadChartFonts(["noto-sans-sc"]));
    for (const c of "人あア") expect(cjk.has(c.codePointAt(0)!), c).toBe(true);
    const kr = union(loadChartFonts(["noto-sans-kr"]));
    expect(kr.has("한".codePointAt(0)!)).toBe(true);
    expect(cjk.has(0x20000)).toBe(false); // 𠀀
  });
});

/** Han characters of UDHR declarations that neither Noto Sans SC nor Noto Sans KR has (覑 once in the Traditional Chinese text). */
const RARE_HAN: Partial<Record<string, string[]>> = { cmn_Hant: ["U+8991"] };

describe("fonts of PNG charts", () => {
  const faces = loadChartFonts();
  const covered = union(faces);

  it("come only from fonts/ (one regular face per slice)", () => {
    expect(new Set(faces.map((f) => f.source.split("/")[1]))).toEqual(new Set(CHART_FONT_FAMILIES));
    for (const f of faces) expect(f.source).toMatch(/^fonts\/[a-z-]+\/[a-z0-9-]+-400-normal\.woff$/);
  });

  it.each([
    ["CJK", "人人生而自由，在尊严和权利上一律平等。"],
    ["Japanese kana", "すべての人間は、生まれながらにして自由であり"],
    ["Hangul", "모든 인간은 태어날 때부터 자유로우며"],
    ["Thai", "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกัน"],
    ["Devanagari", "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता"],
    ["Ethiopic", "የሰው ልጅ ሁሉ ሲወለድ ነጻና በክብርና በመብትም እኩልነት ያለው ነው።"],
    ["Tibetan", "འགྲོ་བ་མིའི་རིགས་རྒྱུད་ཡོངས་ལ་སྐྱེས་ཙམ་ཉིད་ནས་ཆེ་མཐོངས་དང༌།"],
    ["chart labels' symbols", "×−★…–’é"],
  ])("have a glyph for every %s character", (_, text) => {
    expect(missing(text, covered)).toEqual([]);
  });

  it.each([...DEFAULT_LANGUAGES])("have a glyph for every character of the %s UDHR declaration", async (language) => {
    const corpus = await openCorpus("udhr", { languages: [language] });
    let text = "";
    for await (const s of corpus.segments(language)) text += s.text;
    expect(text.length).toBeGreaterThan(1000);
    expect(missing(text, covered)).toEqual(RARE_HAN[language] ?? []);
  });

  // Chakma has no Noto face among the bundled fonts; Chữ Nôm (vie_Hani) is mostly CJK Extension B, which no Noto Sans CJK face has;
  // two rare Han characters are in neither the SC nor the KR face. Any other language that loses glyphs fails by name.
  it("cover every UDHR language of the built-in corpus but Chakma, Chữ Nôm and two rare Han characters", async () => {
    const corpus = await openCorpus("udhr", {});
    expect(corpus.languages.length).toBeGreaterThan(400);
    const gaps: string[] = [];
    for (const language of corpus.languages) {
      let text = "";
      for await (const s of corpus.segments(language)) text += s.text;
      const m = missing(text, covered);
      if (m.length > 0) gaps.push(`${language}: ${m.length} missing, e.g. ${m.slice(0, 3).join(" ")}`);
    }
    expect(gaps.map((g) => g.split(":")[0])).toEqual(["ccp_Cakm", "cmn_Hant", "nan_Hans", "vie_Hani"]);
    expect(gaps[1]).toBe("cmn_Hant: 1 missing, e.g. U+8991");
    expect(gaps[2]).toBe("nan_Hans: 1 missing, e.g. U+6568");
  });

  it("would miss a script whose family is left out: this check can fail", () => {
    const withoutThai = union(loadChartFonts(CHART_FONT_FAMILIES.filter((p) => p !== "noto-sans-thai")));
    expect(missing("มนุษย์", withoutThai)).toEqual(["U+0E21", "U+0E19", "U+0E38", "U+0E29", "U+0E22", "U+0E4C"]);
    const latinOnly = union(loadChartFonts(["noto-sans"]));
    expect(missing("A人สሰའ", latinOnly)).toEqual(["U+4EBA", "U+0E2A", "U+1230", "U+0F60"]);
  });
});
