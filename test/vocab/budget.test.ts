// One budget for five aligned languages (UDHR): every tokenizer.json written reloads in the native engine and gives
// the reported held-out counts (pivot included); the base counts match js-tiktoken; Unigram/WordPiece are refused.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Tokenizer as RustTokenizer } from "tokenizers";
import { budgetStudyFrom, budgetWithContext, planBudget, type BudgetResult } from "../../src/analysis/budget.js";
import { adaptationWithContext } from "../../src/analysis/adapt.js";
import { readAdaptText } from "../../src/analysis/adapt.js";
import { budgetSplits, heldOutLanguage } from "../../src/vocab/budget.js";
import { bootstrapRatio } from "../../src/metrics/bootstrap.js";
import { getEncoding } from "../helpers/js-tiktoken.js";
import { FLORES_FIXTURE, floresLines } from "../helpers/flores-fixture.js";
import type { Segment } from "../../src/types.js";

const LANGS = ["amh_Ethi", "tir_Ethi", "som_Latn", "gaz_Latn", "swh_Latn"];
const BOOT = { resamples: 200, level: 0.95, seed: 7 };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function heldOut(): Promise<Map<string, Segment[]>> {
  const text = await readAdaptText({ languages: LANGS, corpus: "udhr", pivot: "eng_Latn" });
  return budgetSplits(text.segments, false).test;
}

async function nativeCount(tok: RustTokenizer, segments: readonly Segment[]): Promise<number> {
  let n = 0;
  for (const s of segments) n += (await tok.encode(s.text, null, { addSpecialTokens: false })).getIds().length;
  return n;
}

async function checkArtifacts(r: BudgetResult, test: Map<string, Segment[]>): Promise<void> {
  for (const curve of r.strategies) {
    for (const p of curve.points.slice(1)) {
      const dir = `${curve.strategy}-${p.requested}`;
      const file = r.artifacts[`${dir}/tokenizer.json`]!;
      // one load of the written file for every count and decode below (a gpt2-sized file takes a while to parse)
      const rust = RustTokenizer.fromFile(file);
      for (const l of p.languages)
        expect(await nativeCount(rust, test.get(l.language)!), `${dir} ${l.language}`).toBe(l.tokens);
      expect(await nativeCount(rust, test.get(r.pivot)!), `${dir} pivot`).toBe(p.pivotTokens);
      const added = JSON.parse(readFileSync(r.artifacts[`${dir}/added-tokens.json`]!, "utf8")) as {
        tokens: Array<{ id: number; token: string; text: string | null; bytes: string }>;
      };
      expect(added.tokens).toHaveLength(p.addedTokens);
      const json = JSON.parse(readFileSync(file, "utf8")) as { model: { vocab: Record<string, number> } };
      const first = r.base.vocabSize;
      added.tokens.forEach((t, i) => {
        expect(t.id).toBe(first + i); // new ids right after the base's
        expect(json.model.vocab[t.token]).toBe(t.id);
        if (t.text !== null) expect(Buffer.from(t.bytes, "hex").toString("utf8")).toBe(t.text);
      });
      for (const t of added.tokens.filter((x) => x.text !== null && !x.text.startsWith(" ")).slice(0, 20))
        expect(await rust.decode([t.id], false)).toBe(t.text);
    }
  }
}

