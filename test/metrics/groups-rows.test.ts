// groupRows, scriptGroups and lorenzCurves on hand-made rows: order, what is left out, and each interval's own stream.
import { describe, expect, it } from "vitest";
import { bootstrapMedian, groupRows, lorenzCurves, scriptGroups } from "../../src/metrics/groups.js";

const settings = { bootstrapResamples: 200, confidenceLevel: 0.95, seed: 7 };

describe("groupRows", () => {
  it("keeps the tokenizers' order, sorts groups by name, and skips a group a tokenizer has no row in", () => {
    const rows = [
      { tokenizer: "b", language: "x", tokens: 1, premium: 1 },
      { tokenizer: "a", language: "y", tokens: 1, premium: 1 },
      { tokenizer: "a", language: "x", tokens: 3, premium: 3 },
    ];
    const groups = new Map([
      ["x", "zeta"],
      ["y", "alpha"],
    ]);
    const out = groupRows(rows, ["b", "a"], groups, "pivot", settings);
    expect(out.map((g) => [g.tokenizer, g.group, g.languages, g.token_share])).toEqual([
      ["b", "zeta", ["x"], 1],
      ["a", "alpha", ["y"], 0.25],
      ["a", "zeta", ["x"], 0.75],
    ]);
  });

  it("leaves the pivot and null premiums out of the median, not out of the languages or the token share", () => {
    const rows = [
      { tokenizer: "t", language: "piv", tokens: 10, premium: 1 },
      { tokenizer: "t", language: "u", tokens: 20, premium: null },
      { tokenizer: "t", language: "v", tokens: 30, premium: 3 },
      { tokenizer: "t", language: "w", tokens: 40, premium: 4 },
    ];
    const all = new Map(rows.map((r) => [r.language, "g"]));
    const [g] = groupRows(rows, ["t"], all, "piv", settings);
    expect(g).toMatchObject({ languages: ["piv", "u", "v", "w"], median_premium: 3.5, token_share: 1 });
    expect(g!.median_premium_ci![0]).toBeGreaterThanOrEqual(3);
    expect(g!.median_premium_ci![1]).toBeLessThanOrEqual(4);
    // one premium: a median, no interval; none: neither
    const one = groupRows(rows.slice(0, 3), ["t"], all, "piv", settings)[0]!;
    expect([one.median_premium, one.median_premium_ci]).toEqual([3, null]);
    const none = groupRows(rows.slice(0, 2), ["t"], all, "piv", settings)[0]!;
    expect([none.median_premium, none.median_premium_ci]).toEqual([null, null]);
  });

  it("gives no token share when the tokenizer has no tokens at all", () => {
    const rows = [{ tokenizer: "t", language: "x", tokens: 0, premium: null }];
    expect(groupRows(rows, ["t"], new Map([["x", "g"]]), "p", settings)[0]!.token_share).toBeNull();
  });

  it("draws each tokenizer x group interval from its own seeded stream, the same on every run", () => {
    // two groups and two tokenizers with the same premiums: one stream for all would give equal intervals
    const premiums = [1, 2, 3, 4, 5, 6, 7, 8];
    const rows = ["s", "t"].flatMap((tokenizer) =>
      ["g", "h"].flatMap((group) =>
        premiums.map((p, i) => ({ tokenizer, language: `${group}${i}`, tokens: 1, premium: p })),
      ),
    );
    const groups = new Map(rows.map((r) => [r.language, r.language[0]!]));
    const small = { ...settings, bootstrapResamples: 20 };
    const out = groupRows(rows, ["s", "t"], groups, "none", small);
    const intervals = out.map((g) => JSON.stringify(g.median_premium_ci));
    expect(new Set(intervals).size).toBe(4);
    expect(groupRows(rows, ["s", "t"], groups, "none", small).map((g) => JSON.stringify(g.median_premium_ci))).toEqual(
      intervals,
    );
    expect(
      groupRows(rows, ["s", "t"], groups, "none", { ...small, seed: 8 }).map((g) =>
        JSON.stringify(g.median_premium_ci),
      ),
    ).not.toEqual(intervals);
  });
});

describe("scriptGroups and lorenzCurves", () => {
  it("groups by script, an unknown script as 'unknown'", () => {
    expect(
      scriptGroups([
        { code: "eng_Latn", script: "Latn" },
        { code: "xx", script: "" },
      ]),
    ).toEqual(
      new Map([
        ["eng_Latn", "Latn"],
        ["xx", "unknown"],
      ]),
    );
  });

  it("draws one curve per tokenizer, the pivot and null premiums left out, none when nothing is left", () => {
    const rows = [
      { tokenizer: "t", language: "piv", tokens: 1, premium: 1 },
      { tokenizer: "t", language: "a", tokens: 1, premium: 3 },
      { tokenizer: "t", language: "b", tokens: 1, premium: 1 },
      { tokenizer: "t", language: "c", tokens: 1, premium: null },
      { tokenizer: "u", language: "piv", tokens: 1, premium: 1 },
    ];
    const curves = lorenzCurves(rows, ["u", "t"], "piv");
    expect(curves.map((c) => c.tokenizer)).toEqual(["u", "t"]);
    expect(curves[0]!.points).toEqual([]);
    // b (1) then a (3): shares of languages 1/2, 1 and of cost 1/4, 1
    expect(curves[1]!.points.map((p) => [p.languages, p.cost, p.language])).toEqual([
      [0, 0, null],
      [0.5, 0.25, "b"],
      [1, 1, "a"],
    ]);
  });
});

describe("bootstrapMedian", () => {
  it("resamples n values at a time: for two values the middle of the resampled medians is their mean", () => {
    // a resample of [1, 2] is (1,1), (2,2) or mixed with chances 1/4, 1/4, 1/2, medians 1, 2 and 1.5: the 40% and
    // 60% quantiles (level 0.2) of 1000 such medians both fall among the mixed ones (about 25% to 75%). Resamples of
    // three values would have a median of 1 or 2, never 1.5.
    expect(bootstrapMedian([1, 2], { resamples: 1000, level: 0.2, seed: 3 })).toEqual([1.5, 1.5]);
    expect(bootstrapMedian([2, 1], { resamples: 1000, level: 0.2, seed: 11 })).toEqual([1.5, 1.5]);
  });
});
