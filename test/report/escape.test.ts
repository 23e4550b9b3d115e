// Escaping helpers: HTML, JSON inside <script>, visible control characters, Markdown cells and CSV fields.
import { describe, expect, it } from "vitest";
import {
  codePointLength,
  csvField,
  cutForDisplay,
  escapeHtml,
  escapeMarkdown,
  jsonForScript,
  visibleText,
} from "../../src/report/escape.js";
import { HOSTILE } from "./report-fixtures.js";

describe("escaping", () => {
  it("escapeHtml leaves no markup-significant character", () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe(
      "&#60;img src=x onerror=&#34;a(&#39;b&#39;)&#34;&#62;&#38;",
    );
  });

  it("jsonForScript cannot close its <script> or open a comment, and parses back to the same value", () => {
    const value = { names: Object.values(HOSTILE), nested: { s: "a</SCRIPT >b<!--c-->&d" } };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/<\/script/i);
    expect(json).not.toContain("<!--");
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain("\\u003c/script\\u003e");
    expect(json).toContain("line\\u2028sep\\u2029para");
    expect(JSON.parse(json)).toEqual(value);
  });

  it("visibleText shows control and invisible characters, keeps everything else", () => {
    expect(visibleText("a\nb\tc")).toBe("a\\nb\\tc");
    expect(visibleText("\u200b")).toBe("\\u{200B}");
    expect(visibleText("\u0000")).toBe("\\u{0}");
    expect(visibleText(" hello नमस्ते")).toBe(" hello नमस्ते");
  });

  it("escapeMarkdown keeps a table cell one cell and inert", () => {
    expect(escapeMarkdown("a|b")).toBe("a\\|b");
    expect(escapeMarkdown("<b>*x*</b>")).toBe("&lt;b&gt;\\*x\\*&lt;/b&gt;");
    expect(escapeMarkdown("hin_Deva\nx")).toBe("hin\\_Deva\\\\nx");
  });

  it("csvField quotes per RFC 4180 and defuses spreadsheet formulas", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-x")).toBe("'-x");
    expect(csvField(-1.5)).toBe("-1.5");
    expect(csvField(null)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(true)).toBe("true");
  });

  it("csvField defuses every formula lead: = + - @ tab and CR", () => {
    expect(csvField("@SUM(A1:A9)")).toBe("'@SUM(A1:A9)");
    expect(csvField("+1+1")).toBe("'+1+1");
    expect(csvField("\tx")).toBe("'\tx");
    expect(csvField("\rx")).toBe('"\'\rx"');
    expect(csvField("a@b")).toBe("a@b");
  });

  it("escapeMarkdown escapes each Markdown-significant character, the backtick included", () => {
    expect(escapeMarkdown("`code`")).toBe("\\`code\\`");
    for (const c of ["\\", "`", "*", "_", "[", "]", "|", "~"]) expect(escapeMarkdown(`a${c}b`), c).toBe(`a\\${c}b`);
    expect(escapeMarkdown("a&b")).toBe("a&amp;b");
  });

  it("visibleText and escapeMarkdown show every bidi control: embeddings, overrides, isolates, marks", () => {
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
      const c = String.fromCodePoint(cp);
      const shown = `\\u{${cp.toString(16).toUpperCase()}}`;
      expect(visibleText(`x${c}y`)).toBe(`x${shown}y`);
      expect(escapeMarkdown(`x${c}y`)).not.toContain(c);
    }
    // letters of right-to-left scripts are text, not controls
    expect(visibleText("שלום مرحبا")).toBe("שלום مرحبا");
  });

  it("visibleText names CR and tab; csvField leaves undefined empty", () => {
    expect(visibleText("a\rb\tc")).toBe("a\\rb\\tc");
    expect(csvField(undefined)).toBe("");
    expect(csvField(Number.POSITIVE_INFINITY)).toBe("");
  });

  it("codePointLength counts astral characters once and lone surrogates as one each", () => {
    expect(codePointLength("")).toBe(0);
    expect(codePointLength("abc")).toBe(3);
    expect(codePointLength("a\u{1F600}b")).toBe(3); // 4 UTF-16 units
    expect(codePointLength("\ud83d")).toBe(1); // a lone high surrogate
    expect(codePointLength("\ude00\ud83d")).toBe(2); // low then high: not a pair
    expect(codePointLength("\ud800\udc00\udbff\udfff")).toBe(2); // the first and last astral code points
    expect(codePointLength("\ud7ff\udc00")).toBe(2); // U+D7FF is no surrogate
    expect(codePointLength("\udc00\udc00")).toBe(2);
    expect(codePointLength("\ud800\ue000")).toBe(2); // U+E000 is no low surrogate
  });

  it("cutForDisplay keeps text up to max code points and otherwise cuts it with the full length shown", () => {
    expect(cutForDisplay("abc", 3)).toEqual({ head: "abc", cut: "" });
    expect(cutForDisplay("abcd", 3)).toEqual({ head: "abc", cut: "… (4 chars)" });
    // 3 code points in 6 UTF-16 units: not cut at max 3, cut after 2 at max 2, never inside a pair
    const smileys = "\u{1F600}\u{1F601}\u{1F602}";
    expect(cutForDisplay(smileys, 3)).toEqual({ head: smileys, cut: "" });
    expect(cutForDisplay(smileys, 2)).toEqual({ head: "\u{1F600}\u{1F601}", cut: "… (3 chars)" });
    expect(cutForDisplay("x".repeat(12345), 10)).toEqual({ head: "x".repeat(10), cut: "… (12,345 chars)" });
    expect(cutForDisplay("", 0)).toEqual({ head: "", cut: "" });
    expect(cutForDisplay("ab", 0)).toEqual({ head: "", cut: "… (2 chars)" });
  });
});
