// Rényi and Shannon efficiency reproduce tokenization-scorer's own test values to the digits quoted.
import { describe, expect, it } from "vitest";
import { renyiEntropy, shannonEntropy } from "../../src/metrics/entropy.js";
import { computeMetrics } from "../../src/metrics/registry.js";
import { whitespaceTokenized } from "../fixtures/metrics/whitespace.js";

const TEXT1 = "pick @@ed pick @@l @@ed pick @@les";
const TEXT2 = "pick @@e @@d pick @@l @@e @@d pick @@l @@e @@s";

function efficiency(
  text: string,
  options: { renyiAlpha?: number; efficiencyVocabSize?: "observed" | "vocabulary" },
  vocabSize?: number,
) {
  return computeMetrics(whitespaceTokenized(text, vocabSize), {
    options,
    metrics: ["renyi_efficiency", "shannon_efficiency"],
  }).values;
}

describe("tokenization-scorer test values (observed vocabulary convention)", () => {
  it("text1: Rényi efficiency 0.8265064834 (alpha 2.5), Shannon efficiency 0.92119", () => {
    const v = efficiency(TEXT1, { renyiAlpha: 2.5, efficiencyVocabSize: "observed" });
    expect(v.renyi_efficiency!.toFixed(10)).toBe("0.8265064834");
    expect(v.shannon_efficiency!.toFixed(5)).toBe("0.92119");
  });

  it("text2: Rényi efficiency 0.9204840242 (alpha 2.5), Shannon efficiency 0.96096", () => {
    const v = efficiency(TEXT2, { renyiAlpha: 2.5, efficiencyVocabSize: "observed" });
    expect(v.renyi_efficiency!.toFixed(10)).toBe("0.9204840242");
    expect(v.shannon_efficiency!.toFixed(5)).toBe("0.96096");
  });

  it("text1 by hand: counts pick 3, @@ed 2, @@l 1, @@les 1 over 7 tokens, 4 types", () => {
    // sum p^2.5 = (3^2.5 + 2^2.5 + 1 + 1) / 7^2.5 = (15.588457 + 5.656854 + 2) / 129.641814 = 0.17930399
    // H_2.5 = log2(0.17930399) / (1 - 2.5) = -2.4795195 / -1.5 = 1.6530130 bits; / log2(4) = 2 -> 0.8265065
    expect(renyiEntropy([3, 2, 1, 1], 2.5) / Math.LN2).toBeCloseTo(1.653013, 6);
    // H = log2 7 - (3 log2 3 + 2 log2 2) / 7 = 2.8073549 - (4.7548875 + 2) / 7 = 1.8423710 bits; / 2 -> 0.9211855
    expect(shannonEntropy([3, 2, 1, 1]) / Math.LN2).toBeCloseTo(1.842371, 6);
  });

  it("uses the tokenizer's vocabulary size under the default convention", () => {
    // Same entropies, divided by log2(100) = 6.6438562 instead of log2(4) = 2.
    const v = efficiency(TEXT1, {}, 100);
    expect(v.renyi_efficiency).toBeCloseTo(1.6530129668 / 6.6438561898, 9);
    expect(v.shannon_efficiency).toBeCloseTo(1.8423709932 / 6.6438561898, 9);
  });
});

describe("Rényi entropy orders", () => {
  const counts = [3, 2, 1, 1];
  it("alpha -> 1 approaches Shannon entropy", () => {
    expect(renyiEntropy(counts, 1 + 1e-7)).toBeCloseTo(shannonEntropy(counts), 6);
    expect(renyiEntropy(counts, 1)).toBe(shannonEntropy(counts));
  });
  it("alpha 0 is log of the number of types, Infinity is -log max p", () => {
    expect(renyiEntropy(counts, 0)).toBeCloseTo(Math.log(4), 12);
    expect(renyiEntropy(counts, Infinity)).toBeCloseTo(-Math.log(3 / 7), 12);
  });
  it("stays finite for a large order, approaching -log max p", () => {
    // 200 types with p = 1/200 each, alpha 1000: sum p^a = 200^-999 underflows to 0 if computed directly.
    const flat = new Array<number>(200).fill(1);
    expect(renyiEntropy(flat, 1000)).toBeCloseTo(Math.log(200), 9);
    expect(renyiEntropy(counts, 5000)).toBeCloseTo((5000 / 4999) * -Math.log(3 / 7), 6);
  });

  it("is non-increasing in alpha", () => {
    const orders = [0, 0.5, 1, 2, 2.5, 3, 10, Infinity];
    const hs = orders.map((a) => renyiEntropy(counts, a));
    for (let i = 1; i < hs.length; i++) expect(hs[i]!).toBeLessThanOrEqual(hs[i - 1]! + 1e-12);
  });
});
