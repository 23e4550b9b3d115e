// Word units checked against hand segmentation of spaced, Chinese, Thai, Japanese, Tibetan and Amharic sentences.
import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_SEGMENTER_CHARS, segmentWords, segmenterCuts, wordSpans } from "../../src/corpus/words.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { languageStats } from "../../src/corpus/corpus-stats.js";

describe("segmentWords", () => {
  it("spaced script: white-space words, punctuation trimmed, punctuation-only units dropped", () => {
    expect(segmentWords("All human beings are born free and equal in dignity and rights.", "eng_Latn")).toHaveLength(
      12,
    );
    expect(segmentWords("“Hello,” she said — (twice) — co-operation costs 3.5 %!", "eng_Latn")).toEqual([
      "Hello",
      "she",
      "said",
      "twice",
      "co-operation",
      "costs",
      "3.5",
    ]);
  });

  it("Chinese: 我们/今天/去/北京/大学 (hand count 5)", () => {
    expect(segmentWords("我们今天去北京大学。", "cmn_Hans")).toEqual(["我们", "今天", "去", "北京", "大学"]);
  });

  it("Chinese UDHR article 1: within one of the hand count 10 (人人/生而/自由/在/尊严/和/权利/上/一律/平等)", () => {
    // ICU splits 人人生而 as 人/人生/而: one unit off a human reading; documented in docs/corpora.md
    const n = segmentWords("人人生而自由，在尊严和权利上一律平等。", "cmn_Hans").length;
    expect(Math.abs(n - 10)).toBeLessThanOrEqual(1);
  });

  it("Thai: ฉัน/ชอบ/กิน/ข้าว (hand count 4)", () => {
    expect(segmentWords("ฉันชอบกินข้าว", "tha_Thai")).toEqual(["ฉัน", "ชอบ", "กิน", "ข้าว"]);
  });

  it("Japanese: 私/は/学生/です and 東京/に/行き/ます (hand count 4 each)", () => {
    expect(segmentWords("私は学生です。", "jpn_Jpan")).toEqual(["私", "は", "学生", "です"]);
    expect(segmentWords("東京に行きます。", "jpn_Jpan")).toEqual(["東京", "に", "行き", "ます"]);
  });

  it("Tibetan: syllables between tsheg marks", () => {
    expect(segmentWords("འགྲོ་བ་མིའི་ཁྱིམ་ཚང་།", "bod_Tibt")).toEqual(["འགྲོ", "བ", "མིའི", "ཁྱིམ", "ཚང"]);
  });

  it("Amharic: the Ethiopic word space ፡ separates words; ። is punctuation", () => {
    expect(segmentWords("የሰው፡ልጅ፡ሁሉ፡ሲወለድ፡ነጻና።", "amh_Ethi")).toEqual(["የሰው", "ልጅ", "ሁሉ", "ሲወለድ", "ነጻና"]);
  });

  it("Yi: one unit per syllable character; Latin digits inside stay one unit", () => {
    expect(segmentWords("ꊿꂷꃅ，ꌅꅍ 12", "iii_Yiii")).toEqual(["ꊿ", "ꂷ", "ꃅ", "ꌅ", "ꅍ", "12"]);
  });

  it("segments line by line: a newline is a boundary and not a word", () => {
    expect(segmentWords("我们\n今天", "cmn_Hans")).toEqual(["我们", "今天"]);
    expect(segmentWords("one\n\n—\ntwo", "eng_Latn")).toEqual(["one", "two"]);
  });

  it("uses the script of an unregistered but well-formed code", () => {
    expect(segmentWords("ฉันชอบกินข้าว", "xyz_Thai")).toHaveLength(4);
  });
});

describe("UDHR word counts a person would agree with", () => {
  it("Chinese and Thai word counts relate to English as translations should", async () => {
    const corpus = await openCorpus("udhr", { languages: ["eng_Latn", "cmn_Hans", "tha_Thai"] });
    const [eng, cmn, tha] = await Promise.all(
      ["eng_Latn", "cmn_Hans", "tha_Thai"].map((l) => languageStats(corpus, l)),
    );
    // Mandarin words average 1.5-2 characters; the same text has about as many words as English
    const hanChars = [...(await text(corpus, "cmn_Hans"))].filter((c) => /\p{Script=Han}/u.test(c)).length;
    expect(hanChars / cmn!.words).toBeGreaterThan(1.4);
    expect(hanChars / cmn!.words).toBeLessThan(2.0);
    expect(cmn!.words / eng!.words).toBeGreaterThan(0.7);
    expect(cmn!.words / eng!.words).toBeLessThan(1.1);
    // Thai words average 3-5 letters; not whole phrases (white-space units are ~25 characters)
    const thaiLetters = [...(await text(corpus, "tha_Thai"))].filter((c) => /\p{Script=Thai}/u.test(c)).length;
    expect(thaiLetters / tha!.words).toBeGreaterThan(3);
    expect(thaiLetters / tha!.words).toBeLessThan(5);
    expect(tha!.words / eng!.words).toBeGreaterThan(0.9);
    expect(tha!.words / eng!.words).toBeLessThan(1.6);
  });
});

async function text(corpus: Awaited<ReturnType<typeof openCorpus>>, language: string): Promise<string> {
  let s = "";
  for await (const seg of corpus.segments(language)) s += seg.text + "\n";
  return s;
}

