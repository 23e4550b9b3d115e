// The tokenize cache on its own: where it lives, what its key depends on, the file round trip, every check that
// rejects an untrustworthy entry, and atomic writes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  cacheEntryProblem,
  cacheKey,
  defaultCacheDir,
  deserialize,
  serialize,
  TokenizeCache,
  type TokenizerInfo,
} from "../../src/tokenize/cache.js";
import type { TokenizedLanguage } from "../../src/types.js";
import { segmentTable } from "../../src/tokenize/segment-table.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-cache-unit-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const INFO: TokenizerInfo = { id: "tok", name: "Tok", sha256: "ab".repeat(32), vocabSize: 10 } as TokenizerInfo;
const KEY = "cd".repeat(32);
/** A cache file as parsed JSON, edited field by field to make it wrong: loosely typed on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CacheFileJson = any;

/** Two segments; 5 tokens (ids 5, 7, 7, 5, 9); 3 words, all measured, one split over two tokens. */
function sample(): TokenizedLanguage {
  return {
    tokenizer: "tok",
    language: "eng_Latn",
    vocabSize: 10,
    segments: segmentTable([
      { id: "s1", tokens: 3, bytes: 11, chars: 11, words: 2, unk: 0, byteFallback: 1 },
      { id: "s2", tokens: 2, bytes: 6, chars: 5, words: 1, unk: 1, byteFallback: 0 },
    ]),
    tokenFrequencies: new Map([
      [5, 2],
      [7, 2],
      [9, 1],
    ]),
    wordOccurrences: 3,
    measuredWords: 3,
    wordTokens: 4,
    continuedWords: 1,
    singleTokenWords: 2,
    isolatedWords: 0,
    isolatedSingleTokenWords: 0,
    lossyChars: 1,
    lossUnmeasuredChars: 0,
  };
}

/** The parsed cache file of `sample()`, changed by `edit`. */
function file(edit: (f: CacheFileJson) => void = () => undefined): unknown {
  const f = JSON.parse(serialize(KEY, INFO, sample()));
  edit(f);
  return f;
}

describe("defaultCacheDir", () => {
  it("prefers $TOKLENS_CACHE_DIR, then $XDG_CACHE_HOME/toklens, then ~/.cache/toklens", () => {
    expect(defaultCacheDir({ TOKLENS_CACHE_DIR: "/a", XDG_CACHE_HOME: "/b" })).toBe("/a");
    expect(defaultCacheDir({ XDG_CACHE_HOME: "/b" })).toBe("/b/toklens");
    expect(defaultCacheDir({ XDG_CACHE_HOME: "" })).toBe(join(homedir(), ".cache", "toklens"));
    expect(defaultCacheDir({ TOKLENS_CACHE_DIR: "" })).toBe(join(homedir(), ".cache", "toklens"));
    expect(defaultCacheDir({})).toBe(join(homedir(), ".cache", "toklens"));
  });
});

describe("cacheKey", () => {
  it("is a sha256 that changes with the tokenizer fingerprint, the language and the corpus text, and only with them", () => {
    const k = cacheKey("fp", "eng_Latn", "sha");
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey("fp", "eng_Latn", "sha")).toBe(k);
    expect(cacheKey("fp2", "eng_Latn", "sha")).not.toBe(k);
    expect(cacheKey("fp", "deu_Latn", "sha")).not.toBe(k);
    expect(cacheKey("fp", "eng_Latn", "sha2")).not.toBe(k);
    // no ambiguity from concatenation
    expect(cacheKey("fpe", "ng_Latn", "sha")).not.toBe(k);
  });

  it("keeps counts made without words, or without words encoded alone, apart from complete counts, and defaults to complete", () => {
    const k = cacheKey("fp", "eng_Latn", "sha");
    expect(cacheKey("fp", "eng_Latn", "sha", {})).toBe(k);
    const noWords = cacheKey("fp", "eng_Latn", "sha", { wordsSkipped: true });
    const noIsolated = cacheKey("fp", "eng_Latn", "sha", { isolatedSkipped: true });
    expect(noWords).toMatch(/^[0-9a-f]{64}$/);
    expect(noIsolated).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set([k, noWords, noIsolated]).size).toBe(3);
    // without words there are no isolated counts either: one key for both flags
    expect(cacheKey("fp", "eng_Latn", "sha", { wordsSkipped: true, isolatedSkipped: true })).toBe(noWords);
  });
});

describe("cacheKey and the schema version", () => {
  it("changes when TOKENIZE_SCHEMA_VERSION is bumped, so entries of an older shape are never read", async () => {
    const key = cacheKey("fp", "eng_Latn", "sha");
    vi.resetModules();
    vi.doMock("../../src/tokenize/tokenize-corpus.js", async (importOriginal) => {
      const real = await importOriginal<typeof import("../../src/tokenize/tokenize-corpus.js")>();
      return { ...real, TOKENIZE_SCHEMA_VERSION: real.TOKENIZE_SCHEMA_VERSION + 1 };
    });
    try {
      const bumped = await import("../../src/tokenize/cache.js");
      expect(bumped.cacheKey("fp", "eng_Latn", "sha")).toMatch(/^[0-9a-f]{64}$/);
      expect(bumped.cacheKey("fp", "eng_Latn", "sha")).not.toBe(key);
    } finally {
      vi.doUnmock("../../src/tokenize/tokenize-corpus.js");
      vi.resetModules();
    }
  });
});

