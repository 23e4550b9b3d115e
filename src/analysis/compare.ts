// Library entry point behind `toklens compare`: corpus -> tokenize once -> pure metrics -> one CompareResult.
import { runningMean, summaryMedian } from "../metrics/summary-stats.js";
import { createHash } from "node:crypto";
import { ConfigError } from "../errors.js";
import { findLanguage } from "../corpus/languages.js";
import { corpusInput, runsInProcess, runTokenize, type LanguageInput, type TokenizeRun } from "../tokenize/run.js";
import { isCountsRef } from "../tokenize/counts.js";
import { joinedInput, MAX_JOINED_CHARS } from "../tokenize/join.js";
import { columnSum, type SegmentColumn } from "../tokenize/segment-table.js";
import { computeMetrics, computeSummary, METRICS } from "../metrics/registry.js";
import { resolveMetricOptions } from "../metrics/options.js";
import { GROUP_BY_SCRIPT, readGroupCsv } from "../corpus/group-table.js";
import { groupRows, lorenzCurves, scriptGroups } from "../metrics/groups.js";
import type { MetricName, MetricOptions } from "../metrics/types.js";
import { compareRow, rowMetricNames, type CompareResult, type CompareResultRow } from "../results/compare.js";
import type { LanguageCode, TokenizedLanguage, Warning } from "../types.js";
import { costAndContext, type CostPrice } from "../metrics/cost.js";
import { checkPriceNames, priceFor } from "./prices.js";
import type { PriceTable } from "../results/prices.js";
import { definedFields, withRunContext, type RunContext, type RunContextOptions } from "./run-context.js";
import { openCompareMemo } from "./compare-memo.js";

export { DEFAULT_LANGUAGES } from "./run-context.js";

/** Default of `CompareOptions.lossyThreshold`: Petrov et al. (2023) left out pairs with more than 10% unknown characters. */
export const LOSSY_THRESHOLD = 0.1;

/** What a comparison measures in a run's context: tokenizers, metrics, groups and costs. */
export interface CompareSpec {
  /** Tokenizer references (built-in ids, files, hf: ids), in output order. */
  tokenizers: readonly string[];
  /** Reference tokenizer for `nsl`. */
  reference?: string;
  /** Metrics to report. @default all */
  metrics?: readonly MetricName[];
  /**
   * Group the languages: `"script"` (each language's script), or the path of a CSV with columns language,group
   * (resource level, family, region...). Adds `groups` to the result. @default no groups
   */
  groupBy?: string;
  metricOptions?: MetricOptions;
  /**
   * Tokenizer x language pairs that lose more than this share of characters (`lossy_chars`) are left out of the
   * per-tokenizer premium aggregates (gini, mean premium), as Petrov et al. (2023) did at 10%.
   * @default 0.1
   */
  lossyThreshold?: number;
  /** Prices per tokenizer id or name: adds `costs` (USD per million characters and per thousand words). */
  prices?: PriceTable;
  /** Context window in tokens: adds `costs` with the words and characters that fit in it. */
  context?: number;
}

/** `runCompare`'s options: what to measure, and the run (corpus, languages, pivot, protocol, tokenize settings). */
export interface CompareOptions extends CompareSpec, RunContextOptions {}

export interface CompareRun extends CompareResult {
  /** How the tokenize phase went (cache hits, time), for --verbose and the bench. */
  stats: { cacheHits: number; computed: number; elapsedMs: number; tokenizeMs: Record<string, number> };
  /** sha256 of the corpus text that was measured (all languages' segment hashes). */
  corpusSha256: string;
}

/** The tokenize phase's output, looked up by tokenizer and language. */
interface Tokenized {
  run: TokenizeRun;
  get(ref: string, language: LanguageCode): TokenizedLanguage | undefined;
}

export async function runCompare(options: CompareOptions): Promise<CompareRun> {
  requireTokenizers(options.tokenizers);
  return withRunContext(options, (ctx) => compareWithContext(ctx, options));
}

