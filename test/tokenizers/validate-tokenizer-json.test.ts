// Malformed tokenizer.json vocabularies are refused at load with a TokenizerLoadError naming the file and the entry.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TokenizerLoadError } from "../../src/errors.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { validateTokenizerJson } from "../../src/tokenizers/validate-tokenizer-json.js";
import { BUILTIN_TOKENIZERS, resolvePackageFile } from "../../src/tokenizers/registry.js";

const wordpieceFixture = fileURLToPath(new URL("../fixtures/tokenizers/wordpiece.tokenizer.json", import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "toklens-tj-"));
});

const SHELL = {
  version: "1.0",
  truncation: null,
  padding: null,
  added_tokens: [],
  normalizer: null,
  pre_tokenizer: null,
  post_processor: null,
  decoder: null,
};

function bpe(vocab: Record<string, unknown>): object {
  const model = {
    type: "BPE",
    dropout: null,
    unk_token: null,
    continuing_subword_prefix: null,
    end_of_word_suffix: null,
    fuse_unk: false,
    byte_fallback: false,
    vocab,
    merges: [],
  };
  return { ...SHELL, model };
}

function unigram(unkId: unknown): object {
  return {
    ...SHELL,
    model: {
      type: "Unigram",
      unk_id: unkId,
      vocab: [
        ["<unk>", 0],
        ["a", -1],
        ["b", -2],
      ],
    },
  };
}

async function loadError(name: string, json: object): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(json));
  const err = await loadTokenizer(file).then(
    (t) => {
      t.dispose();
      return null;
    },
    (e: unknown) => e,
  );
  expect(err, name).toBeInstanceOf(TokenizerLoadError);
  const message = (err as Error).message;
  expect(message).toContain(file);
  return message;
}

describe("tokenizer.json vocabulary validation", () => {
  it("refuses negative, huge and non-integer ids", async () => {
    expect(await loadError("neg.json", bpe({ a: -5, b: 1e12 }))).toMatch(
      /entry "a" has the id -5; ids must be integers from 0/,
    );
    expect(await loadError("huge.json", bpe({ a: 0, b: 1e12 }))).toMatch(/entry "b" has the id 1000000000000/);
    expect(await loadError("sparse.json", bpe({ a: 0, b: 2_000_000_000 }))).toMatch(
      /entry "b" has the id 2000000000, but there are only 2 ids/,
    );
    expect(await loadError("frac.json", bpe({ a: 0, b: 1.5 }))).toMatch(/entry "b" has the id 1\.5/);
  });

  it("refuses string ids", async () => {
    expect(await loadError("strings.json", bpe({ a: "0", b: "1" }))).toMatch(
      /entry "a" has the id "0" \(a string\).*JSON numbers/,
    );
  });

  it("refuses two vocabulary strings with one id, naming both", async () => {
    expect(await loadError("dup.json", bpe({ a: 0, b: 1, c: 1 }))).toMatch(/entries "b" and "c" both have the id 1/);
  });

  it("refuses a Unigram unk_id outside the vocabulary, accepts one inside or null", async () => {
    expect(await loadError("unk7.json", unigram(7))).toMatch(
      /Unigram "unk_id" is 7, outside its vocabulary of 3 pieces/,
    );
    expect(await loadError("unkneg.json", unigram(-1))).toMatch(/"unk_id" is -1/);
    expect(() => validateTokenizerJson(unigram(0), "x.json")).not.toThrow();
    expect(() => validateTokenizerJson(unigram(null), "x.json")).not.toThrow();
  });

  it("refuses a WordPiece model without an unknown token in its vocabulary", async () => {
    const tj = JSON.parse(await readFile(wordpieceFixture, "utf8"));
    delete tj.model.unk_token;
    expect(await loadError("wp-nounk.json", tj)).toMatch(/WordPiece model has no "unk_token".*"\[UNK\]"/);
    tj.model.unk_token = "[NOPE]";
    expect(await loadError("wp-badunk.json", tj)).toMatch(/"unk_token" "\[NOPE\]" is not in its vocabulary/);
  });

  it("refuses a bad added-token id", async () => {
    const tj = { ...bpe({ a: 0 }), added_tokens: [{ id: "1", content: "<s>", special: true }] };
    expect(await loadError("added.json", tj)).toMatch(/added token "<s>" has the id "1" \(a string\)/);
  });

  it("accepts every built-in tokenizer.json", async () => {
    let checked = 0;
    for (const entry of BUILTIN_TOKENIZERS) {
      if (entry.source.kind !== "huggingface") continue;
      const file = resolvePackageFile(entry.package, entry.source.file);
      if (!file) continue; // an optional package that is not installed
      expect(() => validateTokenizerJson(JSON.parse(readFileSync(file, "utf8")), file), entry.id).not.toThrow();
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });
});
