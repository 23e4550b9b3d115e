// The vocab phase's Jaccard (interned ids, one pass per pair) equals the string-set Jaccard of vocab/overlap.ts.
import { describe, expect, it } from "vitest";
import { vocabSection } from "../../src/analysis/vocab-section.js";
import { loadTokenizer, resolveTokenizerSpec, specSha256 } from "../../src/tokenizers/load.js";
import { decodedSet, jaccard } from "../../src/vocab/overlap.js";

describe("vocabSection overlap", () => {
  it("gives each pair the Jaccard of the two decoded sets, computed on strings", async () => {
    const ids = ["gpt2", "p50k_base", "cl100k_base"];
    const tokenizers = await Promise.all(
      ids.map(async (id) => ({ id, sha256: await specSha256(await resolveTokenizerSpec(id)) })),
    );
    const { section } = await vocabSection(tokenizers, { cache: false });
    const sets = [];
    for (const id of ids) {
      const t = await loadTokenizer(id);
      sets.push(decodedSet(t.vocabulary()));
      t.dispose();
    }
    for (let i = 0; i < ids.length; i++)
      for (let j = 0; j < ids.length; j++)
        expect(section.overlap!.jaccard[i]![j], `${ids[i]} ${ids[j]}`).toBe(i === j ? 1 : jaccard(sets[i]!, sets[j]!));
    // gpt2 and p50k_base share all but the added whitespace tokens: a Jaccard near 1 that is not 1
    expect(section.overlap!.jaccard[0]![1]).toBeGreaterThan(0.99);
    expect(section.overlap!.jaccard[0]![1]).toBeLessThan(1);
  }, 120_000);
});
