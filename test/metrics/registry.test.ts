// Every metric against hand-computed values on the tiny fixture, through the registry entry point.
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { METRICS, METRIC_NAMES, computeMetrics, parseMetricNames } from "../../src/metrics/registry.js";
import type { MetricName, MetricValueMap } from "../../src/metrics/types.js";
import { deuA, deuRef, emptyLanguage, engA } from "../fixtures/metrics/tiny.js";

// Hand arithmetic on the fixture (see test/fixtures/metrics/tiny.ts for the counts):
const EXPECTED = {
  // 15 tokens / 10 words
  fertility: 1.5,
  // 4 continued word occurrences / 10
  continued_words: 0.4,
  // 18 tokens for words alone / 10 word occurrences
  word_fertility: 1.8,
  // 5 of the 10 word occurrences are kept whole as one token
  strr: 0.5,
  strr_isolated: 0.25, // 3 / 12
  // 75 bytes / 15 tokens
  bytes_per_token: 5,
  // 72 chars / 15 tokens
  chars_per_token: 4.8,
  // tokA 6+4+5 = 15 vs tokR 4+2+6 = 12 on s1..s3: 15 / 12
  nsl: 1.25,
  // deu 6+4+5 = 15 vs eng 4+3+3 = 10 on the shared s1..s3 (eng's s4 is left out): 15 / 10
  premium: 1.5,
  // Not a closed form: the interval must contain the premium 1.5 and lie within the smallest and largest
  // per-segment premiums, 4/3 (s2) and 5/3 (s3), since every resample is a ratio of sums of these
  // segments. Exact bootstrap values are checked in bootstrap.test.ts.
  premium_ci: [4 / 3, 5 / 3],
  // 1 unk / 15 tokens
  unk_rate: 1 / 15,
  // 3 lost characters of 72
  lossy_chars: 3 / 72,
  // 2 byte-fallback / 15 tokens
  byte_fallback_rate: 2 / 15,
  // ids 1..5
  unique_tokens: 5,
  // 5 ids / vocabulary of 50
  vocab_utilization: 0.1,
  // p = (5,4,3,2,1)/15. sum c^2.5 = 55.9017 + 32 + 15.5885 + 5.6569 + 1 = 110.14701;
  // 15^2.5 = 871.42125; sum p^2.5 = 0.12639927; H_2.5 = ln(0.12639927) / (1 - 2.5) = -2.0683096 / -1.5
  // = 1.3788730 nats; / ln 50 (3.9120230) = 0.35247059
  renyi_efficiency: 0.3524705867,
  // sum c ln c = 5 ln5 + 4 ln4 + 3 ln3 + 2 ln2 = 8.0472 + 5.5452 + 3.2958 + 1.3863 = 18.274498;
  // H = ln 15 - 18.274498 / 15 = 2.7080502 - 1.2182999 = 1.4897503 nats; / ln 50 = 0.38081328
  shannon_efficiency: 0.3808132817,
} satisfies { [K in MetricName]: MetricValueMap[K] };