/**
 * Compares `spec.tokenizers` on the context's corpus and languages (what `runCompare` and a report's compare phase
 * run). With `memo` (a report's compare phase) and a cache, a comparison of unchanged inputs is read whole from the
 * cache (see compare-memo.ts).
 */
export async function compareWithContext(
  ctx: RunContext,
  spec: CompareSpec,
  options: { memo?: boolean } = {},
): Promise<CompareRun> {
  requireTokenizers(spec.tokenizers);
  const warnings = startingWarnings(ctx);
  const measured =
    ctx.pivotAvailable && !ctx.languages.includes(ctx.pivot) ? [ctx.pivot, ...ctx.languages] : [...ctx.languages];
  // a bad group table fails before the tokenize phase, not after it
  const groupTable =
    spec.groupBy !== undefined && spec.groupBy !== GROUP_BY_SCRIPT ? await readGroupCsv(spec.groupBy, measured) : null;
  if (groupTable) warnings.push(...groupTable.warnings);
  if (spec.prices) checkPriceNames(spec.prices, spec.tokenizers);
  const refs = [...spec.tokenizers];
  const withReference = spec.reference && !refs.includes(spec.reference) ? [...refs, spec.reference] : refs;
  const prepared = await prepareInputs(ctx, measured, warnings, readsWords(spec), readsIsolatedWords(spec), {
    hashWhileReading: await hashesWhileReading(ctx, withReference),
  });
  const memo = options.memo
    ? await openCompareMemo(ctx, { spec, tokenized: withReference, prepared, warnings, groups: groupTable?.groups })
    : undefined;
  if (memo?.hit) {
    const pairs = withReference.length * prepared.length;
    return {
      ...memo.hit,
      languages: languageList(ctx, measured),
      stats: { cacheHits: pairs, computed: 0, elapsedMs: 0, tokenizeMs: {} },
      corpusSha256: corpusSha256(prepared),
    };
  }
  const tokenized = await tokenizeInputs(ctx, withReference, prepared);
  warnings.push(...(memo?.warnings ?? []), ...tokenized.run.warnings);
  const rows = buildRows(ctx, spec, refs, measured, tokenized, warnings);
  const tooLossy = lossyFilter(rows, refs, spec.lossyThreshold ?? LOSSY_THRESHOLD, warnings);
  // without premiums asked for there is no gini to compute, and nothing to warn about
  const premiumAsked = spec.metrics === undefined || spec.metrics.includes("premium");
  const summary = await summarize(rows, refs, ctx.pivot, tooLossy, premiumAsked ? warnings : []);
  const costs = costSection(spec, tokenized.run, refs, rows, warnings);
  const languages = languageList(ctx, measured);
  const groups: CompareRun["groups"] =
    spec.groupBy === undefined
      ? undefined
      : {
          by: spec.groupBy,
          rows: groupRows(
            rows,
            refs,
            groupTable?.groups ?? scriptGroups(languages),
            ctx.pivot,
            resolveMetricOptions(spec.metricOptions),
          ),
        };
  const { run } = tokenized;
  const result: CompareResult = {
    tokenizers: run.tokenizers.slice(0, refs.length).map((t, i) => ({ ...t, id: refs[i]! })),
    languages,
    pivot: ctx.pivot,
    results: rows,
    summary,
    ...costs,
    warnings,
    lorenz: lorenzCurves(rows, refs, ctx.pivot),
    ...(groups ? { groups } : {}),
  };
  await memo?.remember(result);
  return {
    ...result,
    stats: { cacheHits: run.cacheHits, computed: run.computed, elapsedMs: run.elapsedMs, tokenizeMs: run.tokenizeMs },
    corpusSha256: corpusSha256(prepared),
  };
}

function requireTokenizers(tokenizers: readonly string[]): void {
  if (tokenizers.length === 0)
    throw new ConfigError("Name at least one tokenizer to compare, e.g. `toklens compare cl100k_base llama3`.");
}

