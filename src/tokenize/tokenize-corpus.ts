// The tokenize phase: the only code that calls a tokenizer on corpus text; everything downstream reads its counts.
import { createHash } from "node:crypto";
import type { LanguageCode, Segment, TokenizedLanguage } from "../types.js";
import { emptySegmentTable } from "./segment-table.js";
import type { Corpus } from "../corpus/open-corpus.js";
import type { BatchEncoding, EncodeOptions, EncodeResult, Tokenizer } from "../tokenizers/tokenizer.js";
import {
  countWordTokens,
  lostChars,
  packEntryBytes,
  placeByBytes,
  placeByOffsets,
  utf16ToUtf8OffsetsInto,
  type TokenBytes,
} from "./placement.js";
import { wordSpans } from "../corpus/words.js";
import { entryFilter, mayBeEntry, type EntryFilter } from "./entry-filter.js";

/**
 * Some segments of a language with everything that does not depend on the tokenizer computed once: the
 * pieces each segment is tokenized in, their UTF-8 bytes and word spans, and per-segment sizes.
 */
export interface PreparedLanguage {
  language: LanguageCode;
  segmentIds: string[];
  /** Per segment: UTF-8 bytes, code points and word units of its text. */
  bytes: number[];
  chars: number[];
  words: number[];
  /**
   * The texts handed to the tokenizer: one per segment, or several for a segment longer than
   * `MAX_PIECE_CHARS` (split at white space where possible), so no engine sees a huge string.
   */
  pieces: string[];
  /** Index of the segment each piece belongs to. */
  pieceSegment: number[];
  /** UTF-8 bytes of each piece. */
  pieceBytes: Uint8Array[];
  /** Word spans of each piece as `[start, end)` UTF-8 byte offsets, flattened. */
  pieceWords: Int32Array[];
  /** sha256 of the segment ids and texts: a changed text is never served from a stale cache. */
  sha256: string;
  /**
   * No metric of the run reads words: no word spans were found (segmenting unspaced scripts is slow), `words` are
   * 0 and no word is encoded alone. @default absent (words counted)
   */
  wordsSkipped?: true;
  /**
   * No metric of the run reads words encoded alone (`strr_isolated`): none is, and `isolatedWords` and
   * `isolatedSingleTokenWords` are 0, so these counts are cached apart from those that have them. Set whenever
   * `wordsSkipped` is. @default absent (each distinct word encoded alone)
   */
  isolatedSkipped?: true;
}

/**
 * The flags of a language prepared with or without word spans (`words`) and words encoded alone (`isolated`, only
 * with `words`), as `PreparedLanguage` and `LanguageInput` carry them.
 */
export function wordFlags(words: boolean, isolated: boolean): { wordsSkipped?: true; isolatedSkipped?: true } {
  return {
    ...(words ? {} : { wordsSkipped: true as const }),
    ...(words && isolated ? {} : { isolatedSkipped: true as const }),
  };
}

const utf8 = new TextEncoder();

/** Bump when the meaning of cached counts changes (word units, counting rules). */
export const TOKENIZE_SCHEMA_VERSION = 3;

/**
 * The longest text (UTF-16 code units) given to a tokenizer in one call. Longer segments are cut at white
 * space near the limit (or between code points when there is none) and their pieces' counts added: WASM
 * engines abort on strings of tens of megabytes.
 */
export const MAX_PIECE_CHARS = 100_000;

/** Splits a text into pieces of at most `max` code units, cutting after white space when there is some near the end. */
export function splitLongText(text: string, max = MAX_PIECE_CHARS): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    let cut = start + max;
    const window = text.slice(start + Math.floor(max * 0.9), cut);
    const ws = Math.max(window.lastIndexOf(" "), window.lastIndexOf("\n"), window.lastIndexOf("\t"));
    if (ws !== -1) cut = start + Math.floor(max * 0.9) + ws + 1;
    else if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? "")) cut--; // never between the halves of a surrogate pair
    pieces.push(text.slice(start, cut));
    start = cut;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/**
 * `tokenizer.encode(text)` for any text outside a corpus (`tokenize --file`, a gold word): cut by `splitLongText` as
 * corpus text is, so no engine sees a huge string, and the pieces' tokens joined. With special tokens, those the
 * tokenizer puts around one piece are put around the whole text.
 */
