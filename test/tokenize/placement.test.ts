// Token placement by hand: UTF-16 and code-point positions to UTF-8 offsets (checked against Buffer.byteLength),
// tokens placed by their bytes around unknown tokens and dropped white space, and the characters a tokenization loses.
import { describe, expect, it } from "vitest";
import {
  packTokenBytes,
  countWordTokens,
  lostChars,
  placeByBytes,
  placeByOffsets,
  utf16ToUtf8Offsets,
  type WordTokenCounts,
} from "../../src/tokenize/placement.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
/** UTF-8 bytes of the first `n` UTF-16 code units of `s`, by Node's own encoder. */
const bytesBefore = (s: string, n: number) => Buffer.byteLength(s.slice(0, n), "utf8");
const zero = (): WordTokenCounts => ({ measuredWords: 0, wordTokens: 0, continuedWords: 0, singleTokenWords: 0 });

// one character at each boundary of UTF-8's lengths: U+007F, U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000
const EDGES = "\u007f\u0080\u07ff\u0800\ud7ff\ue000\uffff\u{10000}z";

describe("utf16ToUtf8Offsets", () => {
  it("counts each code unit's UTF-8 bytes at every length boundary, as Buffer.byteLength does", () => {
    const positions = Array.from({ length: EDGES.length + 1 }, (_, i) => i).filter(
      (i) => i === EDGES.length || !(EDGES.charCodeAt(i) >= 0xdc00 && EDGES.charCodeAt(i) <= 0xdfff),
    );
    expect(Array.from(utf16ToUtf8Offsets(EDGES, positions))).toEqual(positions.map((p) => bytesBefore(EDGES, p)));
  });

  it("starts again for a position below the previous one", () => {
    const s = "aé語b";
    expect(Array.from(utf16ToUtf8Offsets(s, [3, 1, 4, 0]))).toEqual([6, 1, 7, 0]);
  });
});

describe("placeByOffsets", () => {
  it("turns code-point offsets into byte offsets, astral characters counting 4, and clamps past the end", () => {
    const s = "a\u{1F916}é語";
    const cpBytes = (k: number) => Buffer.byteLength([...s].slice(0, k).join(""), "utf8");
    const spans = placeByOffsets(s, [
      [0, 1],
      [1, 2],
      [2, 4],
      [3, 9],
      [7, 8],
    ]);
    expect(Array.from(spans)).toEqual([0, 1, 1, 5, 5, cpBytes(4), cpBytes(3), 10, 10, 10]);
    expect(cpBytes(4)).toBe(10);
  });

  it("reads a missing bound as 0", () => {
    expect(Array.from(placeByOffsets("abc", [[], [2]]))).toEqual([0, 0, 2, 0]);
  });
});

describe("placeByBytes around unknown tokens", () => {
  const tableBytes = [utf8("a"), utf8("b"), utf8(" b"), undefined, utf8("c")];
  const table = packTokenBytes(tableBytes.length, (id) => tableBytes[id], 3);

  it("lets an unknown token cover the text up to where the next token matches", () => {
    // "a語語b": a | <unk> covers the two 3-byte characters | b
    expect(Array.from(placeByBytes(utf8("a語語b"), [0, 3, 1], table)!)).toEqual([0, 1, 1, 7, 7, 8]);
  });

  it("writes into a caller's array when it has room, and into a new one when it has not", () => {
    const out = new Int32Array(8).fill(-7);
    const spans = placeByBytes(utf8("a語語b"), [0, 3, 1], table, out)!;
    expect(spans.buffer).toBe(out.buffer);
    expect(Array.from(spans)).toEqual([0, 1, 1, 7, 7, 8]);
    expect(out[6]).toBe(-7); // nothing written past the spans
    const small = new Int32Array(4);
    const grown = placeByBytes(utf8("a語語b"), [0, 3, 1], table, small)!;
    expect(grown.buffer).not.toBe(small.buffer);
    expect(Array.from(grown)).toEqual([0, 1, 1, 7, 7, 8]);
    expect(Array.from(small)).toEqual([0, 0, 0, 0]);
  });

  it("stops an unknown token before a space the next token starts with", () => {
    // "a語 b": <unk> covers 語, then " b" is placed with its space
    expect(Array.from(placeByBytes(utf8("a語 b"), [0, 3, 2], table)!)).toEqual([0, 1, 1, 4, 4, 6]);
  });

  it("lets a last unknown token cover the rest of the text, one whole character at least", () => {
    expect(Array.from(placeByBytes(utf8("a語x"), [0, 3], table)!)).toEqual([0, 1, 1, 5]);
    // an unknown token covers at least one character, even where the next token matches at once
    expect(Array.from(placeByBytes(utf8("aab"), [0, 3, 1], table)!)).toEqual([0, 1, 1, 2, 2, 3]);
    // the first character of 2, 3 or 4 bytes is skipped whole, not past the next token
    expect(Array.from(placeByBytes(utf8("éc"), [3, 4], table)!)).toEqual([0, 2, 2, 3]);
    expect(Array.from(placeByBytes(utf8("語c"), [3, 4], table)!)).toEqual([0, 3, 3, 4]);
    expect(Array.from(placeByBytes(utf8("\u{1F916}c"), [3, 4], table)!)).toEqual([0, 4, 4, 5]);
    // an unknown token followed by another covers the rest: nothing tells where the first one ends
    expect(Array.from(placeByBytes(utf8("é\u{1F916}"), [3, 3], table)!)).toEqual([0, 6, 6, 6]);
  });

  it("skips white space the tokenizer dropped before a token, but not other text", () => {
    expect(Array.from(placeByBytes(utf8("a \t\n\rc"), [0, 4], table)!)).toEqual([0, 1, 5, 6]);
    expect(placeByBytes(utf8("a-c"), [0, 4], table)).toBeNull();
  });

  it("places a space-led token without its space only where the text has no white space there", () => {
    // "ab": " b" matches "b" (a dummy-prefix space the text lacks)
    expect(Array.from(placeByBytes(utf8("ab"), [0, 2], table)!)).toEqual([0, 1, 1, 2]);
    // "a\tb": " b" does not match "\tb" with its space, and the tab is dropped white space: "b" at 2
    expect(Array.from(placeByBytes(utf8("a\tb"), [0, 2], table)!)).toEqual([0, 1, 2, 3]);
  });

  it("refuses an id without bytes, and a token running past the end of the text", () => {
    expect(placeByBytes(utf8("a"), [5], table)).toBeNull();
    expect(placeByBytes(utf8("a"), [0, 1], table)).toBeNull();
    expect(
      placeByBytes(
        utf8("x"),
        [0],
        packTokenBytes(1, () => utf8("xy"), null),
      ),
    ).toBeNull();
  });
});