describe("computeMetrics on the tiny fixture", () => {
  const result = computeMetrics(deuA(), { pivot: engA(), reference: deuRef(), options: {} });

  it.each(METRIC_NAMES.filter((n) => n !== "premium_ci"))("%s matches the hand-computed value", (name) => {
    const value = result.values[name];
    expect(typeof value).toBe("number");
    expect(value as number).toBeCloseTo(EXPECTED[name] as number, 9);
  });

  it("premium_ci brackets the premium", () => {
    const ci = result.values.premium_ci;
    expect(ci).not.toBeNull();
    const [lo, hi] = ci!;
    expect(lo).toBeLessThanOrEqual(EXPECTED.premium);
    expect(hi).toBeGreaterThanOrEqual(EXPECTED.premium);
    expect(lo).toBeGreaterThanOrEqual(EXPECTED.premium_ci[0] - 1e-12);
    expect(hi).toBeLessThanOrEqual(EXPECTED.premium_ci[1] + 1e-12);
    expect(hi).toBeGreaterThan(lo);
  });

  it("warns once (from premium, not again from premium_ci) that the pivot's extra segment was left out", () => {
    expect(result.warnings.map((w) => w.code)).toEqual(["partial-alignment", "lossy"]);
    expect(result.warnings[0]).toMatchObject({ tokenizer: "tokA", language: "deu_Latn" });
    expect(result.warnings[0]!.message).toContain("3 segments");
  });

  it("uses the observed number of types when asked (5 types: ln 5 = 1.6094379)", () => {
    const r = computeMetrics(deuA(), {
      options: { efficiencyVocabSize: "observed" },
      metrics: ["renyi_efficiency", "shannon_efficiency"],
    });
    // 1.3788730 / 1.6094379 and 1.4897503 / 1.6094379
    expect(r.values.renyi_efficiency).toBeCloseTo(0.8567419926, 9);
    expect(r.values.shannon_efficiency).toBeCloseTo(0.9256339169, 9);
  });

  it("takes the Rényi order from the options (alpha = 1 is Shannon)", () => {
    const r = computeMetrics(deuA(), { options: { renyiAlpha: 1 }, metrics: ["renyi_efficiency"] });
    expect(r.values.renyi_efficiency).toBeCloseTo(EXPECTED.shannon_efficiency, 9);
    // alpha = 2: sum c^2 = 25+16+9+4+1 = 55; H_2 = -ln(55/225) = ln 4.0909091 = 1.4087672; / ln 50 = 0.36011220
    const two = computeMetrics(deuA(), { options: { renyiAlpha: 2 }, metrics: ["renyi_efficiency"] });
    expect(two.values.renyi_efficiency).toBeCloseTo(0.3601122015, 9);
  });

  it("computes only the selected metrics", () => {
    const r = computeMetrics(deuA(), { options: {}, metrics: ["fertility", "unk_rate"] });
    expect(Object.keys(r.values).sort()).toEqual(["fertility", "unk_rate"]);
    expect(r.warnings).toEqual([]);
  });

  it("premium of the pivot itself is 1 with a degenerate interval", () => {
    const r = computeMetrics(engA(), { pivot: engA(), options: {}, metrics: ["premium", "premium_ci"] });
    expect(r.values.premium).toBe(1);
    expect(r.values.premium_ci).toEqual([1, 1]);
  });
});

// What each metric returns on a language with no text and no pivot/reference: a warning code, or a value.
const EMPTY = {
  fertility: "no-words",
  continued_words: "no-words",
  word_fertility: "no-words",
  strr: "no-words",
  strr_isolated: "no-words",
  bytes_per_token: "no-tokens",
  chars_per_token: "no-tokens",
  nsl: "no-reference",
  premium: "no-pivot",
  premium_ci: "no-pivot",
  unk_rate: "no-tokens",
  lossy_chars: "no-chars",
  byte_fallback_rate: "no-tokens",
  unique_tokens: 0,
  vocab_utilization: 0,
  renyi_efficiency: "no-tokens",
  shannon_efficiency: "no-tokens",
} satisfies Record<MetricName, string | number>;

