// The native engine for tokenizer.json: Hugging Face's Rust `tokenizers` binding (napi), batch encoding with offsets.
import { TokenizerLoadError } from "../errors.js";
import type { BatchEncoding, EncodeResult } from "./tokenizer.js";

/** The part of the binding's Tokenizer class this adapter uses. */
interface NativeTokenizer {
  encode(sentence: string, pair: null, options?: { addSpecialTokens?: boolean }): Promise<NativeEncoding>;
  encodeBatch(sentences: string[], options?: { addSpecialTokens?: boolean }): Promise<NativeEncoding[]>;
  decode(ids: number[], skipSpecialTokens: boolean): Promise<string>;
  idToToken(id: number): string | null;
  disableTruncation(): void;
  disablePadding(): void;
}
interface NativeEncoding {
  getIds(): number[];
  getTokens(): string[];
  getOffsets(): number[][];
}

export interface NativeEngine {
  encodeBatch(texts: readonly string[]): Promise<BatchEncoding[]>;
  /** One text, special tokens added when asked, with the engine's token strings. */
  encode(text: string, addSpecialTokens: boolean): Promise<EncodeResult>;
  /** The text of `ids`, special tokens kept. */
  decode(ids: readonly number[]): Promise<string>;
  /** The stored token of `id` (an added token's content first, as the engine keeps them), null for an unused id. */
  idToToken(id: number): string | null;
}

type NativeBinding = { Tokenizer: { fromFile(path: string): NativeTokenizer } };
let binding: Promise<NativeBinding | Error> | null = null;

/** The binding, imported once; an Error when its prebuilt binary does not load on this platform. */
function nativeBinding() {
  binding ??= import("tokenizers").then(
    (m) => m as unknown as NativeBinding,
    (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
  );
  return binding;
}

/** Whether the native binding loads here (its prebuilt binaries cover Linux, macOS and Windows on x64/arm64). */
export async function nativeEngineAvailable(): Promise<boolean> {
  return !((await nativeBinding()) instanceof Error);
}

/**
 * Builds the native engine from a tokenizer.json file (read by the engine itself: handing it the text as a JS
 * string would copy and transcode tens of megabytes). Returns null when the binding or the file does not load
 * and `required` is false (the caller falls back to the JS engine); throws TokenizerLoadError otherwise.
 */
export async function loadNativeEngine(path: string, required: boolean): Promise<NativeEngine | null> {
  const lib = await nativeBinding();
  if (lib instanceof Error) {
    if (!required) return null;
    throw new TokenizerLoadError(
      `The native tokenizers engine does not load on this machine (${lib.message}). Use the JS engine (--engine js), ` +
        `or reinstall with \`npm ci\` on a platform the 'tokenizers' package ships a binary for.`,
      { cause: lib },
    );
  }
  let tokenizer: NativeTokenizer;
  try {
    tokenizer = lib.Tokenizer.fromFile(path);
    // A tokenizer.json may carry the truncation and padding a model was served with (a sentence-transformers file
    // cuts each text at 128 or 512 tokens and pads a batch to its longest text), which the engine applies to every
    // encoding it returns. Metrics count whole texts, unpadded: both are switched off, as the JS engine ignores them.
    tokenizer.disableTruncation();
    tokenizer.disablePadding();
  } catch (err) {
    if (!required) return null;
    throw new TokenizerLoadError(
      `The native tokenizers engine cannot build '${path}': ${(err as Error).message}. Check that the file loads with the ` +
        `Python tokenizers library, or try the JS engine (--engine js).`,
      { cause: err },
    );
  }
  return {
    async encodeBatch(texts) {
      if (texts.length === 0) return [];
      const encodings = await tokenizer.encodeBatch([...texts], { addSpecialTokens: false });
      return encodings.map((e) => new NativeBatchEncoding(e));
    },
    async encode(text, addSpecialTokens) {
      const e = await tokenizer.encode(text, null, { addSpecialTokens });
      return { ids: e.getIds(), tokens: e.getTokens() };
    },
    decode(ids) {
      return tokenizer.decode([...ids], false);
    },
    idToToken(id) {
      return tokenizer.idToToken(id);
    },
  };
}

/**
 * One encoding of a batch, its ids turned into a JS array when first read: a caller that counts a batch while the
 * engine encodes the next makes each array just before reading it, so it dies young instead of outliving the
 * collections of the next batch's preparation.
 */
class NativeBatchEncoding implements BatchEncoding {
  private read: number[] | null = null;
  constructor(private readonly encoding: NativeEncoding) {}
  get ids(): number[] {
    return (this.read ??= this.encoding.getIds());
  }
  offsets(): number[][] {
    return this.encoding.getOffsets();
  }
}
