// The tokenize phase on a hand-checked WordLevel tokenizer: every count the metrics read.
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { prepareLanguage, tokenizeLanguage } from "../../src/corpus/tokenize-corpus.js";

const wordlevel = fileURLToPath(new URL("../fixtures/tokenizers/wordlevel.tokenizer.json", import.meta.url));

describe("tokenizeLanguage", () => {
  it("counts tokens, bytes, chars, words, unknowns and word-alone tokens by hand", async () => {
    const t = await loadTokenizer(wordlevel);
    // vocab: [UNK]=0 the=1 cat=2 sat=3 on=4 mat=5 .=6 a=7 ; lowercase + whitespace/punctuation split
    const prepared = prepareLanguage("eng_Latn", [
      { id: "1", text: "The cat sat on the mat." }, // the cat sat on the mat . -> 7 tokens, 0 unk, 6 words
      { id: "2", text: "A dog sat." }, // a [UNK] sat . -> 4 tokens, 1 unk, 3 words
    ]);
    const r = tokenizeLanguage(t, prepared);
    expect(r.segments).toEqual([
      { id: "1", tokens: 7, bytes: 23, chars: 23, words: 6, unk: 0, byteFallback: 0 },
      { id: "2", tokens: 4, bytes: 10, chars: 10, words: 3, unk: 1, byteFallback: 0 },
    ]);
    expect(Object.fromEntries(r.tokenFrequencies)).toEqual({ 0: 1, 1: 2, 2: 1, 3: 2, 4: 1, 5: 1, 6: 2, 7: 1 });
    expect(r.wordOccurrences).toBe(9);
    // words exclude punctuation-only units, and each word is one WordLevel token when tokenized alone
    expect(r.wordAloneTokens).toBe(9);
    expect(r.continuedWords).toBe(0);
  });

  it("counts byte-fallback tokens and continued words with a real SentencePiece model", async () => {
    const t = await loadTokenizer("llama2");
    const prepared = prepareLanguage("eng_Latn", [{ id: "1", text: "Hello 🤖 unbelievably" }]);
    const r = tokenizeLanguage(t, prepared);
    const ids = t.encodeIds("Hello 🤖 unbelievably");
    expect(r.segments[0]!.tokens).toBe(ids.length);
    // the robot emoji is not in Llama 2's vocabulary: 4 UTF-8 bytes -> 4 <0xNN> pieces
    expect(r.segments[0]!.byteFallback).toBe(4);
    // words: Hello, unbelievably (the emoji has no letter or number)
    expect(r.wordOccurrences).toBe(2);
    const alone = t.encodeIds("Hello").length + t.encodeIds("unbelievably").length;
    expect(r.wordAloneTokens).toBe(alone);
    expect(r.continuedWords).toBe(t.encodeIds("unbelievably").length >= 2 ? 1 : 0);
    t.dispose();
  });
});
