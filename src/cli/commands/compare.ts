// `toklens compare`: per tokenizer x language metrics, as a terminal table, JSON, CSV or Markdown.
import type { Command } from "commander";
import { DEFAULT_METRIC_OPTIONS, DEFAULT_PIVOT_LANGUAGE, parseJoinMode } from "../../analysis/defaults.js";
import { runCompare, type CompareRun } from "../../analysis/compare.js";
import { ConfigError } from "../../errors.js";
import {
  efficiencyVocabHelp,
  metricOptionsFrom,
  metricsHelp,
  parseMetricList,
  type MetricName,
} from "../../analysis/metric-choices.js";
import { readPriceTable } from "../../analysis/prices.js";
import { costGrids, groupCells, metricGrid, summaryGrid, TABLE_METRICS } from "../../report/compare-tables.js";
import { compareCsv } from "../../report/csv.js";
import { compareLatex } from "../../report/latex.js";
import { compareMarkdown } from "../../report/markdown.js";
import {
  formatTable,
  formatWrappedTable,
  outputColumns,
  printJson,
  terminalSafe,
  terminalSafeLines,
} from "../output.js";
import {
  corpusOption,
  corpusOptionFlags,
  corpusRunOptions,
  expandTokenizerRefs,
  type CorpusFlags,
  parsePositiveInt,
  progressReporter,
  splitList,
} from "./common-options.js";

interface CompareFlags extends CorpusFlags {
  pivot?: string;
  reference?: string;
  metrics?: string;
  alpha?: string;
  efficiencyVocab?: string;
  seed?: string;
  resamples?: string;
  workers?: string;
  cache: boolean;
  joinSegments?: true | string;
  groupBy?: string;
  json?: boolean;
  csv?: boolean;
  markdown?: boolean;
  latex?: boolean;
  prices?: string;
  context?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command("compare")
    .description(
      "compare tokenizers across languages: fertility, continued words, bytes/chars per token, premium with CI, efficiency",
    )
    .argument(
      "<tokenizer...>",
      "built-in ids (see `toklens tokenizers`; `all` for every installed one), tokenizer files, or hf:<org>/<name>; label one with name=path",
    );
  corpusOptionFlags(cmd)
    .addOption(corpusOption("joinSegments"))
    .option(
      "--group-by <script|file.csv>",
      "group languages by script, or by a CSV with columns language,group: median premium with CI and token share per group",
    )
    .option("--pivot <lang>", "pivot language of the premium", DEFAULT_PIVOT_LANGUAGE)
    .option("--reference <tokenizer>", "reference tokenizer for nsl (normalised sequence length)")
    .option("--metrics <list>", metricsHelp())
    .option("--alpha <number>", "Rényi efficiency order", String(DEFAULT_METRIC_OPTIONS.renyiAlpha))
    .option(
      "--efficiency-vocab <convention>",
      efficiencyVocabHelp("(observed = distinct tokens seen, as tokenization-scorer)"),
      DEFAULT_METRIC_OPTIONS.efficiencyVocabSize,
    )
    .option("--seed <int>", "bootstrap seed (results are reproducible for a seed)")
    .option(
      "--resamples <int>",
      "bootstrap resamples for premium_ci (at most 100000)",
      String(DEFAULT_METRIC_OPTIONS.bootstrapResamples),
    )
    .option("--workers <n>", "worker threads for tokenizing (default: one per core)")
    .option("--no-cache", "neither read nor write the tokenize cache (~/.cache/toklens or $TOKLENS_CACHE_DIR)")
    .option("--json", "print one JSON object (see README)")
    .option("--csv", "print one CSV row per tokenizer x language")
    .option("--markdown", "print Markdown tables")
    .option("--latex", "print LaTeX tables for a paper (booktabs, 95% intervals, best per row in bold)")
    .option(
      "--prices <file>",
      "JSON prices (USD per million input/output tokens per tokenizer): adds the cost of a million characters and a thousand words",
    )
    .option(
      "--context <tokens>",
      "context window in tokens: adds how many words and characters of each language fit in it",
    )
    .action(compare);
}

/** The metric options the flags give, checked now rather than after the tokenize phase. */
function compareMetricOptions(flags: CompareFlags) {
  return metricOptionsFrom({
    alpha: flags.alpha ?? String(DEFAULT_METRIC_OPTIONS.renyiAlpha),
    ...(flags.efficiencyVocab !== undefined ? { efficiencyVocab: flags.efficiencyVocab } : {}),
    ...(flags.seed !== undefined ? { seed: parsePositiveInt(flags.seed, "--seed", 0) } : {}),
    resamples: parsePositiveInt(flags.resamples ?? String(DEFAULT_METRIC_OPTIONS.bootstrapResamples), "--resamples"),
  });
}

