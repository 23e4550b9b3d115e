// `toklens compare`: per tokenizer x language metrics, as a terminal table, JSON, CSV or Markdown.
import type { Command } from "commander";
import { runCompare, type CompareRun } from "../../analysis/compare.js";
import { ConfigError } from "../../errors.js";
import { resolveMetricOptions } from "../../metrics/options.js";
import { METRICS, parseMetricNames } from "../../metrics/registry.js";
import type { MetricName } from "../../metrics/types.js";
import type { CompareResultRow } from "../../report/report-data.js";
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
  seed?: string;
  resamples?: string;
  workers?: string;
  cache: boolean;
  normalize: boolean;
  replaceInvalid?: boolean;
  allowUnaligned?: boolean;
  json?: boolean;
  csv?: boolean;
  markdown?: boolean;
}

/** Metrics shown in the terminal table when --metrics is not given. */
const TABLE_METRICS: readonly MetricName[] = ["premium", "fertility", "bytes_per_token"];

export function register(program: Command): void {
  const cmd = program
    .command("compare")
    .description("compare tokenizers across languages: fertility, continued words, bytes/chars per token, premium with CI, efficiency")
    .argument("<tokenizer...>", "built-in ids (see `toklens tokenizers`; `all` for every installed one), tokenizer files, or hf:<org>/<name>; label one with name=path");
  corpusOptionFlags(cmd)
    .option("--pivot <lang>", "pivot language of the premium", "eng_Latn")
    .option("--reference <tokenizer>", "reference tokenizer for nsl (normalised sequence length)")
    .option("--metrics <list>", `comma-separated metrics (default: all); one of ${Object.keys(METRICS).join(", ")}`)
    .option("--alpha <number>", "Rényi efficiency order", "2.5")
    .option("--seed <int>", "bootstrap seed (results are reproducible for a seed)")
    .option("--resamples <int>", "bootstrap resamples for premium_ci (at most 100000)", "1000")
    .option("--workers <n>", "worker threads for tokenizing (default: one per core)")
    .option("--no-cache", "neither read nor write the tokenize cache (~/.cache/toklens or $TOKLENS_CACHE_DIR)")
    .option("--json", "print one JSON object (see README)")
    .option("--csv", "print one CSV row per tokenizer x language")
    .option("--markdown", "print Markdown tables")
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
        ...(flags.seed !== undefined ? { seed: parsePositiveInt(flags.seed, "--seed", 0) } : {}),
        bootstrapResamples: parsePositiveInt(flags.resamples ?? "1000", "--resamples"),
      };
      resolveMetricOptions(metricOptions); // bad values fail now, not after the tokenize phase
      const result = await runCompare({
        tokenizers: expandTokenizerRefs(refs),
        corpus: flags.corpus,
        ...(flags.allLangs ? { languages: "all" as const } : flags.langs ? { languages: splitList(flags.langs) } : {}),
        ...(flags.split ? { split: parseSplit(flags.split) } : {}),
        normalize: flags.normalize,
        replaceInvalid: Boolean(flags.replaceInvalid),
        allowUnaligned: Boolean(flags.allowUnaligned),
        ...(flags.pivot ? { pivot: flags.pivot } : {}),
        ...(flags.reference ? { reference: flags.reference } : {}),
        ...(metrics ? { metrics } : {}),
        metricOptions,
        ...(flags.workers !== undefined ? { workers: parsePositiveInt(flags.workers, "--workers") } : {}),
        ...(flags.cache ? {} : { cache: false as const }),
        onProgress: progressReporter(Boolean(command.optsWithGlobals().progress)),
      });
      if (verbose) {
        process.stderr.write(
          `tokenize: ${result.stats.computed} computed, ${result.stats.cacheHits} from cache, ${(result.stats.elapsedMs / 1000).toFixed(1)} s\n`,
        );
      }
      const { stats: _stats, corpusSha256: _sha, ...json } = result;
      const shown = metrics ?? TABLE_METRICS;
      if (flags.json) printJson(json);
      else if (flags.csv) process.stdout.write(await toCsv(result.results));
      else process.stdout.write(flags.markdown ? toMarkdown(result, shown) : toTables(result, shown));
    });
}

const COLUMNS: ReadonlyArray<keyof CompareResultRow> = [
  "tokenizer", "language", "segments", "tokens", "words", "chars", "bytes", "fertility", "continued_words", "word_fertility",
  "strr", "bytes_per_token", "chars_per_token", "premium", "premium_ci", "unk_rate", "byte_fallback_rate", "unique_tokens",
  "vocab_utilization", "renyi_efficiency", "shannon_efficiency", "nsl",
];

/** One flat row per tokenizer x language (premium_ci split into two columns), written by arquero. */
export async function toCsv(rows: readonly CompareResultRow[]): Promise<string> {
  const aq = await import("arquero");
  const flat = rows.map((r) => {
    const out: Record<string, string | number | null> = {};
    for (const c of COLUMNS) {
      if (c === "premium_ci") {
        out["premium_ci_low"] = r.premium_ci?.[0] ?? null;
        out["premium_ci_high"] = r.premium_ci?.[1] ?? null;
      } else out[c] = (r[c] as string | number | null | undefined) ?? null;
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
  if (result.warnings.length) out += `\n${result.warnings.length} warning(s); see --json for all. First: ${terminalSafeLines(result.warnings[0]!.message)}\n`;
  return out;
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
  return out;
}
