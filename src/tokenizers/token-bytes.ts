// Maps stored token strings back to the real bytes they stand for (GPT-2 byte-level, <0xNN>, ▁ marker).

/** The SentencePiece word marker U+2581, which stands for a space. */
export const WORD_MARKER = "\u2581";

/**
 * GPT-2's reversible byte -> printable character map (used by every byte-level BPE: GPT-2, Llama 3,
 * Qwen, DeepSeek, tiktoken shown as text). Printable Latin-1 bytes map to themselves; the other 68
 * bytes map to U+0100 onwards, in byte order.
 */
function buildByteToUnicode(): string[] {
  const printable = (b: number): boolean =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const map = new Array<string>(256);
  let next = 0;
  for (let b = 0; b < 256; b++) {
    map[b] = printable(b) ? String.fromCharCode(b) : String.fromCharCode(256 + next++);
  }
  return map;
}

export const BYTE_TO_UNICODE: readonly string[] = buildByteToUnicode();

export const UNICODE_TO_BYTE: ReadonlyMap<string, number> = new Map(BYTE_TO_UNICODE.map((ch, b) => [ch, b]));

/** UNICODE_TO_BYTE as a table by UTF-16 code unit (every mapped character is below U+0144); -1 where unmapped. */
const BYTE_OF_CODE = (() => {
  const table = new Int16Array(0x200).fill(-1);
  BYTE_TO_UNICODE.forEach((ch, b) => (table[ch.charCodeAt(0)] = b));
  return table;
})();

/** Bytes of a byte-level token string (`Ġthe` -> " the"), or null if a character is outside the map. */
export function byteLevelToBytes(token: string): Uint8Array | null {
  const out = new Uint8Array(token.length);
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    const b = code < 0x200 ? BYTE_OF_CODE[code]! : -1;
    if (b < 0) return null;
    out[i] = b;
  }
  return out;
}

/** The byte-level display string of raw bytes (the inverse of byteLevelToBytes). */
export function bytesToByteLevel(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += BYTE_TO_UNICODE[b]!;
  return s;
}

const BYTE_PIECE = /^<0x([0-9A-Fa-f]{2})>$/;

/** The byte of a byte-fallback piece `<0xNN>`, or null. */
export function byteFallbackValue(token: string): number | null {
  const m = BYTE_PIECE.exec(token);
  return m ? Number.parseInt(m[1]!, 16) : null;
}

const utf8Encoder = new TextEncoder();
// ignoreBOM: a TextDecoder otherwise drops a leading U+FEFF, which is real content in a token or a text
// (cl100k_base has entries that start with it), so decoded text would lose it and entries would collide.
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/**
 * `utf8(text)` written into `scratch` when it fits (a view of it, valid until the next call with the same scratch),
 * otherwise a new array: for a caller that copies the bytes at once, without an array per text.
 */
export function utf8Into(text: string, scratch: Uint8Array): Uint8Array {
  // 3 bytes per UTF-16 code unit at most: a text that may not fit is encoded apart
  if (text.length * 3 > scratch.length) return utf8Encoder.encode(text);
  const { written } = utf8Encoder.encodeInto(text, scratch);
  return scratch.subarray(0, written);
}

/** The text of UTF-8 `bytes`, invalid sequences as U+FFFD; a leading U+FEFF is kept. Use this, not `new TextDecoder()`. */
export function decodeUtf8(bytes: Uint8Array): string {
  return lenientDecoder.decode(bytes);
}

/** The text of `bytes` if they are complete, valid UTF-8, else null; a leading U+FEFF is kept. */
export function decodeUtf8OrNull(bytes: Uint8Array): string | null {
  // checked first: a thrown TypeError per partial-UTF-8 token made the token view of byte-level text slow
  return isValidUtf8(bytes) ? strictDecoder.decode(bytes) : null;
}

/** Builds a VocabEntry from its bytes, deriving `text` and `partialUtf8`. */
export function makeVocabEntry(
  id: number,
  token: string,
  bytes: Uint8Array,
  flags: { special: boolean; byteFallback: boolean; wordInitial: boolean },
): import("./tokenizer.js").VocabEntry {
  const text = isAscii(bytes) ? String.fromCharCode(...bytes) : isValidUtf8(bytes) ? decodeUtf8(bytes) : null;
  return { id, token, bytes, text, partialUtf8: text === null, ...flags };
}

function isAscii(bytes: Uint8Array): boolean {
  if (bytes.length > 256) return false; // long entries take the general path (and keep String.fromCharCode's arguments few)
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/**
 * Whether `bytes` are complete, valid UTF-8 (shortest forms, no surrogates, at most U+10FFFF), as a fatal
 * TextDecoder would accept them; checked without throwing, since partial-UTF-8 tokens are common.
 */
export function isValidUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [n, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [n, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [n, min, cp] = [3, 0x10000, b & 0x07];
    else return false;
    if (i + n >= bytes.length) return false;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n + 1;
  }
  return true;
}

/** The bytes of ids 0..size-1 packed: one buffer, and where each id's bytes start and end in it (-1: none). */
export interface PackedBytes {
  data: Uint8Array;
  start: Int32Array;
  end: Int32Array;
}

/**
 * Packs the bytes `forEach` hands over, id by id (each id once, as `Tokenizer.forEachEntryBytes` visits them;
 * `bytes` is copied, so it may be a view the caller reuses). Ids it skips, or outside 0..size-1, stand for nothing.
 */
export function packBytesById(
  size: number,
  forEach: (visit: (id: number, bytes: Uint8Array) => void) => void,
): PackedBytes {
  const start = new Int32Array(size).fill(-1);
  const end = new Int32Array(size).fill(-1);
  let data = new Uint8Array(Math.max(16, size * 4));
  let used = 0;
  forEach((id, bytes) => {
    if (id < 0 || id >= size) return;
    if (used + bytes.length > data.length) {
      const grown = new Uint8Array(Math.max(data.length * 2, used + bytes.length));
      grown.set(data.subarray(0, used));
      data = grown;
    }
    data.set(bytes, used);
    start[id] = used;
    used += bytes.length;
    end[id] = used;
  });
  return { data: data.slice(0, used), start, end };
}
