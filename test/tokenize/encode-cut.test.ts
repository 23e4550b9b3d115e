// Text outside a corpus (tokenize --file, a gold word) is cut like corpus text before it reaches an engine, and an
// engine whose WASM aborted is still disposed without hiding the error.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { morphScore } from "../../src/analysis/morph.js";
import { tokenizeText } from "../../src/analysis/tokenize-text.js";
import { encodeCut } from "../../src/tokenize/tokenize-corpus.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";

const wordpiece = fileURLToPath(new URL("../fixtures/tokenizers/wordpiece.tokenizer.json", import.meta.url));
/**
 * 3 MB without a space: one pre-tokenizer piece, which tiktoken's WASM cannot encode in one call ("unreachable").
 * Tamil ட has no merges in gpt2, so its pieces encode in linear time (a run of "a" is quadratic).
 */
const LONG = "\u0b9f".repeat(1_000_000);

describe("item 10: long texts are cut before the engine", () => {
  it("tokenize on a 3 MB line without spaces counts its tokens and round-trips", async () => {
    const [r] = await tokenizeText(["gpt2"], LONG);
    expect(r!.count).toBeGreaterThan(0);
    expect(r!.roundTrip).toBe(true);
  });

  it("morph scores a 3 MB gold word instead of aborting", async () => {
    const gpt2 = await loadTokenizer("gpt2");
    try {
      const result = await morphScore(gpt2, [{ word: `${LONG}s`, first: LONG, rest: "s" }], "long.csv");
      expect(result.words).toBe(1);
      expect(result.scored + result.excluded.single_token + result.excluded.unknown + result.excluded.unplaced).toBe(1);
    } finally {
      gpt2.dispose();
    }
  });

  it("special tokens go around the whole cut text, once", async () => {
    const tok = await loadTokenizer(wordpiece);
    try {
      const text = "the cats sat on the mat ".repeat(5).trim();
      const whole = tok.encode(text, { addSpecialTokens: true });
      expect(whole.ids.length).toBeGreaterThan(tok.encode(text).ids.length);
      const cut = await encodeCut(tok, text, { addSpecialTokens: true }, 16);
      expect(cut.ids).toEqual(whole.ids);
      expect(cut.tokens).toEqual(whole.tokens);
    } finally {
      tok.dispose();
    }
  });

  it("an engine whose WASM aborted is disposed without throwing", async () => {
    const gpt2 = await loadTokenizer("gpt2");
    expect(() => gpt2.encode(LONG)).toThrow();
    expect(() => gpt2.dispose()).not.toThrow();
  });
});
