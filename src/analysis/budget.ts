// Library entry point behind `toklens adapt --langs ... --budget ...`: one budget of new tokens for several
// languages, learnt by each strategy, measured on held-out text, written as tokenizer files.
import { join, resolve } from "node:path";
import { parseCorpusSource } from "../corpus/open-corpus.js";
import { ConfigError } from "../errors.js";
import { DEFAULT_METRIC_OPTIONS, DEFAULT_PIVOT_LANGUAGE } from "../metrics/options.js";
import type { BootstrapSettings } from "../metrics/bootstrap.js";
import { checkOutputFolder } from "../report/report-dir.js";
import type { AdaptationBudgetPoint, AdaptationBudgetStudy } from "../results/report-data.js";
import type { AnalysisAdaptation } from "./config.js";
import { definedFields, type RunContext } from "./run-context.js";
import type { LanguageCode, Warning } from "../types.js";
import {
  addedTokenInfo,
  budgetKnee,
  budgetSplits,
  checkBpe,
  expandWith,
  learnBudget,
  measureHeldOut,
  vocabSizeOf,
  type AddedTokenInfo,
  type BudgetPoint,
  type BudgetSplits,
} from "../vocab/budget.js";
import { BUDGET_STRATEGIES, type BudgetStrategy, type MultiMerge, type ParityVariant } from "../vocab/multi-bpe.js";

export { BUDGET_STRATEGIES, parseBudgetStrategy, type BudgetStrategy } from "../vocab/multi-bpe.js";
export type { BudgetPoint } from "../vocab/budget.js";
import { writeTokenizerJson, type TokenizerJson } from "../vocab/tokenizer-json.js";
import { baseTokenizerJson, prepareOutDir, readAdaptText, writeText, type AdaptOptions } from "./adapt.js";

export interface BudgetOptions extends Pick<AdaptOptions, "tokenizer" | "corpus" | "pivot" | "corpusOptions"> {
  /** Target languages (two or more make sense; one works). */
  languages: string[];
  /** Budgets K: new tokens, positive integers. */
  budgets: number[];
  strategies: BudgetStrategy[];
  parity?: ParityVariant;
  /** @default 1 */
  minPairFrequency?: number;
  /** Directory for artifacts; nothing is written when absent. */
  outDir?: string;
  /** @default resamples 1000, level 0.95, seed of the metric options */
  bootstrap?: BootstrapSettings;
}

/** One strategy's curve: the base point first, then each budget. */
export interface StrategyCurve {
  strategy: BudgetStrategy;
  points: BudgetPoint[];
  /** Where max premium stops falling much (Kneedle on max premium against added tokens), or null. */
  kneeAt: number | null;
  /** Milliseconds spent learning the merges of every budget. */
  learnMs: number;
  /** New tokens at the largest budget that each language uses most (decoded text, most used first). */
  examples: Record<string, string[]>;
}

export interface BudgetResult {
  tokenizer: string;
  languages: LanguageCode[];
  pivot: LanguageCode;
  corpus: string;
  split: string;
  segments: { train: number; dev: number; test: number };
  base: BudgetPoint;
  strategies: StrategyCurve[];
  /** Per budget, whether parity beat frequency on held-out max premium, in words (when both ran). */
  verdicts: string[];
  artifacts: Record<string, string>;
  warnings: Warning[];
}

function checkBudgetOptions(o: BudgetOptions): void {
  if (o.languages.length === 0)
    throw new ConfigError("--langs needs at least one language, e.g. --langs amh_Ethi,som_Latn,swh_Latn.");
  if (o.budgets.length === 0 || o.budgets.some((k) => !Number.isInteger(k) || k < 1))
    throw new ConfigError(
      `Invalid --budget '${o.budgets.join(",")}': give positive token counts, e.g. --budget 1000,2000,4000,8000.`,
    );
  if (o.strategies.length === 0) throw new ConfigError("No strategy: pass --strategy or --compare-strategies.");
}

function plannedFiles(strategies: readonly BudgetStrategy[], budgets: readonly number[], converted: boolean): string[] {
  return [
    ...(converted ? ["base/tokenizer.json"] : []),
    ...strategies.flatMap((s) => budgets.flatMap((k) => [`${s}-${k}/tokenizer.json`, `${s}-${k}/added-tokens.json`])),
    "budget-report.json",
  ];
}

const uniqueSorted = (xs: readonly number[]): number[] => [...new Set(xs)].sort((a, b) => a - b);

function totals(splits: BudgetSplits): BudgetResult["segments"] {
  const n = (m: Map<LanguageCode, unknown[]>): number => [...m.values()].reduce((a, l) => a + l.length, 0);
  return { train: n(splits.train), dev: n(splits.dev), test: n(splits.test) };
}

