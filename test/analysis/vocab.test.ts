// runVocab: coverage read from the shared tokenize phase equals counts from encoding each segment directly,
// in-process and in the worker pool, computed and from the cache.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runVocab } from "../../src/analysis/vocab.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";

const cache = mkdtempSync(join(tmpdir(), "toklens-vocab-"));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

const LANGS = ["amh_Ethi", "eng_Latn"]; // corpus order

/** Token occurrences and distinct ids per language, from `encode` on each segment's text (no tokenize phase). */
async function direct(ref: string): Promise<Map<string, { occurrences: number; used: number; top: number }>> {
  const corpus = await openCorpus("udhr", { languages: LANGS });
  const tokenizer = await loadTokenizer(ref);
  const out = new Map<string, { occurrences: number; used: number; top: number }>();
  try {
    for (const language of corpus.languages) {
      const counts = new Map<number, number>();
      for await (const seg of corpus.segments(language)) {
        for (const id of tokenizer.encode(seg.text).ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      const occurrences = [...counts.values()].reduce((a, b) => a + b, 0);
      out.set(language, { occurrences, used: counts.size, top: Math.max(...counts.values()) });
    }
  } finally {
    tokenizer.dispose();
  }
  return out;
}

describe("runVocab", () => {
  it("measures coverage on the shared tokenize phase with the numbers of a direct encode, pooled or not, cached or not", async () => {
    const expected = await direct("gpt2");
    const runs = [
      await runVocab({
        tokenizers: ["gpt2", "llama2"],
        corpus: "udhr",
        corpusOptions: { languages: LANGS },
        workers: 1,
        cache,
      }),
      await runVocab({
        tokenizers: ["gpt2", "llama2"],
        corpus: "udhr",
        corpusOptions: { languages: LANGS },
        workers: 2,
        cache,
      }),
      await runVocab({
        tokenizers: ["gpt2", "llama2"],
        corpus: "udhr",
        corpusOptions: { languages: LANGS },
        workers: 2,
        cache: false,
      }),
    ];
    for (const run of runs) {
      expect(run.coverage).toHaveLength(2);
      const gpt2 = run.coverage![0]!;
      expect(gpt2.tokenizer).toBe("gpt2");
      expect(gpt2.entries).toBe(50257);
      expect(gpt2.languages.map((l) => l.language)).toEqual(LANGS);
      for (const l of gpt2.languages) {
        const e = expected.get(l.language)!;
        expect(l.occurrences).toBe(e.occurrences);
        expect(l.usedEntries).toBe(e.used);
        expect(l.shareOfVocab).toBeCloseTo(e.used / 50257, 12);
        expect(l.top[0]!.count).toBe(e.top);
      }
      expect(run.tokenizers.map((t) => t.entries)).toEqual([50257, 32000]);
      expect(run.overlap?.tokenizers).toEqual(["gpt2", "llama2"]);
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  }, 120_000);

  it("reports progress per tokenizer x language, and has no coverage without a corpus", async () => {
    const seen: string[] = [];
    await runVocab({
      tokenizers: ["gpt2"],
      corpus: "udhr",
      corpusOptions: { languages: LANGS },
      cache: false,
      onProgress: (p) => seen.push(`${p.tokenizer} ${p.language} ${p.done}/${p.total}`),
    });
    expect(seen.map((s) => s.split(" ").at(-1)).sort()).toEqual(["1/2", "2/2"]);
    expect(seen.map((s) => s.split(" ")[1]).sort()).toEqual([...LANGS].sort());
    const bare = await runVocab({ tokenizers: ["gpt2"], examplesPerClass: 0 });
    expect(bare.coverage).toBeNull();
    expect(bare.overlap).toBeNull();
    expect(Object.values(bare.tokenizers[0]!.examples).every((e) => e.length === 0)).toBe(true);
  }, 60_000);
});
