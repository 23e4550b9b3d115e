// A leading U+FEFF is content, not a byte-order mark to drop: decoding must keep it in texts and vocabulary entries.
// utf8Into writes what utf8 gives.
import { describe, expect, it } from "vitest";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";
import { decodeUtf8, decodeUtf8OrNull, utf8Into } from "../../src/tokenizers/token-bytes.js";

const BOM = "\ufeff";

describe("U+FEFF survives decoding", () => {
  it("the shared decoders keep a leading U+FEFF", () => {
    const bytes = Uint8Array.of(0xef, 0xbb, 0xbf, 0x61);
    expect(decodeUtf8(bytes)).toBe(`${BOM}a`);
    expect(decodeUtf8OrNull(bytes)).toBe(`${BOM}a`);
  });

  it("cl100k_base round-trips a text that starts with U+FEFF, and its vocabulary texts are distinct where the bytes are", async () => {
    const tok = await sharedTokenizer("cl100k_base");
    const text = `${BOM}using System;`;
    expect(tok.decode(tok.encodeIds(text))).toBe(text);
    const byText = new Map<string, string>();
    const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
    let withBom = 0;
    for (const e of tok.vocabulary()) {
      if (e.text === null) continue;
      if (e.text.startsWith(BOM)) withBom++;
      const seen = byText.get(e.text);
      if (seen !== undefined) expect(seen, `text ${JSON.stringify(e.text)} of id ${e.id}`).toBe(hex(e.bytes));
      else byText.set(e.text, hex(e.bytes));
    }
    expect(withBom).toBeGreaterThan(0);
  });

  it("SentencePiece and tokenizer.json vocabularies keep the U+FEFF piece", async () => {
    for (const id of ["llama2", "mistral-7b"]) {
      const tok = await sharedTokenizer(id);
      const bomPieces = tok.vocabulary().filter((e) => e.token === BOM);
      expect(bomPieces, id).toHaveLength(1);
      expect(bomPieces[0]!.text, id).toBe(BOM);
      const text = `${BOM}using System;`;
      expect(tok.decode(tok.encodeIds(text)), id).toBe(text);
    }
  });
});

describe("utf8Into", () => {
  it("gives utf8's bytes, in the scratch buffer when they fit and in a new array when they may not", () => {
    const scratch = new Uint8Array(12);
    const texts = ["", "a", "▁the", "é€", "\u{1F600}", "a\ud800b", "\udc00", "abcd", "abcde", "人人生而自由"];
    for (const text of texts) {
      const got = utf8Into(text, scratch);
      expect([text, [...got]]).toEqual([text, [...new TextEncoder().encode(text)]]);
      // up to 4 code units (12 bytes at most) are written into the scratch buffer
      expect([text, got.buffer === scratch.buffer]).toEqual([text, text.length <= 4]);
    }
  });
});
