// A tokenizer.json load whose facts come from the cache (keyed by the file's sha256) gives what a cold load gives:
// the same tokens, size, special tokens, entries and refusals, checked against the file parsed here on its own.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCacheDir, loadTokenizer } from "../../src/tokenizers/load.js";
import { BUILTIN_TOKENIZERS, findBuiltin, isInstalled, resolvePackageFile } from "../../src/tokenizers/registry.js";
import type { Tokenizer } from "../../src/tokenizers/tokenizer.js";
import { nativeSource } from "../../src/tokenizers/hf-vocabulary.js";
import { PACKAGE_ROOT } from "../../src/version.js";
import { sampleLines } from "./sample-text.js";
import { callCli } from "../cli/run-cli.js";
import { loadError as loadErrorWith } from "../helpers/load-error.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-load-facts-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(tmp, `cache-${++n}`);
const factsEntries = (dir: string) =>
  existsSync(join(dir, "tokenizer-json")) ? readdirSync(join(dir, "tokenizer-json")) : [];

/** What a test compares between two loads of one file. */
async function observe(t: Tokenizer, texts: readonly string[], ids: readonly number[]) {
  const encoded = [];
  for (const text of texts) encoded.push(await t.encodeAsync(text));
  const encodedIds = encoded.flatMap((e) => e.ids);
  return {
    family: t.family,
    engine: t.engine,
    vocabSize: t.vocabSize,
    unkId: t.unkId,
    keepsText: t.keepsText,
    sha256: t.sha256,
    encoded,
    entries: [...ids, ...encodedIds].map((id) => t.entry(id)),
  };
}

/** The stored token of each id as the file says (added tokens over the model's), parsed here without the loader. */
function fileTokens(path: string): Map<number, { token: string; special: boolean }> {
  const tj = JSON.parse(readFileSync(path, "utf8")) as {
    model: { vocab: Record<string, number> | Array<[string, number]> };
    added_tokens?: Array<{ id: number; content: string; special: boolean }>;
  };
  const byId = new Map<number, { token: string; special: boolean }>();
  const vocab = tj.model.vocab;
  if (Array.isArray(vocab)) vocab.forEach(([piece], id) => byId.set(id, { token: piece, special: false }));
  else for (const [token, id] of Object.entries(vocab)) byId.set(id, { token, special: false });
  for (const a of tj.added_tokens ?? []) byId.set(a.id, { token: a.content, special: a.special });
  return byId;
}

/** The tokenizer.json a reference loads. */
function fileOf(ref: string): string {
  const builtin = findBuiltin(ref);
  if (!builtin) return ref;
  if (builtin.source.kind !== "huggingface") throw new Error(`${ref} is not a tokenizer.json`);
  return resolvePackageFile(builtin.package, builtin.source.file)!;
}

const HF_BUILTINS = BUILTIN_TOKENIZERS.filter((b) => b.source.kind === "huggingface" && isInstalled(b)).map(
  (b) => b.id,
);
const FIXTURES = ["unigram-byte-fallback", "wordlevel", "wordpiece"].map((f) =>
  join(PACKAGE_ROOT, "test", "fixtures", "tokenizers", `${f}.tokenizer.json`),
);
const TEXTS = [
  ...sampleLines()
    .slice(0, 12)
    .map((l) => l.text),
  "Habari ya asubuhi",
  "hello world [UNK] 12\u00e9",
];

