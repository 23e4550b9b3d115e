// The tokenize phase: every count the metrics read, and in-context word counts checked by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstDifference } from "../helpers/arrays.js";
import { fileURLToPath } from "node:url";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import type { Tokenizer } from "../../src/tokenizers/tokenizer.js";
import {
  MAX_PIECE_CHARS,
  prepareLanguage,
  splitLongText,
  tokenizeLanguage,
} from "../../src/tokenize/tokenize-corpus.js";
import {
  countWordTokens,
  packTokenBytes,
  placeByBytes,
  utf16ToUtf8Offsets,
  type WordTokenCounts,
} from "../../src/tokenize/placement.js";
import { segmentWords, wordSpans } from "../../src/corpus/words.js";
import { segmentRows } from "../../src/tokenize/segment-table.js";

const wordlevel = fileURLToPath(new URL("../fixtures/tokenizers/wordlevel.tokenizer.json", import.meta.url));
const wordpiece = fileURLToPath(new URL("../fixtures/tokenizers/wordpiece.tokenizer.json", import.meta.url));
const utf8 = (s: string) => new TextEncoder().encode(s);
const zero = (): WordTokenCounts => ({ measuredWords: 0, wordTokens: 0, continuedWords: 0, singleTokenWords: 0 });

/** A TokenBytes table of `bytes` by id, no unknown token. */
const packed = (bytes: ReadonlyArray<Uint8Array | undefined>) => packTokenBytes(bytes.length, (id) => bytes[id], null);

describe("countWordTokens on hand-placed tokens", () => {
  // "an apple, of theirs": words an [0,2) apple [3,8) of [10,12) theirs [13,19)
  const text = utf8("an apple, of theirs");
  const words = Int32Array.from([0, 2, 3, 8, 10, 12, 13, 19]);

  it("counts overlaps, continued words and kept-whole words", () => {
    // tokens: "an" | " app" | "le," | " " | "of the" | "irs"
    const tokens = Int32Array.from([0, 2, 2, 6, 6, 9, 9, 10, 10, 16, 16, 19]);
    const c = zero();
    countWordTokens(text, words, tokens, c);
    // an: 1 token inside -> kept whole; apple: " app" + "le," -> continued; of: "of the" spans two words ->
    // 1 token but not inside the word; theirs: "of the" + "irs" -> continued. The " " token overlaps no word.
    expect(c).toEqual({ measuredWords: 4, wordTokens: 1 + 2 + 1 + 2, continuedWords: 2, singleTokenWords: 1 });
  });

  it("a token with a leading space counts as inside the word; one with trailing punctuation does not", () => {
    // tokens: "an" | " apple" | "," | " of" | " theirs"
    const tokens = Int32Array.from([0, 2, 2, 8, 8, 9, 9, 12, 12, 19]);
    const c = zero();
    countWordTokens(text, words, tokens, c);
    expect(c).toEqual({ measuredWords: 4, wordTokens: 4, continuedWords: 0, singleTokenWords: 4 });
    // "apple," as one token: overlapped by one token that runs past the word
    const c2 = zero();
    countWordTokens(text, words, Int32Array.from([0, 2, 2, 9, 9, 12, 12, 19]), c2);
    expect(c2.singleTokenWords).toBe(3);
    expect(c2.continuedWords).toBe(0);
  });

  it("places tokens by their bytes, with a dummy-prefix space the text lacks", () => {
    const bytes = [utf8(" an"), utf8(" app"), utf8("le"), utf8(","), utf8(" ")];
    expect(Array.from(placeByBytes(utf8("an apple, "), [0, 1, 2, 3, 4], packed(bytes))!)).toEqual([
      0, 2, 2, 6, 6, 8, 8, 9, 9, 10,
    ]);
    // tokens that do not spell the text (a normalizer changed it) cannot be placed
    expect(placeByBytes(utf8("An"), [0], packed(bytes))).toBeNull();
  });

  it("places an unknown token up to where the next one matches, a token of no bytes where it stands, and no id past the table", () => {
    // ids: 0 "a", 1 unk (no bytes known), 2 " b", 3 "" (an empty piece), 4 " c"
    const bytes = [utf8("a"), undefined, utf8(" b"), utf8(""), utf8(" c")];
    const table = packTokenBytes(bytes.length, (id) => bytes[id], 1);
    // "a" | unk covers "éé" up to " b" | " b" | "" | " c"
    expect(Array.from(placeByBytes(utf8("aéé b c"), [0, 1, 2, 3, 4], table)!)).toEqual([0, 1, 1, 5, 5, 7, 7, 7, 7, 9]);
    // a piece of no bytes takes no text; an id past the table stands for nothing known
    expect(placeByBytes(utf8("a"), [0, 3], table)).not.toBeNull();
    expect(placeByBytes(utf8("a"), [0, 5], table)).toBeNull();
    expect(
      placeByBytes(
        utf8("a b"),
        [0, 1],
        packTokenBytes(bytes.length, (id) => bytes[id], null),
      ),
    ).toBeNull();
  });

  it("refuses tokens that spell only the start of the text, and accepts trailing white space they drop", () => {
    const bytes = [utf8("an"), utf8(" apple")];
    // "an" + " apple" leave " pie" uncovered: placing them would count " pie" as covered, its word as unmeasured
    expect(placeByBytes(utf8("an apple pie"), [0, 1], packed(bytes))).toBeNull();
    expect(Array.from(placeByBytes(utf8("an apple \n"), [0, 1], packed(bytes))!)).toEqual([0, 2, 2, 8]);
  });

  it("converts UTF-16 positions to UTF-8 offsets across astral and CJK characters", () => {
    const s = "a🤖語b";
    expect(Array.from(utf16ToUtf8Offsets(s, [0, 1, 3, 4, 5]))).toEqual([0, 1, 5, 8, 9]);
  });
});

