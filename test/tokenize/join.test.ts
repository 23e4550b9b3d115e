// joinedInput's hash, which keys the tokenize cache: it follows the joined text, so an edited corpus is never served
// the counts of the old one.
import { describe, expect, it } from "vitest";
import type { Corpus } from "../../src/corpus/open-corpus.js";
import type { LanguageCode } from "../../src/types.js";
import { joinedInput, joinedWordSpans, joinSegmentTexts } from "../../src/tokenize/join.js";
import { utf16ToUtf8Offsets } from "../../src/tokenize/placement.js";
import { wordSpans } from "../../src/corpus/words.js";

/** A one-language corpus of `texts`, ids 1..n. */
function corpus(texts: readonly string[], language: LanguageCode = "eng_Latn"): Corpus {
  return {
    source: "test",
    languages: [language],
    parallel: true,
    unaligned: [],
    warnings: [],
    async *segments() {
      yield* texts.map((text, i) => ({ id: String(i + 1), text }));
    },
    describe: () => ({ name: "English" }),
    segmentCount: () => texts.length,
  };
}

const hashOf = async (texts: readonly string[]) => (await joinedInput(corpus(texts), "eng_Latn")).sha256;

describe("joinedInput's sha256", () => {
  it("changes with the text of any segment, ids unchanged", async () => {
    const base = await hashOf(["The cat sat.", "It purred."]);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashOf(["The cat sat.", "It purred."])).toBe(base);
    expect(await hashOf(["The dog sat.", "It purred."])).not.toBe(base);
    expect(await hashOf(["The cat sat.", "It purred!"])).not.toBe(base);
    expect(await hashOf(["The cat sat."])).not.toBe(base);
  });

  it("is the hash of the joined string the tokenizer sees: the same string from other cuts hashes the same", async () => {
    expect(await hashOf(["a b", "c"])).toBe(await hashOf(["a", "b c"]));
  });
});

/** Sentences per word unit: white space, ICU dictionaries (Han, Thai, Japanese), tsheg, syllables, Ethiopic. */
const SENTENCES: ReadonlyArray<[LanguageCode, string[]]> = [
  ["eng_Latn", ["“Hello,” she said.", "(twice) — co-operation costs 3.5 %!", "one\ntwo"]],
  ["cmn_Hans", ["我们今天去北京大学。", "人人生而自由，在尊严和权利上一律平等。", "「他说：」好。", "2024年"]],
  ["tha_Thai", ["ฉันชอบกินข้าว", "ทุกคนมีสิทธิ", "ABC ฉัน"]],
  ["jpn_Jpan", ["私は学生です。", "東京に行きます。", "カタカナ"]],
  ["bod_Tibt", ["འགྲོ་བ་མིའི་ཁྱིམ་ཚང་།", "ཁྱིམ་ཚང་"]],
  ["iii_Yiii", ["ꊿꂷꃅ，ꌅꅍ 12", "ꊿꂷ"]],
  ["amh_Ethi", ["የሰው፡ልጅ፡ሁሉ፡ሲወለድ፡ነጻና።", "ሁሉ"]],
];

describe("joined word spans", () => {
  it.each(SENTENCES)("%s: the segments' spans, shifted, are the spans of the joined string", (language, texts) => {
    const segments = texts.map((text, i) => ({ id: String(i), text }));
    const joined = joinSegmentTexts(segments);
    const fromSegments = joinedWordSpans(
      segments.map((s) => s.text),
      language,
    );
    expect(fromSegments.length).toBeGreaterThan(0);
    expect(fromSegments).toEqual(wordSpans(joined, language));
  });

  it.each(SENTENCES)("%s: joinedInput's one piece carries them as UTF-8 offsets", async (language, texts) => {
    const input = await joinedInput(corpus(texts, language), language);
    const chunks = [];
    for await (const c of input.chunks()) chunks.push(c);
    expect(chunks).toHaveLength(1);
    const prepared = chunks[0]!;
    const joined = texts.join(" ");
    expect(prepared.pieces).toEqual([joined]);
    expect(prepared.pieceBytes[0]).toEqual(new TextEncoder().encode(joined));
    expect(Array.from(prepared.pieceWords[0]!)).toEqual(
      Array.from(utf16ToUtf8Offsets(joined, wordSpans(joined, language))),
    );
    expect(prepared.words).toEqual([wordSpans(joined, language).length / 2]);
    expect(prepared.chars).toEqual([[...joined].length]);
  });
});

describe("joinedInput's counts and pieces", () => {
  it("is the sha256 of a fixed prefix and the joined text, apart from the per-segment hash of the same corpus", async () => {
    const { createHash } = await import("node:crypto");
    const { corpusInput } = await import("../../src/tokenize/language-input.js");
    const texts = ["The cat sat.", "It purred."];
    const expected = createHash("sha256")
      .update("toklens joined by single spaces\u0000" + "The cat sat. It purred.")
      .digest("hex");
    expect(await hashOf(texts)).toBe(expected);
    expect((await corpusInput(corpus(texts), "eng_Latn")).sha256).not.toBe(expected);
  });

  it("reports the segments joined, one piece, and the joined text's length", async () => {
    const input = await joinedInput(corpus(["a🤖b", "cd", "e"]), "eng_Latn");
    expect(input).toMatchObject({ language: "eng_Latn", segments: 3, pieces: 1, chars: "a🤖b cd e".length });
    const chunks = [];
    for await (const c of input.chunks()) chunks.push(c);
    expect(chunks[0]!.segmentIds).toEqual(["joined"]);
    expect(chunks[0]!.bytes).toEqual([new TextEncoder().encode("a🤖b cd e").length]);
    expect(chunks[0]!.chars).toEqual([8]); // code points: the robot is one
  });

  it("gives a language without text no segment at all", async () => {
    const input = await joinedInput(corpus([]), "eng_Latn");
    expect(input).toMatchObject({ segments: 0, pieces: 0, chars: 0 });
    const chunks = [];
    for await (const c of input.chunks()) chunks.push(c);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.segmentIds).toEqual([]);
    expect(chunks[0]!.pieces).toEqual([]);
  });

  it("hands the tokenizer one string up to MAX_JOINED_CHARS, and cuts a longer one into pieces", async () => {
    const { MAX_JOINED_CHARS } = await import("../../src/tokenize/join.js");
    const atMost = "abc ".repeat(MAX_JOINED_CHARS / 4 - 1) + "abcd"; // exactly MAX_JOINED_CHARS, MAX_JOINED_CHARS / 4 words
    expect(atMost.length).toBe(MAX_JOINED_CHARS);
    const one = await joinedInput(corpus([atMost]), "eng_Latn");
    expect(one.pieces).toBe(1);
    const over = await joinedInput(corpus([atMost, "x"]), "eng_Latn");
    expect(over.chars).toBe(MAX_JOINED_CHARS + 2);
    expect(over.pieces).toBeGreaterThan(1);
    const chunks = [];
    for await (const c of over.chunks()) chunks.push(c);
    expect(chunks[0]!.pieces.join("")).toBe(atMost + " x");
    expect(chunks[0]!.words.reduce((n, w) => n + w, 0)).toBe(MAX_JOINED_CHARS / 4 + 1);
  }, 60_000);
});