describe("a cached load and a cold load of every built-in tokenizer.json and the fixtures", () => {
  it("covers the built-ins the issue names", () => {
    expect(HF_BUILTINS).toEqual(expect.arrayContaining(["mistral-7b", "llama3", "qwen3", "gemma3"]));
  });

  for (const ref of [...HF_BUILTINS, ...FIXTURES]) {
    it(`${ref.split("/").pop()}: same tokens, size, special tokens and entries; every stored token is the file's`, async () => {
      const dir = freshDir();
      const cold = await loadTokenizer(ref, { cache: dir });
      expect(factsEntries(dir)).toHaveLength(1);
      const warm = await loadTokenizer(ref, { cache: dir });
      try {
        const probe = [0, 1, 2, 3, cold.vocabSize - 1, cold.vocabSize, cold.vocabSize + 5];
        expect(await observe(warm, TEXTS, probe)).toEqual(await observe(cold, TEXTS, probe));
        // every id of the warm load (whose tokens come from the engine, not the file) against the file itself
        const file = fileTokens(fileOf(ref));
        const wrong: string[] = [];
        let top = -1;
        for (const id of file.keys()) top = Math.max(top, id);
        for (let id = 0; id < warm.vocabSize; id++) {
          const want = file.get(id);
          const got = warm.entry(id);
          if (got?.token !== want?.token || (want?.special === true && got?.special !== true)) wrong.push(`id ${id}`);
        }
        expect(wrong).toEqual([]);
        expect(warm.vocabSize).toBe(top + 1);
      } finally {
        cold.dispose();
        warm.dispose();
      }
    });
  }

  it("the whole vocabulary of a fixture is the same from the cache", async () => {
    const dir = freshDir();
    for (const ref of FIXTURES) {
      const cold = await loadTokenizer(ref, { cache: dir });
      const warm = await loadTokenizer(ref, { cache: dir });
      expect(warm.vocabulary()).toEqual(cold.vocabulary());
      const off = await loadTokenizer(ref, { cache: false });
      expect(off.vocabulary()).toEqual(cold.vocabulary());
      for (const t of [cold, warm, off]) t.dispose();
    }
    expect(factsEntries(dir)).toHaveLength(FIXTURES.length);
  });
});

/** A small valid WordLevel tokenizer.json, its vocabulary given. */
function wordLevel(vocab: Record<string, unknown>): string {
  return JSON.stringify({
    version: "1.0",
    added_tokens: [
      { id: 0, content: "[UNK]", special: true, single_word: false, lstrip: false, rstrip: false, normalized: false },
    ],
    normalizer: null,
    pre_tokenizer: { type: "Whitespace" },
    post_processor: null,
    decoder: null,
    model: { type: "WordLevel", vocab, unk_token: "[UNK]" },
  });
}

const loadError = (ref: string, cache: string | false) => loadErrorWith(ref, { cache });

describe("refusals are not hidden by the cache", () => {
  const good = wordLevel({ "[UNK]": 0, hello: 1, world: 2 });
  // two entries with one id (and a size of its own: the file's hash is found by its stat, which a rewrite changes)
  const bad = wordLevel({ "[UNK]": 0, hello: 1, world: 1, again: 2 });

  it("a bad file is refused with the same message on every load, and leaves no entry", async () => {
    const dir = freshDir();
    const file = join(tmp, "bad.tokenizer.json");
    writeFileSync(file, bad);
    const first = await loadError(file, dir);
    expect(first).toMatch(/both have the id 1/);
    expect(await loadError(file, dir)).toBe(first);
    expect(await loadError(file, false)).toBe(first);
    expect(factsEntries(dir)).toEqual([]);
  });

  it("a path whose good file was cached, then replaced by a bad one, is refused like a cold load of the bad one", async () => {
    const dir = freshDir();
    const file = join(tmp, "replaced.tokenizer.json");
    writeFileSync(file, good);
    const t = await loadTokenizer(file, { cache: dir });
    expect(t.encodeIds("hello world")).toEqual([1, 2]);
    t.dispose();
    expect(factsEntries(dir)).toHaveLength(1);
    writeFileSync(file, bad);
    const cold = join(tmp, "bad-elsewhere.tokenizer.json");
    writeFileSync(cold, bad);
    expect((await loadError(file, dir)).replace(file, "F")).toBe((await loadError(cold, false)).replace(cold, "F"));
    // and once good again, the remembered facts serve it
    writeFileSync(file, good);
    const again = await loadTokenizer(file, { cache: dir });
    expect(again.vocabSize).toBe(3);
    again.dispose();
    expect(factsEntries(dir)).toHaveLength(1);
  });

  it("an entry that is not whole is recomputed, never trusted, and replaced", async () => {
    const dir = freshDir();
    const file = join(tmp, "corrupt.tokenizer.json");
    writeFileSync(file, good);
    (await loadTokenizer(file, { cache: dir })).dispose();
    const [name] = factsEntries(dir);
    const entry = join(dir, "tokenizer-json", name!);
    const whole = readFileSync(entry, "utf8");
    const parsed = JSON.parse(whole) as { facts: Record<string, unknown> };
    const plants = [
      whole.slice(0, whole.length / 2), // a torn write
      JSON.stringify({ ...parsed, facts: { ...parsed.facts, vocabSize: "3" } }),
      JSON.stringify({ ...parsed, facts: { ...parsed.facts, unk: { id: 99, token: "[UNK]" } } }),
      JSON.stringify({ ...parsed, facts: { ...parsed.facts, added: [[7, "x", true]] } }),
      JSON.stringify({ ...parsed, facts: { ...parsed.facts, family: "Mystery" } }),
    ];
    for (const plant of plants) {
      writeFileSync(entry, plant);
      const t = await loadTokenizer(file, { cache: dir });
      expect([t.vocabSize, t.unkId, t.family, t.entry(0)?.special]).toEqual([3, 0, "WordLevel", true]);
      t.dispose();
      expect(readFileSync(entry, "utf8")).toBe(whole);
    }
  });
});

