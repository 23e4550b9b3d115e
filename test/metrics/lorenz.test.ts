// Lorenz curve of per-language costs, and the Gini its area implies: hand-computed curves, ties, edge cases, and the
// gini of the same values from giniCoefficient (a second formula).
import { describe, expect, it } from "vitest";
import { giniCoefficient } from "../../src/metrics/gini.js";
import { giniFromLorenz, lorenzCurve } from "../../src/metrics/lorenz.js";

describe("Lorenz curve", () => {
  it("the gini its area implies equals the gini of the same values, on hand-made and random samples", () => {
    // 1, 2, 3, 4: cumulative cost shares 0.1, 0.3, 0.6, 1; area = 0.25 x (0.1 + 0.4 + 0.9 + 1.6) / 2 = 0.375; G = 0.25
    const curve = lorenzCurve([4, 2, 1, 3].map((value, i) => ({ language: `l${i}`, value })))!;
    expect(curve.map((p) => p.cost)).toEqual([0, 0.1, 0.3, 0.6, 1]);
    expect(curve.map((p) => p.languages)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(giniFromLorenz(curve)).toBeCloseTo(0.25, 15);
    expect(giniCoefficient([4, 2, 1, 3])).toBeCloseTo(0.25, 15);
    let state = 7;
    const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 20; trial++) {
      const values = Array.from({ length: 2 + trial * 7 }, () => 0.5 + 10 * next());
      const points = lorenzCurve(values.map((value, i) => ({ language: String(i), value })))!;
      expect(giniFromLorenz(points)).toBeCloseTo(giniCoefficient(values)!, 12);
    }
    expect(lorenzCurve([])).toBeNull();
  });
});

describe("Lorenz curve points", () => {
  it("start at the origin and add the cheapest language first, with its own cost", () => {
    const curve = lorenzCurve([
      { language: "deu", value: 3 },
      { language: "eng", value: 1 },
    ])!;
    expect(curve).toEqual([
      { languages: 0, cost: 0, language: null, value: null },
      { languages: 0.5, cost: 0.25, language: "eng", value: 1 },
      { languages: 1, cost: 1, language: "deu", value: 3 },
    ]);
    // two languages 1 and 3: area = 0.5 x (0 + 0.25) / 2 + 0.5 x (0.25 + 1) / 2 = 0.375, G = 0.25
    expect(giniFromLorenz(curve)).toBeCloseTo(0.25, 15);
  });

  it("order equal costs by language code, whatever order they come in", () => {
    const values = [
      { language: "hin", value: 2 },
      { language: "amh", value: 2 },
      { language: "eng", value: 1 },
      { language: "deu", value: 2 },
    ];
    expect(lorenzCurve(values)!.map((p) => p.language)).toEqual([null, "eng", "amh", "deu", "hin"]);
    expect(lorenzCurve([...values].reverse())!.map((p) => p.language)).toEqual([null, "eng", "amh", "deu", "hin"]);
  });

  it("are null for no costs or a zero total, and perfect parity is the diagonal with gini 0", () => {
    expect(lorenzCurve([])).toBeNull();
    expect(
      lorenzCurve([
        { language: "a", value: 0 },
        { language: "b", value: 0 },
      ]),
    ).toBeNull();
    const flat = lorenzCurve(["a", "b", "c", "d"].map((language) => ({ language, value: 2 })))!;
    expect(flat.map((p) => [p.languages, p.cost])).toEqual([
      [0, 0],
      [0.25, 0.25],
      [0.5, 0.5],
      [0.75, 0.75],
      [1, 1],
    ]);
    expect(giniFromLorenz(flat)).toBe(0);
    // one language pays everything: the curve stays at 0 until the last step, G = 1 - 1/n
    const one = lorenzCurve(["a", "b", "c", "d"].map((language, i) => ({ language, value: i === 3 ? 5 : 0 })))!;
    expect(one.map((p) => p.cost)).toEqual([0, 0, 0, 0, 1]);
    expect(giniFromLorenz(one)).toBeCloseTo(0.75, 15);
  });
});
