// usesByteLevel / anyComponent: the one ByteLevel check that the tokenizer.json loader and vocabulary trimming share.
import { describe, expect, it } from "vitest";
import { anyComponent, usesByteLevel } from "../../src/tokenizers/json-components.js";

const byteLevel = { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false };
const split = { type: "Split", pattern: { Regex: "\\s+" }, behavior: "Isolated", invert: false };

describe("usesByteLevel", () => {
  it("finds ByteLevel as the pre-tokenizer, inside a Sequence (Llama 3's layout), or as the decoder alone", () => {
    expect(usesByteLevel({ pre_tokenizer: byteLevel, decoder: null })).toBe(true);
    expect(
      usesByteLevel({ pre_tokenizer: { type: "Sequence", pretokenizers: [split, byteLevel] }, decoder: null }),
    ).toBe(true);
    expect(
      usesByteLevel({ pre_tokenizer: null, decoder: { type: "Sequence", decoders: [{ type: "Fuse" }, byteLevel] } }),
    ).toBe(true);
  });

  it("is false for Metaspace tokenizers, missing components and ByteLevel only in the post-processor", () => {
    expect(
      usesByteLevel({ pre_tokenizer: { type: "Metaspace", replacement: "▁" }, decoder: { type: "Metaspace" } }),
    ).toBe(false);
    expect(usesByteLevel({})).toBe(false);
    expect(
      usesByteLevel({ pre_tokenizer: split, decoder: null, post_processor: byteLevel } as {
        pre_tokenizer: unknown;
        decoder: unknown;
      }),
    ).toBe(false);
  });
});

describe("anyComponent", () => {
  it("looks through nested sequences of normalizers and processors, and not into other fields", () => {
    const nfc = { type: "NFC" };
    const normalizer = { type: "Sequence", normalizers: [{ type: "Sequence", normalizers: [nfc] }] };
    expect(anyComponent(normalizer, (c) => c["type"] === "NFC")).toBe(true);
    expect(anyComponent({ type: "Sequence", other: [nfc] }, (c) => c["type"] === "NFC")).toBe(false);
    expect(
      anyComponent({ type: "Sequence", processors: [{ type: "ByteLevel" }] }, (c) => c["type"] === "ByteLevel"),
    ).toBe(true);
    expect(anyComponent(null, () => true)).toBe(false);
  });
});
