// Backend for Hugging Face tokenizer.json files: the native Rust binding encodes, the pure-JS engine is the fallback.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { TokenizerLoadError } from "../errors.js";
import {
  encodeEach,
  type BatchEncoding,
  type EncodeOptions,
  type EncodeResult,
  type EngineKind,
  type Tokenizer,
  type TokenizerFamily,
  type TokenizerSpec,
  type VocabEntry,
} from "./tokenizer.js";
import { loadNativeEngine, type NativeEngine } from "./huggingface-native.js";
import { anyComponent, keepsText, usesByteLevel } from "./json-components.js";
import { describeJsonSyntaxError, validateTokenizerJson, type ModelTokens } from "./validate-tokenizer-json.js";
import { WORD_MARKER, byteFallbackValue, byteLevelToBytes, makeVocabEntry, utf8 } from "./token-bytes.js";

const SUPPORTED_MODELS: readonly TokenizerFamily[] = ["BPE", "Unigram", "WordPiece", "WordLevel"];

/** The parts of tokenizer.json this adapter reads itself (the engine reads the rest). */
interface TokenizerJson {
  model: {
    type?: string;
    vocab?: Record<string, number> | Array<[string, number]>;
    unk_token?: string | null;
    unk_id?: number | null;
    byte_fallback?: boolean;
    continuing_subword_prefix?: string | null;
    end_of_word_suffix?: string | null;
  };
  added_tokens?: Array<{ id: number; content: string; special?: boolean }>;
  normalizer?: unknown;
  pre_tokenizer?: unknown;
  decoder?: unknown;
}

/** A `huggingface` spec without its `kind`. */
export type HuggingFaceLoadOptions = Omit<Extract<TokenizerSpec, { kind: "huggingface" }>, "kind">;

/**
 * tokenizer_config.json switches that change encoding and that only the JS engine (like transformers'
 * Python tokenizer classes) applies; the native engine reads tokenizer.json alone.
 */
const JS_ONLY_CONFIG_SWITCHES = ["remove_space", "do_lowercase_and_remove_accent"] as const;

/**
 * `text` with the model's `"merges"` list emptied, or `text` itself when the list cannot be found for sure. The
 * merges are most of a large BPE file (Gemma 3: 514k pairs); the native engine reads them from the file itself,
 * and this side needs only the vocabulary and the components, so parsing them would be wasted work.
 */
export function withoutMerges(text: string): string {
  const key = text.lastIndexOf('"merges"');
  if (key < 0) return text;
  let i = key + '"merges"'.length;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (text[i] !== ":") return text;
  i++;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (text[i] !== "[") return text;
  const open = i;
  let depth = 0;
  let inString = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b) depth++;
    else if (c === 0x5d && --depth === 0) return text.slice(0, open) + "[]" + text.slice(i + 1);
  }
  return text;
}

async function readJsonFile(
  path: string,
  what: string,
  transform: (text: string) => string = (t) => t,
): Promise<{ json: unknown; raw: Buffer }> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TokenizerLoadError(
      code === "ENOENT"
        ? `${what} '${path}' does not exist. Check the path, or run \`toklens tokenizers\` to list the built-in ids.`
        : `Cannot read ${what} '${path}': ${(err as Error).message}.`,
      { cause: err },
    );
  }
  try {
    return { json: JSON.parse(transform(raw.toString("utf8"))), raw };
  } catch (err) {
    throw new TokenizerLoadError(
      `${what} '${path}' is not valid JSON (${describeJsonSyntaxError(err)}); the file may be truncated or corrupted. ` +
        `Download it again (for a Hugging Face model, tokenizer.json from the model's repository).`,
      { cause: err },
    );
  }
}

