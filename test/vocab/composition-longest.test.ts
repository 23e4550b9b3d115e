// vocabComposition's longest entries: the same list as sorting every entry and taking the first n.
import { describe, expect, it } from "vitest";
import { vocabComposition } from "../../src/vocab/composition.js";
import { mulberry32 } from "../../src/metrics/prng.js";
import type { VocabEntry } from "../../src/tokenizers/tokenizer.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { entry } from "./entries.js";

/** The list as the composition wrote it before: filter, map, sort every entry, slice. */
function sorted(entries: readonly VocabEntry[], n: number) {
  return entries
    .filter((e) => !e.special && e.text !== null)
    .map((e) => ({ id: e.id, token: e.token, text: e.text, length: [...e.text!].length }))
    .sort((a, b) => b.length - a.length || a.id - b.id)
    .slice(0, n);
}

describe("vocabComposition longest", () => {
  it("matches sort-and-slice with many ties, ids out of order, specials and partial UTF-8 among them", () => {
    const next = mulberry32(3);
    const entries: VocabEntry[] = [];
    for (let k = 0; k < 500; k++) {
      const id = Math.floor(next() * 100_000);
      const r = next();
      const text = "ab😀é".repeat(1 + Math.floor(next() * 3)).slice(0, 1 + Math.floor(next() * 8));
      if (r < 0.05) entries.push(entry(id, `<s${k}>`, "<special-and-very-long>", { special: true }));
      else if (r < 0.1) entries.push(entry(id, `b${k}`, [0xe0, 0xa4]));
      else entries.push(entry(id, `t${k}`, text));
    }
    for (const n of [0, 1, 3, 10, 60, 1000])
      expect(vocabComposition("x", entries, { longest: n }).longest, String(n)).toEqual(sorted(entries, n));
  });

  it("matches sort-and-slice on the gpt2 vocabulary", async () => {
    const tokenizer = await loadTokenizer("gpt2");
    try {
      const entries = tokenizer.vocabulary();
      expect(vocabComposition("gpt2", entries).longest).toEqual(sorted(entries, 10));
      expect(vocabComposition("gpt2", entries, { longest: 200 }).longest).toEqual(sorted(entries, 200));
    } finally {
      tokenizer.dispose();
    }
  });
});
