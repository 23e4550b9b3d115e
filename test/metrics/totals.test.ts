// Corpus totals: every count of the segments summed on its own (hand arithmetic on the tiny fixture).
import { describe, expect, it } from "vitest";
import { sumSegments, totalsOf } from "../../src/metrics/totals.js";
import { deuA } from "../fixtures/metrics/tiny.js";
import { segmentTable } from "../../src/tokenize/segment-table.js";

describe("totals", () => {
  it("sums each count of the segments separately", () => {
    // s1 6/30/28/4/1/0, s2 4/20/20/3/0/2, s3 5/25/24/3/0/0
    expect(totalsOf(deuA())).toEqual({ tokens: 15, bytes: 75, chars: 72, words: 10, unk: 1, byteFallback: 2 });
    expect(sumSegments(segmentTable([]))).toEqual({ tokens: 0, bytes: 0, chars: 0, words: 0, unk: 0, byteFallback: 0 });
  });
});
