// The token view's grouping on real tokenizers: ids equal an independent encoder, bytes equal the text's UTF-8,
// byte-fallback and partial-UTF-8 tokens stand under the character they build.
import { beforeAll, describe, expect, it } from "vitest";
import { getEncoding } from "../helpers/js-tiktoken.js";
import llamaTokenizer from "llama-tokenizer-js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";
import { groupTokens, tokenView, visibleWhitespace } from "../../src/tokenizers/token-pieces.js";
import type { Tokenizer } from "../../src/tokenizers/tokenizer.js";

let gpt2: Tokenizer;
let llama2: Tokenizer;
beforeAll(async () => {
  gpt2 = await sharedTokenizer("gpt2");
  llama2 = await sharedTokenizer("llama2");
});

const hex = (s: string) => [...Buffer.from(s, "utf8")].map((b) => b.toString(16).padStart(2, "0")).join(" ");
const TEXT = "Hi नमस्ते 𝄞 世界\nok";

describe("tokenView", () => {
  it("gpt2: ids equal js-tiktoken's, groups spell the text, and each group's bytes are its text's UTF-8", async () => {
    const groups = await tokenView(gpt2, TEXT);
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

  it("llama2: byte-fallback pieces <0xNN> of a character outside the vocabulary are grouped under it", async () => {
    const groups = await tokenView(llama2, "𝄞 ok");
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

  it("splits a chain of tokens that straddle characters at the last whole character, with no U+FFFD", () => {
    // byte-level tokens of 8 bytes over "က" (e1 80 80) x 8: no token boundary before the 24th byte is a character
    // boundary, so the run is closed at the 16-byte limit after 5 whole characters and the 6th goes on in the next
    const text = "က".repeat(8);
    const all = new TextEncoder().encode(text);
    const entries = new Map(
      [0, 1, 2].map((i) => {
        const bytes = all.slice(8 * i, 8 * i + 8);
        return [
          i,
          {
            id: i,
            token: `t${i}`,
            bytes,
            text: null,
            special: false,
            byteFallback: false,
            partialUtf8: true,
            wordInitial: false,
          },
        ];
      }),
    );
    const hexOf = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join(" ");
    const groups = groupTokens([0, 1, 2], ["t0", "t1", "t2"], (id) => entries.get(id));
    expect(groups).toEqual([
      {
        text: "ကကကကက",
        tokens: [
          { id: 0, token: "t0", hex: hexOf(all.slice(0, 8)) },
          { id: 1, token: "t1", hex: hexOf(all.slice(8, 16)) },
        ],
        bytes: true,
      },
      { text: "ကကက", tokens: [{ id: 2, token: "t2", hex: hexOf(all.slice(16, 24)) }], bytes: true },
    ]);
    expect(groups.map((g) => g.text).join("")).toBe(text);
    // the same run cut after 16 bytes: the character it began and never finished is U+FFFD at the end
    const cut = groupTokens([0, 1], ["t0", "t1"], (id) => entries.get(id));
    expect(cut.map((g) => g.text)).toEqual(["ကကကကက\ufffd"]);
  });

  it("shows white space", () => {
    expect(visibleWhitespace(" a\tb\nc\u00a0\u200b")).toBe("·a→b↵c⍽\\u{200B}");
  });
});
