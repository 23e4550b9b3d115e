// joinedInput's hash, which keys the tokenize cache: it follows the joined text, so an edited corpus is never served
// the counts of the old one.
import { describe, expect, it } from "vitest";
import type { Corpus } from "../../src/corpus/open-corpus.js";
import { joinedInput } from "../../src/tokenize/join.js";

/** A one-language corpus of `texts`, ids 1..n. */
function corpus(texts: readonly string[]): Corpus {
  return {
    source: "test",
    languages: ["eng_Latn"],
    parallel: true,
    unaligned: [],
    warnings: [],
    async *segments() {
      yield* texts.map((text, i) => ({ id: String(i + 1), text }));
    },
    describe: () => ({ name: "English" }),
    segmentCount: () => texts.length,
  };
}

const hashOf = async (texts: readonly string[]) => (await joinedInput(corpus(texts), "eng_Latn")).sha256;

describe("joinedInput's sha256", () => {
  it("changes with the text of any segment, ids unchanged", async () => {
    const base = await hashOf(["The cat sat.", "It purred."]);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashOf(["The cat sat.", "It purred."])).toBe(base);
    expect(await hashOf(["The dog sat.", "It purred."])).not.toBe(base);
    expect(await hashOf(["The cat sat.", "It purred!"])).not.toBe(base);
    expect(await hashOf(["The cat sat."])).not.toBe(base);
  });

  it("is the hash of the joined string the tokenizer sees: the same string from other cuts hashes the same", async () => {
    expect(await hashOf(["a b", "c"])).toBe(await hashOf(["a", "b c"]));
  });
});
