// The vocabulary of a tokenizer.json: the facts a load derives from the file (small enough to cache), and entries
// decoded to bytes on demand from the model's stored tokens, read from the native engine or from the file itself.
import type { EntryBytesVisitor, TokenizerFamily, VocabEntry } from "./tokenizer.js";
import { anyComponent, isolatingSeparator, keepsText, usesByteLevel, type AddedTokenJson } from "./json-components.js";
import {
  WORD_MARKER,
  byteFallbackValue,
  byteLevelToBytes,
  makeVocabEntry,
  packBytesById,
  utf8,
  utf8Into,
} from "./token-bytes.js";

/** The parts of tokenizer.json this side reads itself (the engine reads the rest). */
export interface TokenizerJson {
  model: {
    type?: string;
    vocab?: Record<string, number> | Array<[string, number]>;
    unk_token?: string | null;
    unk_id?: number | null;
    byte_fallback?: boolean;
    continuing_subword_prefix?: string | null;
    end_of_word_suffix?: string | null;
  };
  added_tokens?: AddedTokenJson[];
  normalizer?: unknown;
  pre_tokenizer?: unknown;
  decoder?: unknown;
}

/** How a tokenizer.json writes its pieces, read once from its components. */
export interface PieceConventions {
  byteLevel: boolean;
  /** Spaces are written as WORD_MARKER (SentencePiece style). */
  usesMarker: boolean;
  byteFallback: boolean;
  /** WordPiece's continuing-subword prefix; null for other families. */
  wpPrefix: string | null;
  bpePrefix: string | null;
  suffix: string | null;
}

/**
 * What a load of a valid tokenizer.json needs from it besides the model's stored tokens: a few hundred bytes for most
 * files (the added tokens are most of it), kept in the cache by the file's sha256 so a repeated load skips the parse.
 */
export interface TokenizerJsonFacts {
  family: TokenizerFamily;
  /** Highest id + 1, added tokens included. */
  vocabSize: number;
  /** Highest id of the model's own vocabulary + 1. */
  modelSize: number;
  unk: { id: number; token: string } | null;
  /** `keepsText` of the pipeline (true only when run by the native engine). */
  pipelineKeepsText: boolean;
  conventions: PieceConventions;
  /** Added tokens that replace the model's entry of their id: `[id, content, special]`. */
  added: Array<[number, string, boolean]>;
  /** Non-special added tokens that repeat the model's piece of their id: `[id, content]`. */
  repeated: Array<[number, string]>;
  /** A special added token that parts a text into texts encoded alone (see `isolatingSeparator`): `[id, content]`. */
  separator: [number, string] | null;
}

/** The model's stored token of each id, however it is read. */
export interface ModelTokenSource {
  /** undefined for an id the model does not use. */
  tokenOf(id: number): string | undefined;
}

/** A source over an id -> token table (from validation, or from a parse of the file). */
export function tableSource(tokens: ReadonlyArray<string | undefined>): ModelTokenSource {
  return { tokenOf: (id) => tokens[id] };
}

/** The model's token of each id of a parsed tokenizer.json (`validated`: the table validation already built). */
export function modelTokensOf(
  tj: TokenizerJson,
  validated: ReadonlyArray<string | undefined> | null = null,
): ReadonlyArray<string | undefined> {
  const vocab = tj.model.vocab ?? {};
  return Array.isArray(vocab) ? vocab.map(([piece]) => piece) : (validated ?? tokensById(vocab));
}

/**
 * The native engine's `idToToken`, used once it agrees with the file on every added token (the only ids where the
 * engine's table and the file's may part: the engine renumbers an added token it places elsewhere); otherwise, or
 * for ids beyond the model's, the table `fallback()` reads from the file.
 */
