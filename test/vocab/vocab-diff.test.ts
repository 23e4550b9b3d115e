// vocabDiff on hand-made vocabularies: byte-exact comparison across token spellings, duplicates, specials, groups.
import { describe, expect, it } from "vitest";
import { makeVocabEntry, utf8 } from "../../src/tokenizers/token-bytes.js";
import { vocabDiff } from "../../src/vocab/vocab-diff.js";

const plain = { special: false, byteFallback: false, wordInitial: false };
const entry = (id: number, token: string, text: string, flags: Partial<typeof plain> = {}) =>
  makeVocabEntry(id, token, utf8(text), { ...plain, wordInitial: text.startsWith(" "), ...flags });

describe("vocabDiff", () => {
  it("compares by decoded bytes, counts duplicates once and special tokens apart", () => {
    // A: SentencePiece-style spellings; B: byte-level spellings of partly the same strings
    const a = [
      entry(0, "<s>", "<s>", { special: true }),
      entry(1, "</s>", "</s>", { special: true }),
      entry(2, "▁the", " the"),
      entry(3, "ing", "ing"),
      entry(4, "<0x41>", "A", { byteFallback: true }),
      entry(5, "A", "A"), // same bytes as <0x41>: one distinct string
      entry(6, "▁мир", " мир"),
    ];
    const b = [
      entry(0, "<|endoftext|>", "<|endoftext|>", { special: true }),
      entry(1, "<s>", "<s>", { special: true }),
      entry(2, "Ġthe", " the"),
      entry(3, "A", "A"),
      entry(4, "ĠÎ±", " α"),
      entry(5, "Ġmonde", " monde"),
    ];
    const d = vocabDiff(a, b, { examples: 2 });
    expect(d.a).toEqual({ entries: 5, distinct: 4, specials: 2 });
    expect(d.b).toEqual({ entries: 4, distinct: 4, specials: 2 });
    // shared: " the", "A"; only A: "ing", " мир"; only B: " α", " monde"
    expect([d.shared, d.onlyA, d.onlyB]).toEqual([2, 2, 2]);
    expect(d.specials).toEqual({ shared: 1, onlyA: ["</s>"], onlyB: ["<|endoftext|>"] });

    const cls = Object.fromEntries(d.classes.map((g) => [g.name, [g.shared, g.onlyA, g.onlyB]]));
    // " the" is spaced_alpha in A; "A" is classed by A's lowest-id entry, the <0x41> byte piece (pure_unicode)
    expect(cls).toEqual({ pure_unicode: [1, 0, 0], spaced_alpha: [1, 1, 2], inner_alpha: [0, 1, 0] });
    const scripts = Object.fromEntries(d.scripts.map((g) => [g.name, [g.shared, g.onlyA, g.onlyB]]));
    expect(scripts).toEqual({ Latin: [1, 1, 1], Cyrillic: [0, 1, 0], Greek: [0, 0, 1], "(none)": [1, 0, 0] });
    expect(d.scripts[0]!.name).toBe("Latin"); // most changed first
    const spaced = d.classes.find((g) => g.name === "spaced_alpha")!;
    expect(spaced.examplesOnlyB).toEqual([" monde", " α"]); // longest (in bytes) first
    expect(spaced.examplesOnlyA).toEqual([" мир"]);
  });

  it("shows bytes that are not UTF-8 as hex", () => {
    const partial = makeVocabEntry(0, "Ã", new Uint8Array([0xc3]), {
      special: false,
      byteFallback: false,
      wordInitial: false,
    });
    const multi = makeVocabEntry(1, "x", new Uint8Array([0xe1, 0x83]), {
      special: false,
      byteFallback: false,
      wordInitial: false,
    });
    const d = vocabDiff([], [partial, multi]);
    expect(d.onlyB).toBe(2);
    expect(d.classes.find((g) => g.name === "partial_utf8")!.examplesOnlyB).toEqual(["0xe183", "0xc3"]);
  });
});
