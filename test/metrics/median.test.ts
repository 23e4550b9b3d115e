// median: hand-computed values, numeric (not string) order, and no change to the caller's array.
import { describe, expect, it } from "vitest";
import { median } from "../../src/metrics/median.js";

describe("median", () => {
  it("takes the middle value of an odd count and the mean of the two middle values of an even one", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it("sorts numerically (10 after 9), leaving the input as it was", () => {
    const values = [10, 9, 1, 100];
    expect(median(values)).toBe(9.5);
    expect(values).toEqual([10, 9, 1, 100]);
  });

  it("is NaN for no values", () => {
    expect(median([])).toBeNaN();
  });
});
