// WordLevel and WordPiece tokenizers (hand-written fixtures) against the Rust engine, including the unknown-token fix.
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import rust from "tokenizers";
import { loadTokenizer } from "../../src/tokenizers/load.js";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/tokenizers/${name}`, import.meta.url));
const texts = ["The cat sat on the DOG mat.", "Tokenizers splitting words into pieces, unrelated 语言 zzz", "a cat"];

describe("WordLevel", () => {
  it("maps out-of-vocabulary words to the unknown id like the Rust engine (the JS engine returns undefined)", async () => {
    const path = fixture("wordlevel.tokenizer.json");
    const ours = await loadTokenizer(path);
    const reference = rust.Tokenizer.fromFile(path);
    expect(ours.family).toBe("WordLevel");
    expect(ours.unkId).toBe(0);
    for (const text of texts) {
      const expected = await reference.encode(text, null, { addSpecialTokens: false });
      const got = ours.encode(text);
      expect(got.ids).toEqual(expected.getIds());
      expect(got.tokens).toEqual(expected.getTokens());
    }
    // hand-checked: "dog" is unknown
    expect(ours.encode("the dog").ids).toEqual([1, 0]);
    expect(ours.encode("the dog").tokens).toEqual(["the", "[UNK]"]);
  });
});

describe("WordPiece", () => {
  it("matches the Rust engine, strips ## in decoded entries, and adds [CLS]/[SEP] only when asked", async () => {
    const path = fixture("wordpiece.tokenizer.json");
    const ours = await loadTokenizer(path);
    const reference = rust.Tokenizer.fromFile(path);
    expect(ours.family).toBe("WordPiece");
    for (const text of texts) {
      expect(ours.encodeIds(text)).toEqual((await reference.encode(text, null, { addSpecialTokens: false })).getIds());
      expect(ours.encodeIds(text, { addSpecialTokens: true })).toEqual((await reference.encode(text)).getIds());
    }
    const izer = ours.vocabulary().find((e) => e.token === "##izer")!;
    expect(izer.text).toBe("izer");
    expect(izer.wordInitial).toBe(false);
    const token = ours.vocabulary().find((e) => e.token === "token")!;
    expect(token.wordInitial).toBe(true);
    expect(ours.vocabulary().find((e) => e.token === "[CLS]")!.special).toBe(true);
  });

  it("loads from a directory holding tokenizer.json", async () => {
    const { mkdtemp, copyFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = await mkdtemp(join(tmpdir(), "toklens-dir-"));
    await copyFile(fixture("wordpiece.tokenizer.json"), join(dir, "tokenizer.json"));
    const t = await loadTokenizer(dir);
    expect(t.encodeIds("the tokenizers")).toEqual([4, 5, 6, 7]);
  });
});
