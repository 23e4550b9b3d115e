// Jaccard overlap and the clustering order, checked against hand-computed values.
import { describe, expect, it } from "vitest";
import { averageLinkage, decodedSet, jaccard, vocabOverlap } from "../../src/vocab/overlap.js";
import { entry } from "./entries.js";

// The same strings stored three ways: byte-level (Ġ), SentencePiece (▁) and plain.
const byteLevel = [
  entry(0, "Ġthe", " the"),
  entry(1, "a", "a", { byteFallback: true }),
  entry(2, "ing", "ing"),
  entry(3, "<|endoftext|>", "<|endoftext|>", { special: true }),
  entry(4, "ĠÐ", [0x20, 0xd0]),
];
const sentencePiece = [
  entry(0, "<s>", "<s>", { special: true }),
  entry(1, "▁the", " the"),
  entry(2, "<0x61>", [0x61], { byteFallback: true }), // decodes to "a", like the byte-level "a"
  entry(3, "ed", "ed"),
];
const other = [
  entry(0, "▁the", " the"),
  entry(1, "ed", "ed"),
  entry(2, "ly", "ly"),
  entry(3, "<0xD0>", [0xd0], { byteFallback: true }),
];

describe("jaccard", () => {
  it("compares decoded text, not stored strings, and skips specials", () => {
    const a = decodedSet(byteLevel); // " the", "a", "ing", 0x20d0
    const b = decodedSet(sentencePiece); // " the", "a", "ed"
    expect([...a].sort()).toEqual([" the", "0x20d0", "a", "ing"]);
    expect([...b].sort()).toEqual([" the", "a", "ed"]);
    // intersection {" the", "a"} = 2, union 5
    expect(jaccard(a, b)).toBe(2 / 5);
    expect(jaccard(new Set(), new Set())).toBe(1);
    expect(decodedSet(byteLevel, { includeSpecial: true }).has("<|endoftext|>")).toBe(true);
  });
});

describe("averageLinkage", () => {
  it("merges the closest pair first and averages member distances", () => {
    const d = [
      [0, 0.2, 0.8],
      [0.2, 0, 0.6],
      [0.8, 0.6, 0],
    ];
    const { order, steps } = averageLinkage(d);
    expect(steps).toEqual([
      { left: 0, right: 1, distance: 0.2, size: 2 },
      { left: 2, right: 3, distance: 0.7, size: 3 },
    ]);
    expect(order).toEqual([2, 0, 1]);
  });

  it("orders leaves so that close tokenizers sit together", () => {
    const d = [
      [0, 0.9, 0.1, 0.9],
      [0.9, 0, 0.9, 0.2],
      [0.1, 0.9, 0, 0.9],
      [0.9, 0.2, 0.9, 0],
    ];
    expect(averageLinkage(d).order).toEqual([0, 2, 1, 3]);
  });
});

describe("vocabOverlap", () => {
  const r = vocabOverlap([
    { tokenizer: "bl", entries: byteLevel },
    { tokenizer: "sp", entries: sentencePiece },
    { tokenizer: "ot", entries: other },
  ]);

  it("fills the Jaccard matrix by hand-computed values", () => {
    // bl={the,a,ing,0x20d0} sp={the,a,ed} ot={the,ed,ly,0xd0}... ot's <0xD0> has no text: key 0xd0
    expect(r.sizes).toEqual([4, 3, 4]);
    expect(r.jaccard[0]![1]).toBeCloseTo(2 / 5, 12);
    expect(r.jaccard[0]![2]).toBeCloseTo(1 / 7, 12); // {the} / {the,a,ing,0x20d0,ed,ly,0xd0}
    expect(r.jaccard[1]![2]).toBeCloseTo(2 / 5, 12); // {the,ed} / {the,a,ed,ly,0xd0}
    expect(r.intersection[1]![2]).toBe(2);
    expect(r.pairs).toHaveLength(3);
  });

  it("lists shared and unique entries", () => {
    expect(r.sharedByAll).toEqual({ count: 1, examples: [" the"] });
    expect(r.uniqueTo).toEqual([
      { tokenizer: "bl", count: 2, examples: ["0x20d0", "ing"] },
      { tokenizer: "sp", count: 0, examples: [] },
      { tokenizer: "ot", count: 2, examples: ["0xd0", "ly"] },
    ]);
  });

  it("clusters by 1 - Jaccard", () => {
    // bl-sp and sp-ot tie at 0.6; the pair with the smaller ids (bl, sp) merges first, then ot joins at
    // mean(1-1/7, 1-2/5) = (6/7 + 3/5) / 2
    expect(r.linkage[0]).toMatchObject({ left: 0, right: 1 });
    expect(r.linkage[1]!.distance).toBeCloseTo((6 / 7 + 3 / 5) / 2, 12);
    expect(r.clusterOrder).toEqual(["ot", "bl", "sp"]);
  });
});
