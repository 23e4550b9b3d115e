// The token view's grouping on real tokenizers: ids equal an independent encoder, bytes equal the text's UTF-8,
// byte-fallback and partial-UTF-8 tokens stand under the character they build.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEncoding } from "../helpers/js-tiktoken.js";
import llamaTokenizer from "llama-tokenizer-js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { groupTokens, tokenView, visibleWhitespace } from "../../src/tokenizers/token-pieces.js";
import type { Tokenizer } from "../../src/tokenizers/tokenizer.js";

let gpt2: Tokenizer;
let llama2: Tokenizer;
beforeAll(async () => {
  gpt2 = await loadTokenizer("gpt2");
  llama2 = await loadTokenizer("llama2");
});
afterAll(() => {
  gpt2?.dispose();
  llama2?.dispose();
});

const hex = (s: string) => [...Buffer.from(s, "utf8")].map((b) => b.toString(16).padStart(2, "0")).join(" ");
const TEXT = "Hi नमस्ते 𝄞 世界\nok";

describe("tokenView", () => {
  it("gpt2: ids equal js-tiktoken's, groups spell the text, and each group's bytes are its text's UTF-8", () => {
    const groups = tokenView(gpt2, TEXT);
    expect(groups.flatMap((g) => g.tokens.map((t) => t.id))).toEqual(getEncoding("gpt2").encode(TEXT));
    expect(groups.map((g) => g.text).join("")).toBe(TEXT);
    for (const g of groups)
      expect(
        g.tokens
          .map((t) => t.hex)
          .filter(Boolean)
          .join(" "),
      ).toBe(hex(g.text));
    // Devanagari and CJK need byte pieces in GPT-2: some groups hold several partial tokens
    const multi = groups.filter((g) => g.bytes);
    expect(multi.length).toBeGreaterThan(0);
    // no token of such a group spells a whole character on its own: each alone is invalid UTF-8
    for (const g of multi)
      for (const t of g.tokens)
        expect(() =>
          new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(t.hex.replace(/ /g, ""), "hex")),
        ).toThrow();
    const clef = groups.find((g) => g.text.includes("𝄞"))!;
    expect(clef.bytes).toBe(true);
    expect(clef.tokens.length).toBeGreaterThan(1);
    // plain ASCII words stay single tokens with their own text
    expect(groups[0]).toEqual({ text: "Hi", tokens: [{ id: 17250, token: "Hi", hex: "48 69" }], bytes: false });
  });

  it("llama2: byte-fallback pieces <0xNN> of a character outside the vocabulary are grouped under it", () => {
    const groups = tokenView(llama2, "𝄞 ok");
    expect(groups.flatMap((g) => g.tokens.map((t) => t.id))).toEqual(llamaTokenizer.encode("𝄞 ok", false, true));
    const clef = groups.find((g) => g.text.includes("𝄞"))!;
    expect(clef.bytes).toBe(true);
    expect(clef.tokens.map((t) => t.token)).toEqual(["<0xF0>", "<0x9D>", "<0x84>", "<0x9E>"]);
    expect(clef.tokens.map((t) => t.hex).join(" ")).toBe(hex("𝄞"));
  });

  it("closes a run that never completes a character, and marks a lone <0x0A> piece as bytes", () => {
    const entries = new Map([
      [
        1,
        {
          id: 1,
          token: "<0x0A>",
          bytes: Uint8Array.of(0x0a),
          text: "\n",
          special: false,
          byteFallback: true,
          partialUtf8: false,
          wordInitial: false,
        },
      ],
      [
        2,
        {
          id: 2,
          token: "x",
          bytes: Uint8Array.of(0xe0),
          text: null,
          special: false,
          byteFallback: true,
          partialUtf8: true,
          wordInitial: false,
        },
      ],
    ]);
    const groups = groupTokens([1, 2], ["<0x0A>", "x"], (id) => entries.get(id));
    expect(groups).toEqual([
      { text: "\n", tokens: [{ id: 1, token: "<0x0A>", hex: "0a" }], bytes: true },
      { text: "\ufffd", tokens: [{ id: 2, token: "x", hex: "e0" }], bytes: true },
    ]);
  });

  it("shows white space", () => {
    expect(visibleWhitespace(" a\tb\nc\u00a0\u200b")).toBe("·a→b↵c⍽\\u{200B}");
  });
});