export async function encodeCut(
  tokenizer: Tokenizer,
  text: string,
  options: EncodeOptions = {},
  max = MAX_PIECE_CHARS,
): Promise<Pick<EncodeResult, "ids" | "tokens">> {
  const pieces = splitLongText(text, max);
  if (pieces.length === 1) return tokenizer.encodeAsync(text, options);
  const parts = await Promise.all(pieces.map((piece) => tokenizer.encodeAsync(piece)));
  const ids = parts.flatMap((p) => p.ids);
  const tokens = parts.flatMap((p) => p.tokens);
  if (!options.addSpecialTokens) return { ids, tokens };
  const plain = parts[0]!.ids;
  const framed = await tokenizer.encodeAsync(pieces[0]!, { addSpecialTokens: true });
  let at = 0;
  while (at + plain.length <= framed.ids.length && plain.some((id, k) => framed.ids[at + k] !== id)) at++;
  if (at + plain.length > framed.ids.length) at = 0; // the specials are not around the piece: put them first
  const end = Math.min(at + plain.length, framed.ids.length);
  return {
    ids: [...framed.ids.slice(0, at), ...ids, ...framed.ids.slice(end)],
    tokens: [...framed.tokens.slice(0, at), ...tokens, ...framed.tokens.slice(end)],
  };
}

/** `tokenizer.encodeIds(text)` cut like `encodeCut` (no special tokens). */
export function encodeIdsCut(tokenizer: Tokenizer, text: string, max = MAX_PIECE_CHARS): number[] {
  return splitLongText(text, max).flatMap((piece) => tokenizer.encodeIds(piece));
}

/** Hashes a language's segments the way `prepareLanguage` does, to key caches before preparing anything. */
export class LanguageHasher {
  private readonly hash = createHash("sha256");
  update(seg: Segment): void {
    this.hash.update(seg.id).update("\u0000").update(seg.text).update("\u0001");
  }
  digest(): string {
    return this.hash.digest("hex");
  }
}

export function prepareLanguage(
  language: LanguageCode,
  segments: readonly Segment[],
  sha256?: string,
  countWords = true,
  isolated = countWords,
): PreparedLanguage {
  const hasher = sha256 === undefined ? new LanguageHasher() : null;
  const p: PreparedLanguage = {
    language,
    segmentIds: [],
    bytes: [],
    chars: [],
    words: [],
    pieces: [],
    pieceSegment: [],
    pieceBytes: [],
    pieceWords: [],
    sha256: "",
  };
  // every piece's bytes and word spans are written one after the other into the scratch arrays, and each piece
  // gets a view of one copy of them: two allocations per chunk instead of two per piece
  const byteEnds: number[] = [];
  const wordEnds: number[] = [];
  let usedBytes = 0;
  let usedWords = 0;
  for (const seg of segments) {
    hasher?.update(seg);
    const s = p.segmentIds.length;
    p.segmentIds.push(seg.id);
    let bytes = 0;
    let words = 0;
    for (const piece of splitLongText(seg.text)) {
      // at most 3 bytes per UTF-16 code unit
      if (scratch.bytes.length - usedBytes < 3 * piece.length) growBytes(usedBytes + 3 * piece.length);
      const written = utf8.encodeInto(piece, scratch.bytes.subarray(usedBytes)).written;
      const spans = countWords ? wordSpans(piece, language) : [];
      if (scratch.words.length - usedWords < spans.length) growWords(usedWords + spans.length);
      utf16ToUtf8OffsetsInto(piece, spans, scratch.words, usedWords);
      p.pieces.push(piece);
      p.pieceSegment.push(s);
      byteEnds.push((usedBytes += written));
      wordEnds.push((usedWords += spans.length));
      bytes += written;
      words += spans.length / 2;
    }
    p.bytes.push(bytes);
    p.chars.push(codePoints(seg.text));
    p.words.push(words);
  }
  const packedBytes = scratch.bytes.slice(0, usedBytes);
  const packedWords = scratch.words.slice(0, usedWords);
  // a whole large language prepared at once does not keep its size of scratch for the rest of the process
  if (scratch.bytes.length > SCRATCH_KEPT_BYTES) scratch.bytes = new Uint8Array(1 << 20);
  if (scratch.words.length > SCRATCH_KEPT_BYTES / 4) scratch.words = new Int32Array(1 << 16);
  for (let i = 0; i < byteEnds.length; i++) {
    p.pieceBytes.push(packedBytes.subarray(i === 0 ? 0 : byteEnds[i - 1], byteEnds[i]));
    p.pieceWords.push(packedWords.subarray(i === 0 ? 0 : wordEnds[i - 1], wordEnds[i]));
  }
  p.sha256 = sha256 ?? hasher!.digest();
  return Object.assign(p, wordFlags(countWords, isolated));
}