describe("a remembered entry", () => {
  it("is what a repeated load reads instead of the file (a planted, well-formed size is believed)", async () => {
    const dir = freshDir();
    const file = join(tmp, "planted.tokenizer.json");
    writeFileSync(file, wordLevel({ "[UNK]": 0, hello: 1, world: 2 }));
    (await loadTokenizer(file, { cache: dir })).dispose();
    const entry = join(dir, "tokenizer-json", factsEntries(dir)[0]!);
    const parsed = JSON.parse(readFileSync(entry, "utf8")) as { facts: Record<string, unknown> };
    writeFileSync(entry, JSON.stringify({ ...parsed, facts: { ...parsed.facts, vocabSize: 4 } }));
    const planted = await loadTokenizer(file, { cache: dir });
    const off = await loadTokenizer(file, { cache: false });
    expect([planted.vocabSize, off.vocabSize]).toEqual([4, 3]);
    planted.dispose();
    off.dispose();
  });
});

describe("where the facts are kept", () => {
  it("cache: false, and TOKLENS_NO_CACHE=1 (what --no-cache sets), keep none; an explicit folder wins", () => {
    expect(loadCacheDir({ cache: false }, { TOKLENS_CACHE_DIR: "/c" })).toBeNull();
    expect(loadCacheDir({}, { TOKLENS_CACHE_DIR: "/c", TOKLENS_NO_CACHE: "1" })).toBeNull();
    expect(loadCacheDir({}, { TOKLENS_CACHE_DIR: "/c" })).toBe("/c");
    expect(loadCacheDir({ cache: "/d" }, { TOKLENS_CACHE_DIR: "/c", TOKLENS_NO_CACHE: "1" })).toBe("/d");
  });

  it("a load with cache: false writes nothing", async () => {
    const dir = freshDir();
    const t = await loadTokenizer(FIXTURES[0]!, { cache: false });
    t.dispose();
    expect(existsSync(dir)).toBe(false);
  });

  // the command in this process (callCli): the flag reaches the load through the environment, as in the binary
  it("`vocab --no-cache` leaves the cache folder without facts; without the flag it keeps them", async () => {
    const dir = freshDir();
    const run = (...flags: string[]) => callCli(["vocab", FIXTURES[1]!, ...flags], { env: { TOKLENS_CACHE_DIR: dir } });
    expect((await run("--no-cache")).code).toBe(0);
    expect(factsEntries(dir)).toEqual([]);
    expect((await run()).code).toBe(0);
    expect(factsEntries(dir)).toHaveLength(1);
  });
});

describe("the engine's stored tokens", () => {
  const facts = { modelSize: 3, added: [[3, "<s>", true]] as Array<[number, string, boolean]>, repeated: [] };
  const table = ["a", "b", "c"];

  it("are used when the engine agrees with the file on every added token", () => {
    const engine = (id: number) => ["A", "B", "C", "<s>"][id] ?? null;
    const source = nativeSource(engine, facts, () => table);
    expect([0, 1, 2, 3, 4].map((id) => source.tokenOf(id))).toEqual(["A", "B", "C", undefined, undefined]);
  });

  it("give way to the file's table when the engine numbered an added token otherwise", () => {
    let reads = 0;
    const engine = (id: number) => ["A", "B", "<s>", "C"][id] ?? null;
    const source = nativeSource(engine, facts, () => (reads++, table));
    expect([0, 1, 2, 3].map((id) => source.tokenOf(id))).toEqual(["a", "b", "c", undefined]);
    expect(reads).toBe(1);
  });
});
