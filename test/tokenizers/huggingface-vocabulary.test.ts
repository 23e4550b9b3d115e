// Vocabulary entries of tokenizer.json files decode to the bytes the tokenizer's decoder produces.
import { describe, expect, it } from "vitest";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";
import type { VocabEntry } from "../../src/tokenizers/tokenizer.js";
import { classifyEntry } from "../../src/vocab/qtok.js";

describe("Gemma 3's whitespace-run tokens", () => {
  it("decode to spaces and classify like mistral-7b's", async () => {
    const gemma = await sharedTokenizer("gemma3");
    const mistral = await sharedTokenizer("mistral-7b");
    const runs = (entries: readonly VocabEntry[]) =>
      new Map(entries.filter((e) => /^\u2581{2,}$/.test(e.token)).map((e) => [e.token.length, e] as const));
    const g = runs(gemma.vocabulary());
    const m = runs(mistral.vocabulary());
    expect(g.size).toBe(30); // ▁▁ ... 31 x ▁, listed both in the model vocabulary and as added tokens
    for (const [n, e] of g) {
      expect(e.text, e.token).toBe(" ".repeat(n));
      expect(e.wordInitial).toBe(true);
      expect(e.special).toBe(false);
    }
    let compared = 0;
    for (const [n, me] of m) {
      const ge = g.get(n);
      if (!ge) continue;
      expect(classifyEntry(ge), `${n} spaces`).toEqual(classifyEntry(me));
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
    // no non-special gemma3 entry shows the word marker as text
    expect(
      gemma
        .vocabulary()
        .filter((e) => !e.special && e.text?.includes("\u2581"))
        .map((e) => e.id),
    ).toEqual([]);
    const enc = gemma.encode("a    b");
    const shown = enc.ids.map((id) => gemma.vocabulary().find((e) => e.id === id)!.text).join("");
    expect(shown).toBe("a    b");
    expect(gemma.decode(enc.ids)).toBe("a    b");
  });
});
