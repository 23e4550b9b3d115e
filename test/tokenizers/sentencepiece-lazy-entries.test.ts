// SentencePiece entries are made on first use: the same entries whichever is asked first, one per id, none past the end.
import { describe, expect, it } from "vitest";
import { loadTokenizer } from "../../src/tokenizers/load.js";

describe("SentencePiece vocabulary entries", () => {
  it("entry(id) first or vocabulary() first give the same entries, and entry(id) is vocabulary()[id]", async () => {
    const a = await loadTokenizer("llama2");
    const b = await loadTokenizer("llama2");
    try {
      const some = [0, 1, 2, 3, 259, 13, 31999].map((id) => a.entry(id));
      const all = b.vocabulary();
      expect(all).toHaveLength(32000);
      expect(some).toEqual([0, 1, 2, 3, 259, 13, 31999].map((id) => all[id]));
      expect(a.vocabulary()).toEqual(all);
      a.vocabulary().forEach((e, id) => expect(a.entry(id)).toBe(e));
      for (const bad of [-1, 32000, 1.5]) expect(a.entry(bad)).toBeUndefined();
      // the pieces the engine's ids name, as tokens
      const enc = a.encode("Habari ya asubuhi");
      expect(enc.tokens).toEqual(enc.ids.map((id) => all[id]!.token));
      expect(a.encodeIds("hi", { addSpecialTokens: true })[0]).toBe(all.findIndex((e) => e.token === "<s>"));
    } finally {
      a.dispose();
      b.dispose();
    }
  });
});
