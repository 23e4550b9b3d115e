// runDiff in process, on counts files with hand-chosen token counts: rows, intervals, order and warnings (the CLI
// and real tokenizers are in diff.test.ts).
import { describe, expect, it, onTestFinished } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runDiff } from "../../src/analysis/diff.js";
import { ConfigError } from "../../src/errors.js";

describe("runDiff's language order", () => {
  it("puts languages without a ratio last, by code, after the others from cheapest to dearest", async () => {
    // A gives no tokens for deu_Latn and spa_Latn (no ratio); B/A is 2 for eng_Latn and 0.5 for fra_Latn
    const dir = await mkdtemp(join(tmpdir(), "toklens-diff-order-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const langs = ["spa_Latn", "eng_Latn", "deu_Latn", "fra_Latn"];
    await writeFile(
      join(dir, "corpus.jsonl"),
      langs.map((lang) => JSON.stringify({ id: "1", lang, text: "some words here" })).join("\n") + "\n",
    );
    const counts = async (name: string, tokens: Record<string, number>) => {
      const file = join(dir, name);
      await writeFile(
        file,
        langs.map((language) => JSON.stringify({ language, id: "1", tokens: tokens[language] })).join("\n") + "\n",
      );
      return `counts:${file}`;
    };
    const d = await runDiff({
      a: await counts("a.jsonl", { spa_Latn: 0, eng_Latn: 10, deu_Latn: 0, fra_Latn: 10 }),
      b: await counts("b.jsonl", { spa_Latn: 3, eng_Latn: 20, deu_Latn: 4, fra_Latn: 5 }),
      corpus: `jsonl:${join(dir, "corpus.jsonl")}`,
      languages: langs,
      cache: false,
      workers: 1,
    });
    expect(d.languages.map((l) => [l.language, l.ratio])).toEqual([
      ["fra_Latn", 0.5],
      ["eng_Latn", 2],
      ["deu_Latn", null],
      ["spa_Latn", null],
    ]);
  });
});

describe("runDiff's rows and warnings, on counts files with hand-chosen numbers", () => {
  /** A JSONL corpus of `segments` segments per language, and counts files of A and B (tokens per language, per segment). */
  async function setup(a: Record<string, number[]>, b: Record<string, number[]>) {
    const dir = await mkdtemp(join(tmpdir(), "toklens-diff-rows-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const rows = Object.entries(a).flatMap(([lang, counts]) =>
      counts.map((_, i) => JSON.stringify({ id: String(i + 1), lang, text: `words number ${i + 1}` })),
    );
    await writeFile(join(dir, "corpus.jsonl"), rows.join("\n") + "\n");
    const counts = async (name: string, tokens: Record<string, number[]>) => {
      const file = join(dir, name);
      const lines = Object.entries(tokens).flatMap(([language, t]) =>
        t.map((n, i) => JSON.stringify({ language, id: String(i + 1), tokens: n })),
      );
      await writeFile(file, lines.join("\n") + "\n");
      return `counts:${file}`;
    };
    return {
      dir,
      a: await counts("a.jsonl", a),
      b: await counts("b.jsonl", b),
      corpus: `jsonl:${join(dir, "corpus.jsonl")}`,
    };
  }

  it("gives each language's tokens, B/A, its interval and what it means, and says why there is no vocabulary", async () => {
    // eng: B is twice A on every segment (every resample gives 2); fra: half; deu: 0.5 or 1.5 by segment; spa: A has none
    const s = await setup(
      { eng_Latn: [10, 20, 30, 40], fra_Latn: [8, 8, 8, 8], deu_Latn: [10, 10, 10, 10], spa_Latn: [0, 0, 0, 0] },
      { eng_Latn: [20, 40, 60, 80], fra_Latn: [4, 4, 4, 4], deu_Latn: [5, 15, 5, 15], spa_Latn: [3, 1, 0, 0] },
    );
    const d = await runDiff({
      a: s.a,
      b: s.b,
      corpus: s.corpus,
      languages: ["eng_Latn", "fra_Latn", "deu_Latn", "spa_Latn"],
      cache: false,
      workers: 1,
    });
    const [fra, deu, eng, spa] = d.languages;
    expect(fra).toEqual({
      language: "fra_Latn",
      name: "French",
      script: "Latn",
      segments: 4,
      tokens_a: 32,
      tokens_b: 16,
      ratio: 0.5,
      ratio_ci: [0.5, 0.5],
      change: "cheaper",
    });
    expect(eng).toMatchObject({ language: "eng_Latn", name: "English", tokens_a: 100, tokens_b: 200, ratio: 2 });
    expect([eng!.ratio_ci, eng!.change]).toEqual([[2, 2], "dearer"]);
    // deu: resamples of 4 segments at 0.5 or 1.5 each: the 95% interval holds 1 and lies within [0.5, 1.5]
    expect([deu!.language, deu!.segments, deu!.ratio, deu!.change]).toEqual([
      "deu_Latn",
      4,
      1,
      "no significant change",
    ]);
    expect(deu!.ratio_ci![0]).toBeGreaterThanOrEqual(0.5);
    expect(deu!.ratio_ci![0]).toBeLessThan(1);
    expect(deu!.ratio_ci![1]).toBeGreaterThan(1);
    expect(deu!.ratio_ci![1]).toBeLessThanOrEqual(1.5);
    expect(spa).toEqual({
      language: "spa_Latn",
      name: "Spanish",
      script: "Latn",
      segments: 4,
      tokens_a: 0,
      tokens_b: 4,
      ratio: null,
      ratio_ci: null,
      change: null,
    });
    expect([d.a.id, d.b.id, d.corpus, d.vocabulary, d.joinedSegments]).toEqual([s.a, s.b, s.corpus, null, undefined]);
    expect(d.warnings).toEqual([
      {
        code: "no-text",
        language: "spa_Latn",
        message: `${s.a} gives no tokens for spa_Latn in '${s.corpus}', so its ratio is null.`,
      },
      {
        code: "counts-only",
        tokenizer: s.a,
        message: `The vocabulary comparison is left out: ${s.a} and ${s.b} give only token counts, no vocabulary.`,
      },
    ]);
  });

  it("orders equal ratios by language code, whatever order the run lists them in", async () => {
    const order = ["tha_Thai", "eng_Latn", "spa_Latn", "deu_Latn", "hin_Deva", "fra_Latn"];
    const s = await setup(
      Object.fromEntries(order.map((l) => [l, [4]])),
      Object.fromEntries(order.map((l) => [l, [l === "spa_Latn" ? 2 : 6]])),
    );
    const d = await runDiff({ a: s.a, b: s.b, corpus: s.corpus, languages: order, cache: false, workers: 1 });
    expect(d.languages.map((l) => [l.language, l.ratio])).toEqual([
      ["spa_Latn", 0.5],
      ["deu_Latn", 1.5],
      ["eng_Latn", 1.5],
      ["fra_Latn", 1.5],
      ["hin_Deva", 1.5],
      ["tha_Thai", 1.5],
    ]);
  });

  it("refuses a tokenizer diffed with itself before reading the corpus, naming it and the fix", async () => {
    const err = await runDiff({ a: "gpt2", b: "gpt2", corpus: "jsonl:/no/such/corpus.jsonl", cache: false }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(
      "diff needs two different tokenizers; both are 'gpt2'. Give e.g. `toklens diff cl100k_base o200k_base`.",
    );
  });
});

describe("runDiff on a language the registry does not know", () => {
  it("names it as the corpus does, takes its script from its code, and passes on the corpus' warnings", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-diff-unknown-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, "corpus.jsonl"), JSON.stringify({ id: "1", lang: "qqq_Latn", text: "a b" }) + "\n");
    const counts = async (name: string, tokens: number) => {
      const file = join(dir, name);
      await writeFile(file, JSON.stringify({ language: "qqq_Latn", id: "1", tokens }) + "\n");
      return `counts:${file}`;
    };
    const d = await runDiff({
      a: await counts("a.jsonl", 2),
      b: await counts("b.jsonl", 3),
      corpus: `jsonl:${join(dir, "corpus.jsonl")}`,
      languages: ["qqq_Latn"],
      cache: false,
      workers: 1,
    });
    expect(d.languages[0]).toMatchObject({ language: "qqq_Latn", name: "qqq_Latn", script: "Latn", ratio: 1.5 });
    expect(d.warnings.map((w) => [w.code, w.language])).toContainEqual(["unregistered-language", "qqq_Latn"]);
  });
});

describe("runDiff with real tokenizers and options", () => {
  const langs = ["eng_Latn", "deu_Latn"];
  const opts = { corpus: "udhr", languages: langs, cache: false as const, workers: 1 };

  it("compares the vocabularies of two real tokenizers, five examples per group and side unless told", async () => {
    const d = await runDiff({ ...opts, a: "gpt2", b: "cl100k_base" });
    expect(d.vocabulary).not.toBeNull();
    const examples = (v: NonNullable<typeof d.vocabulary>) =>
      v.classes.flatMap((c) => [c.examplesOnlyA.length, c.examplesOnlyB.length]);
    expect(Math.max(...examples(d.vocabulary!))).toBe(5);
    expect(d.warnings.filter((w) => w.code === "counts-only")).toEqual([]);
    const two = await runDiff({ ...opts, a: "gpt2", b: "cl100k_base", examples: 2 });
    expect(Math.max(...examples(two.vocabulary!))).toBe(2);
    expect(two.vocabulary!.onlyB).toBe(d.vocabulary!.onlyB);
  });

  it("says a counts file gives no vocabulary, in the singular, next to a real tokenizer", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-diff-one-counts-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const real = await runDiff({ ...opts, a: "gpt2", b: "r50k_base" });
    const file = join(dir, "b.jsonl");
    const { openCorpus } = await import("../../src/corpus/open-corpus.js");
    const corpus = await openCorpus("udhr", { languages: langs });
    const lines: string[] = [];
    for (const language of langs)
      for await (const s of corpus.segments(language)) lines.push(JSON.stringify({ language, id: s.id, tokens: 1 }));
    await writeFile(file, lines.join("\n") + "\n");
    const d = await runDiff({ ...opts, a: "gpt2", b: `counts:${file}` });
    expect(d.vocabulary).toBeNull();
    expect(d.warnings.filter((w) => w.code === "counts-only")).toEqual([
      {
        code: "counts-only",
        tokenizer: `counts:${file}`,
        message: `The vocabulary comparison is left out: counts:${file} gives only token counts, no vocabulary.`,
      },
    ]);
    // gpt2's own counts are the same as in the real diff
    expect(d.languages.map((l) => [l.language, l.tokens_a]).sort()).toEqual(
      real.languages.map((l) => [l.language, l.tokens_a]).sort(),
    );
  });

  it("refuses bad bootstrap settings before reading the corpus", async () => {
    await expect(
      runDiff({
        ...opts,
        corpus: "jsonl:/no/such.jsonl",
        a: "gpt2",
        b: "r50k_base",
        metricOptions: { confidenceLevel: 2 },
      }),
    ).rejects.toThrow(ConfigError);
  });
});

describe("changeOf at the bounds", () => {
  it("calls an interval that touches 1 no significant change", async () => {
    const { changeOf } = await import("../../src/analysis/diff.js");
    expect(changeOf([0.5, 1])).toBe("no significant change");
    expect(changeOf([1, 2])).toBe("no significant change");
    expect(changeOf([0.5, 0.999])).toBe("cheaper");
    expect(changeOf([1.001, 2])).toBe("dearer");
  });
});
