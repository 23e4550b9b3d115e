// Segment tables: rows in and out unchanged, parts joined in order, filtering, and counts a column cannot hold refused.
import { describe, expect, it } from "vitest";
import {
  columnSum,
  concatSegmentTables,
  filterSegments,
  segmentAt,
  segmentRows,
  segmentTable,
} from "../../src/tokenize/segment-table.js";
import type { SegmentCounts } from "../../src/types.js";

const rows: SegmentCounts[] = [
  { id: "a", tokens: 3, bytes: 11, chars: 10, words: 2, unk: 1, byteFallback: 0 },
  { id: "b", tokens: 0, bytes: 0, chars: 0, words: 0, unk: 0, byteFallback: 0 },
  { id: "c", tokens: 4294967295, bytes: 7, chars: 5, words: 1, unk: 0, byteFallback: 2 },
];

describe("segment tables", () => {
  it("give back the rows they were made from, column by column", () => {
    const t = segmentTable(rows);
    expect(segmentRows(t)).toEqual(rows);
    expect(segmentAt(t, 2)).toEqual(rows[2]);
    expect([...t.bytes]).toEqual([11, 0, 7]);
    // 3 + 0 + (2^32 - 1), summed as numbers: a column never wraps its sum
    expect(columnSum(t, "tokens")).toBe(4294967298);
  });

  it("join parts in order and keep what a filter accepts", () => {
    const joined = concatSegmentTables([segmentTable(rows.slice(0, 1)), segmentTable([]), segmentTable(rows.slice(1))]);
    expect(segmentRows(joined)).toEqual(rows);
    expect(segmentRows(filterSegments(joined, (i) => i !== 1))).toEqual([rows[0], rows[2]]);
  });

  it("refuse a count a column cannot hold instead of wrapping it", () => {
    for (const bad of [2 ** 32, -1, 1.5]) {
      expect(() => segmentTable([{ ...rows[0]!, words: bad }])).toThrow(
        `segment 'a' has words = ${bad}, not a count below 2^32`,
      );
    }
  });
});