export async function loadHuggingFaceTokenizer(options: HuggingFaceLoadOptions): Promise<Tokenizer> {
  // Unless the JS engine is asked for, this side reads the file without its merges (see withoutMerges); if the
  // native engine then does not load, the JS engine gets the whole file.
  const { json, raw } = await readJsonFile(
    options.path,
    "Tokenizer file",
    options.engine === "js" ? undefined : withoutMerges,
  );
  const tj = json as TokenizerJson;
  if (!tj || typeof tj !== "object" || !tj.model || typeof tj.model !== "object") {
    throw new TokenizerLoadError(
      `'${options.path}' is JSON but not a Hugging Face tokenizer.json (it has no "model" section). ` +
        `Give the tokenizer.json saved by \`tokenizer.save()\` / \`save_pretrained()\`, not config.json or vocab.json.`,
    );
  }
  const family = tj.model.type as TokenizerFamily | undefined;
  if (!family || !SUPPORTED_MODELS.includes(family)) {
    throw new TokenizerLoadError(
      `Unsupported tokenizer model type '${String(tj.model.type)}' in '${options.path}'. ` +
        `Supported model types: ${SUPPORTED_MODELS.join(", ")}.`,
    );
  }
  const modelTokens = validateTokenizerJson(tj, options.path);
  let config: object = {};
  if (options.configPath) {
    try {
      config = (await readJsonFile(options.configPath, "Tokenizer config")).json as object;
    } catch {
      // tokenizer_config.json only tunes decoding niceties; the tokenizer works without it
      config = {};
    }
  }
  const choice = options.engine ?? "auto";
  const jsOnly = JS_ONLY_CONFIG_SWITCHES.filter((k) => (config as Record<string, unknown>)[k] === true);
  if (choice === "native" && jsOnly.length > 0) {
    throw new TokenizerLoadError(
      `'${options.configPath}' sets ${jsOnly.join(" and ")}, which the native engine does not apply (it reads tokenizer.json only). ` +
        `Use the JS engine (--engine js or engine: "js"), which applies it as transformers does.`,
    );
  }
  const { Tokenizer: HfTokenizer } = await import("@huggingface/tokenizers");
  const buildJs = (json: TokenizerJson): HfEngine => {
    try {
      return new HfTokenizer(json, config) as unknown as HfEngine;
    } catch (err) {
      throw new TokenizerLoadError(
        `@huggingface/tokenizers cannot build the tokenizer in '${options.path}': ${(err as Error).message}. ` +
          `The file may use a component this engine does not support; check it loads with the Python tokenizers library.`,
        { cause: err },
      );
    }
  };
  let native: NativeEngine | null = null;
  if (choice !== "js" && jsOnly.length === 0) native = await loadNativeEngine(options.path, choice === "native");
  const sha256 = createHash("sha256").update(raw).digest("hex");
  if (native) {
    // The JS engine serves only the synchronous calls (`tokenize`, `decode`); it is built on first use
    // from a fresh read, so a native run never holds a second copy of the model.
    const lazyJs = () => buildJs(JSON.parse(readFileSync(options.path, "utf8")) as TokenizerJson);
    return new HuggingFaceTokenizer(options, { tj, modelTokens }, family, lazyJs, native, sha256);
  }
  const js = buildJs(options.engine === "js" ? tj : (JSON.parse(raw.toString("utf8")) as TokenizerJson));
  return new HuggingFaceTokenizer(options, { tj, modelTokens }, family, () => js, null, sha256);
}

interface HfEngine {
  encode(
    text: string,
    options?: { add_special_tokens?: boolean },
  ): { ids: Array<number | null | undefined>; tokens: Array<string | null | undefined> };
  decode(
    ids: number[],
    options?: { skip_special_tokens?: boolean; clean_up_tokenization_spaces?: boolean | null },
  ): string;
}

class HuggingFaceTokenizer implements Tokenizer {
  readonly backend = "huggingface" as const;
  readonly engine: EngineKind;
  readonly id: string;
  readonly name: string;
  readonly source: string;
  readonly vocabSize: number;
  readonly unkId: number | null;
  readonly keepsText: boolean;
  private readonly unkToken: string | null;
  private readonly vocab: LazyVocabulary;
  private js: HfEngine | null = null;
  private disposed = false;