/** Per language, the new tokens it uses more than any other target language does, most used first. */
function examplesOf(info: readonly AddedTokenInfo[], targets: readonly LanguageCode[]): Record<string, string[]> {
  const mainUser = (t: AddedTokenInfo): string | undefined =>
    Object.entries(t.frequency).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const out: Record<string, string[]> = {};
  for (const l of targets) {
    out[l] = info
      .filter((t) => t.text !== null && mainUser(t) === l)
      .sort((a, b) => (b.frequency[l] ?? 0) - (a.frequency[l] ?? 0) || a.id - b.id)
      .slice(0, 8)
      .map((t) => t.text!);
  }
  return out;
}

interface StrategyRun {
  base: TokenizerJson;
  splits: BudgetSplits;
  targets: LanguageCode[];
  pivot: LanguageCode;
  budgets: number[];
  bootstrap: BootstrapSettings;
  out: string | null;
  artifacts: Record<string, string>;
}

async function runStrategy(
  run: StrategyRun,
  strategy: BudgetStrategy,
  options: BudgetOptions,
  base: BudgetPoint,
): Promise<StrategyCurve> {
  const t0 = performance.now();
  const merges = await learnBudget(run.base, run.splits, {
    languages: run.targets,
    budgets: run.budgets,
    strategy,
    ...(options.parity ? { parity: options.parity } : {}),
    ...(options.minPairFrequency !== undefined ? { minPairFrequency: options.minPairFrequency } : {}),
  });
  const learnMs = performance.now() - t0;
  const points: BudgetPoint[] = [base];
  let examples: Record<string, string[]> = {};
  for (const k of run.budgets) {
    const m = merges.get(k)!;
    const expanded = expandWith(run.base, m);
    const held = await measureHeldOut(expanded.json, run.splits.test, run.targets, run.pivot, run.bootstrap);
    points.push({
      strategy,
      requested: k,
      addedTokens: expanded.addedTokens.length,
      mergesAdded: expanded.mergesAdded,
      vocabSize: vocabSizeOf(expanded.json),
      ...held,
      newTokensBy: newTokensBy(m),
    });
    const info = await addedTokenInfo(run.base, expanded.json, expanded.addedTokens, m, run.splits.train, run.targets);
    if (k === run.budgets.at(-1)) examples = examplesOf(info, run.targets);
    if (run.out) await writeArtifacts(run, `${strategy}-${k}`, expanded.json, info);
  }
  return { strategy, points, kneeAt: budgetKnee(points), learnMs, examples };
}

function newTokensBy(merges: readonly MultiMerge[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of merges) {
    const key = m.language ?? "(union)";
    out[key] = (out[key] ?? 0) + m.newTokens.length;
  }
  return out;
}

async function writeArtifacts(
  run: StrategyRun,
  dir: string,
  json: TokenizerJson,
  info: AddedTokenInfo[],
): Promise<void> {
  const file = join(run.out!, dir, "tokenizer.json");
  await writeTokenizerJson(file, json);
  run.artifacts[`${dir}/tokenizer.json`] = file;
  const added = join(run.out!, dir, "added-tokens.json");
  const doc = {
    generated_by: "toklens adapt --langs --budget; rerun with the same options to regenerate",
    description:
      "new vocabulary entries in id order: bytes (hex), text (null if not complete UTF-8), the language whose statistics chose it, and its frequency in each target language's training text",
    tokens: info,
  };
  await writeText(added, JSON.stringify(doc, null, 1));
  run.artifacts[`${dir}/added-tokens.json`] = added;
}

/** Whether parity beat frequency on held-out max premium at each budget, and if not, how far it fell short. */
export function verdicts(curves: readonly StrategyCurve[]): string[] {
  const f = curves.find((c) => c.strategy === "frequency");
  const p = curves.find((c) => c.strategy === "parity");
  if (!f || !p) return [];
  return p.points.slice(1).map((pp) => {
    const fp = f.points.find((x) => x.requested === pp.requested);
    if (!fp || pp.maxPremium === null || fp.maxPremium === null)
      return `K=${pp.requested}: max premium not measured for both strategies.`;
    const worst = (q: BudgetPoint): string =>
      q.languages.reduce((a, b) => ((b.premium ?? 0) > (a.premium ?? 0) ? b : a)).language;
    const d = pp.maxPremium - fp.maxPremium;
    return d < 0
      ? `K=${pp.requested}: parity's held-out max premium ${pp.maxPremium.toFixed(3)} (${worst(pp)}) is lower than frequency's ${fp.maxPremium.toFixed(3)} (${worst(fp)}).`
      : `K=${pp.requested}: parity does NOT lower the held-out max premium (${pp.maxPremium.toFixed(3)} for ${worst(pp)} vs frequency's ${fp.maxPremium.toFixed(3)} for ${worst(fp)}): ` +
          "parity steers by the dev split; when dev and held-out disagree on the worst language, or the worst language's training text runs out of frequent pairs, frequency can do as well.";
  });
}