describe("serialize and deserialize", () => {
  it("round-trip a result and its tokenizer record", () => {
    const text = serialize(KEY, INFO, sample());
    const back = deserialize(text, KEY);
    expect(back).toEqual({ tokenizer: INFO, data: sample() });
  });

  it("store columns, not one object per segment", () => {
    const f = JSON.parse(serialize(KEY, INFO, sample()));
    expect(f.key).toBe(KEY);
    expect(f.data.segmentIds).toEqual(["s1", "s2"]);
    expect(f.data.columns).toEqual({
      tokens: [3, 2],
      bytes: [11, 6],
      chars: [11, 5],
      words: [2, 1],
      unk: [0, 1],
      byteFallback: [1, 0],
    });
    expect(f.data.tokenFrequencies).toEqual([
      [5, 2],
      [7, 2],
      [9, 1],
    ]);
  });

  it("report text that is not JSON, or an entry under another key, as a problem", () => {
    expect(deserialize("{not json", KEY)).toEqual({ problem: "not valid JSON" });
    expect(deserialize(serialize(KEY, INFO, sample()), "ef".repeat(32))).toEqual({
      problem: "its key does not match its file name",
    });
  });
});

describe("cacheEntryProblem", () => {
  it("accepts a whole, consistent entry", () => {
    expect(cacheEntryProblem(file(), KEY)).toBeNull();
  });

  it.each([
    ["null", () => ({ replace: null }), "not an object"],
    ["a string", () => ({ replace: "x" }), "not an object"],
    ["another key", (f: CacheFileJson) => (f.key = "x"), "its key does not match its file name"],
    ["no tokenizer record", (f: CacheFileJson) => delete f.tokenizer, "bad tokenizer record"],
    ["a tokenizer id that is not a string", (f: CacheFileJson) => (f.tokenizer.id = 1), "bad tokenizer record"],
    ["a tokenizer without a name", (f: CacheFileJson) => delete f.tokenizer.name, "bad tokenizer record"],
    ["a tokenizer without a sha256", (f: CacheFileJson) => delete f.tokenizer.sha256, "bad tokenizer record"],
    [
      "a negative tokenizer vocabulary size",
      (f: CacheFileJson) => (f.tokenizer.vocabSize = -1),
      "bad tokenizer record",
    ],
    ["no data", (f: CacheFileJson) => delete f.data, "no data"],
    ["data that is not an object", (f: CacheFileJson) => (f.data = 3), "no data"],
    ["a data tokenizer that is not a string", (f: CacheFileJson) => (f.data.tokenizer = 1), "bad header"],
    ["a language that is not a string", (f: CacheFileJson) => (f.data.language = null), "bad header"],
    ["a vocabulary size of 0", (f: CacheFileJson) => (f.data.vocabSize = 0), "bad header"],
    ["a fractional vocabulary size", (f: CacheFileJson) => (f.data.vocabSize = 10.5), "bad header"],
    ["segment ids that are not a list", (f: CacheFileJson) => (f.data.segmentIds = "s1"), "bad segment ids"],
    ["a segment id that is not a string", (f: CacheFileJson) => (f.data.segmentIds[1] = 2), "bad segment ids"],
    ["a repeated segment id", (f: CacheFileJson) => (f.data.segmentIds = ["s1", "s1"]), "repeated segment ids"],
    ["no columns", (f: CacheFileJson) => delete f.data.columns, "no columns"],
    ["columns that are not an object", (f: CacheFileJson) => (f.data.columns = 1), "no columns"],
    ["a short column", (f: CacheFileJson) => (f.data.columns.bytes = [11]), "column 'bytes' is not 2 counts"],
    [
      "a missing column",
      (f: CacheFileJson) => delete f.data.columns.byteFallback,
      "column 'byteFallback' is not 2 counts",
    ],
    ["a negative count", (f: CacheFileJson) => (f.data.columns.chars = [11, -5]), "column 'chars' is not 2 counts"],
    ["a fractional count", (f: CacheFileJson) => (f.data.columns.words = [2, 0.5]), "column 'words' is not 2 counts"],
    ["no token frequencies", (f: CacheFileJson) => delete f.data.tokenFrequencies, "no token frequencies"],
    [
      "a frequency that is not a pair",
      (f: CacheFileJson) => (f.data.tokenFrequencies[0] = [5, 2, 1]),
      "bad token frequency",
    ],
    [
      "a frequency id past the vocabulary",
      (f: CacheFileJson) => (f.data.tokenFrequencies[2] = [10, 1]),
      "bad token frequency",
    ],
    ["a frequency of 0", (f: CacheFileJson) => f.data.tokenFrequencies.push([3, 0]), "bad token frequency"],
    ["a negative frequency id", (f: CacheFileJson) => (f.data.tokenFrequencies[2] = [-1, 1]), "bad token frequency"],
    [
      "frequencies that do not add up to the tokens",
      (f: CacheFileJson) => (f.data.tokenFrequencies[2] = [9, 2]),
      "token frequencies add up to 6, not the 5 tokens",
    ],
    [
      "more unknown tokens than tokens",
      (f: CacheFileJson) => (f.data.columns.unk = [3, 3]),
      "more unknown or byte-fallback tokens than tokens",
    ],
    [
      "more byte-fallback tokens than tokens",
      (f: CacheFileJson) => (f.data.columns.byteFallback = [3, 3]),
      "more unknown or byte-fallback tokens than tokens",
    ],
    ["no word occurrences", (f: CacheFileJson) => delete f.data.wordOccurrences, "bad 'wordOccurrences'"],
    [
      "a negative single-token word count",
      (f: CacheFileJson) => (f.data.singleTokenWords = -1),
      "bad 'singleTokenWords'",
    ],
    [
      "word occurrences unlike the words column",
      (f: CacheFileJson) => (f.data.wordOccurrences = 4),
      "word occurrences disagree with the words column",
    ],
    ["more measured words than words", (f: CacheFileJson) => (f.data.measuredWords = 4), "word counts out of range"],
    [
      "more continued and single-token words than measured",
      (f: CacheFileJson) => (f.data.continuedWords = 2),
      "word counts out of range",
    ],
  ])("rejects %s", (_what, edit, problem) => {
    const f = file();
    // an edit changes the file in place, or returns { replace } for an entry that is not an object at all
    const r = (edit as (f: CacheFileJson) => unknown)(f);
    const entry =
      r !== null && typeof r === "object" && !Array.isArray(r) && "replace" in r
        ? (r as { replace: unknown }).replace
        : f;
    expect(cacheEntryProblem(entry, KEY)).toBe(problem);
  });

  it("accepts the edge cases that are consistent: unk and byte fallback up to the tokens, measured words up to the words", () => {
    expect(
      cacheEntryProblem(
        file((f) => (f.data.columns.unk = [3, 2])),
        KEY,
      ),
    ).toBeNull();
    expect(
      cacheEntryProblem(
        file((f) => (f.data.columns.byteFallback = [3, 2])),
        KEY,
      ),
    ).toBeNull();
    expect(
      cacheEntryProblem(
        file((f) => {
          f.data.continuedWords = 1;
          f.data.singleTokenWords = 2;
        }),
        KEY,
      ),
    ).toBeNull();
    expect(
      cacheEntryProblem(
        file((f) => (f.data.tokenFrequencies = [[9, 5]])),
        KEY,
      ),
    ).toBeNull();
  });
});