/** The corpus' warnings that concern this comparison, and a missing pivot. */
function startingWarnings(ctx: RunContext): Warning[] {
  const warnings: Warning[] = [...ctx.corpusWarnings];
  if (!ctx.pivotAvailable) {
    warnings.push({
      code: "pivot-missing",
      language: ctx.pivot,
      message: `The pivot language ${ctx.pivot} is not in corpus '${ctx.source}', so premiums are null. Pick another with --pivot (run \`toklens languages --corpus ${ctx.source}\`).`,
    });
  }
  return warnings;
}

/** The metrics that read words (word spans, or words encoded alone). */
const WORD_METRICS: readonly MetricName[] = ["fertility", "continued_words", "word_fertility", "strr", "strr_isolated"];

/**
 * Whether the run reads words: a word metric is asked for (all metrics are by default), or costs per word. When not,
 * no word is segmented (minutes on unspaced scripts) and each row's `words` is null.
 */
function readsWords(spec: CompareSpec): boolean {
  if (spec.metrics === undefined || spec.prices !== undefined || spec.context !== undefined) return true;
  // a metric registered at run time may read words
  return spec.metrics.some((m) => WORD_METRICS.includes(m) || !Object.hasOwn(METRICS, m));
}

/**
 * Whether the run encodes each word alone: `strr_isolated` is asked for (all metrics are by default), or a metric
 * registered at run time, which may read it. When not, no word is encoded alone.
 */
function readsIsolatedWords(spec: CompareSpec): boolean {
  return spec.metrics === undefined || spec.metrics.some((m) => m === "strr_isolated" || !Object.hasOwn(METRICS, m));
}

/**
 * Whether each language is hashed by the tokenize phase's read instead of a pass of its own before it (see
 * `corpusInput`): when no cache is looked up (nor a comparison remembered), one tokenizer reads the text, in this
 * process. Saves reading and decoding the corpus once more (a FLORES-sized run: about 5% of its time).
 */
async function hashesWhileReading(ctx: RunContext, tokenizers: readonly string[]): Promise<boolean> {
  if (ctx.cache !== false || ctx.protocol.joinSegments || tokenizers.length !== 1 || isCountsRef(tokenizers[0]!))
    return false;
  return runsInProcess(await ctx.session.spec(tokenizers[0]!));
}

/** Each measured language's text as the tokenize phase takes it: its segments, or one joined string. */
async function prepareInputs(
  ctx: RunContext,
  measured: readonly LanguageCode[],
  warnings: Warning[],
  words: boolean,
  isolated: boolean,
  read: { hashWhileReading: boolean },
) {
  const prepared: LanguageInput[] = [];
  for (const language of measured) {
    const input: LanguageInput & { segments: number; pieces?: number } = ctx.protocol.joinSegments
      ? await joinedInput(ctx.corpus, language, ctx.protocol.joinMode, words, isolated)
      : await corpusInput(ctx.corpus, language, words, isolated, read);
    if (input.pieces !== undefined && input.pieces > 1) {
      warnings.push({
        code: "joined-in-pieces",
        language,
        message: `${language}'s joined text is over ${MAX_JOINED_CHARS.toLocaleString("en-US")} characters, so it was tokenized in ${input.pieces} pieces cut at white space (a few tokens may differ from one string).`,
      });
    }
    if (input.segments === 0) {
      warnings.push({
        code: "no-text",
        language,
        message: `Corpus '${ctx.source}' has no text for ${language}; its metrics are null.`,
      });
    }
    prepared.push(input);
  }
  return prepared;
}

/** Tokenizes every input once with the compared tokenizers and the reference (`withReference`). */
async function tokenizeInputs(
  ctx: RunContext,
  withReference: readonly string[],
  prepared: readonly LanguageInput[],
): Promise<Tokenized> {
  const run = await runTokenize({
    tokenizers: withReference,
    languages: prepared,
    ...ctx.tokenize,
    onProgress: ctx.onProgress,
  });
  const byKey = new Map<string, TokenizedLanguage>();
  withReference.forEach((ref, t) => {
    prepared.forEach((p, l) => byKey.set(`${ref}\u0000${p.language}`, run.results[t * prepared.length + l]!));
  });
  return { run, get: (ref, language) => byKey.get(`${ref}\u0000${language}`) };
}

