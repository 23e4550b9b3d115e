// isValidUtf8 agrees with a fatal TextDecoder, and vocabulary texts are what the strict decoder gives.
import { describe, expect, it } from "vitest";
import { isValidUtf8, decodeUtf8OrNull } from "../../src/tokenizers/token-bytes.js";
import { mulberry32 } from "../../src/metrics/prng.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const accepts = (b: Uint8Array) => {
  try {
    fatal.decode(b);
    return true;
  } catch {
    return false;
  }
};

describe("isValidUtf8", () => {
  it("agrees with a fatal TextDecoder on edge cases and 20,000 random byte strings", () => {
    const cases = [
      [],
      [0x41],
      [0xc2, 0x80],
      [0xc1, 0xbf],
      [0xe0, 0x9f, 0x80],
      [0xe0, 0xa0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xef, 0xbb, 0xbf],
      [0xf0, 0x8f, 0xbf, 0xbf],
      [0xf0, 0x90, 0x80, 0x80],
      [0xf4, 0x8f, 0xbf, 0xbf],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
      [0xe2, 0x82],
      [0x80],
      [0xff],
    ].map((c) => Uint8Array.from(c));
    const next = mulberry32(7);
    for (let k = 0; k < 20000; k++) {
      const len = Math.floor(next() * 6);
      // bias towards bytes that form or nearly form multi-byte sequences
      cases.push(
        Uint8Array.from({ length: len }, () =>
          next() < 0.5 ? 0x80 + Math.floor(next() * 0x40) : 0xc0 + Math.floor(next() * 0x40),
        ),
      );
    }
    for (const c of cases) expect(isValidUtf8(c), Array.from(c).join(",")).toBe(accepts(c));
  });

  it("gives every cl100k_base entry the text the strict decoder gives its bytes", async () => {
    const t = await sharedTokenizer("cl100k_base");
    for (const e of t.vocabulary()) expect(e.text).toBe(decodeUtf8OrNull(e.bytes));
  });
});
