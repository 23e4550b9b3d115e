// The per-segment counts of a TokenizedLanguage as columns: one typed array per count, so a run over 400k segments
// holds a few bytes per count instead of an object per segment. Builders, row views and concatenation.
import type { SegmentCounts, SegmentTable } from "../types.js";

/** The count columns of a `SegmentTable`, in the order of `SegmentCounts`. */
export const SEGMENT_COLUMNS = ["tokens", "bytes", "chars", "words", "unk", "byteFallback"] as const;
export type SegmentColumn = (typeof SEGMENT_COLUMNS)[number];

/**
 * A count stored in a column: a whole number in [0, 2^32). Every count of one segment is: a segment is one JS
 * string (under 2^30 code units), so its bytes, characters, words and tokens are each under 2^32.
 */
function checkedCount(value: number, column: SegmentColumn, id: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff)
    throw new RangeError(`internal error: segment '${id}' has ${column} = ${value}, not a count below 2^32`);
  return value;
}

/** A table with `n` segments, every count 0, ids to fill in. */
export function emptySegmentTable(ids: readonly string[]): SegmentTable {
  const n = ids.length;
  return {
    ids,
    tokens: new Uint32Array(n),
    bytes: new Uint32Array(n),
    chars: new Uint32Array(n),
    words: new Uint32Array(n),
    unk: new Uint32Array(n),
    byteFallback: new Uint32Array(n),
  };
}

/** The table of per-segment count objects (tests, small producers). */
export function segmentTable(rows: readonly SegmentCounts[]): SegmentTable {
  const table = emptySegmentTable(rows.map((r) => r.id));
  rows.forEach((r, i) => {
    for (const c of SEGMENT_COLUMNS) table[c][i] = checkedCount(r[c], c, r.id);
  });
  return table;
}

/** Segment `i` of a table as an object. */
export function segmentAt(table: SegmentTable, i: number): SegmentCounts {
  return {
    id: table.ids[i]!,
    tokens: table.tokens[i]!,
    bytes: table.bytes[i]!,
    chars: table.chars[i]!,
    words: table.words[i]!,
    unk: table.unk[i]!,
    byteFallback: table.byteFallback[i]!,
  };
}

/** Every segment of a table as an object, in order (for reading a few, or comparing in tests). */
export function segmentRows(table: SegmentTable): SegmentCounts[] {
  return table.ids.map((_, i) => segmentAt(table, i));
}

/** Sum of one column. */
export function columnSum(table: SegmentTable, column: SegmentColumn): number {
  const values = table[column];
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}

/** The tables one after the other, in one table (the parts of a language: chunks, shards). */
export function concatSegmentTables(parts: readonly SegmentTable[]): SegmentTable {
  if (parts.length === 1) return parts[0]!;
  const ids: string[] = [];
  for (const p of parts) for (const id of p.ids) ids.push(id);
  const table = emptySegmentTable(ids);
  let at = 0;
  for (const p of parts) {
    for (const c of SEGMENT_COLUMNS) table[c].set(p[c], at);
    at += p.ids.length;
  }
  return table;
}

/** `table` with only the segments `keep` accepts. */
export function filterSegments(table: SegmentTable, keep: (i: number) => boolean): SegmentTable {
  const kept = table.ids.flatMap((_, i) => (keep(i) ? [i] : []));
  const out = emptySegmentTable(kept.map((i) => table.ids[i]!));
  kept.forEach((i, k) => {
    for (const c of SEGMENT_COLUMNS) out[c][k] = table[c][i]!;
  });
  return out;
}