/** Checks the flags, runs the comparison and prints it in the format asked for. */
async function compare(refs: string[], flags: CompareFlags, command: Command): Promise<void> {
  const formats = [flags.json, flags.csv, flags.markdown, flags.latex].filter(Boolean).length;
  if (formats > 1) throw new ConfigError("Give at most one of --json, --csv, --markdown, --latex.");
  if (flags.langs && flags.allLangs) throw new ConfigError("Give either --langs or --all-langs, not both.");
  const metrics = flags.metrics ? parseMetricList(splitList(flags.metrics)) : undefined;
  const verbose = Boolean(command.optsWithGlobals().verbose);
  const metricOptions = compareMetricOptions(flags);
  const prices = flags.prices !== undefined ? await readPriceTable(flags.prices) : undefined;
  const context = flags.context !== undefined ? parsePositiveInt(flags.context, "--context") : undefined;
  const result = await runCompare({
    tokenizers: expandTokenizerRefs(refs),
    ...corpusRunOptions(flags),
    ...(flags.joinSegments !== undefined ? { joinSegments: parseJoinMode(flags.joinSegments) } : {}),
    ...(flags.groupBy !== undefined ? { groupBy: flags.groupBy } : {}),
    ...(flags.pivot ? { pivot: flags.pivot } : {}),
    ...(flags.reference ? { reference: flags.reference } : {}),
    ...(metrics ? { metrics } : {}),
    metricOptions,
    ...(flags.workers !== undefined ? { workers: parsePositiveInt(flags.workers, "--workers") } : {}),
    ...(flags.cache ? {} : { cache: false as const }),
    onProgress: progressReporter(Boolean(command.optsWithGlobals().progress)),
    ...(prices ? { prices } : {}),
    ...(context !== undefined ? { context } : {}),
  });
  if (verbose) {
    process.stderr.write(
      `tokenize: ${result.stats.computed} computed, ${result.stats.cacheHits} from cache, ${(result.stats.elapsedMs / 1000).toFixed(1)} s\n`,
    );
  }
  const { stats: _stats, corpusSha256: _sha, ...json } = result;
  const shown = metrics ?? TABLE_METRICS;
  if (flags.json) printJson(json);
  else if (flags.csv) process.stdout.write(compareCsv(result.results, result.costs));
  else if (flags.latex) process.stdout.write(compareLatex(result, shown));
  else process.stdout.write(flags.markdown ? compareMarkdown(result, shown, markdownCell) : toTables(result, shown));
}

function toTables(result: CompareRun, metrics: readonly MetricName[]): string {
  let out = "";
  for (const metric of metrics) {
    const g = metricGrid(result, metric);
    out += `${metric}: ${g.description}${g.better ? ` (* = best, ${g.better} is better)` : ""}\n`;
    // many tokenizers: the columns wrap into several tables that each fit the terminal, the language repeated
    out += formatWrappedTable(g.header, g.rows, outputColumns()) + "\n";
  }
  const summary = summaryGrid(result);
  if (summary.header.length > 0) {
    out += `summary: ${summary.header.includes("gini") ? "gini of premiums across languages (0 = every language pays the same)" : giniAbsent(result)}\n`;
    out += formatTable(summary.header, summary.rows);
  }
  if (result.groups) {
    out += `\ngroups by ${terminalSafe(result.groups.by)}: median premium (bootstrap CI over the group's languages, pivot left out) and share of the token bill\n`;
    out += formatTable(["tokenizer", "group", "languages", "median premium", "token share"], groupCells(result));
  }
  if (result.warnings.length)
    out += `\n${result.warnings.length} warning(s); see --json for all. First: ${terminalSafeLines(result.warnings[0]!.message)}\n`;
  for (const q of costGrids(result)) out += `\n${q.title}\n${formatTable(q.header, q.rows)}\n`;
  return out;
}

/** Why the summary has no gini column, when it has none: premium not asked for, or one language besides the pivot. */
function giniAbsent(result: CompareRun): string {
  const others = result.languages.filter((l) => l.code !== result.pivot).length;
  if (!result.results.some((r) => typeof r.premium === "number"))
    return "no gini: it is computed over premiums (add premium to --metrics)";
  return others < 2
    ? `no gini: it needs premiums in 2 or more languages besides the pivot, this run has ${others}`
    : "no gini: no tokenizer has premiums in 2 or more languages besides the pivot";
}

/** A Markdown cell printed on a terminal: control characters made visible, `|` escaped. */
const markdownCell = (text: string): string => terminalSafe(text).replaceAll("|", "\\|");