describe("countWordTokens edges", () => {
  it("ignores empty tokens and tokens that end where a word starts", () => {
    // "ab cd": words ab [0,2) and cd [3,5); tokens "ab" [0,2), empty [2,2), " " [2,3), "cd" [3,5), empty [5,5)
    const c = zero();
    countWordTokens(utf8("ab cd"), Int32Array.from([0, 2, 3, 5]), Int32Array.from([0, 2, 2, 2, 2, 3, 3, 5, 5, 5]), c);
    expect(c).toEqual({ measuredWords: 2, wordTokens: 2, continuedWords: 0, singleTokenWords: 2 });
  });

  it("counts a word no token overlaps as measured, with no tokens and neither continued nor whole", () => {
    const c = zero();
    countWordTokens(utf8("ab cd"), Int32Array.from([0, 2, 3, 5]), Int32Array.from([0, 2]), c);
    expect(c).toEqual({ measuredWords: 2, wordTokens: 1, continuedWords: 0, singleTokenWords: 1 });
  });

  it("adds to the totals it is given", () => {
    const c = { measuredWords: 10, wordTokens: 20, continuedWords: 3, singleTokenWords: 4 };
    countWordTokens(utf8("ab"), Int32Array.from([0, 2]), Int32Array.from([0, 1, 1, 2]), c);
    expect(c).toEqual({ measuredWords: 11, wordTokens: 22, continuedWords: 4, singleTokenWords: 4 });
  });

  it("keeps a word whole when its one token starts with white space, not when it starts with other text", () => {
    // "x ab": word ab [2,4); token " ab" [1,4) is inside after its space; token "x ab" [0,4) is not
    const inside = zero();
    countWordTokens(utf8("x ab"), Int32Array.from([2, 4]), Int32Array.from([0, 1, 1, 4]), inside);
    expect(inside.singleTokenWords).toBe(1);
    const across = zero();
    countWordTokens(utf8("x ab"), Int32Array.from([2, 4]), Int32Array.from([0, 4]), across);
    expect([across.wordTokens, across.singleTokenWords]).toEqual([1, 0]);
  });
});

describe("lostChars", () => {
  it("counts characters no token covers, white space aside, once per character", () => {
    // "a語 b\tc": tokens cover a and c; 語 (3 bytes) and b are lost, the space and the tab are not
    const text = utf8("a語 b\tc");
    expect(lostChars(text, [0, 1], Int32Array.from([0, 1, 7, 8]), null)).toBe(2);
  });

  it("counts characters under an unknown token, even where another token overlaps them", () => {
    const text = utf8("ab語");
    // <unk> (id 9) covers "b語", a second token re-covers "b": still lost, as the unknown token's
    expect(lostChars(text, [1, 9, 2], Int32Array.from([0, 1, 1, 5, 1, 2]), 9)).toBe(2);
    // the same spans without an unknown id: nothing lost
    expect(lostChars(text, [1, 8, 2], Int32Array.from([0, 1, 1, 5, 1, 2]), 9)).toBe(0);
  });

  it("clamps spans to the text", () => {
    expect(lostChars(utf8("ab"), [1], Int32Array.from([-3, 9]), null)).toBe(0);
    expect(lostChars(utf8("ab"), [1], Int32Array.from([1, 9]), null)).toBe(1);
  });
});