describe("long lines reach Intl.Segmenter in bounded pieces", () => {
  afterEach(() => vi.restoreAllMocks());

  /** Runs `wordSpans` and returns it with the length of every string handed to `Intl.Segmenter`. */
  function spansAndPieces(text: string, language: string): { spans: number[]; pieces: number[] } {
    const pieces: number[] = [];
    const segment = Intl.Segmenter.prototype.segment;
    vi.spyOn(Intl.Segmenter.prototype, "segment").mockImplementation(function (this: Intl.Segmenter, input: string) {
      pieces.push(input.length);
      return segment.call(this, input);
    });
    const spans = wordSpans(text, language);
    vi.restoreAllMocks();
    return { spans, pieces };
  }

  /** The spans of one unbounded `Intl.Segmenter` pass (the reference the pieces must reproduce). */
  function unbounded(text: string, locale: string): number[] {
    const spans: number[] = [];
    for (const s of new Intl.Segmenter(locale, { granularity: "word" }).segment(text))
      if (/[\p{L}\p{N}]/u.test(s.segment)) spans.push(s.index, s.index + s.segment.length);
    return spans;
  }

  it("a 30k-character Chinese line without spaces: every piece is at most MAX_SEGMENTER_CHARS, spans unchanged", () => {
    const line = "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心！".repeat(1000);
    const { spans, pieces } = spansAndPieces(line, "cmn_Hans");
    expect(pieces.length).toBeGreaterThan(line.length / MAX_SEGMENTER_CHARS);
    expect(Math.max(...pieces)).toBeLessThanOrEqual(MAX_SEGMENTER_CHARS);
    expect(pieces.reduce((a, b) => a + b, 0)).toBe(line.length);
    expect(spans).toEqual(unbounded(line, "zh"));
  });

  it("a Thai line cut at its spaces: bounded pieces, spans unchanged", () => {
    const line = "ทุกคนมีสิทธิในการศึกษา ฉันชอบกินข้าว ".repeat(500);
    const { spans, pieces } = spansAndPieces(line, "tha_Thai");
    expect(Math.max(...pieces)).toBeLessThanOrEqual(MAX_SEGMENTER_CHARS);
    expect(spans).toEqual(unbounded(line, "th"));
  });

  it("a line with neither spaces nor stops is still cut, between code points", () => {
    const line = "𠀀人".repeat(2000); // surrogate pairs: a cut never splits one
    const cuts = segmenterCuts(line);
    expect(cuts[0]).toBe(0);
    expect(cuts.at(-1)).toBe(line.length);
    for (let k = 1; k < cuts.length; k++) {
      expect(cuts[k]! - cuts[k - 1]!).toBeLessThanOrEqual(MAX_SEGMENTER_CHARS);
      expect(cuts[k]! - cuts[k - 1]!).toBeGreaterThan(0);
      expect(line.charCodeAt(cuts[k]!) >= 0xdc00 && line.charCodeAt(cuts[k]!) <= 0xdfff).toBe(false);
    }
    const { pieces } = spansAndPieces(line, "cmn_Hans");
    expect(Math.max(...pieces)).toBeLessThanOrEqual(MAX_SEGMENTER_CHARS);
  });

  it("a short line is handed over whole", () => {
    expect(segmenterCuts("我们今天去北京大学。")).toEqual([0, 10]);
    expect(spansAndPieces("我们今天去北京大学。", "cmn_Hans").pieces).toEqual([10]);
  });
});

/** The white-space and tsheg word spans as the regular expressions define them: runs trimmed of edge non-words. */
function regexSpans(text: string, separators: RegExp): number[] {
  const spans: number[] = [];
  let lineStart = 0;
  for (const line of text.split("\n")) {
    for (const m of line.matchAll(separators)) {
      const raw = m[0];
      if (!/[\p{L}\p{N}]/u.test(raw)) continue;
      const lead = /^[^\p{L}\p{M}\p{N}]+/u.exec(raw)?.[0].length ?? 0;
      const trail = /[^\p{L}\p{M}\p{N}]+$/u.exec(raw)?.[0].length ?? 0;
      spans.push(lineStart + m.index + lead, lineStart + m.index + raw.length - trail);
    }
    lineStart += line.length + 1;
  }
  return spans;
}

describe("white-space and tsheg words: the table walk agrees with the regular expressions", () => {
  // characters of every kind the walk tells apart: separators, letters, marks, numbers, punctuation, symbols,
  // surrogate pairs (letters and not), lone surrogates, the Ethiopic word space and the Tibetan delimiters
  const alphabet = [
    ..." \t\r\n\u00a0\u1680\u2003\u2028\u202f\u3000\ufeff\u200b",
    ..."aZé9٣١\u0301\u0903\u093f\u0e31\u0f71",
    ...".,;()«»—-'\"%$€+\u00ad\u200d\u2060",
    "𝐀",
    "𝟙",
    "😀",
    "\ud800",
    "\udc00",
    "\ud83d",
    ..."\u1361\u1362ሰ\u0f0b\u0f0c\u0f0d\u0f14\u0f15ཀ",
  ];
  const random = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

  it.each([
    ["eng_Latn", /[^\s\u1361]+/gu],
    ["amh_Ethi", /[^\s\u1361]+/gu],
    ["bod_Tibt", /[^\s\u0F0B-\u0F14]+/gu],
  ])("%s: 3,000 random strings", (language, separators) => {
    const next = random(language.length * 7919);
    for (let k = 0; k < 3000; k++) {
      let text = "";
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      expect(wordSpans(text, language), JSON.stringify(text)).toEqual(regexSpans(text, separators));
    }
  });

  it("every BMP code point between two words, and a word of it alone", () => {
    const differ: string[] = [];
    for (let cp = 0; cp < 0x10000; cp++) {
      const ch = String.fromCharCode(cp);
      for (const text of [`ab${ch}cd`, ch, `(${ch})`]) {
        const got = wordSpans(text, "eng_Latn").join();
        if (got !== regexSpans(text, /[^\s\u1361]+/gu).join()) differ.push(JSON.stringify(text));
      }
    }
    expect(differ).toEqual([]);
  });
});
