// `toklens compare`: per tokenizer x language metrics, as a terminal table, JSON, CSV or Markdown.
import type { Command } from "commander";
import { DEFAULT_METRIC_OPTIONS, DEFAULT_PIVOT_LANGUAGE } from "../../analysis/defaults.js";
import { runCompare, type CompareRun } from "../../analysis/compare.js";
import { ConfigError } from "../../errors.js";
import { EFFICIENCY_VOCAB_SIZES, parseEfficiencyVocabSize, resolveMetricOptions } from "../../metrics/options.js";
import { METRICS, parseMetricNames } from "../../metrics/registry.js";
import type { MetricName } from "../../metrics/types.js";
import type { CompareResultRow } from "../../report/report-data.js";
import { readPriceTable } from "../../analysis/prices.js";
import type { CostRow } from "../../metrics/cost.js";
import { formatTable, formatWrappedTable, outputColumns, printJson, terminalSafe, terminalSafeLines } from "../output.js";
import { corpusOptionFlags, expandTokenizerRefs, parseSplit, parsePositiveInt, progressReporter, splitList } from "./common-options.js";

interface CompareFlags {
  corpus: string;
  langs?: string;
  allLangs?: boolean;
  split?: string;
  pivot?: string;
  reference?: string;
  metrics?: string;
  alpha?: string;
  efficiencyVocab?: string;
  seed?: string;
  resamples?: string;
  workers?: string;
  cache: boolean;
  normalize: boolean;
  joinSegments?: boolean;
  groupBy?: string;
  replaceInvalid?: boolean;
  allowUnaligned?: boolean;
  json?: boolean;
  csv?: boolean;
  markdown?: boolean;
  prices?: string;
  context?: string;
}

/** Metrics shown in the terminal table when --metrics is not given. */
const TABLE_METRICS: readonly MetricName[] = ["premium", "fertility", "bytes_per_token"];