/** The metrics computed: all of the row's columns by default, premium_ci never on joined text. */
function metricSelection(spec: CompareSpec, ctx: RunContext, warnings: Warning[]) {
  // nsl is only meaningful against a reference tokenizer; without one it is left out rather than null everywhere
  const columns = rowMetricNames(Boolean(spec.reference));
  const allMetrics = spec.metrics ?? (columns as MetricName[]);
  const joined = ctx.protocol.joinSegments;
  // a joined language is one segment: a bootstrap over segments would resample that one and return [p, p]
  const metrics = joined ? allMetrics.filter((m) => m !== "premium_ci") : allMetrics;
  if (joined && allMetrics.includes("premium_ci")) {
    warnings.push({
      code: "joined-no-ci",
      message:
        "premium_ci is null with --join-segments: each language is one joined string, so there are no segments to resample. Leave --join-segments out for bootstrap intervals over segments.",
    });
  }
  return { columns, metrics };
}

/** One row per tokenizer x language: counts and metric values. */
function buildRows(
  ctx: RunContext,
  spec: CompareSpec,
  refs: readonly string[],
  measured: readonly LanguageCode[],
  tokenized: Tokenized,
  warnings: Warning[],
): CompareResultRow[] {
  const { columns, metrics } = metricSelection(spec, ctx, warnings);
  const { corpus, pivot, pivotAvailable } = ctx;
  const parity = (language: LanguageCode) => corpus.parallel && !corpus.unaligned.includes(language);
  const rows: CompareResultRow[] = [];
  for (const ref of refs) {
    for (const language of measured) {
      const data = tokenized.get(ref, language)!;
      const pivotData = pivotAvailable && parity(language) && parity(pivot) ? tokenized.get(ref, pivot) : undefined;
      if (pivotAvailable && !parity(language)) {
        warnings.push({
          code: "not-parallel",
          tokenizer: ref,
          language,
          message: `premium for ${language} is null: its text in '${ctx.source}' is not aligned with ${pivot}.`,
        });
      }
      const reference = spec.reference ? tokenized.get(spec.reference, language) : undefined;
      const result = computeMetrics(data, {
        options: spec.metricOptions ?? {},
        metrics,
        ...(pivotData ? { pivot: pivotData } : {}),
        ...(reference ? { reference } : {}),
      });
      warnings.push(...result.warnings);
      rows.push(compareRow(countsOf(ref, language, data, readsWords(spec)), result.values, columns));
    }
  }
  return rows;
}

/** A row's counts: its text's totals under one tokenizer. */
function countsOf(tokenizer: string, language: LanguageCode, data: TokenizedLanguage, words: boolean) {
  const total = (column: SegmentColumn) => columnSum(data.segments, column);
  return {
    tokenizer,
    language,
    segments: data.segments.ids.length,
    tokens: total("tokens"),
    words: words ? total("words") : null,
    chars: total("chars"),
    bytes: total("bytes"),
  };
}

/** Which rows lose too many characters to count in the premium aggregates; warns once per tokenizer that has any. */
function lossyFilter(
  rows: readonly CompareResultRow[],
  refs: readonly string[],
  lossyThreshold: number,
  warnings: Warning[],
): (r: CompareResultRow) => boolean {
  const tooLossy = (r: CompareResultRow) => r.lossy_chars !== null && r.lossy_chars > lossyThreshold;
  for (const ref of refs) {
    const lossy = rows.filter((r) => r.tokenizer === ref && tooLossy(r));
    if (lossy.length > 0) {
      warnings.push({
        code: "lossy-excluded",
        tokenizer: ref,
        message: `${ref} loses more than ${(lossyThreshold * 100).toFixed(0)}% of the characters of ${lossy.map((r) => `${r.language} (${((r.lossy_chars ?? 0) * 100).toFixed(1)}%)`).join(", ")}; ${lossy.length === 1 ? "it is" : "they are"} left out of its gini and mean premium (as Petrov et al. 2023 did), since its token counts understate the text.`,
      });
    }
  }
  return tooLossy;
}

