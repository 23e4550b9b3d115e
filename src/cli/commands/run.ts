// `toklens run <analysis.json>`: runs a declarative analysis and writes its report; also the printing shared with `report`.
import type { Command } from "commander";
import {
  CHART_IMAGE_FORMATS,
  DEFAULT_CHART_EXPORT,
  NO_CHART_IMAGES,
  isChartExport,
  type ChartExport,
  listChoices,
} from "../../analysis/defaults.js";
import { basename, extname, join, relative } from "node:path";
import { readAnalysisFile, type AnalysisConfig } from "../../analysis/config.js";
import { reportHeadlines } from "../../analysis/headlines.js";
import { runAnalysis, type AnalysisRun } from "../../analysis/run-analysis.js";
import { ConfigError } from "../../errors.js";
import { printWarnings, terminalSafeLines } from "../output.js";
import { corpusOption, parsePositiveInt, progressReporter, vocabProgressReporter } from "./common-options.js";

/** Flags `run` and `report` share. */
export interface ReportRunFlags {
  out?: string;
  charts?: string;
  workers?: string;
  cache: boolean;
}

export function parseCharts(value: string | undefined): ChartExport | undefined {
  if (value === undefined || isChartExport(value)) return value;
  throw new ConfigError(`Invalid --charts '${value}'. Use ${listChoices([...CHART_IMAGE_FORMATS, NO_CHART_IMAGES])}.`);
}

/** The command line as a shell would need it to run again (arguments with spaces or quotes are single-quoted). */
export function commandLine(argv: readonly string[] = process.argv.slice(2)): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`);
  return ["toklens", ...argv.map(quote)].join(" ");
}

/** Adds --out, --charts, --workers and --no-cache. */
export function reportRunFlags(cmd: Command, defaultOut: string): Command {
  return cmd
    .option(
      "--out <dir>",
      `report directory: created, or replaced if empty or an earlier toklens report; other folders are refused (default: ${defaultOut})`,
    )
    .option(
      "--charts <format>",
      `also export every chart as ${CHART_IMAGE_FORMATS.join(" or ")} (default: the analysis' charts, else ${DEFAULT_CHART_EXPORT})`,
    )
    .option("--workers <n>", "worker threads for tokenizing (default: one per core)")
    .option("--no-cache", "neither read nor write the cache (~/.cache/toklens or $TOKLENS_CACHE_DIR)");
}

/** Runs an analysis with the shared flags, then prints where the report is and three headlines. */
export async function runAndPrint(
  config: AnalysisConfig,
  out: string,
  flags: ReportRunFlags,
  command: Command,
): Promise<AnalysisRun> {
  const verbose = Boolean(command.optsWithGlobals().verbose);
  const charts = parseCharts(flags.charts);
  const lines = Boolean(command.optsWithGlobals().progress);
  const onProgress = progressReporter(lines);
  const onVocabProgress = vocabProgressReporter(lines);
  const run = await runAnalysis(config, {
    out,
    command: commandLine(),
    ...(charts ? { charts } : {}),
    ...(flags.workers !== undefined ? { workers: parsePositiveInt(flags.workers, "--workers") } : {}),
    ...(flags.cache ? {} : { cache: false as const }),
    ...(onProgress ? { onProgress } : {}),
    ...(onVocabProgress ? { onVocabProgress } : {}),
    onWarning: (w) => printWarnings([w]),
    ...(verbose
      ? { onPhase: (phase, ms, detail) => process.stderr.write(`${phase}: ${(ms / 1000).toFixed(1)} s (${detail})\n`) }
      : {}),
  });
  const shown = relative(process.cwd(), run.html) || run.html;
  const extras = [
    `results.json`,
    `results.csv`,
    `summary.md`,
    `results.tex`,
    `${run.specs.length} chart specs`,
    ...(run.images.length ? [`${run.images.length} images`] : []),
  ];
  process.stdout.write(`Report written to ${shown.startsWith("..") ? run.html : shown} (with ${extras.join(", ")})\n`);
  for (const line of reportHeadlines(run.data)) process.stdout.write(`  ${terminalSafeLines(line)}\n`);
  if (run.data.compare.warnings.length > 0) {
    process.stdout.write(`  ${run.data.compare.warnings.length} warning(s), listed in the report.\n`);
  }
  return run;
}

export function register(program: Command): void {
  const cmd = program
    .command("run")
    .description("run a declarative analysis (analyses/*.json, see docs/analyses.md) and write its HTML report")
    .argument("<analysis>", "analysis file, e.g. analyses/overview.json")
    .addOption(
      corpusOption("corpus", {
        help: "read this corpus instead of the file's corpus.source (e.g. flores:/data/flores200_dataset)",
        default: null,
      }),
    );
  reportRunFlags(cmd, "reports/<analysis name>").action(
    async (file: string, flags: ReportRunFlags & { corpus?: string }, command: Command) => {
      const config = await readAnalysisFile(file);
      if (flags.corpus !== undefined) config.corpus = { ...config.corpus, source: flags.corpus };
      const out = flags.out ?? join("reports", basename(file, extname(file)));
      await runAndPrint(config, out, flags, command);
    },
  );
}