/** Learns each strategy at each budget, measures it on held-out text and writes the tokenizer files. */
export async function planBudget(options: BudgetOptions): Promise<BudgetResult> {
  checkBudgetOptions(options);
  const out = options.outDir ? resolve(options.outDir) : null;
  const previous = out ? await checkOutputFolder(out) : [];
  const corpus = options.corpus ?? "udhr";
  const flores = parseCorpusSource(corpus).kind === "flores";
  const text = await readAdaptText({
    languages: options.languages,
    corpus,
    pivot: options.pivot ?? DEFAULT_PIVOT_LANGUAGE,
    corpusOptions: { ...options.corpusOptions, ...(flores ? { split: "dev+devtest" as const } : {}) },
  });
  const base = await baseTokenizerJson(options.tokenizer);
  checkBpe(base.json);
  const budgets = uniqueSorted(options.budgets);
  const splits = budgetSplits(text.segments, flores);
  const artifacts: Record<string, string> = {};
  if (out) {
    await prepareOutDir(out, previous, plannedFiles(options.strategies, budgets, base.converted));
    if (base.converted) {
      artifacts["base/tokenizer.json"] = join(out, "base", "tokenizer.json");
      await writeTokenizerJson(artifacts["base/tokenizer.json"], base.json);
    }
  }
  const bootstrap = options.bootstrap ?? {
    resamples: DEFAULT_METRIC_OPTIONS.bootstrapResamples,
    level: DEFAULT_METRIC_OPTIONS.confidenceLevel,
    seed: DEFAULT_METRIC_OPTIONS.seed,
  };
  const run: StrategyRun = {
    base: base.json,
    splits,
    targets: text.targets,
    pivot: text.pivot,
    budgets,
    bootstrap,
    out,
    artifacts,
  };
  const basePoint: BudgetPoint = {
    strategy: "base",
    requested: 0,
    addedTokens: 0,
    mergesAdded: 0,
    vocabSize: vocabSizeOf(base.json),
    ...(await measureHeldOut(base.json, splits.test, text.targets, text.pivot, bootstrap)),
    newTokensBy: {},
  };
  const strategies: StrategyCurve[] = [];
  for (const s of options.strategies) strategies.push(await runStrategy(run, s, options, basePoint));
  const result: BudgetResult = {
    tokenizer: options.tokenizer,
    languages: text.targets,
    pivot: text.pivot,
    corpus,
    split: splits.description,
    segments: totals(splits),
    base: basePoint,
    strategies,
    verdicts: verdicts(strategies),
    artifacts,
    warnings: text.warnings,
  };
  if (out) {
    artifacts["budget-report.json"] = join(out, "budget-report.json");
    await writeText(
      artifacts["budget-report.json"],
      JSON.stringify({ generated_by: "toklens adapt --budget", ...result }, null, 1),
    );
  }
  return result;
}

function reportPoint(p: BudgetPoint): AdaptationBudgetPoint {
  return {
    requested: p.requested,
    added_tokens: p.addedTokens,
    max_premium: p.maxPremium,
    mean_premium: p.meanPremium,
    gini: p.gini,
    pivot_tokens: p.pivotTokens,
    premiums: Object.fromEntries(p.languages.map((l) => [l.language, { premium: l.premium, ci: l.premiumCi }])),
  };
}

/** The report's view of a budget result (plain JSON, no artifacts). */
export function budgetStudyFrom(r: BudgetResult): AdaptationBudgetStudy {
  return {
    tokenizer: r.tokenizer,
    languages: r.languages,
    split: r.split,
    curves: r.strategies.map((c) => ({
      strategy: c.strategy,
      knee_at: c.kneeAt,
      points: c.points.map(reportPoint),
      examples: c.examples,
    })),
    verdicts: r.verdicts,
  };
}

/** The shared-budget studies of an analysis (`adaptation` entries with `langs` and `budget`), on the run's corpus. */
export async function budgetWithContext(
  ctx: Pick<RunContext, "source" | "corpusOptions">,
  studies: readonly AnalysisAdaptation[],
  pivot: string | undefined,
): Promise<{ studies: AdaptationBudgetStudy[]; warnings: Warning[] }> {
  const out: AdaptationBudgetStudy[] = [];
  const warnings: Warning[] = [];
  for (const study of studies) {
    if (study.langs === undefined || study.budget === undefined) continue;
    const result = await planBudget({
      tokenizer: study.tokenizer,
      languages: study.langs,
      corpus: ctx.source,
      ...definedFields({ pivot: pivot || undefined }),
      budgets: study.budget,
      strategies: study.strategies ?? [...BUDGET_STRATEGIES],
      corpusOptions: ctx.corpusOptions,
    });
    warnings.push(...result.warnings);
    out.push(budgetStudyFrom(result));
  }
  return { studies: out, warnings };
}
