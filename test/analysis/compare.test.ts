// runCompare end to end on real tokenizers and text: premiums equal a direct count with the tokenizers' own packages; cache and workers.
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readdir, readFile, writeFile, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getEncoding } from "../helpers/js-tiktoken.js";
import llamaTokenizer from "llama-tokenizer-js";
import { runCompare } from "../../src/analysis/compare.js";
import { sharedSession } from "../helpers/shared-tokenizers.js";

const flores = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));
const LANGS = ["eng_Latn", "deu_Latn", "hin_Deva"] as const;

async function lines(lang: string): Promise<string[]> {
  const dev = await readFile(join(flores, "dev", `${lang}.dev`), "utf8");
  const devtest = await readFile(join(flores, "devtest", `${lang}.devtest`), "utf8");
  return [...dev.split("\n"), ...devtest.split("\n")].filter(Boolean).map((l) => l.normalize("NFC"));
}

// Runs in this process (workers: 1) of built-ins take the worker's shared session (test/helpers/shared-tokenizers.ts)
// where loading is not what a test checks: each run would otherwise load and tabulate its tokenizers again. A run of
// a tokenizer file keeps a session of its own (a session remembers a reference's fingerprint), as do pooled runs.
const session = sharedSession();

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "toklens-compare-cache-"));
});

