// Qtok classes on small hand-built vocabularies, one per model type, each entry's class decided by hand.
import { describe, expect, it } from "vitest";
import {
  alphaScript,
  classifyEntry,
  codePointCount,
  isByteLevelVocabulary,
  QTOK_CLASSES,
  type QtokClass,
} from "../../src/vocab/qtok.js";
import { vocabComposition } from "../../src/vocab/composition.js";
import { scriptOf } from "../../src/vocab/scripts.js";
import { entry } from "./entries.js";
import type { VocabEntry } from "../../src/tokenizers/tokenizer.js";

type Case = [VocabEntry, QtokClass, string | null];

// GPT-2 style byte-level BPE: stored strings use the byte-to-unicode map; bytes are the real bytes. As the
// backends do, only the high single bytes (0x80-0xFF) carry the byteFallback flag; in a byte-level vocabulary
// every single-byte entry is one of Qtok's 256 pure_unicode tokens.
const byteLevel: Case[] = [
  [entry(0, "a", "a"), "pure_unicode", null],
  [entry(1, "Ċ", "\n"), "pure_unicode", null],
  [entry(2, "Ġthe", " the"), "spaced_alpha", "Latin"],
  [entry(3, "ing", "ing"), "inner_alpha", "Latin"],
  [entry(4, "Ġ123", " 123"), "spaced_other", null],
  [entry(5, "ĊĊ", "\n\n"), "inner_errors", null],
  [entry(6, "ĠĊ", " \n"), "spaced_errors", null],
  [entry(7, "Ã©", "é"), "char_alpha", "Latin"],
  [entry(8, "ĠÐ", [0x20, 0xd0]), "partial_utf8", null],
  [entry(9, "áĬ", [0xe1, 0x8a]), "partial_utf8", null],
  [entry(10, "<|endoftext|>", "<|endoftext|>", { special: true }), "control", null],
  [entry(11, "Ġ", " "), "pure_unicode", null],
  [entry(12, "ĠĠ", "  "), "spaced_other", null],
  [entry(13, "<div>", "<div>"), "control", null], // Qtok's bracket rule: not in its HTML list
  [entry(14, "<br>", "<br>"), "inner_other", null],
  [entry(15, "Ġthé", " thé"), "spaced_alpha", "Latin"],
  [entry(16, "Ã", [0xc3], { byteFallback: true }), "pure_unicode", null],
];

// SentencePiece BPE with byte fallback (Llama 2 / Gemma): ▁ is the word marker, <0xNN> the bytes.
const sentencePiece: Case[] = [
  [entry(0, "<unk>", "<unk>", { special: true }), "control", null],
  [entry(1, "<s>", "<s>", { special: true }), "control", null],
  [entry(2, "<0x0A>", [0x0a], { byteFallback: true }), "pure_unicode", null],
  [entry(3, "<0xE1>", [0xe1], { byteFallback: true }), "pure_unicode", null],
  [entry(4, "▁the", " the"), "spaced_alpha", "Latin"],
  [entry(5, "▁привет", " привет"), "spaced_alpha", "Cyrillic"],
  [entry(6, "的", "的"), "char_alpha", "Han"],
  [entry(7, "ሰላም", "ሰላም"), "inner_alpha", "Ethiopic"],
  [entry(8, "▁नमस्ते", " नमस्ते"), "spaced_alpha", "Devanagari"], // vowel signs and virama are Devanagari marks
  [entry(9, "ि", "ि"), "char_alpha", "Devanagari"],
  [entry(10, "abЖ", "abЖ"), "inner_other", null], // two scripts
  [entry(11, "a1", "a1"), "inner_other", null],
  [entry(12, "▁", " "), "char_other", null],
  [entry(13, ".", "."), "char_other", null],
  [entry(14, "e\u0301", "e\u0301"), "inner_other", null], // combining acute is Inherited, not Latin
  [entry(15, "\uE000", "\uE000"), "char_errors", null], // private use has no Unicode name
];

// WordPiece (BERT): a piece without ## starts a word; ## pieces continue one.
const wordPiece: Case[] = [
  [entry(0, "[CLS]", "[CLS]", { special: true }), "control", null],
  [entry(1, "the", "the", { wordInitial: true }), "spaced_alpha", "Latin"],
  [entry(2, "##ing", "ing", { wordInitial: false }), "inner_alpha", "Latin"],
  [entry(3, "a", "a", { wordInitial: true }), "char_alpha", "Latin"],
  [entry(4, "##ா", "ா", { wordInitial: false }), "char_alpha", "Tamil"],
  [entry(5, "[unused0]", "[unused0]", { wordInitial: false }), "control", null],
];

// Unigram (T5 / XLM-R style): no byte tokens; ▁ marker.
const unigram: Case[] = [
  [entry(0, "<pad>", "<pad>", { special: true }), "control", null],
  [entry(1, "▁Ελλάδα", " Ελλάδα"), "spaced_alpha", "Greek"],
  [entry(2, "ちは", "ちは"), "inner_alpha", "Hiragana"],
  [entry(3, "▁東京", " 東京"), "spaced_alpha", "Han"],
  [entry(4, "カー", "カー"), "inner_other", null], // ー is Common (shared by kana)
  [entry(5, "▁,", " ,"), "spaced_other", null],
];