describe("planBudget on five aligned UDHR languages", () => {
  it("gpt2: artifacts reload natively with the reported held-out counts; parity lowers the held-out max premium", async () => {
    const out = mkdtempSync(join(tmpdir(), "toklens-budget-"));
    dirs.push(out);
    const r = await planBudget({
      tokenizer: "gpt2",
      languages: LANGS,
      corpus: "udhr",
      budgets: [1000, 100],
      strategies: ["frequency", "proportional", "parity"],
      outDir: join(out, "o"),
      bootstrap: BOOT,
    });
    const test = await heldOut();
    // the base counts against an independent engine (js-tiktoken), pivot included
    const enc = getEncoding("gpt2");
    const count = (l: string): number => test.get(l)!.reduce((n, s) => n + enc.encode(s.text).length, 0);
    for (const l of r.base.languages) expect(l.tokens).toBe(count(l.language));
    expect(r.base.pivotTokens).toBe(count("eng_Latn"));
    expect(r.base.languages.every((l) => l.segments === 10)).toBe(true);
    await checkArtifacts(r, test);
    const at = (s: string, k: number) =>
      r.strategies.find((c) => c.strategy === s)!.points.find((p) => p.requested === k)!;
    expect(at("parity", 1000).maxPremium!).toBeLessThan(at("frequency", 1000).maxPremium!);
    // at 100 new tokens parity spends them on Amharic (most dev tokens) while both Ethiopic languages gain from
    // frequency's shared Ethiopic byte pairs: the report says so rather than claiming a win
    expect(at("parity", 100).maxPremium!).toBeGreaterThan(at("frequency", 100).maxPremium!);
    expect(r.verdicts[0]).toMatch(/^K=100: parity does NOT lower the held-out max premium/);
    expect(r.verdicts[1]).toMatch(/^K=1000: parity's held-out max premium .* is lower than frequency's/);
    for (const s of ["frequency", "proportional", "parity"])
      expect(at(s, 1000).maxPremium!).toBeLessThan(r.base.maxPremium!);
    // proportional parts follow the languages' byte shares: the two Ethiopic languages get the most
    const by = at("proportional", 1000).newTokensBy;
    expect(by.amh_Ethi! + by.tir_Ethi!).toBeGreaterThan(by.swh_Latn! + by.som_Latn!);
  }, 300_000);

  it("mistral-7b (SentencePiece BPE with byte fallback): the same, through the native engine", async () => {
    const out = mkdtempSync(join(tmpdir(), "toklens-budget-"));
    dirs.push(out);
    const r = await planBudget({
      tokenizer: "mistral-7b",
      languages: LANGS,
      corpus: "udhr",
      budgets: [200],
      strategies: ["frequency", "parity"],
      parity: { window: 50, alpha: 2, globalMerges: 20 },
      outDir: join(out, "o"),
      bootstrap: BOOT,
    });
    await checkArtifacts(r, await heldOut());
    const parity = r.strategies[1]!.points[1]!;
    expect(parity.addedTokens).toBeLessThanOrEqual(200);
    expect(Object.keys(parity.newTokensBy)).toContain("(union)"); // the 20 hybrid merges
  }, 300_000);
});

describe("held-out intervals", () => {
  it("premium and fertility are ratios of sums, their intervals the paired bootstrap of premium_ci", () => {
    const segs = [
      { id: "1", text: "a b c" },
      { id: "2", text: "d e" },
      { id: "3", text: "f" },
    ];
    const pivot = new Map([
      ["1", 2],
      ["2", 2],
      ["3", 1],
    ]);
    const h = heldOutLanguage("eng_Latn", segs, [6, 3, 3], pivot, BOOT);
    expect(h.premium).toBe(12 / 5);
    expect(h.fertility).toBe(12 / 6);
    const again = bootstrapRatio(Float64Array.from([6, 3, 3]), Float64Array.from([2, 2, 1]), BOOT).interval;
    expect(h.premiumCi).toEqual(again);
    expect(h.premiumCi![0]).toBeLessThanOrEqual(12 / 5);
  });
});