describe("compare on a FLORES-layout folder, dev+devtest", () => {
  it("premiums and token counts equal a direct count with js-tiktoken and llama-tokenizer-js", async () => {
    const result = await runCompare({
      tokenizers: ["cl100k_base", "gpt2", "llama2"],
      corpus: `flores:${flores}`,
      split: "dev+devtest",
      languages: [...LANGS],
      cache: cacheDir,
      workers: 2,
    });
    const count: Record<string, (t: string) => number> = {
      cl100k_base: (t) => getEncoding("cl100k_base").encode(t).length,
      gpt2: (t) => getEncoding("gpt2").encode(t).length,
      llama2: (t) => llamaTokenizer.encode(t, false, true).length,
    };
    for (const tok of ["cl100k_base", "gpt2", "llama2"]) {
      const direct: Record<string, number> = {};
      for (const lang of LANGS) direct[lang] = (await lines(lang)).reduce((n, l) => n + count[tok]!(l), 0);
      for (const lang of LANGS) {
        const row = result.results.find((r) => r.tokenizer === tok && r.language === lang)!;
        expect(row.segments).toBe(4);
        expect(row.tokens, `${tok} ${lang}`).toBe(direct[lang]);
        expect(row.premium, `${tok} ${lang}`).toBeCloseTo(direct[lang]! / direct["eng_Latn"]!, 12);
        expect(row.premium_ci![0]).toBeLessThanOrEqual(row.premium!);
        expect(row.premium_ci![1]).toBeGreaterThanOrEqual(row.premium!);
        expect(row.bytes).toBe((await lines(lang)).reduce((n, l) => n + Buffer.byteLength(l), 0));
      }
    }
    expect(result.pivot).toBe("eng_Latn");
    expect(result.summary.map((s) => s.tokenizer)).toEqual(["cl100k_base", "gpt2", "llama2"]);
    for (const s of result.summary) {
      const mine = result.results.filter((r) => r.tokenizer === s.tokenizer);
      const [deu, hin] = ["deu_Latn", "hin_Deva"].map((l) => mine.find((r) => r.language === l)!.premium!);
      expect(s.mean_premium).toBeCloseTo((deu! + hin!) / 2, 12); // the pivot's own 1.0 is not averaged in
      const fert = mine.map((r) => r.fertility!).sort((a, b) => a - b);
      expect(s.median_fertility).toBeCloseTo(fert[1]!, 12); // three languages: the middle one
    }
    // Hindi costs far more than German for GPT-2 (Petrov et al. 2023's headline finding)
    const prem = (t: string, l: string) => result.results.find((r) => r.tokenizer === t && r.language === l)!.premium!;
    expect(prem("gpt2", "hin_Deva")).toBeGreaterThan(prem("gpt2", "deu_Latn") * 2);
  });

  it("a second run is served from the cache with identical results; changed text is recomputed", async () => {
    const opts = {
      tokenizers: ["cl100k_base", "llama2"],
      corpus: `flores:${flores}`,
      split: "dev+devtest" as const,
      languages: [...LANGS],
      cache: cacheDir,
      workers: 1,
      session,
    };
    const first = await runCompare(opts);
    const second = await runCompare(opts);
    expect(second.stats.computed).toBe(0);
    expect(second.stats.cacheHits).toBe(6);
    expect(second.results).toEqual(first.results);

    const changed = await mkdtemp(join(tmpdir(), "toklens-flores-changed-"));
    await cp(flores, changed, { recursive: true });
    await writeFile(join(changed, "devtest", "deu_Latn.devtest"), "Ein ganz anderer Satz.\nNoch ein anderer Satz.\n");
    const third = await runCompare({ ...opts, corpus: `flores:${changed}` });
    expect(third.stats.computed).toBe(2); // German under two tokenizers
    expect(third.stats.cacheHits).toBe(4);
  });

  it("a corrupted cache entry is recomputed, not trusted", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-cache-corrupt-"));
    const opts = {
      tokenizers: ["gpt2"],
      corpus: `flores:${flores}`,
      split: "dev+devtest" as const,
      languages: ["eng_Latn"],
      cache: dir,
      workers: 1,
      session,
    };
    const first = await runCompare(opts);
    const [shard] = await readdir(dir);
    const [file] = (await readdir(join(dir, shard!))).filter((f) => f.endsWith(".json"));
    const path = join(dir, shard!, file!);
    await writeFile(path, (await readFile(path, "utf8")).slice(0, 50));
    const second = await runCompare(opts);
    expect(second.stats.computed).toBe(1);
    expect(second.results).toEqual(first.results);
    expect(JSON.parse(await readFile(path, "utf8")).key).toBeTruthy(); // rewritten whole
  });

  it("a cache entry of the right JSON but the wrong shape or inconsistent counts is recomputed with a warning", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-cache-shape-"));
    const opts = {
      tokenizers: ["gpt2"],
      corpus: `flores:${flores}`,
      split: "dev+devtest" as const,
      languages: ["eng_Latn"],
      cache: dir,
      workers: 1,
      session,
    };
    const first = await runCompare(opts);
    const [shard] = await readdir(dir);
    const [file] = (await readdir(join(dir, shard!))).filter((f) => f.endsWith(".json"));
    const path = join(dir, shard!, file!);
    const good = JSON.parse(await readFile(path, "utf8"));
    const tamper: Array<(e: typeof good) => void> = [
      (e) => (e.data.columns.tokens = e.data.columns.tokens.map((n: number) => n * 2)), // doubled counts
      (e) => (e.data.columns.tokens = "many"),
      (e) => (e.data.wordTokens = -1),
      (e) => (e.data.continuedWords = e.data.measuredWords + 1),
      (e) => delete e.data.segmentIds,
      (e) => (e.data.tokenFrequencies = [[1e9, 5]]),
    ];
    for (const change of tamper) {
      const entry = structuredClone(good);
      change(entry);
      await writeFile(path, JSON.stringify(entry));
      const again = await runCompare(opts);
      expect(again.stats.computed).toBe(1);
      expect(again.results).toEqual(first.results);
      expect(again.warnings.some((w) => w.code === "cache-entry-invalid" && w.message.includes(path))).toBe(true);
    }
  });

  it("an edited tokenizer_config.json is not served from the cache of the old one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-cache-config-"));
    const tok = await mkdtemp(join(tmpdir(), "toklens-tok-config-"));
    await cp(
      fileURLToPath(new URL("../fixtures/tokenizers/wordpiece.tokenizer.json", import.meta.url)),
      join(tok, "tokenizer.json"),
    );
    await writeFile(join(tok, "tokenizer_config.json"), JSON.stringify({}));
    const opts = {
      tokenizers: [tok],
      corpus: `flores:${flores}`,
      split: "dev" as const,
      languages: ["eng_Latn"],
      cache: dir,
      workers: 1,
    };
    await runCompare(opts);
    expect((await runCompare(opts)).stats.cacheHits).toBe(1);
    await writeFile(join(tok, "tokenizer_config.json"), JSON.stringify({ remove_space: true }));
    expect((await runCompare(opts)).stats.computed).toBe(1);
  });

  it("an unwritable cache directory costs only time: the run goes on without it, with a warning", async () => {
    const parent = await mkdtemp(join(tmpdir(), "toklens-cache-ro-"));
    const blocker = join(parent, "not-a-dir");
    await writeFile(blocker, "a file where the cache directory would be");
    const r = await runCompare({
      tokenizers: ["gpt2"],
      corpus: `flores:${flores}`,
      split: "dev" as const,
      languages: ["eng_Latn"],
      cache: join(blocker, "cache"),
      workers: 1,
      session,
    });
    expect(r.results[0]!.tokens).toBeGreaterThan(0);
    expect(r.warnings.some((w) => w.code === "cache-unwritable")).toBe(true);
  });

  it("a warm cache gives each tokenizer its own counts, equal to a run without the cache", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-cache-warm-"));
    const base = {
      tokenizers: ["gpt2", "llama2"],
      corpus: `flores:${flores}`,
      split: "dev+devtest" as const,
      languages: [...LANGS],
      workers: 1,
      session,
    };
    await runCompare({ ...base, cache: dir });
    const warm = await runCompare({ ...base, cache: dir });
    const cold = await runCompare({ ...base, cache: false });
    expect(warm.stats.cacheHits).toBe(6);
    expect(warm.results).toEqual(cold.results);
    const tokens = (r: typeof warm, t: string) => r.results.filter((x) => x.tokenizer === t).map((x) => x.tokens);
    expect(tokens(warm, "gpt2")).not.toEqual(tokens(warm, "llama2"));
  });

  it("one native tokenizer without a cache hashes while it reads: the same rows, warnings and corpus hash", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-cache-hash-"));
    const base = { tokenizers: ["llama3"], corpus: `flores:${flores}`, split: "dev+devtest" as const, workers: 1 };
    // with a cache each language is hashed in a pass of its own before the tokenize phase; without, while it is read
    const hashedFirst = await runCompare({ ...base, cache: dir });
    const hashedReading = await runCompare({ ...base, cache: false });
    expect(hashedFirst.stats.computed).toBe(3);
    const { stats: _a, ...first } = hashedFirst;
    const { stats: _b, ...reading } = hashedReading;
    expect(reading).toEqual(first);
    expect(reading.corpusSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads words as they occur in text: English UDHR with gpt2 has few continued words, and results carry strr", async () => {
    const r = await runCompare({
      tokenizers: ["gpt2", "llama2"],
      languages: ["eng_Latn"],
      cache: false,
      workers: 1,
      session,
    });
    const gpt2 = r.results.find((x) => x.tokenizer === "gpt2")!;
    // each word alone (without its leading space) gave 0.205; in running text ' the' etc. are single tokens
    expect(gpt2.continued_words!).toBeLessThan(0.05);
    expect(gpt2.strr!).toBeGreaterThan(0.9);
    expect(gpt2.word_fertility!).toBeGreaterThanOrEqual(1);
    expect(gpt2.continued_words! + gpt2.strr!).toBeLessThanOrEqual(1);
    // SentencePiece adds its word marker itself: the two families are now read the same way
    const llama2 = r.results.find((x) => x.tokenizer === "llama2")!;
    expect(Math.abs(llama2.continued_words! - gpt2.continued_words!)).toBeLessThan(0.15);
  });

  it("the JS engine gives the native engine's counts for a tokenizer.json", async () => {
    const base = {
      tokenizers: ["mistral-7b"],
      corpus: `flores:${flores}`,
      split: "dev+devtest" as const,
      languages: [...LANGS],
      cache: false as const,
      workers: 1,
    };
    const native = await runCompare({ ...base, load: { engine: "native" } });
    const js = await runCompare({ ...base, load: { engine: "js" } });
    expect(js.results).toEqual(native.results);
  });

  it("languages of several chunks give every chunk's counts, through the pool and in-process alike", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-chunks-"));
    const english = (await lines("eng_Latn")).join(" ");
    const german = (await lines("deu_Latn")).join(" ");
    // 4,500 lines each: three chunks of CHUNK_SEGMENTS (2,000) lines, the last one partial
    const make = (text: string) => Array.from({ length: 4500 }, (_, i) => `${i} ${text.slice(i % 50, 80 + (i % 50))}`);
    await writeFile(join(dir, "eng_Latn.txt"), make(english).join("\n") + "\n");
    await writeFile(join(dir, "deu_Latn.txt"), make(german).join("\n") + "\n");
    const base = { tokenizers: ["gpt2", "cl100k_base", "mistral-7b"], corpus: `text:${dir}`, cache: false as const };
    const two = await runCompare({ ...base, workers: 2 });
    const one = await runCompare({ ...base, workers: 1, session });
    expect(two.results).toEqual(one.results);
    for (const [tok, enc] of [
      ["gpt2", getEncoding("gpt2")],
      ["cl100k_base", getEncoding("cl100k_base")],
    ] as const) {
      for (const [lang, text] of [
        ["eng_Latn", english],
        ["deu_Latn", german],
      ] as const) {
        const row = two.results.find((r) => r.tokenizer === tok && r.language === lang)!;
        expect(row.segments).toBe(4500);
        expect(row.tokens, `${tok} ${lang}`).toBe(make(text).reduce((n, l) => n + enc.encode(l).length, 0));
      }
    }
  });

  it("2 workers and 1 worker give identical results", async () => {
    const base = {
      tokenizers: ["gpt2", "cl100k_base", "llama2"],
      corpus: `flores:${flores}`,
      split: "dev+devtest" as const,
      languages: [...LANGS],
      cache: false as const,
    };
    const one = await runCompare({ ...base, workers: 1, session });
    const two = await runCompare({ ...base, workers: 2 });
    expect(two.results).toEqual(one.results);
  });

  it("a pivot missing from the corpus gives null premiums with a warning, other metrics still computed", async () => {
    const r = await runCompare({
      tokenizers: ["gpt2"],
      corpus: `flores:${flores}`,
      split: "dev",
      languages: ["deu_Latn"],
      pivot: "fra_Latn",
      cache: false,
      workers: 1,
      session,
    });
    expect(r.results[0]!.premium).toBeNull();
    expect(r.results[0]!.fertility).toBeGreaterThan(1);
    expect(r.warnings.some((w) => w.code === "pivot-missing")).toBe(true);
  });
});