export function nativeSource(
  idToToken: (id: number) => string | null,
  facts: Pick<TokenizerJsonFacts, "modelSize" | "added" | "repeated">,
  fallback: () => ReadonlyArray<string | undefined>,
): ModelTokenSource {
  let table: ReadonlyArray<string | undefined> | null = null;
  let agrees: boolean | null = null;
  return {
    tokenOf(id) {
      agrees ??=
        facts.added.every(([i, content]) => idToToken(i) === content) &&
        facts.repeated.every(([i, content]) => idToToken(i) === content);
      if (!agrees) return (table ??= fallback())[id];
      return id >= 0 && id < facts.modelSize ? (idToToken(id) ?? undefined) : undefined;
    },
  };
}

export function pieceConventions(tj: TokenizerJson, family: TokenizerFamily): PieceConventions {
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

/** The facts of a parsed, validated tokenizer.json whose model's token of each id is `modelTokens`. */
export function deriveFacts(
  tj: TokenizerJson,
  family: TokenizerFamily,
  modelTokens: ReadonlyArray<string | undefined>,
): TokenizerJsonFacts {
  const byId = new Map<number, { content: string; special: boolean }>();
  const repeated: Array<[number, string]> = [];
  const tokenOf = (id: number) => byId.get(id)?.content ?? modelTokens[id];
  let size = modelTokens.length;
  for (const added of tj.added_tokens ?? []) {
    const special = added.special === true;
    // A non-special added token that repeats its model piece (Gemma 3 lists its `▁▁`... whitespace runs in
    // both) is stored in the model's alphabet: keep the model's decoding.
    if (!special && tokenOf(added.id) === added.content) {
      repeated.push([added.id, added.content]);
      continue;
    }
    byId.set(added.id, { content: added.content, special });
    size = Math.max(size, added.id + 1);
  }
  const facts: TokenizerJsonFacts = {
    family,
    vocabSize: size,
    modelSize: modelTokens.length,
    unk: null,
    pipelineKeepsText: keepsText(tj),
    conventions: pieceConventions(tj, family),
    added: [...byId].map(([id, a]) => [id, a.content, a.special]),
    repeated,
    separator: null,
  };
  facts.unk = findUnk(tj, new LazyVocabulary(facts, tableSource(modelTokens)));
  facts.separator = isolatingSeparator(tj, facts.unk?.id ?? null);
  return facts;
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

/**
 * Every entry's bytes packed (`LazyVocabulary.packBytes`): the bytes one after the other, where each id's start and
 * end (-1: no entry), and 1 where the entry is a byte-fallback piece. Typed arrays only, so a worker thread can hand
 * it over without copying.
 */
export interface PackedEntryBytes {
  data: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  byteFallback: Uint8Array;
}

/**
 * The vocabulary of a tokenizer.json, each entry decoded to the bytes it stands for (following the tokenizer's own
 * conventions) only when asked: a load reads no token at all, and decoding all of them (a second for Gemma 3's 262k)
 * waits for the first caller that needs them.
 */
export class LazyVocabulary {
  /** Highest id + 1. */
  readonly size: number;
  private readonly conventions: PieceConventions;
  /** Added tokens that replace the model's entry of their id. */
  private readonly added = new Map<number, { content: string; special: boolean }>();
  private readonly decoded: Array<VocabEntry | undefined> = [];
  private entries: VocabEntry[] | null = null;

  constructor(
    facts: Pick<TokenizerJsonFacts, "vocabSize" | "conventions" | "added">,
    private readonly model: ModelTokenSource,
    /** The bytes of every entry as `packBytes` gives them, if known (read by `forEachEntryBytes`). */
    private readonly packed: PackedEntryBytes | null = null,
  ) {
    this.conventions = facts.conventions;
    this.size = facts.vocabSize;
    for (const [id, content, special] of facts.added) this.added.set(id, { content, special });
  }

  /** The stored token of `id` (an added token's content), undefined for an unused id. */
  token(id: number): string | undefined {
    return this.added.get(id)?.content ?? this.model.tokenOf(id);
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
    if (added) return decodeAddedToken(this.conventions, id, added.content, added.special);
    const token = this.model.tokenOf(id);
    return token === undefined ? undefined : decodeModelToken(this.conventions, id, token);
  }

  /** `Tokenizer.forEachEntryBytes`: each entry's bytes as `entry` decodes them, no entry built. */
  forEachEntryBytes(visit: EntryBytesVisitor): void {
    const packed = this.packed;
    if (packed) {
      for (let id = 0; id < this.size; id++)
        if (packed.start[id]! >= 0)
          visit(id, packed.data.subarray(packed.start[id], packed.end[id]), packed.byteFallback[id] === 1);
      return;
    }
    // the visitor copies the bytes at once (see Tokenizer.forEachEntryBytes): one buffer serves every entry
    const scratch = new Uint8Array(1024);
    for (let id = 0; id < this.size; id++) {
      const kept = this.decoded[id];
      if (kept) {
        visit(id, kept.bytes, kept.byteFallback);
        continue;
      }
      const added = this.added.get(id);
      const token = added ? undefined : this.model.tokenOf(id);
      if (!added && token === undefined) continue;
      const e = added
        ? addedTokenBytes(this.conventions, added.content, added.special)
        : modelTokenBytes(this.conventions, token!, scratch);
      visit(id, e.bytes, e.byteFallback);
    }
  }

  /** The bytes of every entry, packed (what `forEachEntryBytes` visits). */
  packBytes(): PackedEntryBytes {
    const byteFallback = new Uint8Array(this.size);
    const packed = packBytesById(this.size, (visit) =>
      this.forEachEntryBytes((id, bytes, fallback) => {
        if (fallback) byteFallback[id] = 1;
        visit(id, bytes);
      }),
    );
    return { ...packed, byteFallback };
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

/** What an entry stands for, without its text: what `makeVocabEntry` is given besides the id and the token. */
interface EntryBytes {
  bytes: Uint8Array;
  special: boolean;
  byteFallback: boolean;
  wordInitial: boolean;
}

/**
 * Added tokens are stored as raw text, not in the model's byte-level alphabet; but the decoder still turns a `▁`
 * in a non-special one into a space, as it does for model pieces.
 */
function addedTokenBytes(conventions: PieceConventions, token: string, special: boolean): EntryBytes {
  const content = !special && conventions.usesMarker ? token.replaceAll(WORD_MARKER, " ") : token;
  const bytes = utf8(content);
  return {
    bytes,
    special,
    byteFallback: false,
    wordInitial: !special && (bytes[0] === 0x20 || token.startsWith(WORD_MARKER)),
  };
}

function decodeAddedToken(conventions: PieceConventions, id: number, token: string, special: boolean): VocabEntry {
  const { bytes, ...flags } = addedTokenBytes(conventions, token, special);
  return makeVocabEntry(id, token, bytes, flags);
}

/** `scratch`: where the text's UTF-8 may be written (the bytes are then a view of it: see `utf8Into`). */
function modelTokenBytes(conventions: PieceConventions, token: string, scratch?: Uint8Array): EntryBytes {
  const { byteLevel, usesMarker, byteFallback, wpPrefix, bpePrefix, suffix } = conventions;
  const fallbackByte = byteFallback ? byteFallbackValue(token) : null;
  if (fallbackByte !== null)
    return { bytes: Uint8Array.of(fallbackByte), special: false, byteFallback: true, wordInitial: false };
  if (byteLevel) {
    const bytes = byteLevelToBytes(token);
    if (bytes) {
      return {
        bytes,
        special: false,
        // a lone non-ASCII byte is never a whole character: using it means the character was split into bytes
        byteFallback: bytes.length === 1 && bytes[0]! >= 0x80,
        wordInitial: bytes[0] === 0x20,
      };
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
  const bytes = scratch ? utf8Into(text, scratch) : utf8(text);
  return { bytes, special: false, byteFallback: false, wordInitial: wordInitial || text.startsWith(" ") };
}

function decodeModelToken(conventions: PieceConventions, id: number, token: string): VocabEntry {
  const { bytes, ...flags } = modelTokenBytes(conventions, token);
  return makeVocabEntry(id, token, bytes, flags);
}