describe("TokenizeCache", () => {
  it("misses, then stores under <dir>/<first two hex digits>/<key>.json and reads back the same result", async () => {
    const dir = join(tmp, "store");
    const cache = new TokenizeCache(dir);
    expect(await cache.get(KEY)).toBeNull();
    await cache.set(KEY, INFO, sample());
    expect(readdirSync(join(dir, "cd"))).toEqual([`${KEY}.json`]);
    expect(JSON.parse(readFileSync(join(dir, "cd", `${KEY}.json`), "utf8")).key).toBe(KEY);
    expect(await cache.get(KEY)).toEqual({ tokenizer: INFO, data: sample() });
    // a second write replaces the entry
    const changed = { ...sample(), tokenizer: "other" };
    await cache.set(KEY, INFO, changed);
    expect((await cache.get(KEY))!.data.tokenizer).toBe("other");
    expect(readdirSync(join(dir, "cd"))).toEqual([`${KEY}.json`]);
  });

  it("treats an untrustworthy entry as a miss and says which file and why", async () => {
    const dir = join(tmp, "bad");
    mkdirSync(join(dir, "cd"), { recursive: true });
    writeFileSync(join(dir, "cd", `${KEY}.json`), "{torn");
    const seen: Array<[string, string]> = [];
    expect(await new TokenizeCache(dir).get(KEY, (path, problem) => seen.push([path, problem]))).toBeNull();
    expect(seen).toEqual([[join(dir, "cd", `${KEY}.json`), "not valid JSON"]]);
  });

  it("a failed write throws and leaves no temporary file behind", async () => {
    const dir = join(tmp, "blocked");
    mkdirSync(join(dir, "cd", `${KEY}.json`), { recursive: true }); // a folder where the entry should go
    await expect(new TokenizeCache(dir).set(KEY, INFO, sample())).rejects.toThrow();
    expect(readdirSync(join(dir, "cd"))).toEqual([`${KEY}.json`]);
  });
});
