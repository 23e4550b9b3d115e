// alignTokens: the shared ids in code-unit order with both sides' counts, whether or not the base was aligned before.
import { describe, expect, it } from "vitest";
import { alignTokens } from "../../src/metrics/align.js";
import { segmentTable } from "../../src/tokenize/segment-table.js";
import type { SegmentCounts } from "../../src/types.js";

const seg = (id: string, tokens: number): SegmentCounts => ({
  id,
  tokens,
  bytes: 0,
  chars: 0,
  words: 0,
  unk: 0,
  byteFallback: 0,
});
const table = (...segments: SegmentCounts[]) => segmentTable(segments);

describe("alignTokens", () => {
  it("pairs the shared ids in UTF-16 code-unit order, sums a repeated id, counts the unpaired", () => {
    const base = table(seg("b", 2), seg("a", 1), seg("Z", 9), seg("é", 4), seg("a", 1));
    const measured = table(seg("é", 40), seg("a", 10), seg("x", 5), seg("Z", 90));
    const r = alignTokens(measured, base);
    expect(r.ids).toEqual(["Z", "a", "é"]);
    expect([...r.tokens]).toEqual([90, 10, 40]);
    expect([...r.baseTokens]).toEqual([9, 2, 4]);
    expect(r.onlyInMeasured).toBe(1);
    expect(r.onlyInBase).toBe(1);
    // the same base again (its index is reused) with another measured side
    const again = alignTokens(table(seg("b", 3), seg("Z", 1)), base);
    expect(again.ids).toEqual(["Z", "b"]);
    expect([...again.baseTokens]).toEqual([9, 2]);
    expect(again.onlyInBase).toBe(2);
  });

  it("indexes each base table apart: another table with more segments is not served the first one's index", () => {
    expect(alignTokens(table(seg("1", 5), seg("2", 6)), table(seg("1", 1))).ids).toEqual(["1"]);
    const r = alignTokens(table(seg("1", 5), seg("2", 6)), table(seg("1", 1), seg("2", 2)));
    expect(r.ids).toEqual(["1", "2"]);
    expect([...r.baseTokens]).toEqual([1, 2]);
  });
});