describe("refusals", () => {
  it.each([
    ["test/fixtures/vocab/unigram-tiny.json", /this one is Unigram.*use a BPE tokenizer/],
    ["test/fixtures/tokenizers/wordpiece.tokenizer.json", /this one is WordPiece.*use a BPE tokenizer/],
  ])("refuses %s", async (file, message) => {
    await expect(
      planBudget({ tokenizer: file, languages: LANGS, corpus: "udhr", budgets: [10], strategies: ["parity"] }),
    ).rejects.toThrow(message);
  });
  it("refuses a budget that is not a positive integer", async () => {
    await expect(
      planBudget({ tokenizer: "gpt2", languages: LANGS, corpus: "udhr", budgets: [0], strategies: ["parity"] }),
    ).rejects.toThrow(/Invalid --budget '0'/);
  });
});

describe("the analysis-file key", () => {
  it("an adaptation entry with langs and budget becomes a report study equal to planBudget's", async () => {
    const langs = ["amh_Ethi", "som_Latn", "swh_Latn"];
    const ctx = { source: "udhr", corpusOptions: {} };
    const study = { tokenizer: "gpt2", langs, budget: [30], strategies: ["parity" as const] };
    const { studies } = await budgetWithContext(ctx, [study, { tokenizer: "gpt2", language: "amh_Ethi" }], undefined);
    expect(studies).toHaveLength(1);
    const direct = budgetStudyFrom(
      await planBudget({ tokenizer: "gpt2", languages: langs, corpus: "udhr", budgets: [30], strategies: ["parity"] }),
    );
    expect(studies[0]).toEqual(direct);
    expect(studies[0]!.curves[0]!.points.map((p) => p.added_tokens)).toEqual([0, 30]);
  }, 120_000);

  it("refuses an entry that names no target", async () => {
    await expect(
      adaptationWithContext({ source: "udhr", corpusOptions: {} }, [{ tokenizer: "gpt2", budget: [5] }], undefined),
    ).rejects.toThrow(/adaptation\[0\] \(gpt2\) names no target/);
  });
});

describe("splits", () => {
  const seg = (id: string) => ({ id, text: id });
  it("interleaves thirds by segment id, the same id in the same part in every language", () => {
    const m = new Map([
      ["a", ["1", "2", "3", "4", "5", "6", "7"].map(seg)],
      ["b", ["2", "3", "5", "6", "7", "8"].map(seg)],
    ]);
    const s = budgetSplits(m, false);
    const ids = (x: Map<string, Segment[]>, l: string) => x.get(l)!.map((y) => y.id);
    expect(ids(s.train, "a")).toEqual(["1", "4", "7"]);
    expect(ids(s.dev, "a")).toEqual(["2", "5"]);
    expect(ids(s.test, "a")).toEqual(["3", "6"]);
    expect(ids(s.train, "b")).toEqual(["7"]);
    expect(ids(s.dev, "b")).toEqual(["2", "5", "8"]); // 8 is the 8th id seen: 2nd of its three
    expect(ids(s.test, "b")).toEqual(["3", "6"]);
  });

  it("FLORES: dev trains and chooses, devtest is measured (the fixture, through the native engine)", async () => {
    const out = mkdtempSync(join(tmpdir(), "toklens-budget-"));
    dirs.push(out);
    const r = await planBudget({
      tokenizer: "gpt2",
      languages: ["deu_Latn", "hin_Deva"],
      corpus: `flores:${FLORES_FIXTURE}`,
      budgets: [20],
      strategies: ["parity"],
      outDir: join(out, "o"),
      bootstrap: BOOT,
    });
    expect(r.segments).toEqual({ train: 6, dev: 6, test: 6 });
    const devtest = (l: string) =>
      floresLines(l)
        .slice(2)
        .map((text, i) => ({ id: `devtest:${i + 1}`, text }));
    const rust = RustTokenizer.fromFile(r.artifacts["parity-20/tokenizer.json"]!);
    const p = r.strategies[0]!.points[1]!;
    expect(p.addedTokens).toBe(20);
    for (const l of p.languages) expect(await nativeCount(rust, devtest(l.language))).toBe(l.tokens);
    expect(await nativeCount(rust, devtest("eng_Latn"))).toBe(p.pivotTokens);
  }, 120_000);
});
