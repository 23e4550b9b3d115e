// alignTokens: the shared ids in code-unit order with both sides' counts, whether or not the base was aligned before.
import { describe, expect, it } from "vitest";
import { alignTokens } from "../../src/metrics/align.js";
import type { SegmentCounts } from "../../src/types.js";

const seg = (id: string, tokens: number): SegmentCounts => ({ id, tokens }) as SegmentCounts;

describe("alignTokens", () => {
  it("pairs the shared ids in UTF-16 code-unit order, sums a repeated id, counts the unpaired", () => {
    const base = [seg("b", 2), seg("a", 1), seg("Z", 9), seg("é", 4), seg("a", 1)];
    const measured = [seg("é", 40), seg("a", 10), seg("x", 5), seg("Z", 90)];
    const r = alignTokens(measured, base);
    expect(r.ids).toEqual(["Z", "a", "é"]);
    expect([...r.tokens]).toEqual([90, 10, 40]);
    expect([...r.baseTokens]).toEqual([9, 2, 4]);
    expect(r.onlyInMeasured).toBe(1);
    expect(r.onlyInBase).toBe(1);
    // the same base again (its index is reused) with another measured side
    const again = alignTokens([seg("b", 3), seg("Z", 1)], base);
    expect(again.ids).toEqual(["Z", "b"]);
    expect([...again.baseTokens]).toEqual([9, 2]);
    expect(again.onlyInBase).toBe(2);
  });

  it("sees segments added to a base array after it was first aligned", () => {
    const base = [seg("1", 1)];
    expect(alignTokens([seg("1", 5), seg("2", 6)], base).ids).toEqual(["1"]);
    base.push(seg("2", 2));
    const r = alignTokens([seg("1", 5), seg("2", 6)], base);
    expect(r.ids).toEqual(["1", "2"]);
    expect([...r.baseTokens]).toEqual([1, 2]);
  });
});