/** Where `prepareLanguage` writes a chunk's bytes and word spans before copying them out, grown as needed. */
const SCRATCH_KEPT_BYTES = 8 * 1024 * 1024;
const scratch = { bytes: new Uint8Array(1 << 20), words: new Int32Array(1 << 16) };

function growBytes(size: number): void {
  const grown = new Uint8Array(Math.max(size, 2 * scratch.bytes.length));
  grown.set(scratch.bytes);
  scratch.bytes = grown;
}

function growWords(size: number): void {
  const grown = new Int32Array(Math.max(size, 2 * scratch.words.length));
  grown.set(scratch.words);
  scratch.words = grown;
}

/** Reads one language of an open corpus and prepares it whole (for small corpora and tests). */
export async function prepareCorpusLanguage(corpus: Corpus, language: LanguageCode): Promise<PreparedLanguage> {
  const segments: Segment[] = [];
  for await (const seg of corpus.segments(language)) segments.push(seg);
  return prepareLanguage(language, segments);
}

/** Per-id facts the counting loop needs, built once per tokenizer. */
export interface TokenFlags {
  unkId: number | null;
  /** 1 where the id is a byte-fallback piece. */
  byteFallback: Uint8Array;
  /** What each id stands for, to place tokens in the text when the engine gives no offsets. */
  tokenBytes: TokenBytes;
  /** Zeroed per-id counters reused by each count (left zeroed after it). */
  scratch: Uint32Array;
  /** Which words may be an entry's bytes, made on first need (see `singleTokenFilter`). */
  entryFilter?: EntryFilter | null;
  /** The word separator the probe of `trustedSeparator` agreed with (null: none), once probed. */
  separator?: WordSeparator | null;
}

/** See `Tokenizer.wordSeparator`. */
type WordSeparator = NonNullable<Tokenizer["wordSeparator"]>;

export function tokenFlags(tokenizer: Tokenizer): TokenFlags {
  const byteFallback = new Uint8Array(tokenizer.vocabSize);
  // bytes only where the tokenizer can give them without building entries; otherwise entry by entry, so a tokenizer
  // that decodes its vocabulary lazily need not keep all of it decoded for the run
  const tokenBytes = packEntryBytes(
    tokenizer.vocabSize,
    (visit) => {
      const each = (id: number, bytes: Uint8Array, fallback: boolean) => {
        if (fallback) byteFallback[id] = 1;
        visit(id, bytes);
      };
      if (tokenizer.forEachEntryBytes) return tokenizer.forEachEntryBytes(each);
      for (let id = 0; id < tokenizer.vocabSize; id++) {
        const e = tokenizer.entry(id);
        if (e) each(id, e.bytes, e.byteFallback);
      }
    },
    tokenizer.unkId,
  );
  return { unkId: tokenizer.unkId, byteFallback, tokenBytes, scratch: new Uint32Array(tokenizer.vocabSize) };
}

/**
 * Tokenizes some segments of one language with one tokenizer, each segment once, in running text. Word counts
 * come from the same tokens: each token is placed in the text (by the engine's offsets, or by the bytes each id
 * stands for) and counted against the word spans it overlaps.
 */
