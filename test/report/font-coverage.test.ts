// The fonts the PNG renderer loads have glyphs for every script toklens reports on: read from the fonts' cmap
// tables, for the text of each default language's UDHR declaration, using only fonts-noto-core and fonts-noto-cjk.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_LANGUAGES } from "../../src/analysis/compare.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { collectFontFiles, DEFAULT_FONT_DIRS } from "../../src/report/export.js";
import { fontCodePoints } from "./font-cmap.js";

const NOTO_DIRS = ["/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"];
const INSTALL = "install fonts-noto-core and fonts-noto-cjk (apt-get install -y fonts-noto-core fonts-noto-cjk)";

/** Code points of `text` no font in `files` has a glyph for (whitespace aside), as U+XXXX. */
function missing(text: string, covered: ReadonlySet<number>): string[] {
  const out = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!/\s/u.test(ch) && !covered.has(cp)) out.add(`U+${cp.toString(16).toUpperCase().padStart(4, "0")}`);
  }
  return [...out];
}

function union(files: readonly string[]): Set<number> {
  const all = new Set<number>();
  for (const f of files) for (const cp of fontCodePoints(f)) all.add(cp);
  return all;
}

// The reader was checked against fontconfig (`fc-query -f '%{charset}'`) on Noto Sans, Noto Sans Thai and Noto Serif
// Tibetan: the same code points, except U+0000 and U+000D, which fontconfig leaves out.
describe("the cmap reader", () => {
  it("reads what Noto Sans (Latin) and Noto Sans Thai hold, and what they do not", () => {
    const latin = fontCodePoints("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf");
    const thai = fontCodePoints("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf");
    for (const c of "AZaz09éßĞЖΩ") expect(latin.has(c.codePointAt(0)!), c).toBe(true);
    expect(latin.has(0x0e01)).toBe(false); // ก
    expect(latin.has(0x4eba)).toBe(false); // 人
    expect(thai.has(0x0e01)).toBe(true);
    expect(thai.has(0x0e5b)).toBe(true); // the last Thai character
    expect(thai.has(0x0e5c)).toBe(false); // unassigned
    // a collection (.ttc): the CJK faces, Han and kana and Hangul, in the BMP and beyond (format 12)
    const cjk = fontCodePoints("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    for (const c of "人あア한") expect(cjk.has(c.codePointAt(0)!), c).toBe(true);
    expect(cjk.has(0x1f100)).toBe(true); // 🄀, outside the BMP (fontconfig's `fc-query` charset agrees)
    expect(cjk.has(0x20000)).toBe(false); // 𠀀, CJK Extension B, is not in Noto Sans CJK
  });
});

describe("fonts of PNG charts", () => {
  const files = collectFontFiles(DEFAULT_FONT_DIRS).filter((f) => NOTO_DIRS.some((d) => f.startsWith(d + "/")));
  const covered = union(files);

  it("are installed", () => {
    expect(NOTO_DIRS.every((d) => existsSync(d)), INSTALL).toBe(true);
    expect(files.some((f) => f.endsWith("NotoSansCJK-Regular.ttc")), INSTALL).toBe(true);
  });

  it.each([
    ["CJK", "人人生而自由，在尊严和权利上一律平等。"],
    ["Japanese kana", "すべての人間は、生まれながらにして自由であり"],
    ["Hangul", "모든 인간은 태어날 때부터 자유로우며"],
    ["Thai", "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกัน"],
    ["Devanagari", "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता"],
    ["Ethiopic", "የሰው ልጅ ሁሉ ሲወለድ ነጻና በክብርና በመብትም እኩልነት ያለው ነው።"],
    ["Tibetan", "འགྲོ་བ་མིའི་རིགས་རྒྱུད་ཡོངས་ལ་སྐྱེས་ཙམ་ཉིད་ནས་ཆེ་མཐོངས་དང༌།"],
  ])("have a glyph for every %s character", (_, text) => {
    expect(missing(text, covered)).toEqual([]);
  });

  it.each([...DEFAULT_LANGUAGES])("have a glyph for every character of the %s UDHR declaration", async (language) => {
    const corpus = await openCorpus("udhr", { languages: [language] });
    let text = "";
    for await (const s of corpus.segments(language)) text += s.text;
    expect(text.length).toBeGreaterThan(1000);
    expect(missing(text, covered)).toEqual([]);
  });

  it("would miss them with the Latin face alone: this check can fail", () => {
    const latinOnly = union(["/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"]);
    expect(missing("人สमሰའ", latinOnly)).toEqual(["U+4EBA", "U+0E2A", "U+092E", "U+1230", "U+0F60"]);
  });
});
