// runCompare paths a silent bug would slip through: languages of several chunks through the worker pool, the cache
// key of two tokenizer.json files, and which premiums the gini summary is computed over.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getEncoding } from "../helpers/js-tiktoken.js";
import { runCompare } from "../../src/analysis/compare.js";
import { sharedSession } from "../helpers/shared-tokenizers.js";
import { CHUNK_SEGMENTS } from "../../src/tokenize/run.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-pool-cache-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const flores = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/tokenizers/${name}`, import.meta.url));
const floresLines = (lang: string) =>
  ["dev", "devtest"].flatMap((split) =>
    readFileSync(join(flores, split, `${lang}.${split}`), "utf8")
      .split("\n")
      .filter(Boolean),
  );

/** A text: corpus of `n` lines per language, each line different (its number is in it). */
function bigTextCorpus(n: number): { dir: string; lines: Record<string, string[]> } {
  const dir = join(tmp, `text-${n}`);
  mkdirSync(dir, { recursive: true });
  const lines: Record<string, string[]> = {};
  for (const lang of ["eng_Latn", "deu_Latn"]) {
    const base = floresLines(lang);
    lines[lang] = Array.from({ length: n }, (_, i) => `${i} ${base[i % base.length]!.slice(0, 40 + (i % 60))}`);
    writeFileSync(join(dir, `${lang}.txt`), lines[lang]!.join("\n") + "\n");
  }
  return { dir, lines };
}

describe("languages of several chunks through the worker pool", () => {
  // 2.2 chunks per language: the last chunk is partial, so a dropped or truncated last chunk shows in the counts
  const n = 2 * CHUNK_SEGMENTS + 437;
  const { dir, lines } = bigTextCorpus(n);
  const direct = (encoding: "gpt2" | "cl100k_base", lang: string) => {
    const enc = getEncoding(encoding);
    return lines[lang]!.reduce((sum, l) => sum + enc.encode(l).length, 0);
  };

  it("one tokenizer dealt over 2 workers counts every segment of every chunk, as js-tiktoken does", async () => {
    const r = await runCompare({ tokenizers: ["gpt2"], corpus: `text:${dir}`, cache: false, workers: 2 });
    expect(r.stats.computed).toBe(2);
    for (const lang of ["eng_Latn", "deu_Latn"]) {
      const row = r.results.find((x) => x.language === lang)!;
      expect(row.segments, lang).toBe(n);
      expect(row.tokens, lang).toBe(direct("gpt2", lang));
    }
  });

  it("two tokenizers on one worker each count every chunk too", async () => {
    const r = await runCompare({
      tokenizers: ["gpt2", "cl100k_base"],
      corpus: `text:${dir}`,
      languages: ["deu_Latn"],
      cache: false,
      workers: 2,
    });
    for (const enc of ["gpt2", "cl100k_base"] as const) {
      const row = r.results.find((x) => x.tokenizer === enc && x.language === "deu_Latn")!;
      expect(row.segments, enc).toBe(n);
      expect(row.tokens, enc).toBe(direct(enc, "deu_Latn"));
    }
  });
});

describe("the cache key of tokenizer.json files", () => {
  it("two tokenizer.json files on a warm cache get their own counts, equal to a --no-cache run", async () => {
    const dir = join(tmp, "text-small");
    mkdirSync(dir, { recursive: true });
    const eng = ["the cat sat on the mat.", "a cat, a mat!", "the tokenizers splitting words into pieces."];
    writeFileSync(join(dir, "eng_Latn.txt"), eng.join("\n") + "\n");
    writeFileSync(join(dir, "deu_Latn.txt"), "die Katze.\nein Hund\nunglaublich\n");
    const cache = join(tmp, "cache-hf");
    const base = {
      tokenizers: [fixture("wordlevel.tokenizer.json"), fixture("wordpiece.tokenizer.json")],
      corpus: `text:${dir}`,
      workers: 1,
    };
    await runCompare({ ...base, cache });
    const warm = await runCompare({ ...base, cache });
    const cold = await runCompare({ ...base, cache: false });
    expect(warm.stats.cacheHits).toBe(4);
    expect(warm.results).toEqual(cold.results);
    // WordLevel with a Whitespace pre-tokenizer: one token per \w+ or [^\w\s]+ piece, known or [UNK]
    const pieces = eng.reduce((sum, l) => sum + l.match(/\w+|[^\w\s]+/g)!.length, 0);
    const engRows = warm.results.filter((r) => r.language === "eng_Latn");
    expect(engRows[0]!.tokens).toBe(pieces);
    expect(engRows[1]!.tokens).not.toBe(engRows[0]!.tokens);
  });
});

describe("gini in compare's summary", () => {
  it("is the gini of the non-pivot premiums only (the pivot's 1 is left out), computed by hand", async () => {
    const r = await runCompare({
      tokenizers: ["gpt2"],
      corpus: `flores:${flores}`,
      split: "dev+devtest",
      languages: ["eng_Latn", "deu_Latn", "hin_Deva"],
      cache: false,
      workers: 1,
      // the worker's loaded gpt2 (test/helpers/shared-tokenizers.ts): the summary is under test, not the load
      session: sharedSession(),
    });
    const enc = getEncoding("gpt2");
    const count = (lang: string) =>
      floresLines(lang).reduce((sum, l) => sum + enc.encode(l.normalize("NFC")).length, 0);
    const a = count("deu_Latn") / count("eng_Latn");
    const b = count("hin_Deva") / count("eng_Latn");
    // population gini sum_i sum_j |x_i - x_j| / (2 n^2 mean); for two values: |a - b| / (2 (a + b))
    const withoutPivot = Math.abs(a - b) / (2 * (a + b));
    const xs = [1, a, b];
    const mean = (1 + a + b) / 3;
    const withPivot = xs.reduce((s, x) => s + xs.reduce((t, y) => t + Math.abs(x - y), 0), 0) / (2 * 9 * mean);
    const gini = r.summary[0]!.gini!;
    expect(gini).toBeCloseTo(withoutPivot, 12);
    expect(Math.abs(gini - withPivot)).toBeGreaterThan(0.01);
  });
});

describe("a cache entry written by another tokenizer with the same files", () => {
  it("keeps the name and source of the tokenizer asked for (gpt2 after r50k_base, whose ranks are the same)", async () => {
    const cache = join(tmp, "cache-same-files");
    const text = bigTextCorpus(20).dir;
    const first = await runCompare({ tokenizers: ["r50k_base"], corpus: `text:${text}`, cache, workers: 1 });
    const second = await runCompare({ tokenizers: ["gpt2"], corpus: `text:${text}`, cache, workers: 1 });
    const cold = await runCompare({ tokenizers: ["gpt2"], corpus: `text:${text}`, cache: false, workers: 1 });
    // the second run was served from the entries the first one wrote
    expect(second.stats.cacheHits).toBe(2);
    expect(second.results.map((r) => r.tokens)).toEqual(first.results.map((r) => r.tokens));
    expect(second.tokenizers).toEqual(cold.tokenizers);
    expect(second.tokenizers[0]!.source).toBe("tiktoken/encoders/gpt2.json");
    expect(first.tokenizers[0]!.name).not.toBe(second.tokenizers[0]!.name);
  });
});