export async function tokenizeLanguage(
  tokenizer: Tokenizer,
  prepared: PreparedLanguage,
  flags: TokenFlags = tokenFlags(tokenizer),
): Promise<TokenizedLanguage> {
  const counted = countEncoded(tokenizer, prepared, await tokenizer.encodeBatch(prepared.pieces), flags);
  return withIsolatedWords(tokenizer, prepared, counted, flags);
}

/**
 * Whether a UTF-16 code unit is one of what Python's `str.split()` splits on (the characters `str.isspace()` accepts:
 * \t \n \v \f \r, U+001C-U+001F, space, U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F and
 * U+3000, each a single code unit outside the surrogates): the word list of Chiu (2026)'s STRR, punctuation attached.
 */
function isPythonWhiteSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c >= 0x1c;
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * The white-space-separated words of some texts (Python's `str.split()`, see `isPythonWhiteSpace`), with their
 * occurrences: one walk over the code units instead of a regular-expression split (a test checks they agree).
 */
export function isolatedWordsOf(texts: readonly string[]): Map<string, number> {
  const words = new Map<string, number>();
  for (const text of texts) {
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && !isPythonWhiteSpace(text.charCodeAt(i))) {
        if (start === -1) start = i;
        continue;
      }
      if (start === -1) continue;
      const w = text.slice(start, i);
      words.set(w, (words.get(w) ?? 0) + 1);
      start = -1;
    }
  }
  return words;
}

/**
 * Which texts may be a vocabulary entry's bytes (or its bytes after a leading space; see `entryFilter`), when the
 * tokenizer keeps the text of a word (`Tokenizer.keepsText`) and every byte has an entry of its own (so no byte is
 * ever dropped or unknown); null otherwise. Built once per tokenizer. A word that is one token alone has that token's
 * bytes: the filter lets it through.
 */
export function singleTokenFilter(tokenizer: Tokenizer, flags: TokenFlags): EntryFilter | null {
  if (flags.entryFilter !== undefined) return flags.entryFilter;
  flags.entryFilter = null;
  if (!tokenizer.keepsText) return null;
  const { data, start, end } = flags.tokenBytes;
  const singleBytes = new Uint8Array(256);
  for (let id = 0; id < start.length; id++)
    if (start[id]! >= 0 && end[id]! - start[id]! === 1) singleBytes[data[start[id]!]!] = 1;
  return singleBytes.includes(0) ? null : (flags.entryFilter = entryFilter(flags.tokenBytes));
}

const LONE_SURROGATE = /\p{Cs}/u;
const WORD_MARKER = "\u2581";

/**
 * A chunk's distinct white-space words, with what the shortcut looks up for each: made once per chunk and kept while
 * the chunk is (for every tokenizer of a run that reads it), so it is kept flat: a map and a keys array per word
 * held UDHR's 451 chunks in 32 MB of small objects, which every full collection of the native phase walked (35 ms
 * each against 8 ms without them).
 */
interface ChunkWords {
  /** The distinct words, in order of first occurrence. */
  words: string[];
  /** The occurrences of each. */
  counts: Int32Array;
  /**
   * The texts the single token of a word could have (see `lookupKeys`), for the words where they are not just the
   * word itself (by index); null: always encode.
   */
  keys: Map<number, readonly string[] | null>;
  occurrences: number;
}

/** Per prepared chunk (kept while another tokenizer of the run reads it): its words, split and keyed once. */
const chunkWords = new WeakMap<PreparedLanguage, ChunkWords>();

function wordsOfChunk(prepared: PreparedLanguage): ChunkWords {
  let cw = chunkWords.get(prepared);
  if (!cw) {
    const found = isolatedWordsOf(prepared.pieces);
    const words = [...found.keys()];
    const counts = Int32Array.from(found.values());
    const keys = new Map<number, readonly string[] | null>();
    words.forEach((w, i) => {
      const ks = lookupKeys(w);
      if (ks === null || ks.length > 1) keys.set(i, ks);
    });
    cw = { words, counts, keys, occurrences: counts.reduce((a, b) => a + b, 0) };
    chunkWords.set(prepared, cw);
  }
  return cw;
}

