// The ModelProto reader on hand-built protobuf bytes: pieces (ASCII, multi-byte, a leading U+FEFF), scores, types
// and model type read back as written; a piece that is not UTF-8, or a field cut short, is not a SentencePiece model.
import { describe, expect, it } from "vitest";
import { NotSentencePieceError, parseSentencePieceModel } from "../../src/tokenizers/sentencepiece-model.js";

const varint = (n: number): number[] => {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return out;
};
const field = (num: number, wire: number) => varint(num * 8 + wire);
const lengthDelimited = (num: number, body: number[]) => [...field(num, 2), ...varint(body.length), ...body];
const float32 = (x: number) => [...new Uint8Array(new Float32Array([x]).buffer)];

/** ModelProto.SentencePiece: piece (1), score (2, float), type (3). */
function piece(bytes: number[], score: number, type: number): number[] {
  return lengthDelimited(1, [...lengthDelimited(1, bytes), ...field(2, 5), ...float32(score), ...field(3, 0), type]);
}
const utf8 = (s: string) => [...Buffer.from(s, "utf8")];

describe("parseSentencePieceModel", () => {
  it("reads pieces, scores, types and the trainer's model type as written", () => {
    const bytes = Uint8Array.from([
      ...piece(utf8("<unk>"), 0, 2),
      ...piece(utf8("\u2581the"), -1.5, 1),
      ...piece(utf8("\ufeffé"), -2.25, 1),
      ...piece(utf8("<0x0A>"), 0, 6),
      ...lengthDelimited(2, [...field(3, 0), 2, ...field(35, 0), 1]), // TrainerSpec: BPE, byte_fallback
    ]);
    const model = parseSentencePieceModel(bytes);
    expect(model.pieces).toEqual([
      { piece: "<unk>", score: 0, type: "UNKNOWN" },
      { piece: "\u2581the", score: -1.5, type: "NORMAL" },
      { piece: "\ufeffé", score: -2.25, type: "NORMAL" },
      { piece: "<0x0A>", score: 0, type: "BYTE" },
    ]);
    expect([model.modelType, model.byteFallback, model.addDummyPrefix]).toEqual(["BPE", true, true]);
  });

  it("reads a model lying inside a larger buffer at an offset", () => {
    const inner = piece(utf8("ab"), 1, 1);
    const outer = new Uint8Array(inner.length + 7);
    outer.set(inner, 5);
    expect(parseSentencePieceModel(outer.subarray(5, 5 + inner.length)).pieces).toEqual([
      { piece: "ab", score: 1, type: "NORMAL" },
    ]);
  });

  it("refuses a piece that is not UTF-8 and a piece cut short", () => {
    expect(() => parseSentencePieceModel(Uint8Array.from(piece([0x61, 0xc3], 0, 1)))).toThrow(NotSentencePieceError);
    const whole = piece(utf8("abc"), 0, 1);
    expect(() => parseSentencePieceModel(Uint8Array.from(whole.slice(0, whole.length - 3)))).toThrow(
      NotSentencePieceError,
    );
  });
});