describe("tokenizeLanguage", () => {
  let llama2: Tokenizer;
  beforeAll(async () => {
    llama2 = await loadTokenizer("llama2");
  });
  afterAll(() => llama2.dispose());

  it("counts tokens, bytes, chars, words, unknowns and in-context word tokens by hand (native engine offsets)", async () => {
    const t = await loadTokenizer(wordlevel);
    expect(t.engine).toBe("native");
    // vocab: [UNK]=0 the=1 cat=2 sat=3 on=4 mat=5 .=6 a=7 ; lowercase + whitespace/punctuation split
    const prepared = prepareLanguage("eng_Latn", [
      { id: "1", text: "The cat sat on the mat." }, // the cat sat on the mat . -> 7 tokens, 0 unk, 6 words
      { id: "2", text: "A dog sat." }, // a [UNK] sat . -> 4 tokens, 1 unk, 3 words
    ]);
    const r = await tokenizeLanguage(t, prepared);
    expect(segmentRows(r.segments)).toEqual([
      { id: "1", tokens: 7, bytes: 23, chars: 23, words: 6, unk: 0, byteFallback: 0 },
      { id: "2", tokens: 4, bytes: 10, chars: 10, words: 3, unk: 1, byteFallback: 0 },
    ]);
    expect(Object.fromEntries(r.tokenFrequencies)).toEqual({ 0: 1, 1: 2, 2: 1, 3: 2, 4: 1, 5: 1, 6: 2, 7: 1 });
    expect(r.wordOccurrences).toBe(9);
    // the lowercasing normalizer means token bytes do not spell the text: the native engine's offsets place
    // them; each word is exactly its one token, the "." tokens overlap no word
    expect(r.measuredWords).toBe(9);
    expect(r.wordTokens).toBe(9);
    expect(r.continuedWords).toBe(0);
    expect(r.singleTokenWords).toBe(9);
    t.dispose();
  });

  it("leaves words unmeasured where neither offsets nor token bytes place the tokens (JS engine, lowercasing)", async () => {
    const t = await loadTokenizer(wordlevel, { engine: "js" });
    expect(t.engine).toBe("js");
    const r = await tokenizeLanguage(t, prepareLanguage("eng_Latn", [{ id: "1", text: "The cat" }]));
    expect(r.wordOccurrences).toBe(2);
    expect(r.measuredWords).toBe(0);
    t.dispose();
  });

  it("reads words as they occur in text with a real SentencePiece model, byte fallback included", async () => {
    const text = "Hello 🤖 unbelievably";
    const r = await tokenizeLanguage(llama2, prepareLanguage("eng_Latn", [{ id: "1", text }]));
    const { ids, tokens } = llama2.encode(text);
    expect(r.segments.tokens[0]).toBe(ids.length);
    // the robot emoji is not in Llama 2's vocabulary: 4 UTF-8 bytes -> 4 <0xNN> pieces
    expect(r.segments.byteFallback[0]).toBe(4);
    // words: Hello, unbelievably (the emoji has no letter or number)
    expect(r.wordOccurrences).toBe(2);
    expect(tokens[0]).toBe("▁Hello");
    // "unbelievably" is every token after the last byte piece
    const after = tokens.length - 1 - tokens.findLastIndex((tok) => /^<0x[0-9A-F]{2}>$/.test(tok));
    expect(after).toBeGreaterThanOrEqual(2);
    expect(r.measuredWords).toBe(2);
    expect(r.wordTokens).toBe(1 + after);
    expect(r.continuedWords).toBe(1);
    expect(r.singleTokenWords).toBe(1);
  });

  it("agrees with Rust et al.'s word-alone counts for WordPiece, whose pre-tokenizer splits words before the model", async () => {
    const t = await loadTokenizer(wordpiece);
    const text = "The tokenizers split words into pieces, unrelated.";
    const r = await tokenizeLanguage(t, prepareLanguage("eng_Latn", [{ id: "1", text }]));
    let alone = 0;
    let continued = 0;
    for (const w of segmentWords(text, "eng_Latn")) {
      const n = t.encodeIds(w).length;
      alone += n;
      if (n >= 2) continued++;
    }
    expect(r.measuredWords).toBe(7);
    expect(r.wordTokens).toBe(alone);
    expect(r.continuedWords).toBe(continued);
    expect(continued).toBeGreaterThan(0);
    t.dispose();
  });

  it("splits a segment longer than MAX_PIECE_CHARS at white space and adds the pieces' counts", async () => {
    const line = "word ".repeat(Math.ceil((MAX_PIECE_CHARS * 2.5) / 5));
    const pieces = splitLongText(line);
    expect(pieces.length).toBe(3);
    expect(pieces.join("")).toBe(line);
    for (const p of pieces.slice(0, -1)) expect(p.endsWith(" ")).toBe(true);
    const r = await tokenizeLanguage(llama2, prepareLanguage("eng_Latn", [{ id: "long", text: line }]));
    expect(r.segments.ids).toHaveLength(1);
    expect(r.segments.words[0]).toBe(line.length / 5);
    expect(r.segments.tokens[0]).toBe(pieces.reduce((n, p) => n + llama2.encodeIds(p).length, 0));
  });
});