  constructor(
    options: HuggingFaceLoadOptions,
    { tj, modelTokens }: { tj: TokenizerJson; modelTokens: ModelTokens },
    readonly family: TokenizerFamily,
    private readonly makeJs: () => HfEngine,
    private native: NativeEngine | null,
    readonly sha256: string,
  ) {
    this.id = options.id;
    this.name = options.name;
    this.source = options.source ?? options.path;
    this.engine = native ? "native" : "js";
    this.vocab = new LazyVocabulary(tj, family, modelTokens);
    this.vocabSize = this.vocab.size;
    const unk = findUnk(tj, this.vocab);
    this.unkId = unk?.id ?? null;
    this.unkToken = unk?.token ?? null;
    // proved for the pipeline as the Rust engine runs it; the JS engine is another implementation
    this.keepsText = native !== null && keepsText(tj);
  }

  encode(text: string, options?: EncodeOptions): EncodeResult {
    const enc = this.live().encode(text, { add_special_tokens: options?.addSpecialTokens ?? false });
    const ids = new Array<number>(enc.ids.length);
    const tokens = new Array<string>(enc.ids.length);
    for (let i = 0; i < enc.ids.length; i++) {
      const id = enc.ids[i];
      // The JS WordLevel model yields undefined for out-of-vocabulary words where the Rust
      // reference returns the unknown token; restore the reference behaviour here.
      if (id === undefined || id === null) {
        if (this.unkId === null) {
          throw new TokenizerLoadError(
            `Tokenizer '${this.id}' has no unknown token, but '${String(enc.tokens[i])}' is not in its vocabulary.`,
          );
        }
        ids[i] = this.unkId;
        tokens[i] = this.unkToken!;
      } else {
        ids[i] = id;
        tokens[i] = enc.tokens[i] ?? this.vocab.token(id) ?? "";
      }
    }
    return { ids, tokens };
  }

  encodeIds(text: string, options?: EncodeOptions): number[] {
    return this.encode(text, options).ids;
  }

  /** On the native engine, the native tokens (no JS engine is built); otherwise `encode`'s. */
  async encodeAsync(text: string, options?: EncodeOptions): Promise<EncodeResult> {
    if (this.disposed) throw new Error(`Tokenizer '${this.id}' was used after dispose().`);
    return this.native ? this.native.encode(text, options?.addSpecialTokens ?? false) : this.encode(text, options);
  }

  async decodeAsync(ids: readonly number[]): Promise<string> {
    if (this.disposed) throw new Error(`Tokenizer '${this.id}' was used after dispose().`);
    if (!this.native) return this.decode(ids);
    return ids.length === 0 ? "" : this.native.decode(ids);
  }

  encodeBatch(texts: readonly string[]): Promise<BatchEncoding[]> {
    if (this.disposed) throw new Error(`Tokenizer '${this.id}' was used after dispose().`);
    return this.native ? this.native.encodeBatch(texts) : encodeEach(this, texts);
  }

  decode(ids: readonly number[]): string {
    const engine = this.live();
    // the engine throws "token_ids must be a non-empty array" for []; nothing decodes to ""
    if (ids.length === 0) return "";
    return engine.decode([...ids], { skip_special_tokens: false, clean_up_tokenization_spaces: false });
  }

  vocabulary(): readonly VocabEntry[] {
    return this.vocab.all();
  }

  entry(id: number): VocabEntry | undefined {
    return this.vocab.entry(id);
  }

  dispose(): void {
    this.disposed = true;
    this.js = null;
    this.native = null;
  }

  private live(): HfEngine {
    if (this.disposed) throw new Error(`Tokenizer '${this.id}' was used after dispose().`);
    this.js ??= this.makeJs();
    return this.js;
  }
}

