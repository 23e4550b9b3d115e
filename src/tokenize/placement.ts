// Places a segment's tokens in its text and counts, per word, the tokens that overlap it (continued words, STRR).
import { packBytesById } from "../tokenizers/token-bytes.js";

/**
 * What each id stands for, for placing tokens by their bytes (byte-fallback pieces: their byte; special tokens: their
 * literal text), packed: one buffer and two offsets per id, not one small array per id (128k of them for Llama 3,
 * some 25 MB held for a whole run).
 */
export interface TokenBytes {
  /** The bytes of every id, one after the other. */
  data: Uint8Array;
  /** Where the bytes of each id start in `data`; -1 when the id stands for nothing known. */
  start: Int32Array;
  /** Where they end. */
  end: Int32Array;
  unkId: number | null;
}

/** Packs the bytes of ids 0..size-1 (`bytesOf` is undefined for an id that stands for nothing known). */
export function packTokenBytes(
  size: number,
  bytesOf: (id: number) => Uint8Array | undefined,
  unkId: number | null,
): TokenBytes {
  return packEntryBytes(
    size,
    (visit) => {
      for (let id = 0; id < size; id++) {
        const bytes = bytesOf(id);
        if (bytes) visit(id, bytes);
      }
    },
    unkId,
  );
}

/**
 * Packs the bytes `forEach` hands over, id by id (ascending, each id once, as `Tokenizer.forEachEntryBytes` does;
 * `bytes` is copied, so it may be a view the caller reuses). Ids it skips stand for nothing known.
 */
export function packEntryBytes(
  size: number,
  forEach: (visit: (id: number, bytes: Uint8Array) => void) => void,
  unkId: number | null,
): TokenBytes {
  return { ...packBytesById(size, forEach), unkId };
}

/** The in-context word counts, added up over segments. */
export interface WordTokenCounts {
  measuredWords: number;
  wordTokens: number;
  continuedWords: number;
  singleTokenWords: number;
}

/** `[start, end)` UTF-16 positions (ascending) to UTF-8 byte offsets in `text`. */
export function utf16ToUtf8Offsets(text: string, positions: readonly number[]): Int32Array {
  const out = new Int32Array(positions.length);
  utf16ToUtf8OffsetsInto(text, positions, out, 0);
  return out;
}

/** `utf16ToUtf8Offsets` written into `out` from index `at` (which must have room for them). */
export function utf16ToUtf8OffsetsInto(text: string, positions: readonly number[], out: Int32Array, at: number): void {
  let i = 0;
  let bytes = 0;
  for (let k = 0; k < positions.length; k++) {
    const target = positions[k]!;
    if (target < i) {
      // positions come in ascending order; restart for the rare non-monotonic one
      i = 0;
      bytes = 0;
    }
    for (; i < target; i++) bytes += utf8Length(text, i);
    out[at + k] = bytes;
  }
}

/** UTF-8 bytes of the code unit at `i` (a surrogate pair counts 4 on its high half, 0 on its low half). */
function utf8Length(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) return 4;
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  return 3;
}

/**
 * Token spans as `[start, end)` UTF-8 byte offsets (flattened), from engine offsets in code points (what the
 * native tokenizers binding reports, through its normalizer).
 */
export function placeByOffsets(text: string, offsets: ReadonlyArray<readonly number[]>): Int32Array {
  // code point index -> byte offset
  const cp: number[] = [0];
  let bytes = 0;
  for (const ch of text) {
    bytes += ch.length === 2 ? 4 : utf8Length(ch, 0);
    cp.push(bytes);
  }
  const spans = new Int32Array(offsets.length * 2);
  for (let j = 0; j < offsets.length; j++) {
    const o = offsets[j]!;
    spans[2 * j] = cp[Math.min(o[0] ?? 0, cp.length - 1)]!;
    spans[2 * j + 1] = cp[Math.min(o[1] ?? 0, cp.length - 1)]!;
  }
  return spans;
}

const isSpaceByte = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** Whether `data[from..to)` occurs in `text` at `pos`. */
function matchAt(text: Uint8Array, pos: number, data: Uint8Array, from: number, to: number): boolean {
  const n = to - from;
  if (pos + n > text.length) return false;
  for (let k = 0; k < n; k++) if (text[pos + k] !== data[from + k]) return false;
  return true;
}

/** Where the bytes of `id` start in `table.data`, -1 for an id that stands for nothing known (or is out of range). */
function startOf(table: TokenBytes, id: number | undefined): number {
  return id !== undefined && id >= 0 && id < table.start.length ? table.start[id]! : -1;
}

/**
 * Token spans as `[start, end)` UTF-8 byte offsets (flattened), found by walking the text with the bytes each
 * id stands for. Handles what tokenizers do to text without changing it: a word-marker space the text lacks
 * (SentencePiece's dummy prefix) takes no bytes, white space the tokenizer dropped is skipped, and an unknown
 * token covers the text up to where the next token matches. Returns null when the tokens do not spell the
 * text (a normalizer changed it): the caller then needs the engine's offsets. With `out`, the spans are a view of it
 * when it is long enough (valid until the caller's next use of `out`).
 */
