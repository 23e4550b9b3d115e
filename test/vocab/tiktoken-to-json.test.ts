// The tiktoken -> tokenizer.json conversion gives the same ids as tiktoken itself on real multilingual text.
import { describe, expect, it } from "vitest";
import { get_encoding } from "tiktoken";
import { Tokenizer as RustTokenizer } from "tokenizers";
import { Tokenizer as JsTokenizer } from "@huggingface/tokenizers";
import { readTiktokenEncoding, tiktokenToTokenizerJson } from "../../src/vocab/tiktoken-to-json.js";
import { mergePair } from "../../src/vocab/tokenizer-json.js";
import { SAMPLE_CODES, udhrParagraphs } from "./udhr-text.js";

// Whole declarations joined per language, plus edge cases the split pattern must treat like tiktoken.
const texts = [
  ...SAMPLE_CODES.map((c) => udhrParagraphs(c).slice(0, 12).join("\n")),
  "  leading spaces,\ttabs\r\n\r\nand    runs of   spaces  ",
  "Numbers 1234567 and 3.14159; CAPS'LL it's WE'VE",
  "emoji 👩‍👩‍👧 and combining e\u0301 \u00a0nbsp",
];

describe.each(["gpt2", "cl100k_base"] as const)("%s converted to tokenizer.json", (name) => {
  it("gives the ids tiktoken gives, in the Rust and the JS tokenizers", async () => {
    const enc = await readTiktokenEncoding(name);
    const { json } = tiktokenToTokenizerJson(enc);
    const model = json.model;
    if (model.type !== "BPE") throw new Error("expected BPE");
    // every byte-level vocab entry is there, and merges are one fewer than multi-byte tokens at most
    expect(Object.keys(model.vocab)).toHaveLength(enc.ranks.length);
    expect(model.merges.length).toBeGreaterThan(enc.ranks.length - 256 - 100);
    expect(mergePair(model.merges[0]!)).toEqual(name === "gpt2" ? ["Ġ", "t"] : ["Ġ", "Ġ"]);

    const tt = get_encoding(name);
    const rust = RustTokenizer.fromString(JSON.stringify(json));
    const js = new JsTokenizer(json, {});
    try {
      let compared = 0;
      for (const text of texts) {
        const expected = Array.from(tt.encode_ordinary(text));
        const r = await rust.encode(text, null, { addSpecialTokens: false });
        expect(r.getIds()).toEqual(expected);
        expect(js.encode(text, { add_special_tokens: false }).ids).toEqual(expected);
        compared += expected.length;
      }
      expect(compared).toBeGreaterThan(10_000);
    } finally {
      tt.free();
    }
  });
});