function findUnk(tj: TokenizerJson, vocab: LazyVocabulary): { id: number; token: string } | null {
  if (typeof tj.model.unk_id === "number") {
    const token = vocab.token(tj.model.unk_id);
    return token === undefined ? null : { id: tj.model.unk_id, token };
  }
  if (typeof tj.model.unk_token === "string") {
    const id = vocab.firstIdOf(tj.model.unk_token);
    return id === null ? null : { id, token: tj.model.unk_token };
  }
  return null;
}

/** How a tokenizer.json writes its pieces, read once from its components. */
interface PieceConventions {
  byteLevel: boolean;
  /** Spaces are written as WORD_MARKER (SentencePiece style). */
  usesMarker: boolean;
  byteFallback: boolean;
  /** WordPiece's continuing-subword prefix; null for other families. */
  wpPrefix: string | null;
  bpePrefix: string | null;
  suffix: string | null;
}

function pieceConventions(tj: TokenizerJson, family: TokenizerFamily): PieceConventions {
  const isType =
    (...types: string[]) =>
    (c: Record<string, unknown>) =>
      types.includes(String(c["type"]));
  return {
    byteLevel: usesByteLevel(tj),
    usesMarker:
      anyComponent(tj.pre_tokenizer, isType("Metaspace")) ||
      anyComponent(tj.decoder, isType("Metaspace")) ||
      anyComponent(tj.normalizer, (c) => c["type"] === "Replace" && c["content"] === WORD_MARKER) ||
      anyComponent(tj.normalizer, (c) => c["type"] === "Prepend" && c["prepend"] === WORD_MARKER),
    byteFallback: tj.model.byte_fallback === true,
    wpPrefix: family === "WordPiece" ? (tj.model.continuing_subword_prefix ?? "##") : null,
    bpePrefix: family === "BPE" ? (tj.model.continuing_subword_prefix ?? null) : null,
    suffix: family === "BPE" ? (tj.model.end_of_word_suffix ?? null) : null,
  };
}

/**
 * The vocabulary of a tokenizer.json, each entry decoded to the bytes it stands for (following the tokenizer's own
 * conventions) only when asked: a load reads the stored token of each id, and decoding all of them (a second for
 * Gemma 3's 262k) waits for the first caller that needs them.
 */
class LazyVocabulary {
  /** Highest id + 1. */
  readonly size: number;
  private readonly conventions: PieceConventions;
  /** The model's stored token of each id. */
  private readonly modelTokens: ReadonlyArray<string | undefined>;
  /** Added tokens that replace the model's entry of their id. */
  private readonly added = new Map<number, { content: string; special: boolean }>();
  private readonly decoded: Array<VocabEntry | undefined> = [];
  private entries: VocabEntry[] | null = null;

  /** `validated`: the token of each id that validation read, when it did (see `ModelTokens`). */
  constructor(tj: TokenizerJson, family: TokenizerFamily, validated: ModelTokens = null) {
    this.conventions = pieceConventions(tj, family);
    const vocab = tj.model.vocab ?? {};
    this.modelTokens = Array.isArray(vocab) ? vocab.map(([piece]) => piece) : (validated ?? tokensById(vocab));
    let size = this.modelTokens.length;
    for (const added of tj.added_tokens ?? []) {
      const special = added.special === true;
      // A non-special added token that repeats its model piece (Gemma 3 lists its `▁▁`... whitespace runs in
      // both) is stored in the model's alphabet: keep the model's decoding.
      if (!special && this.token(added.id) === added.content) continue;
      this.added.set(added.id, { content: added.content, special });
      size = Math.max(size, added.id + 1);
    }
    this.size = size;
  }

  /** The stored token of `id` (an added token's content), undefined for an unused id. */
  token(id: number): string | undefined {
    return this.added.get(id)?.content ?? this.modelTokens[id];
  }