/** Per-tokenizer aggregates over the languages: gini, mean premium (the pivot's premium of 1 left out), median fertility. */
async function summarize(
  rows: readonly CompareResultRow[],
  refs: readonly string[],
  pivot: LanguageCode,
  tooLossy: (r: CompareResultRow) => boolean,
  warnings: Warning[],
): Promise<CompareResult["summary"]> {
  const summaryResult = computeSummary(
    rows
      .filter((r) => r.language !== pivot && !tooLossy(r))
      .map((r) => ({ tokenizer: r.tokenizer, language: r.language, values: { premium: r.premium } })),
  );
  warnings.push(...summaryResult.warnings);
  const premiums = new Map<string, (number | null)[]>();
  const fertilities = new Map<string, (number | null)[]>();
  for (const r of rows) {
    if (!premiums.has(r.tokenizer)) [premiums, fertilities].forEach((m) => m.set(r.tokenizer, []));
    premiums.get(r.tokenizer)!.push(r.language === pivot || tooLossy(r) ? null : r.premium);
    fertilities.get(r.tokenizer)!.push(r.fertility);
  }
  const aggregates = new Map(
    [...premiums.keys()].map((t) => [
      t,
      { mean_premium: runningMean(premiums.get(t)!), median_fertility: summaryMedian(fertilities.get(t)!) },
    ]),
  );
  return refs.map((ref) => ({
    tokenizer: ref,
    gini: summaryResult.summary.find((s) => s.tokenizer === ref)?.gini ?? null,
    mean_premium: finiteOrNull(aggregates.get(ref)?.mean_premium),
    median_fertility: finiteOrNull(aggregates.get(ref)?.median_fertility),
  }));
}

/** The cost section, when prices or a context window are given. */
function costSection(
  spec: CompareSpec,
  run: TokenizeRun,
  refs: readonly string[],
  rows: CompareResultRow[],
  warnings: Warning[],
): Pick<CompareResult, "costs" | "prices"> {
  const { prices: table, context } = spec;
  if (!table && context === undefined) return {};
  if (context !== undefined && !(Number.isSafeInteger(context) && context > 0)) {
    throw new ConfigError(`Invalid context window ${context}. Give a whole number of tokens > 0, e.g. 8192.`);
  }
  const prices = new Map<string, CostPrice>();
  if (table) {
    for (const t of run.tokenizers.slice(0, refs.length).map((t, i) => ({ id: refs[i]!, name: t.name }))) {
      const price = priceFor(table, t);
      if (price) prices.set(t.id, price);
    }
  }
  const cost = costAndContext(rows, definedFields({ prices: table ? prices : undefined, context }));
  warnings.push(...cost.warnings);
  return { costs: cost.rows, ...(table ? { prices: table } : {}) };
}

/** Name and script of each measured language. */
function languageList(ctx: RunContext, measured: readonly LanguageCode[]): CompareResult["languages"] {
  return measured.map((code) => {
    const info = findLanguage(code);
    return {
      code,
      name: info?.name ?? ctx.corpus.describe(code).name ?? code,
      script: info?.script ?? code.split("_")[1] ?? "",
    };
  });
}

/** sha256 over every measured language's code and text hash. */
function corpusSha256(prepared: readonly LanguageInput[]): string {
  const corpusHash = createHash("sha256");
  for (const p of prepared) corpusHash.update(p.language).update(p.sha256);
  return corpusHash.digest("hex");
}

/** A summary is undefined (no valid values) or NaN where it does not exist; JSON wants null. */
function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