export function placeByBytes(
  text: Uint8Array,
  ids: ArrayLike<number>,
  table: TokenBytes,
  out?: Int32Array,
): Int32Array | null {
  const { data, end } = table;
  // written into `out` when it has room (a caller placing many texts one after the other reuses one array)
  const spans = out && out.length >= ids.length * 2 ? out.subarray(0, ids.length * 2) : new Int32Array(ids.length * 2);
  let pos = 0;
  for (let j = 0; j < ids.length; j++) {
    const id = ids[j]!;
    if (id === table.unkId) {
      const start = pos;
      const next = j + 1 < ids.length ? ids[j + 1] : undefined;
      const ns = startOf(table, next);
      const ne = ns < 0 ? ns : end[next!]!;
      pos = skipChar(text, pos);
      while (
        pos < text.length &&
        !(ne > ns && (matchAt(text, pos, data, ns, ne) || (data[ns] === 0x20 && matchAt(text, pos, data, ns + 1, ne))))
      ) {
        pos = skipChar(text, pos);
      }
      spans[2 * j] = start;
      spans[2 * j + 1] = pos;
      continue;
    }
    const ts = startOf(table, id);
    if (ts < 0) return null;
    const te = end[id]!;
    // a token whose first byte is a space may stand for none (a word marker before a word the text starts)
    const marker = te > ts && data[ts] === 0x20;
    let at = pos;
    for (;;) {
      if (matchAt(text, at, data, ts, te)) {
        spans[2 * j] = at;
        spans[2 * j + 1] = at + te - ts;
        pos = at + te - ts;
        break;
      }
      if (marker && !isSpaceByte(text[at]) && matchAt(text, at, data, ts + 1, te)) {
        spans[2 * j] = at;
        spans[2 * j + 1] = at + te - ts - 1;
        pos = at + te - ts - 1;
        break;
      }
      if (!isSpaceByte(text[at])) return null;
      at++;
    }
  }
  for (; pos < text.length; pos++) if (!isSpaceByte(text[pos])) return null;
  return spans;
}

/** The offset after the UTF-8 character starting at `pos`. */
function skipChar(text: Uint8Array, pos: number): number {
  const b = text[pos] ?? 0;
  const n = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
  return Math.min(text.length, pos + n);
}

/**
 * Adds one text's word counts to `totals`. `words` and `tokens` are flattened `[start, end)` byte spans, words
 * ascending and disjoint, tokens in text order. A token overlaps a word when their spans intersect (empty
 * tokens overlap nothing): a token spanning two words counts for both, a white-space-only token for none.
 * A word is continued when two or more tokens overlap it, and kept whole (STRR) when exactly one does and that
 * token, after its leading white space, starts and ends inside the word.
 */
export function countWordTokens(
  text: Uint8Array,
  words: Int32Array,
  tokens: Int32Array,
  totals: WordTokenCounts,
): void {
  const nTokens = tokens.length / 2;
  let first = 0;
  for (let w = 0; w < words.length; w += 2) {
    const ws = words[w]!;
    const we = words[w + 1]!;
    while (first < nTokens && tokens[2 * first + 1]! <= ws) first++;
    let overlapping = 0;
    let only = -1;
    for (let j = first; j < nTokens && tokens[2 * j]! < we; j++) {
      const ts = tokens[2 * j]!;
      const te = tokens[2 * j + 1]!;
      if (te > ts && te > ws) {
        overlapping++;
        only = j;
      }
    }
    totals.measuredWords++;
    totals.wordTokens += overlapping;
    if (overlapping >= 2) totals.continuedWords++;
    else if (overlapping === 1) {
      let ts = tokens[2 * only]!;
      while (ts < ws && isSpaceByte(text[ts])) ts++;
      if (ts >= ws && tokens[2 * only + 1]! <= we) totals.singleTokenWords++;
    }
  }
}

/**
 * Characters (code points) a tokenization loses: those no token covers, white space aside (an engine that
 * drops a character it cannot encode, such as a BPE without an unknown token, leaves a gap), plus those
 * covered by unknown tokens. `tokens` are the flattened byte spans of `ids`.
 */
export function lostChars(text: Uint8Array, ids: ArrayLike<number>, tokens: Int32Array, unkId: number | null): number {
  const covered = new Uint8Array(text.length); // 1 covered by a token, 2 by an unknown token
  for (let j = 0; j < ids.length; j++) {
    const mark = ids[j] === unkId ? 2 : 1;
    for (let b = Math.max(0, tokens[2 * j]!); b < Math.min(text.length, tokens[2 * j + 1]!); b++)
      if (covered[b] !== 2) covered[b] = mark;
  }
  let lost = 0;
  for (let b = 0; b < text.length; b++) {
    const byte = text[b]!;
    if ((byte & 0xc0) === 0x80) continue; // count each character once, at its first byte
    if (covered[b] === 2 || (covered[b] === 0 && !isSpaceByte(byte))) lost++;
  }
  return lost;
}
