// Issue 20, item 5: the examples of the fuzz pass against the disk caches. An entry of the right types that
// contradicts itself or the rest of the run is a miss: recomputed, with a `cache-entry-invalid` warning naming it.
import { describe, expect, it } from "vitest";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCompare } from "../../src/analysis/compare.js";
import { tokenSamples } from "../../src/analysis/token-samples.js";
import { vocabSection } from "../../src/analysis/vocab-section.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { TokenizerSession } from "../../src/tokenize/session.js";
import type { Warning } from "../../src/types.js";

const flores = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));
const invalid = (warnings: readonly { code: string; message: string }[], path: string) =>
  warnings.some((w) => w.code === "cache-entry-invalid" && w.message.includes(path));

describe("the vocabulary cache", () => {
  // distinct hashes make gpt2 and r50k_base (one file) two tokenizers to the cache
  const refs = [
    { id: "gpt2", sha256: "c".repeat(64) },
    { id: "r50k_base", sha256: "d".repeat(64) },
  ];

  it('a pair entry with "shared": 1e12 (more than either vocabulary) is recomputed: Jaccard stays in [0, 1]', async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-vocab-shared-"));
    const first = await vocabSection(refs, { cache: dir });
    const names = await readdir(join(dir, "vocab"));
    let pairPath = "";
    for (const n of names) {
      const path = join(dir, "vocab", n);
      const entry = JSON.parse(await readFile(path, "utf8")) as { key: string; value: Record<string, unknown> };
      if (!("shared" in entry.value)) continue;
      pairPath = path;
      await writeFile(path, JSON.stringify({ key: entry.key, value: { shared: 1e12 } }));
    }
    const second = await vocabSection(refs, { cache: dir });
    expect(second.section.overlap).toEqual(first.section.overlap);
    for (const row of second.section.overlap!.jaccard) for (const x of row) expect(x).toBeGreaterThanOrEqual(0);
    expect(invalid(second.warnings, pairPath)).toBe(true);
  });

  it("a composition entry of the wrong types is recomputed with a warning, not a crash", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-vocab-types-"));
    const first = await vocabSection(refs, { cache: dir });
    const paths: string[] = [];
    for (const n of await readdir(join(dir, "vocab"))) {
      const path = join(dir, "vocab", n);
      const entry = JSON.parse(await readFile(path, "utf8")) as { key: string; value: Record<string, unknown> };
      if ("shared" in entry.value) continue;
      paths.push(path);
      await writeFile(path, JSON.stringify({ key: entry.key, value: { report: { scripts: "x" }, decodedSize: "9" } }));
    }
    const second = await vocabSection(refs, { cache: dir });
    expect(second.section).toEqual(first.section);
    for (const path of paths) expect(invalid(second.warnings, path)).toBe(true);
  });
});

describe("the tokenize cache", () => {
  it("token frequencies that give one id twice (unique_tokens 1) are recomputed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-cache-repeated-ids-"));
    const opts = {
      tokenizers: ["gpt2"],
      corpus: `flores:${flores}`,
      split: "dev" as const,
      languages: ["eng_Latn"],
      metrics: ["unique_tokens" as const],
      cache: dir,
      workers: 1,
    };
    const first = await runCompare(opts);
    const [shard] = await readdir(dir);
    const [file] = (await readdir(join(dir, shard!))).filter((f) => f.endsWith(".json"));
    const path = join(dir, shard!, file!);
    const entry = JSON.parse(await readFile(path, "utf8")) as { data: { tokenFrequencies: [number, number][] } };
    // the same total, every token under the first id: one distinct token
    const total = entry.data.tokenFrequencies.reduce((n, [, c]) => n + c, 0);
    const id = entry.data.tokenFrequencies[0]![0];
    entry.data.tokenFrequencies = [
      [id, 1],
      [id, total - 1],
    ];
    await writeFile(path, JSON.stringify(entry));
    const second = await runCompare(opts);
    expect(second.results).toEqual(first.results);
    expect(second.stats.computed).toBe(1);
    expect(invalid(second.warnings, path)).toBe(true);
  });
});

describe("the token-sample cache", () => {
  it("a forged entry (its tokens do not spell its text) is recomputed with a warning, never shown", async () => {
    const cache = await mkdtemp(join(tmpdir(), "toklens-samples-forged-"));
    const corpus = await openCorpus(`flores:${flores}`, { split: "dev" });
    const run = async (warnings?: Warning[]) => {
      const session = new TokenizerSession();
      try {
        return await tokenSamples(corpus, ["eng_Latn"], ["gpt2"], session, undefined, cache, warnings);
      } finally {
        session.dispose();
      }
    };
    const first = await run();
    const [name] = await readdir(join(cache, "samples"));
    const path = join(cache, "samples", name!);
    const key = name!.replace(/\.json$/, "");
    const text = first.samples[0]!.text;
    const n = String(text.length);
    // entries of the packed shape (schema 2): each unpacks, but is not a split of the sample's text
    const forgeries = [
      { key, text: "<b>FORGED</b>", split: { ids: "0", groups: "13", stored: "utf8" } },
      { key, text, split: { ids: "0", groups: n, stored: "utf8", hexExceptions: [[0, "21"]] } },
      { key, text, split: { ids: "0", groups: "1", stored: "utf8" } },
      { key, text, split: { ids: "0 1", groups: n, stored: "utf8" } },
      { key, text, split: { ids: "0", groups: n, stored: "latin1" } },
      { key, text, split: { ids: "0", groups: n, stored: "utf8", storedExceptions: [[0, 33]] } },
    ];
    for (const forged of forgeries) {
      await writeFile(path, JSON.stringify(forged));
      // the run's whole set of splits is an entry too, read first: removed, so the split's own entry is read
      await rm(join(cache, "sample-sets"), { recursive: true, force: true });
      const warnings: Warning[] = [];
      expect(await run(warnings)).toEqual(first);
      expect(invalid(warnings, path)).toBe(true);
    }
  });
});