/**
 * The texts of the entries `word` may be alone under a tokenizer that keeps the text (`singleTokenFilter`, which also
 * holds each entry without its leading marker space): the word, with any word marker (U+2581) read as the space an
 * entry's bytes write for one, and its NFC form. Null for a word to encode whatever the vocabulary: one longer than
 * `MAX_PIECE_CHARS` (never encoded, see below) or with a lone surrogate (which reaches the engine as U+FFFD).
 */
function lookupKeys(word: string): readonly string[] | null {
  if (word.length > MAX_PIECE_CHARS || LONE_SURROGATE.test(word)) return null;
  const marked = word.includes(WORD_MARKER) ? word.replaceAll(WORD_MARKER, " ") : word;
  const nfc = marked.normalize("NFC");
  // the three, each once, in this order (the NFC form of a marked word keeps its spaces, so it is never the word)
  if (marked === word) return nfc === word ? [word] : [word, nfc];
  return nfc === marked ? [word, marked] : [word, marked, nfc];
}

/**
 * `counted` with `isolatedWords` and `isolatedSingleTokenWords` filled in: each distinct white-space-separated word
 * of the chunk encoded alone (no leading space, no special tokens) by the engine of the tokenize phase, once. A word
 * longer than `MAX_PIECE_CHARS` is never one token and is not encoded; nor, under a tokenizer that keeps the text
 * (`singleTokenFilter`), is a word none of whose lookup keys is an entry's bytes (about nine words in ten on UDHR),
 * since it cannot be one token.
 */
export async function withIsolatedWords(
  tokenizer: Tokenizer,
  prepared: PreparedLanguage,
  counted: TokenizedLanguage,
  flags?: TokenFlags,
): Promise<TokenizedLanguage> {
  const candidates = isolatedCandidates(tokenizer, prepared, flags);
  if (candidates === null) return counted;
  const separator = flags ? await trustedSeparator(tokenizer, flags) : null;
  const plan = isolatedPlan(candidates.words, separator);
  const lengths = await isolatedLengthsOrAlone(tokenizer, plan, await tokenizer.encodeBatch(plan.texts));
  return countIsolated(prepared, counted, candidates, lengths);
}

/** How the words of `isolatedCandidates` go to the engine (see `isolatedPlan`). */
export interface IsolatedPlan {
  /** The words, in order. */
  words: readonly string[];
  /** The separator joining them, if any. */
  separator: WordSeparator | null;
  /** The texts to encode: runs of words joined by the separator, and words encoded alone, in the words' order. */
  texts: string[];
  /** Per text, how many of the words it holds (1: a word alone, every id its own). */
  sizes: number[];
}

/** Characters of words joined into one text (a UDHR language's candidates are about 10-30 thousand). */
const JOINED_CHARS = 64_000;

/**
 * The texts that encode `words` alone: without a separator, one text per word; with one (`Tokenizer.wordSeparator`,
 * trusted by `trustedSeparator`), runs of words joined by it, so the engine returns a handful of encodings instead of
 * one per word. A word holding the separator's text is a text of its own.
 */
export function isolatedPlan(words: readonly string[], separator: WordSeparator | null): IsolatedPlan {
  if (!separator) return { words, separator, texts: [...words], sizes: words.map(() => 1) };
  const texts: string[] = [];
  const sizes: number[] = [];
  let run: string[] = [];
  let chars = 0;
  const close = () => {
    if (run.length === 0) return;
    texts.push(run.join(separator.content));
    sizes.push(run.length);
    run = [];
    chars = 0;
  };
  for (const w of words) {
    if (w.includes(separator.content)) {
      close();
      texts.push(w);
      sizes.push(1);
      continue;
    }
    if (chars + w.length > JOINED_CHARS) close();
    run.push(w);
    chars += w.length + separator.content.length;
  }
  close();
  return { words, separator, texts, sizes };
}

/**
 * Each word's number of tokens alone from the encodings of a plan's texts (`encoded[i]` is `plan.texts[i]`): a
 * joined text's ids are cut at the separator's id. Null when a joined text does not come back as exactly its words
 * (a separator missing or extra: the engine did not part the text where it was joined).
 */