export function register(program: Command): void {
  const cmd = program
    .command("compare")
    .description("compare tokenizers across languages: fertility, continued words, bytes/chars per token, premium with CI, efficiency")
    .argument("<tokenizer...>", "built-in ids (see `toklens tokenizers`; `all` for every installed one), tokenizer files, or hf:<org>/<name>; label one with name=path");
  corpusOptionFlags(cmd)
    .option("--join-segments", "tokenize each language's segments joined by single spaces as one string (Petrov et al. 2023; no premium_ci)")
    .option("--group-by <script|file.csv>", "group languages by script, or by a CSV with columns language,group: median premium with CI and token share per group")
    .option("--pivot <lang>", "pivot language of the premium", DEFAULT_PIVOT_LANGUAGE)
    .option("--reference <tokenizer>", "reference tokenizer for nsl (normalised sequence length)")
    .option("--metrics <list>", `comma-separated metrics (default: all); one of ${Object.keys(METRICS).join(", ")}`)
    .option("--alpha <number>", "Rényi efficiency order", String(DEFAULT_METRIC_OPTIONS.renyiAlpha))
    .option("--efficiency-vocab <convention>", `|V| of the Rényi/Shannon efficiencies: ${EFFICIENCY_VOCAB_SIZES.join(" | ")} (observed = distinct tokens seen, as tokenization-scorer)`, DEFAULT_METRIC_OPTIONS.efficiencyVocabSize)
    .option("--seed <int>", "bootstrap seed (results are reproducible for a seed)")
    .option("--resamples <int>", "bootstrap resamples for premium_ci (at most 100000)", String(DEFAULT_METRIC_OPTIONS.bootstrapResamples))
    .option("--workers <n>", "worker threads for tokenizing (default: one per core)")
    .option("--no-cache", "neither read nor write the tokenize cache (~/.cache/toklens or $TOKLENS_CACHE_DIR)")
    .option("--json", "print one JSON object (see README)")
    .option("--csv", "print one CSV row per tokenizer x language")
    .option("--markdown", "print Markdown tables")
    .option("--prices <file>", "JSON prices (USD per million input/output tokens per tokenizer): adds the cost of a million characters and a thousand words")
    .option("--context <tokens>", "context window in tokens: adds how many words and characters of each language fit in it")
    .action(async (refs: string[], flags: CompareFlags, command: Command) => {
      const formats = [flags.json, flags.csv, flags.markdown].filter(Boolean).length;
      if (formats > 1) throw new ConfigError("Give at most one of --json, --csv, --markdown.");
      if (flags.langs && flags.allLangs) throw new ConfigError("Give either --langs or --all-langs, not both.");
      const metrics = flags.metrics ? parseMetricNames(splitList(flags.metrics)) : undefined;
      const alpha = Number(flags.alpha);
      if (!Number.isFinite(alpha)) throw new ConfigError(`Invalid --alpha '${flags.alpha}'. Use a number such as 2.5.`);
      const verbose = Boolean(command.optsWithGlobals().verbose);
      const metricOptions = {
        renyiAlpha: alpha,
        efficiencyVocabSize: parseEfficiencyVocabSize(flags.efficiencyVocab ?? DEFAULT_METRIC_OPTIONS.efficiencyVocabSize),
        ...(flags.seed !== undefined ? { seed: parsePositiveInt(flags.seed, "--seed", 0) } : {}),
        bootstrapResamples: parsePositiveInt(flags.resamples ?? String(DEFAULT_METRIC_OPTIONS.bootstrapResamples), "--resamples"),
      };
      resolveMetricOptions(metricOptions); // bad values fail now, not after the tokenize phase
      const prices = flags.prices !== undefined ? await readPriceTable(flags.prices) : undefined;
      const context = flags.context !== undefined ? parsePositiveInt(flags.context, "--context") : undefined;
      const result = await runCompare({
        tokenizers: expandTokenizerRefs(refs),
        corpus: flags.corpus,
        ...(flags.allLangs ? { languages: "all" as const } : flags.langs ? { languages: splitList(flags.langs) } : {}),
        ...(flags.split ? { split: parseSplit(flags.split) } : {}),
        normalize: flags.normalize,
        ...(flags.joinSegments ? { joinSegments: true } : {}),
        ...(flags.groupBy !== undefined ? { groupBy: flags.groupBy } : {}),
        replaceInvalid: Boolean(flags.replaceInvalid),
        allowUnaligned: Boolean(flags.allowUnaligned),
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
      else if (flags.csv) process.stdout.write(await toCsv(result.results, result.costs));
      else process.stdout.write((flags.markdown ? toMarkdown(result, shown) : toTables(result, shown)) + (result.costs ? costTables(result, Boolean(flags.markdown)) : ""));
    });
}

const COLUMNS: ReadonlyArray<keyof CompareResultRow> = [
  "tokenizer", "language", "segments", "tokens", "words", "chars", "bytes", "fertility", "continued_words", "word_fertility",
  "strr", "bytes_per_token", "chars_per_token", "premium", "premium_ci", "unk_rate", "lossy_chars", "byte_fallback_rate", "unique_tokens",
  "vocab_utilization", "renyi_efficiency", "shannon_efficiency", "nsl",
];

/** Cost columns appended to the CSV with --prices / --context; intervals split into `_low` / `_high`. */
const COST_COLUMNS = [
  "input_price", "output_price", "input_usd_per_million_chars", "input_usd_per_million_chars_ci", "input_usd_per_thousand_words",
  "input_usd_per_thousand_words_ci", "output_usd_per_million_chars", "output_usd_per_million_chars_ci", "output_usd_per_thousand_words",
  "output_usd_per_thousand_words_ci", "context_tokens", "words_in_context", "chars_in_context",
] as const satisfies ReadonlyArray<Exclude<keyof CostRow, "tokenizer" | "language">>;

/** One flat row per tokenizer x language (premium_ci split into two columns), written by arquero; `costs` (same order) adds cost columns. */
export async function toCsv(rows: readonly CompareResultRow[], costs?: readonly CostRow[]): Promise<string> {
  const aq = await import("arquero");
  const flat = rows.map((r, i) => {
    const out: Record<string, string | number | null> = {};
    for (const c of COLUMNS) {
      if (c === "premium_ci") {
        out["premium_ci_low"] = r.premium_ci?.[0] ?? null;
        out["premium_ci_high"] = r.premium_ci?.[1] ?? null;
      } else out[c] = (r[c] as string | number | null | undefined) ?? null;
    }
    const cost = costs?.[i];
    if (costs) {
      if (!cost || cost.tokenizer !== r.tokenizer || cost.language !== r.language) throw new Error("internal error: cost rows out of step with results");
      for (const c of COST_COLUMNS) {
        const v = cost[c];
        if (Array.isArray(v) || c.endsWith("_ci")) {
          const ci = v as [number, number] | null;
          out[`${c}_low`] = ci?.[0] ?? null;
          out[`${c}_high`] = ci?.[1] ?? null;
        } else out[c] = v as number | null;
      }
    }
    return out;
  });
  return aq.from(flat).toCSV() + "\n";
}

function format(metric: MetricName, row: CompareResultRow): string {
  const v = row[metric as keyof CompareResultRow];
  if (v === null || v === undefined) return "-";
  if (Array.isArray(v)) return `${v[0].toFixed(2)}–${v[1].toFixed(2)}`;
  if (typeof v !== "number") return String(v);
  if (metric === "unique_tokens") return String(v);
  if (metric === "premium" && row.premium_ci) return `${v.toFixed(2)} (${row.premium_ci[0].toFixed(2)}–${row.premium_ci[1].toFixed(2)})`;
  return Math.abs(v) < 1 ? v.toFixed(3) : v.toFixed(2);
}

/** Languages x tokenizers for one metric; the best value in each row is marked with `*`. */
function grid(result: CompareRun, metric: MetricName): { header: string[]; rows: string[][] } {
  const tokenizers = result.tokenizers.map((t) => t.id);
  // a labelled reference (`mine=./tokenizer.json`) is headed by its label
  const heads = result.tokenizers.map((t) => (t.id.includes("=") ? t.name : t.id));
  const better = METRICS[metric].better;
  const rows = result.languages.map((lang) => {
    const cells = tokenizers.map((t) => result.results.find((r) => r.tokenizer === t && r.language === lang.code)!);
    const values = cells.map((c) => c[metric as keyof CompareResultRow]);
    const numeric = values.filter((v): v is number => typeof v === "number");
    const best = better && numeric.length > 1 ? (better === "lower" ? Math.min(...numeric) : Math.max(...numeric)) : null;
    return [
      `${lang.code} ${lang.name}`,
      ...cells.map((c, i) => format(metric, c) + (best !== null && values[i] === best && !(metric === "premium" && lang.code === result.pivot) ? " *" : "")),
    ];
  });
  return { header: ["language", ...heads], rows };
}

function toTables(result: CompareRun, metrics: readonly MetricName[]): string {
  let out = "";
  for (const metric of metrics) {
    const def = METRICS[metric];
    out += `${metric}: ${def.description}${def.better ? ` (* = best, ${def.better} is better)` : ""}\n`;
    const g = grid(result, metric);
    // many tokenizers: the columns wrap into several tables that each fit the terminal, the language repeated
    out += formatWrappedTable(g.header, g.rows, outputColumns()) + "\n";
  }
  out += "summary: gini of premiums across languages (0 = every language pays the same)\n";
  out += formatTable(
    ["tokenizer", "gini", "mean premium", "median fertility"],
    result.summary.map((s) => [s.tokenizer, s.gini?.toFixed(3) ?? "-", s.mean_premium?.toFixed(2) ?? "-", s.median_fertility?.toFixed(2) ?? "-"]),
  );
  if (result.groups) {
    out += `\ngroups by ${terminalSafe(result.groups.by)}: median premium (bootstrap CI over the group's languages, pivot left out) and share of the token bill\n`;
    out += formatTable(["tokenizer", "group", "languages", "median premium", "token share"], groupCells(result));
  }
  if (result.warnings.length) out += `\n${result.warnings.length} warning(s); see --json for all. First: ${terminalSafeLines(result.warnings[0]!.message)}\n`;
  return out;
}

function groupCells(result: CompareRun): string[][] {
  return (result.groups?.rows ?? []).map((g) => [
    g.tokenizer,
    g.group,
    String(g.languages.length),
    g.median_premium === null ? "-" : `${g.median_premium.toFixed(2)}${g.median_premium_ci ? ` (${g.median_premium_ci[0].toFixed(2)}–${g.median_premium_ci[1].toFixed(2)})` : ""}`,
    g.token_share === null ? "-" : `${(g.token_share * 100).toFixed(1)}%`,
  ]);
}

function toMarkdown(result: CompareRun, metrics: readonly MetricName[]): string {
  const md = (header: string[], rows: string[][]) =>
    [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map((c) => terminalSafe(c).replaceAll("|", "\\|")).join(" | ")} |`)].join("\n");
  let out = "";
  for (const metric of metrics) {
    const g = grid(result, metric);
    out += `### ${metric}\n\n${METRICS[metric].description}\n\n${md(g.header, g.rows)}\n\n`;
  }
  out += `### summary\n\n${md(
    ["tokenizer", "gini", "mean premium", "median fertility"],
    result.summary.map((s) => [s.tokenizer, s.gini?.toFixed(3) ?? "-", s.mean_premium?.toFixed(2) ?? "-", s.median_fertility?.toFixed(2) ?? "-"]),
  )}\n`;
  if (result.groups) out += `\n### groups by ${result.groups.by}\n\n${md(["tokenizer", "group", "languages", "median premium (CI)", "token share"], groupCells(result))}\n`;
  return out;
}

/** Dollars with enough digits to tell small per-language costs apart. */
function usd(v: number | null): string {
  if (v === null) return "-";
  return v >= 100 ? `$${v.toFixed(0)}` : v >= 1 ? `$${v.toFixed(2)}` : `$${v.toPrecision(2)}`;
}

function usdWithCi(v: number | null, ci: [number, number] | null): string {
  return v === null ? "-" : ci ? `${usd(v)} (${usd(ci[0])}–${usd(ci[1])})` : usd(v);
}

/** The --prices / --context tables: languages x tokenizers, one table per quantity that has values. */
function costTables(result: CompareRun, markdown: boolean): string {
  const costs = result.costs ?? [];
  const tokenizers = result.tokenizers.map((t) => t.id);
  const at = new Map(costs.map((c) => [`${c.tokenizer}\u0000${c.language}`, c]));
  const quantities: { title: string; cell: (c: CostRow) => string; has: (c: CostRow) => boolean }[] = [
    { title: "input cost of 1M characters, USD (premium's 95% interval)", cell: (c) => usdWithCi(c.input_usd_per_million_chars, c.input_usd_per_million_chars_ci), has: (c) => c.input_price !== null },
    { title: "input cost of 1000 words, USD (premium's 95% interval)", cell: (c) => usdWithCi(c.input_usd_per_thousand_words, c.input_usd_per_thousand_words_ci), has: (c) => c.input_price !== null },
    { title: "output cost of 1000 words, USD (premium's 95% interval)", cell: (c) => usdWithCi(c.output_usd_per_thousand_words, c.output_usd_per_thousand_words_ci), has: (c) => c.output_price !== null },
    { title: `words that fit in ${costs[0]?.context_tokens ?? ""} tokens`, cell: (c) => (c.words_in_context === null ? "-" : String(c.words_in_context)), has: (c) => c.context_tokens !== null },
    { title: `characters that fit in ${costs[0]?.context_tokens ?? ""} tokens`, cell: (c) => (c.chars_in_context === null ? "-" : String(c.chars_in_context)), has: (c) => c.context_tokens !== null },
  ];
  let out = "";
  for (const q of quantities) {
    if (!costs.some(q.has)) continue;
    const header = ["language", ...tokenizers];
    const rows = result.languages.map((l) => [`${l.code} ${l.name}`, ...tokenizers.map((t) => {
      const c = at.get(`${t}\u0000${l.code}`);
      return c ? q.cell(c) : "-";
    })]);
    if (markdown) {
      const line = (cells: string[]) => `| ${cells.map((c) => terminalSafe(c).replaceAll("|", "\\|")).join(" | ")} |`;
      out += `\n### ${q.title}\n\n${[line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n")}\n`;
    } else out += `\n${q.title}\n${formatTable(header, rows)}\n`;
  }
  return out;
}
