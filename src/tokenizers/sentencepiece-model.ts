// Reads the vocabulary and model type out of a SentencePiece `.model` protobuf (ModelProto), which the WASM engine does not expose.
import { isValidUtf8 } from "./token-bytes.js";

/** SentencePiece piece types (sentencepiece_model.proto, ModelProto.SentencePiece.Type). */
export type PieceType = "NORMAL" | "UNKNOWN" | "CONTROL" | "USER_DEFINED" | "UNUSED" | "BYTE";

const PIECE_TYPES: Record<number, PieceType> = {
  1: "NORMAL",
  2: "UNKNOWN",
  3: "CONTROL",
  4: "USER_DEFINED",
  5: "UNUSED",
  6: "BYTE",
};

/** TrainerSpec.ModelType. */
export type SentencePieceModelType = "UNIGRAM" | "BPE" | "WORD" | "CHAR";
const MODEL_TYPES: Record<number, SentencePieceModelType> = { 1: "UNIGRAM", 2: "BPE", 3: "WORD", 4: "CHAR" };

export interface SentencePiece {
  piece: string;
  score: number;
  type: PieceType;
}

export interface SentencePieceModel {
  pieces: SentencePiece[];
  modelType: SentencePieceModelType;
  byteFallback: boolean;
  addDummyPrefix: boolean;
  /** The normalizer changes text: a precompiled character map (nmt_nfkc and the like) or a rule table. */
  normalizes: boolean;
  /** The word marker goes after a word, not before it (TrainerSpec `treat_whitespace_as_suffix`). */
  whitespaceAsSuffix: boolean;
}

/** Thrown for bytes that are not a SentencePiece ModelProto; the loader turns it into a TokenizerLoadError. */
export class NotSentencePieceError extends Error {}

class Reader {
  pos = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly end = buf.length,
  ) {}
  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw new NotSentencePieceError("truncated varint");
      const b = this.buf[this.pos++]!;
      // values above 2^53 do not occur in the fields read here; multiplication keeps >32-bit lengths exact
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 63) throw new NotSentencePieceError("varint too long");
    }
  }
  bytes(): Uint8Array {
    const len = this.varint();
    if (this.pos + len > this.end) throw new NotSentencePieceError("field runs past the end of the data");
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        this.pos += 8;
        break;
      case 2:
        this.bytes();
        return;
      case 5:
        this.pos += 4;
        break;
      default:
        throw new NotSentencePieceError(`unsupported protobuf wire type ${wireType}`);
    }
    if (this.pos > this.end) throw new NotSentencePieceError("field runs past the end of the data");
  }
}

/**
 * The model's bytes, read once per parse: a piece is read where it lies (a subarray or TextDecoder call per piece cost
 * most of a 32k-piece load in allocations) and decoded by a Buffer slice, its score by one DataView.
 */
class PieceReader {
  private readonly text: Buffer;
  private readonly view: DataView;
  private readonly r: Reader;
  constructor(buf: Uint8Array) {
    this.text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.r = new Reader(buf);
  }

  /** The piece in the model's bytes `[start, end)`. */
  parse(start: number, end: number): SentencePiece {
    const r = this.r;
    r.pos = start;
    let text: string | null = null;
    let score = 0;
    let type: PieceType = "NORMAL";
    while (r.pos < end) {
      const key = r.varint();
      const field = Math.floor(key / 8);
      const wire = key & 7;
      if (field === 1 && wire === 2) {
        const len = r.varint();
        if (r.pos + len > end) throw new NotSentencePieceError("field runs past the end of the data");
        text = this.utf8(r.pos, r.pos + len);
        r.pos += len;
      } else if (field === 2 && wire === 5) {
        if (r.pos + 4 > end) throw new NotSentencePieceError("field runs past the end of the data");
        score = this.view.getFloat32(r.pos, true);
        r.pos += 4;
      } else if (field === 3 && wire === 0) {
        const t = PIECE_TYPES[r.varint()];
        if (!t) throw new NotSentencePieceError("unknown piece type");
        type = t;
      } else r.skip(wire);
      if (r.pos > end) throw new NotSentencePieceError("field runs past the end of the data");
    }
    if (text === null) throw new NotSentencePieceError("a piece without text");
    return { piece: text, score, type };
  }

  private utf8(start: number, end: number): string {
    const bytes = this.text;
    let i = start;
    while (i < end && bytes[i]! < 0x80) i++;
    if (i === end) return bytes.toString("latin1", start, end);
    if (!isValidUtf8(bytes.subarray(start, end))) throw new NotSentencePieceError("a piece that is not valid UTF-8");
    // Buffer's UTF-8 decoding keeps a leading U+FEFF, as the strict decoder with ignoreBOM did
    return bytes.toString("utf8", start, end);
  }
}

/** Parses a ModelProto. Throws NotSentencePieceError when the bytes are not one. */
export function parseSentencePieceModel(buf: Uint8Array): SentencePieceModel {
  const r = new Reader(buf);
  const pieceReader = new PieceReader(buf);
  const pieces: SentencePiece[] = [];
  let modelType: SentencePieceModelType = "UNIGRAM";
  let byteFallback = false;
  let addDummyPrefix = true;
  let normalizes = false;
  let whitespaceAsSuffix = false;
  try {
    while (r.pos < r.end) {
      const key = r.varint();
      const field = Math.floor(key / 8);
      const wire = key & 7;
      if (field === 1 && wire === 2) {
        const len = r.varint();
        if (r.pos + len > r.end) throw new NotSentencePieceError("field runs past the end of the data");
        pieces.push(pieceReader.parse(r.pos, r.pos + len));
        r.pos += len;
      } else if (field === 2 && wire === 2) {
        const t = new Reader(r.bytes());
        while (t.pos < t.end) {
          const k = t.varint();
          const f = Math.floor(k / 8);
          if (f === 3 && (k & 7) === 0) modelType = MODEL_TYPES[t.varint()] ?? modelType;
          else if (f === 35 && (k & 7) === 0) byteFallback = t.varint() !== 0;
          else if (f === 24 && (k & 7) === 0) whitespaceAsSuffix = t.varint() !== 0;
          else t.skip(k & 7);
        }
      } else if (field === 3 && wire === 2) {
        const n = new Reader(r.bytes());
        while (n.pos < n.end) {
          const k = n.varint();
          const f = Math.floor(k / 8);
          if (f === 3 && (k & 7) === 0) addDummyPrefix = n.varint() !== 0;
          // precompiled_charsmap (2) or normalization_rule_tsv (6), when not empty
          else if ((f === 2 || f === 6) && (k & 7) === 2) normalizes = n.bytes().length > 0 || normalizes;
          else n.skip(k & 7);
        }
      } else r.skip(wire);
    }
  } catch (err) {
    if (err instanceof NotSentencePieceError) throw err;
    // invalid UTF-8 in a piece and similar: not a SentencePiece model
    throw new NotSentencePieceError((err as Error).message);
  }
  if (pieces.length === 0) throw new NotSentencePieceError("no vocabulary pieces");
  return { pieces, modelType, byteFallback, addDummyPrefix, normalizes, whitespaceAsSuffix };
}