describe("classifyEntry", () => {
  for (const [name, cases] of Object.entries({ byteLevel, sentencePiece, wordPiece, unigram })) {
    it(`classifies a hand-built ${name} vocabulary`, () => {
      const byteLevelVocab = isByteLevelVocabulary(cases.map((c) => c[0]));
      expect(byteLevelVocab).toBe(name === "byteLevel");
      for (const [e, cls, script] of cases) {
        const got = classifyEntry(e, { byteLevel: byteLevelVocab });
        expect({ token: e.token, cls: got.class, script: got.script }).toEqual({ token: e.token, cls, script });
      }
    });
  }

  it("treats a single ASCII letter as a character outside byte-level vocabularies", () => {
    expect(classifyEntry(entry(0, "a", "a")).class).toBe("char_alpha");
    expect(classifyEntry(entry(0, "▁", " ")).class).toBe("char_other");
  });

  it("can leave non-special bracketed strings as text", () => {
    expect(classifyEntry(entry(0, "<div>", "<div>"), { bracketedAsControl: false }).class).toBe("inner_other");
  });
});

describe("alphaScript and codePointCount", () => {
  const texts = [
    "the",
    "Z",
    "aZ",
    "a1",
    "a b",
    "@",
    "[",
    "`",
    "{",
    "é",
    "thé",
    "Жизнь",
    "日本",
    "𝒜",
    "a𝒜",
    "\ud800",
    "a\udc00b",
    "",
  ];
  it("count code points as spreading the string does, a lone surrogate as one", () => {
    for (const t of texts) expect(codePointCount(t), t).toBe([...t].length);
  });
  it("give ASCII letters the script a character-by-character check gives them, and anything else null or its own", () => {
    // the check spelled out: every character a letter or mark, one script that is not Common, Inherited or Unknown
    const byHand = (t: string) => {
      const scripts = new Set([...t].map((ch) => (/^[\p{L}\p{M}]$/u.test(ch) ? scriptOf(ch) : "none")));
      const [only] = scripts;
      return scripts.size === 1 && only !== undefined && !["none", "Common", "Inherited", "Unknown"].includes(only)
        ? only
        : null;
    };
    const ascii = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
    for (const t of [...texts.filter((x) => x !== ""), ...ascii, ...ascii.map((c) => `a${c}`)])
      expect(alphaScript(t), JSON.stringify(t)).toBe(byHand(t));
  });
});

describe("scriptOf", () => {
  it("reads the Unicode Script property", () => {
    expect(["a", "Ж", "ሰ", "的", "1", "\u0301", "ー"].map(scriptOf)).toEqual([
      "Latin",
      "Cyrillic",
      "Ethiopic",
      "Han",
      "Common",
      "Inherited",
      "Common",
    ]);
  });
});

describe("vocabComposition", () => {
  const entries = byteLevel.map((c) => c[0]);
  const comp = vocabComposition("hand-byte-level", entries, { examplesPerClass: 2 });

  it("counts every class and the shares sum to 1", () => {
    const expected: Record<QtokClass, number> = {
      control: 2,
      pure_unicode: 4,
      char_alpha: 1,
      spaced_alpha: 2,
      inner_alpha: 1,
      char_other: 0,
      spaced_other: 2,
      inner_other: 1,
      partial_utf8: 2,
      char_errors: 0,
      spaced_errors: 1,
      inner_errors: 1,
    };
    for (const c of QTOK_CLASSES) expect([c, comp.classes[c].count]).toEqual([c, expected[c]]);
    const sum = QTOK_CLASSES.reduce((s, c) => s + comp.classes[c].share, 0);
    expect(sum).toBeCloseTo(1, 12);
    expect(comp.classes.spaced_alpha.share).toBeCloseTo(2 / 17, 12);
  });

  it("tabulates alpha entries by script and position", () => {
    expect(comp.scriptPositions).toEqual([
      { script: "Latin", char: 1, spaced: 2, inner: 1, total: 4, shareOfAlpha: 1, shareOfVocab: 4 / 17 },
    ]);
  });

  it("reports valid UTF-8 share, lengths, specials and the longest entries", () => {
    expect(comp.validUtf8Share).toBeCloseTo(14 / 17, 12);
    expect(comp.specialTokens.map((s) => s.token)).toEqual(["<|endoftext|>"]);
    expect(comp.partialUtf8Bytes).toEqual([
      { length: 1, count: 1 },
      { length: 2, count: 2 },
    ]);
    // lengths of the 13 non-special entries with text: a \n " the" ing " 123" \n\n " \n" é " " "  " <div> <br> " thé"
    expect(comp.lengthDistribution).toEqual([
      { length: 1, count: 4 },
      { length: 2, count: 3 },
      { length: 3, count: 1 },
      { length: 4, count: 4 },
      { length: 5, count: 1 },
    ]);
    expect(comp.longest[0]).toMatchObject({ token: "<div>", length: 5 });
    expect(comp.examples.partial_utf8.map((e) => e.id)).toEqual([8, 9]);
  });
});
