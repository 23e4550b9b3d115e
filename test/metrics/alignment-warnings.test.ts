// nsl and premium when segments do not line up: values over the shared segments only, and the warnings that say so
// (hand arithmetic on the tiny fixture: tokA on deu_Latn s1 6, s2 4, s3 5 tokens; tokR s1 4, s2 2, s3 6; tokA on eng_Latn s1 4, s2 3, s3 3, s4 7).
import { describe, expect, it } from "vitest";
import { computeMetrics } from "../../src/metrics/registry.js";
import { segmentRows, segmentTable } from "../../src/tokenize/segment-table.js";
import type { SegmentCounts, TokenizedLanguage } from "../../src/types.js";
import { deuA, deuRef, engA } from "../fixtures/metrics/tiny.js";

const seg = (id: string, tokens: number): SegmentCounts => ({
  id,
  tokens,
  bytes: tokens,
  chars: tokens,
  words: 1,
  unk: 0,
  byteFallback: 0,
});
const withSegments = (data: TokenizedLanguage, segments: SegmentCounts[]): TokenizedLanguage => ({
  ...data,
  segments: segmentTable(segments),
});

describe("nsl", () => {
  const nsl = (reference: TokenizedLanguage) => computeMetrics(deuA(), { reference, options: {}, metrics: ["nsl"] });

  it("on fully aligned segments: 15 / 12 and no warning", () => {
    expect(nsl(deuRef())).toEqual({ values: { nsl: 1.25 }, warnings: [] });
  });

  it("a segment only in the measured language is left out, with a warning counting it", () => {
    const r = nsl(withSegments(deuRef(), [seg("s1", 4), seg("s2", 2)]));
    expect(r.values.nsl).toBeCloseTo(10 / 6, 12); // s1 + s2: (6 + 4) / (4 + 2)
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ code: "partial-alignment", tokenizer: "tokA", language: "deu_Latn" });
    expect(r.warnings[0]!.message).toBe(
      "nsl for tokA on deu_Latn uses the 2 segments also tokenized by tokR; 1 unmatched segments are left out.",
    );
  });

  it("a segment only in the reference is left out too; both kinds are counted together", () => {
    const onlyRef = nsl(withSegments(deuRef(), [...segmentRows(deuRef().segments), seg("s9", 10)]));
    expect(onlyRef.values.nsl).toBe(1.25);
    expect(onlyRef.warnings.map((w) => w.message)).toEqual([
      "nsl for tokA on deu_Latn uses the 3 segments also tokenized by tokR; 1 unmatched segments are left out.",
    ]);
    const both = nsl(withSegments(deuRef(), [seg("s1", 4), seg("s9", 10)]));
    expect(both.values.nsl).toBe(6 / 4);
    expect(both.warnings[0]!.message).toContain("uses the 1 segments also tokenized by tokR; 3 unmatched segments");
  });

  it("no shared segment, or a reference with no tokens on them, gives null with a warning naming the reference", () => {
    const none = nsl(withSegments(deuRef(), [seg("x1", 4)]));
    expect(none.values.nsl).toBeNull();
    expect(none.warnings).toHaveLength(1);
    expect(none.warnings[0]!.code).toBe("no-aligned-segments");
    expect(none.warnings[0]!.message).toBe(
      "nsl for tokA on deu_Latn: no segment id is shared with the reference tokR; tokenize the same corpus with both.",
    );
    const zero = nsl(withSegments(deuRef(), [seg("s1", 0), seg("s2", 0), seg("s3", 0)]));
    expect(zero.values.nsl).toBeNull();
    expect(zero.warnings.map((w) => [w.code, w.message])).toEqual([
      [
        "zero-denominator",
        "nsl for tokA on deu_Latn is undefined: the reference tokR produced no tokens on the shared segments.",
      ],
    ]);
    const zeroPartial = nsl(withSegments(deuRef(), [seg("s1", 0)]));
    expect(zeroPartial.warnings.map((w) => w.code)).toEqual(["partial-alignment", "zero-denominator"]);
  });

  it("a reference in another language is refused by name", () => {
    const r = nsl({ ...deuRef(), language: "fra_Latn" });
    expect(r.values.nsl).toBeNull();
    expect(r.warnings[0]!.message).toBe(
      "nsl for tokA on deu_Latn was given reference data for fra_Latn; pass the reference tokenizer's result on deu_Latn.",
    );
  });
});

describe("premium", () => {
  const premium = (pivot: TokenizedLanguage) => computeMetrics(deuA(), { pivot, options: {}, metrics: ["premium"] });

  it("counts the segments only in each language in its warning", () => {
    // engA has s4, which deu lacks: 15 / 10
    const extraPivot = premium(engA());
    expect(extraPivot.values.premium).toBe(1.5);
    expect(extraPivot.warnings.map((w) => w.message)).toEqual([
      "premium for tokA on deu_Latn uses the 3 segments shared with eng_Latn; 0 segments only in deu_Latn and 1 only in eng_Latn are left out.",
    ]);
    // a pivot without s3: (6 + 4) / (4 + 3)
    const missingInPivot = premium(withSegments(engA(), [seg("s1", 4), seg("s2", 3)]));
    expect(missingInPivot.values.premium).toBeCloseTo(10 / 7, 12);
    expect(missingInPivot.warnings.map((w) => w.message)).toEqual([
      "premium for tokA on deu_Latn uses the 2 segments shared with eng_Latn; 1 segments only in deu_Latn and 0 only in eng_Latn are left out.",
    ]);
    const aligned = premium(withSegments(engA(), [seg("s1", 4), seg("s2", 3), seg("s3", 3)]));
    expect(aligned).toEqual({ values: { premium: 1.5 }, warnings: [] });
  });

  it("a pivot with no tokens on the shared segments gives null, saying so", () => {
    const r = premium(withSegments(engA(), [seg("s1", 0), seg("s2", 0), seg("s3", 0)]));
    expect(r.values.premium).toBeNull();
    expect(r.warnings.map((w) => w.message)).toEqual([
      "premium for tokA on deu_Latn is undefined: the pivot eng_Latn has no tokens on the 3 shared segments.",
    ]);
  });

  it("refuses a pivot from another tokenizer, and one with no shared segment, by name", () => {
    expect(premium({ ...engA(), tokenizer: "tokB" }).warnings[0]!.message).toBe(
      "premium for tokA on deu_Latn was given a pivot tokenized by tokB; a premium compares one tokenizer across languages, so pass the pivot language tokenized by tokA.",
    );
    expect(premium(withSegments(engA(), [seg("x", 3)])).warnings[0]!.message).toBe(
      "premium for tokA on deu_Latn: no segment id is shared with the pivot eng_Latn; use a parallel corpus (e.g. FLORES) whose segment ids align across languages.",
    );
  });
});