  /** The lowest id whose stored token is `token`, or null. */
  firstIdOf(token: string): number | null {
    for (let id = 0; id < this.size; id++) if (this.token(id) === token) return id;
    return null;
  }

  /**
   * The entry of `id`: the one `all()` decoded, or decoded now and not kept (a caller that walks every id, as the
   * tokenize phase does to pack token bytes, would otherwise leave the whole vocabulary decoded for the run).
   */
  entry(id: number): VocabEntry | undefined {
    const kept = this.decoded[id];
    if (kept) return kept;
    const added = this.added.get(id);
    const token = this.modelTokens[id];
    if (added) return decodeAddedToken(this.conventions, id, added.content, added.special);
    return token === undefined ? undefined : decodeModelToken(this.conventions, id, token);
  }

  /** Every entry, in id order, decoded once and kept. */
  all(): VocabEntry[] {
    if (!this.entries) {
      const entries: VocabEntry[] = [];
      for (let id = 0; id < this.size; id++) {
        const e = this.entry(id);
        if (!e) continue;
        entries.push(e);
        this.decoded[id] = e;
      }
      this.entries = entries;
    }
    return this.entries;
  }
}

/** The token of each id of a token -> id vocabulary (keys then lookups: Object.entries is several times slower). */
function tokensById(vocab: Record<string, number>): Array<string | undefined> {
  const byId: Array<string | undefined> = [];
  const tokens = Object.keys(vocab);
  for (let i = 0; i < tokens.length; i++) byId[vocab[tokens[i]!]!] = tokens[i]!;
  return byId;
}

/**
 * Added tokens are stored as raw text, not in the model's byte-level alphabet; but the decoder still turns a `▁`
 * in a non-special one into a space, as it does for model pieces.
 */
function decodeAddedToken(conventions: PieceConventions, id: number, token: string, special: boolean): VocabEntry {
  const content = !special && conventions.usesMarker ? token.replaceAll(WORD_MARKER, " ") : token;
  const bytes = utf8(content);
  return makeVocabEntry(id, token, bytes, {
    special,
    byteFallback: false,
    wordInitial: !special && (bytes[0] === 0x20 || token.startsWith(WORD_MARKER)),
  });
}

function decodeModelToken(conventions: PieceConventions, id: number, token: string): VocabEntry {
  const { byteLevel, usesMarker, byteFallback, wpPrefix, bpePrefix, suffix } = conventions;
  const fallbackByte = byteFallback ? byteFallbackValue(token) : null;
  if (fallbackByte !== null) {
    return makeVocabEntry(id, token, Uint8Array.of(fallbackByte), {
      special: false,
      byteFallback: true,
      wordInitial: false,
    });
  }
  if (byteLevel) {
    const bytes = byteLevelToBytes(token);
    if (bytes) {
      return makeVocabEntry(id, token, bytes, {
        special: false,
        // a lone non-ASCII byte is never a whole character: using it means the character was split into bytes
        byteFallback: bytes.length === 1 && bytes[0]! >= 0x80,
        wordInitial: bytes[0] === 0x20,
      });
    }
  }
  let text = token;
  let wordInitial = false;
  if (wpPrefix !== null) {
    if (wpPrefix && text.startsWith(wpPrefix) && text.length > wpPrefix.length) text = text.slice(wpPrefix.length);
    else wordInitial = true;
  }
  if (bpePrefix && text.startsWith(bpePrefix) && text.length > bpePrefix.length) text = text.slice(bpePrefix.length);
  if (suffix && text.endsWith(suffix) && text.length > suffix.length) text = text.slice(0, -suffix.length);
  if (usesMarker) {
    wordInitial = text.startsWith(WORD_MARKER);
    text = text.replaceAll(WORD_MARKER, " ");
  }
  return makeVocabEntry(id, token, utf8(text), {
    special: false,
    byteFallback: false,
    wordInitial: wordInitial || text.startsWith(" "),
  });
}