describe("prepareLanguage packs a chunk's pieces into one byte array and one span array", () => {
  it("each piece's bytes, word spans and code points are those of the piece alone", () => {
    const encoder = new TextEncoder();
    const texts = [
      "All human beings are born free and equal.",
      "",
      "😀 x\ud800 y\udc00 — 人人生而自由 ናቸው፡፡",
      // longer than MAX_PIECE_CHARS (cut into pieces), and the chunk past the first scratch size of 1 MiB
      ...Array.from({ length: 8 }, (_, i) => `Ŋ${"ж word ".repeat(MAX_PIECE_CHARS / 5)}${i}`),
    ];
    const segments = texts.map((text, i) => ({ id: String(i), text }));
    for (const language of ["eng_Latn", "amh_Ethi", "cmn_Hans"]) {
      const p = prepareLanguage(language, segments);
      expect(p.pieces.length).toBeGreaterThan(texts.length);
      p.pieces.forEach((piece, i) => {
        expect(firstDifference(p.pieceBytes[i]!, encoder.encode(piece))).toBeNull();
        expect(firstDifference(p.pieceWords[i]!, utf16ToUtf8Offsets(piece, wordSpans(piece, language)))).toBeNull();
      });
      expect(p.chars).toEqual(texts.map((t) => [...t].length));
      expect(p.bytes).toEqual(texts.map((t) => encoder.encode(t).length));
      expect(p.words).toEqual(
        texts.map((t) => splitLongText(t).reduce((n, s) => n + wordSpans(s, language).length / 2, 0)),
      );
    }
  });
});
