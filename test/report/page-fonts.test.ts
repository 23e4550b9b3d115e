// The fonts a page embeds: exactly the characters of its text, each from the first bundled face that has it.
import { describe, expect, it } from "vitest";
import { fontCodePoints } from "../../src/report/font-cmap.js";
import { sfntToWoff, subsetFont } from "../../src/report/font-subset.js";
import { loadChartFonts, woffToSfnt } from "../../src/report/fonts.js";
import { pageFonts, unicodeRange } from "../../src/report/page-fonts.js";

/** Each @font-face rule of `css`: the code points its font maps and those its unicode-range lists. */
function rules(css: string): { font: Set<number>; range: Set<number>; bytes: number }[] {
  return [...css.matchAll(/base64,([A-Za-z0-9+/=]+)\) format\("woff"\); unicode-range: ([^;]+);/g)].map((m) => {
    const woff = Buffer.from(m[1]!, "base64");
    const range = new Set<number>();
    for (const part of m[2]!.split(", ")) {
      const [a, b] = part
        .slice(2)
        .split("-")
        .map((h) => parseInt(h, 16));
      for (let c = a!; c <= (b ?? a!); c++) range.add(c);
    }
    return { font: fontCodePoints(woffToSfnt(woff)), range, bytes: woff.length };
  });
}

describe("pageFonts", () => {
  const text = "Tokens 日本語のテキスト नमस्ते ሰላም ไทย 한국어";
  const wanted = new Set([...(text + "…·¶∅→×−–—★◆▲▼↑↓ 0123456789.,%")].map((c) => c.codePointAt(0)!));

  it("embeds a glyph for every character of the text and no other character", () => {
    const found = rules(pageFonts(text).css);
    const mapped = new Set(found.flatMap((r) => [...r.font]));
    const ranged = new Set(found.flatMap((r) => [...r.range]));
    expect([...ranged].sort()).toEqual([...wanted].sort());
    // each face maps exactly the characters its rule claims (hb-subset keeps no other cmap entry)
    for (const r of found) expect([...r.font].sort()).toEqual([...r.range].sort());
    expect(mapped.size).toBe(wanted.size);
  });

  it("takes each character from the first face of the bundled order that has it, one rule per face", () => {
    const faces = loadChartFonts();
    const found = rules(pageFonts(text, faces).css);
    const expected = new Set([...wanted].map((cp) => faces.find((f) => f.codePoints.has(cp))!.source));
    expect(found.length).toBe(expected.size);
    // the Devanagari word comes from Noto Sans (first in the order), not from Noto Sans Devanagari
    const deva = faces.find((f) => f.codePoints.has(0x0928))!;
    expect(deva.source).toBe("fonts/noto-sans/noto-sans-devanagari-400-normal.woff");
  });

  it("lists characters no bundled face has instead of embedding anything for them", () => {
    const r = pageFonts("a\u{11103}");
    expect(r.missing).toEqual([0x11103]); // Chakma: no bundled face
    expect(rules(r.css).some((x) => x.range.has(0x11103))).toBe(false);
    // a lone surrogate is a character of its own; C0 and C1 controls need no glyph; a repeat is one character
    const odd = pageFonts("a\u0085\u0007\ud800a\u{11103}\u{11103}");
    expect(odd.missing).toEqual([0xd800, 0x11103]);
    expect(
      rules(odd.css)
        .flatMap((x) => [...x.range])
        .filter((cp) => cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)),
    ).toEqual([]);
  });

  it("cuts the Han face to a few KB for a short text (the whole slice is hundreds of KB)", () => {
    const found = rules(pageFonts("日本語").css);
    const han = found.find((r) => r.range.has(0x65e5))!;
    expect(han.bytes).toBeLessThan(8000);
  });
});

describe("sfntToWoff", () => {
  it("packs an sfnt that woffToSfnt unpacks to the same tables", () => {
    const face = loadChartFonts(["noto-sans-thai"]).find((f) => f.codePoints.has(0x0e01))!;
    const sub = subsetFont(face.data, [0x0e01, 0x0e32]);
    const back = woffToSfnt(sfntToWoff(sub));
    expect(fontCodePoints(back)).toEqual(new Set([0x0e01, 0x0e32]));
    expect(back.length).toBe(sub.length);
    expect(sfntToWoff(sub).length).toBeLessThan(sub.length);
  });
});

describe("unicodeRange", () => {
  it("writes runs of consecutive code points as ranges", () => {
    expect(unicodeRange([0x41, 0x42, 0x43, 0x45, 0x4e00])).toBe("U+41-43, U+45, U+4E00");
    expect(unicodeRange([])).toBe("");
  });
});