export function isolatedLengths(plan: IsolatedPlan, encoded: readonly BatchEncoding[]): Int32Array | null {
  const separatorId = plan.separator?.id;
  const lengths = new Int32Array(plan.words.length);
  let w = 0;
  for (let t = 0; t < plan.texts.length; t++) {
    const ids = encoded[t]!.ids;
    const size = plan.sizes[t]!;
    if (size === 1) {
      lengths[w++] = ids.length;
      continue;
    }
    let run = 0;
    let cuts = 0;
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] !== separatorId) {
        run++;
        continue;
      }
      if (cuts === size - 1) return null;
      lengths[w + cuts++] = run;
      run = 0;
    }
    if (cuts !== size - 1) return null;
    lengths[w + cuts] = run;
    w += size;
  }
  return lengths;
}

/** `isolatedLengths`, or, when it is null, the lengths of the plan's words encoded one by one. */
export async function isolatedLengthsOrAlone(
  tokenizer: Tokenizer,
  plan: IsolatedPlan,
  encoded: readonly BatchEncoding[],
): Promise<ArrayLike<number>> {
  if (!plan.separator) return encoded.map((e) => e.ids.length);
  const lengths = isolatedLengths(plan, encoded);
  if (lengths) return lengths;
  return (await tokenizer.encodeBatch(plan.words)).map((e) => e.ids.length);
}

/**
 * Words of kinds a pipeline might treat differently at a text's start than after a separator (punctuation, digits,
 * a word marker, ligatures, scripts without case, apostrophes): the probe `trustedSeparator` encodes joined and alone.
 */
const PROBE_WORDS = [
  "Hello",
  "world.",
  "\u00abÇa\u00bb",
  "1234567",
  "\ufb01n",
  "\u2581x",
  "a",
  "'s",
  "日本語",
  "नमस्ते",
  "(x)",
  "\u2014",
];

/**
 * The tokenizer's `wordSeparator` once one probe agrees: the probe words joined by it encode to exactly their
 * encodings alone with its id between them. Null without one, or when the probe disagrees (the words of
 * `strr_isolated` are then encoded one by one). Probed once per loaded tokenizer (kept in `flags`).
 */
export async function trustedSeparator(tokenizer: Tokenizer, flags: TokenFlags): Promise<WordSeparator | null> {
  if (flags.separator !== undefined) return flags.separator;
  const separator = tokenizer.wordSeparator ?? null;
  let agrees = false;
  if (separator) {
    const words = PROBE_WORDS.filter((w) => !w.includes(separator.content));
    const [joined, ...alone] = await tokenizer.encodeBatch([words.join(separator.content), ...words]);
    const expected: number[] = [];
    alone.forEach((e, i) => {
      if (i > 0) expected.push(separator.id);
      for (let k = 0; k < e.ids.length; k++) expected.push(e.ids[k]!);
    });
    const ids = joined!.ids;
    agrees = ids.length === expected.length && expected.every((id, k) => ids[k] === id);
  }
  flags.separator = agrees ? separator : null;
  return flags.separator;
}

/** The words of a chunk to encode alone under a tokenizer, each with its occurrences in the chunk. */
export interface IsolatedCandidates {
  words: string[];
  counts: number[];
}

/**
 * The words of a chunk `withIsolatedWords` encodes alone under a tokenizer, or null when the chunk encodes none
 * (words or isolated words skipped): for a caller that encodes them in one call with other texts.
 */
export function isolatedCandidates(
  tokenizer: Tokenizer,
  prepared: PreparedLanguage,
  flags?: TokenFlags,
): IsolatedCandidates | null {
  if (prepared.wordsSkipped || prepared.isolatedSkipped) return null;
  const { words, counts, keys } = wordsOfChunk(prepared);
  const filter = flags ? singleTokenFilter(tokenizer, flags) : null;
  const candidates: IsolatedCandidates = { words: [], counts: [] };
  const take = (i: number) => {
    candidates.words.push(words[i]!);
    candidates.counts.push(counts[i]!);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.length > MAX_PIECE_CHARS) continue;
    // undefined: the word is its only key; null: always encoded
    const ks = keys.get(i);
    if (filter === null || ks === null) take(i);
    else if (ks === undefined ? mayBeEntry(filter, w) : ks.some((key) => mayBeEntry(filter, key))) take(i);
  }
  return candidates;
}

