// Which words may be one vocabulary entry: a bit filter over the UTF-8 bytes of every entry, tested with a word's
// UTF-8 bytes hashed on the fly. It never says no to an entry's bytes (so no single-token word is missed); it says
// yes to about one other word in 250, which the engine then encodes to decide. It replaced a Set of every entry's
// text, whose build (a string per entry) and lookups were a fifth of a pool worker's time on UDHR.
import type { TokenBytes } from "./placement.js";

/** Bits set by two hashes of each entry's bytes (and of its bytes after a leading space). */
export interface EntryFilter {
  bits: Uint32Array;
  /** Bit count minus one (a power of two minus one). */
  mask: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Bits per string added: at 16, two probes let about 0.4% of other strings through. */
const BITS_PER_STRING = 16;

/** The second probe, mixed from the first hash (murmur3's finalizer). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function set(filter: EntryFilter, h: number): void {
  const a = h & filter.mask;
  const b = mix(h) & filter.mask;
  filter.bits[a >>> 5]! |= 1 << (a & 31);
  filter.bits[b >>> 5]! |= 1 << (b & 31);
}

function test(filter: EntryFilter, h: number): boolean {
  const a = h & filter.mask;
  const b = mix(h) & filter.mask;
  return (filter.bits[a >>> 5]! & (1 << (a & 31))) !== 0 && (filter.bits[b >>> 5]! & (1 << (b & 31))) !== 0;
}

/** FNV-1a of `data[from..to)`. */
function hashBytes(data: Uint8Array, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) h = Math.imul(h ^ data[i]!, FNV_PRIME);
  return h >>> 0;
}

/** FNV-1a of the UTF-8 bytes of `text` (a lone surrogate as U+FFFD, as TextEncoder writes it). */
export function hashUtf8(text: string): number {
  let h = FNV_OFFSET;
  const put = (b: number) => (h = Math.imul(h ^ b, FNV_PRIME));
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      put(c);
      continue;
    }
    if (c < 0x800) {
      put(0xc0 | (c >> 6));
      put(0x80 | (c & 0x3f));
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = text.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        put(0xf0 | (cp >> 18));
        put(0x80 | ((cp >> 12) & 0x3f));
        put(0x80 | ((cp >> 6) & 0x3f));
        put(0x80 | (cp & 0x3f));
        i++;
        continue;
      }
      c = 0xfffd;
    }
    put(0xe0 | (c >> 12));
    put(0x80 | ((c >> 6) & 0x3f));
    put(0x80 | (c & 0x3f));
  }
  return h >>> 0;
}

/** The filter of every entry of `table` (and of each entry that starts with a space, without it). */
export function entryFilter(table: TokenBytes): EntryFilter {
  const { data, start, end } = table;
  let size = 1024;
  while (size < start.length * 2 * BITS_PER_STRING) size *= 2;
  const filter: EntryFilter = { bits: new Uint32Array(size / 32), mask: size - 1 };
  for (let id = 0; id < start.length; id++) {
    const s = start[id]!;
    if (s < 0) continue;
    set(filter, hashBytes(data, s, end[id]!));
    // a word-marker space before the word: the word is looked up without it
    if (data[s] === 0x20) set(filter, hashBytes(data, s + 1, end[id]!));
  }
  return filter;
}

/** False when no entry (nor any entry without its leading space) has the UTF-8 bytes of `text`. */
export function mayBeEntry(filter: EntryFilter, text: string): boolean {
  return test(filter, hashUtf8(text));
}
