// A report's comparison read whole from the cache: the same files byte for byte as computing it (and as a run
// without a cache), answered only for the same inputs, and a damaged entry recomputed with a warning.
import { describe, expect, it } from "vitest";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AnalysisConfig } from "../../src/analysis/config.js";
import { runAnalysis, type RunAnalysisOptions } from "../../src/analysis/run-analysis.js";
import { registerMetric } from "../../src/metrics/registry.js";
import { tokensPerSegment } from "../fixtures/metrics/toy-metric.js";

const flores = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));
const date = new Date("2025-01-02T03:04:05.000Z");

const config: AnalysisConfig = {
  title: "memo",
  tokenizers: ["gpt2", "cl100k_base"],
  corpus: { source: `flores:${flores}`, split: "dev" },
  languages: ["eng_Latn", "deu_Latn", "hin_Deva"],
  pivot: "eng_Latn",
  vocab: { enabled: false },
};

/** Runs the analysis into a new folder; returns its files' text and the compare phase's detail line. */
async function run(c: AnalysisConfig, cache: string | false, extra: Partial<RunAnalysisOptions> = {}) {
  const out = join(await mkdtemp(join(tmpdir(), "toklens-memo-out-")), "report");
  let detail = "";
  const r = await runAnalysis(c, {
    out,
    command: "toklens report",
    cache,
    workers: 1,
    date,
    onPhase: (phase, _ms, d) => {
      if (phase === "compare") detail = d;
    },
    ...extra,
  });
  const files: Record<string, string> = {};
  for (const name of (await readdir(out)).sort()) files[name] = await readFile(join(out, name), "utf8");
  return { files, detail, warnings: r.data.compare.warnings };
}

/** Removes every tokenize result of a cache (sharded folders of two hex digits), keeping the other caches. */
async function dropTokenizeResults(cache: string): Promise<void> {
  for (const name of await readdir(cache))
    if (/^[0-9a-f]{2}$/.test(name)) await rm(join(cache, name), { recursive: true });
}

describe("the compare memo of a report", () => {
  it("gives the same files as computing, answers only the same inputs, and recomputes a damaged entry", async () => {
    const cache = await mkdtemp(join(tmpdir(), "toklens-memo-cache-"));
    const uncached = await run(config, false);
    const first = await run(config, cache);
    expect(first.detail).toContain("6 tokenized");
    expect(first.files).toEqual(uncached.files);
    const entries = await readdir(join(cache, "compare"));
    expect(entries).toHaveLength(1);

    // without its tokenize results the cache can answer only from the memo: nothing tokenized, the same bytes
    await dropTokenizeResults(cache);
    const second = await run(config, cache);
    expect(second.detail).toContain("0 tokenized");
    expect(second.files).toEqual(first.files);

    // another pivot, another metric option, another language set: not the remembered comparison
    for (const changed of [
      { ...config, pivot: "deu_Latn" },
      { ...config, efficiencyVocabSize: "observed" as const },
      { ...config, languages: ["eng_Latn", "hin_Deva"] },
    ]) {
      await dropTokenizeResults(cache);
      const other = await run(changed, cache);
      expect(other.detail).not.toContain("0 tokenized");
      expect(other.files).toEqual((await run(changed, false)).files);
    }

    // a number changed inside the entry's JSON (still valid JSON): a miss, recomputed, reported; then remembered again
    const path = join(cache, "compare", entries[0]!);
    const text = await readFile(path, "utf8");
    const damaged = text.replace(/\\"tokens\\":(\d)/, (_m, d: string) => `\\"tokens\\":${(Number(d) + 1) % 10}`);
    expect(damaged).not.toBe(text);
    await writeFile(path, damaged);
    await dropTokenizeResults(cache);
    const third = await run(config, cache);
    expect(third.detail).toContain("6 tokenized");
    expect(third.warnings.filter((w) => w.code === "cache-entry-invalid").map((w) => w.message)).toEqual([
      `Ignored the cache entry '${path}' (its result does not match its hash) and recomputed it.`,
    ]);
    // the recomputed comparison replaced the entry, without the warning about it
    await dropTokenizeResults(cache);
    const fourth = await run(config, cache);
    expect(fourth.detail).toContain("0 tokenized");
    expect(fourth.files).toEqual(first.files);
  });

  it("is off while a metric registered at run time is in the rows", async () => {
    const cache = await mkdtemp(join(tmpdir(), "toklens-memo-cache-"));
    const unregister = registerMetric({ definition: tokensPerSegment, needsTokenIds: false });
    try {
      await run(config, cache);
    } finally {
      unregister();
    }
    expect(await readdir(cache)).not.toContain("compare");
  });
});