/**
 * `counted` with the isolated-word counts of `lengths`, the number of tokens of each of the candidates' words encoded
 * alone, in order.
 */
export function countIsolated(
  prepared: PreparedLanguage,
  counted: TokenizedLanguage,
  candidates: IsolatedCandidates,
  lengths: ArrayLike<number>,
): TokenizedLanguage {
  const { occurrences } = wordsOfChunk(prepared);
  let isolatedSingleTokenWords = 0;
  for (let i = 0; i < candidates.counts.length; i++)
    if (lengths[i] === 1) isolatedSingleTokenWords += candidates.counts[i]!;
  return { ...counted, isolatedWords: occurrences, isolatedSingleTokenWords };
}

/**
 * The counts of `tokenizeLanguage` from an encoding already made (`encoded[i]` is `prepared.pieces[i]`), so a
 * caller can count one chunk while the engine encodes the next.
 */
export function countEncoded(
  tokenizer: Tokenizer,
  prepared: PreparedLanguage,
  encoded: readonly BatchEncoding[],
  flags: TokenFlags,
): TokenizedLanguage {
  // per-id counts in the tokenizer's scratch array; `seen` lists the ids used, in order of first use
  const counts = flags.scratch;
  const seen: number[] = [];
  const segments = emptySegmentTable(prepared.segmentIds);
  segments.bytes.set(prepared.bytes);
  segments.chars.set(prepared.chars);
  segments.words.set(prepared.words);
  const { unkId, byteFallback } = flags;
  const totals = { measuredWords: 0, wordTokens: 0, continuedWords: 0, singleTokenWords: 0 };
  let lossyChars = 0;
  let lossUnmeasuredChars = 0;
  for (let p = 0; p < prepared.pieces.length; p++) {
    const enc = encoded[p]!;
    const ids = enc.ids;
    const s = prepared.pieceSegment[p]!;
    let unk = 0;
    let fallback = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const before = counts[id]!;
      counts[id] = before + 1;
      if (before === 0) seen.push(id);
      if (id === unkId) unk++;
      if (byteFallback[id] === 1) fallback++;
    }
    segments.tokens[s]! += ids.length;
    segments.unk[s]! += unk;
    segments.byteFallback[s]! += fallback;
    const words = prepared.pieceWords[p]!;
    const text = prepared.pieceBytes[p]!;
    if (spanScratch.length < 2 * ids.length)
      spanScratch = new Int32Array(Math.max(4 * ids.length, 2 * spanScratch.length));
    let spans = placeByBytes(text, ids, flags.tokenBytes, spanScratch);
    // tokens that spell the text cover every character but white space, unless some are unknown tokens
    const lossless = spans !== null && (unkId === null || !Array.prototype.includes.call(ids, unkId));
    if (!spans) {
      const offsets = enc.offsets();
      if (offsets) spans = placeByOffsets(prepared.pieces[p]!, offsets);
    }
    if (!spans) lossUnmeasuredChars += codePoints(prepared.pieces[p]!);
    else if (!lossless) lossyChars += lostChars(text, ids, spans, unkId);
    if (spans && words.length > 0) countWordTokens(text, words, spans, totals);
  }
  const frequencies = new Map<number, number>();
  for (const id of seen) {
    frequencies.set(id, counts[id]!);
    counts[id] = 0;
  }
  return {
    tokenizer: tokenizer.id,
    language: prepared.language,
    vocabSize: tokenizer.vocabSize,
    segments,
    tokenFrequencies: frequencies,
    wordOccurrences: prepared.words.reduce((a, b) => a + b, 0),
    ...totals,
    // filled in by `withIsolatedWords`, which encodes each word alone
    isolatedWords: 0,
    isolatedSingleTokenWords: 0,
    lossyChars,
    lossUnmeasuredChars,
  };
}

/** Where `countEncoded` places each piece's tokens (the spans are read before the next piece is placed). */
let spanScratch = new Int32Array(1 << 12);

/** The code points of `text` (as its iterator yields them: a lone surrogate counts as one). */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i + 1 < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