describe("metrics that cannot be computed are null with a warning", () => {
  const data = emptyLanguage();
  const result = computeMetrics(data, { options: {} });

  it.each(METRIC_NAMES)("%s", (name) => {
    const expected = EMPTY[name];
    const own = METRICS[name].compute(data, {
      options: {
        renyiAlpha: 2.5,
        efficiencyVocabSize: "vocabulary",
        bootstrapResamples: 10,
        confidenceLevel: 0.95,
        seed: 1,
      },
    });
    if (typeof expected === "number") {
      expect(result.values[name]).toBe(expected);
      expect(own.warnings).toEqual([]);
    } else {
      expect(result.values[name]).toBeNull();
      expect(own.value).toBeNull();
      expect(own.warnings).toHaveLength(1);
      expect(own.warnings[0]).toMatchObject({ code: expected, tokenizer: "tokA", language: "yor_Latn" });
      expect(own.warnings[0]!.message.length).toBeGreaterThan(20);
    }
  });

  it("never yields NaN or Infinity", () => {
    for (const v of Object.values(result.values)) {
      if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    }
  });

  it("a language with no pivot text gets no-aligned-segments / zero-denominator, not a crash", () => {
    const r = computeMetrics(deuA(), {
      pivot: emptyLanguage("tokA", "eng_Latn"),
      options: {},
      metrics: ["premium", "premium_ci"],
    });
    expect(r.values).toEqual({ premium: null, premium_ci: null });
    expect(r.warnings.map((w) => w.code)).toEqual(["no-aligned-segments", "no-aligned-segments"]);
    const zeroPivot = engA();
    zeroPivot.segments = { ...zeroPivot.segments, tokens: new Uint32Array(zeroPivot.segments.ids.length) };
    const z = computeMetrics(deuA(), { pivot: zeroPivot, options: {}, metrics: ["premium", "premium_ci"] });
    expect(z.values).toEqual({ premium: null, premium_ci: null });
    expect(z.warnings.map((w) => w.code)).toContain("zero-denominator");
  });

  it("refuses a pivot from another tokenizer and a reference in another language", () => {
    const otherPivot = { ...engA(), tokenizer: "tokB" };
    const r = computeMetrics(deuA(), {
      pivot: otherPivot,
      reference: { ...deuRef(), language: "fra_Latn" },
      options: {},
      metrics: ["premium", "nsl"],
    });
    expect(r.values).toEqual({ premium: null, nsl: null });
    // Warnings come in the order the metrics were asked for.
    expect(r.warnings.map((w) => w.code)).toEqual(["pivot-mismatch", "reference-mismatch"]);
  });

  it("efficiency is null for a single observed type under the observed convention, 0 under the vocabulary one", () => {
    const one = { ...deuA(), tokenFrequencies: new Map([[3, 15]]) };
    const observed = computeMetrics(one, {
      options: { efficiencyVocabSize: "observed" },
      metrics: ["renyi_efficiency", "shannon_efficiency"],
    });
    expect(observed.values).toEqual({ renyi_efficiency: null, shannon_efficiency: null });
    expect(observed.warnings.map((w) => w.code)).toEqual(["single-type", "single-type"]);
    const vocab = computeMetrics(one, { options: {}, metrics: ["renyi_efficiency", "shannon_efficiency"] });
    expect(vocab.values.renyi_efficiency).toBeCloseTo(0, 15);
    expect(vocab.values.shannon_efficiency).toBeCloseTo(0, 15);
  });

  it("a vocabulary size of 0 makes utilization and efficiency null", () => {
    const r = computeMetrics(
      { ...deuA(), vocabSize: 0 },
      { options: {}, metrics: ["vocab_utilization", "renyi_efficiency"] },
    );
    expect(r.values).toEqual({ vocab_utilization: null, renyi_efficiency: null });
    expect(r.warnings.map((w) => w.code)).toEqual(["invalid-vocab-size", "invalid-vocab-size"]);
  });
});

describe("registry metadata and options", () => {
  it("every definition is named after its key and cites a source", () => {
    for (const name of METRIC_NAMES) {
      expect(METRICS[name].name).toBe(name);
      expect(METRICS[name].source.length).toBeGreaterThan(10);
      expect(METRICS[name].description.length).toBeGreaterThan(10);
    }
    expect(METRICS.fertility.better).toBe("lower");
    expect(METRICS.bytes_per_token.better).toBe("higher");
    expect(METRICS.premium_ci.better).toBeNull();
  });

  it("parses metric names and suggests the closest on a typo", () => {
    expect(parseMetricNames(["fertility", " premium"])).toEqual(["fertility", "premium"]);
    expect(() => parseMetricNames(["fertilty"])).toThrow(ConfigError);
    expect(() => parseMetricNames(["fertilty"])).toThrow(/Did you mean 'fertility'/);
  });

  it.each([
    [{ renyiAlpha: -1 }, /Rényi alpha -1/],
    [{ renyiAlpha: Number.NaN }, /Rényi alpha NaN/],
    [{ bootstrapResamples: 0 }, /bootstrap resamples 0/],
    [{ bootstrapResamples: 2.5 }, /bootstrap resamples 2.5/],
    [{ bootstrapResamples: 1_000_000_000 }, /Too many bootstrap resamples: 1000000000\. The cap is 100,000/],
    [{ confidenceLevel: 1 }, /confidence level 1/],
    [{ seed: 0.5 }, /seed 0.5/],
    [{ efficiencyVocabSize: "types" as "observed" }, /'types'/],
  ])("rejects bad options %o with a ConfigError naming the value", (options, message) => {
    expect(() => computeMetrics(deuA(), { options })).toThrow(ConfigError);
    expect(() => computeMetrics(deuA(), { options })).toThrow(message);
  });
});
