// The phases of an analysis, in the order they run: one registry entry each, so runAnalysis is a loop over it.
import { compareWithContext, type CompareRun } from "./compare.js";
import { adaptationWithContext } from "./adapt.js";
import { budgetWithContext } from "./budget.js";
import type { AnalysisConfig } from "./config.js";
import { diffWithContext } from "./diff.js";
import { morphWithContext, readMorphGolds, type MorphGold } from "./morph.js";
import { readPriceTable } from "./prices.js";
import { definedFields, openRunContext, type RunContext, type RunContextOptions } from "./run-context.js";
import { defaultSampleChars, samplesWithContext } from "./token-samples.js";
import { vocabWithContext, type VocabSectionOptions } from "./vocab-section.js";
import { isCountsRef } from "../tokenize/counts.js";
import { resolveTokenizerSpec } from "../tokenizers/load.js";
import type { TokenizerSession } from "../tokenize/session.js";
import type { DiffResult } from "../results/diff.js";
import type { PriceTable } from "../results/prices.js";
import type {
  AdaptationReportSection,
  MorphReportSection,
  TokenSampleSection,
  VocabReportSection,
} from "../results/report-data.js";
import type { Warning } from "../types.js";

/** The timed phases of an analysis, in order (`--verbose` prints each; `AnalysisRun.timings` has one entry each). */
export const ANALYSIS_PHASES = ["compare", "vocab", "adaptation", "diff", "morph", "write"] as const;
export type AnalysisPhase = (typeof ANALYSIS_PHASES)[number];

/** A registry key: a timed phase, or the token samples (quick, and untimed since before the registry). */
export type PhaseKey = Exclude<AnalysisPhase, "write"> | "samples";

/** An analysis' run context: the run's decisions plus the analysis file and what only its phases use. */
export interface AnalysisContext extends RunContext {
  config: AnalysisConfig;
  /** The analysis' price table, read before any phase so a bad file fails first. */
  prices: PriceTable | undefined;
  /** The morph section's gold files, read and checked before any phase. */
  morphGold: readonly MorphGold[] | undefined;
  onVocabProgress: VocabSectionOptions["onProgress"];
}

/** The sections the phases produce, filled in as they run. */
export interface ReportParts {
  compare?: CompareRun;
  samples?: TokenSampleSection;
  vocab?: VocabReportSection;
  adaptation?: AdaptationReportSection;
  diff?: DiffResult;
  morph?: MorphReportSection;
  /** Warnings of later phases that the report lists with the comparison's. */
  warnings: Warning[];
}

export interface Phase {
  key: PhaseKey;
  enabled(config: AnalysisConfig): boolean;
  /** Runs the phase, storing its section in `parts`; returns a one-line detail for `--verbose`. */
  run(ctx: AnalysisContext, parts: ReportParts): Promise<string>;
}

/** What an analysis asks of its run, before it is resolved. */
export type AnalysisRunOptions = Pick<RunContextOptions, "workers" | "cache" | "onProgress"> & {
  onVocabProgress?: NonNullable<VocabSectionOptions["onProgress"]>;
};

/** Reads the price table, opens the corpus and resolves languages and pivot: once, for every phase. */
export async function openAnalysisContext(
  config: AnalysisConfig,
  options: AnalysisRunOptions,
  session: TokenizerSession,
): Promise<AnalysisContext> {
  // a bad prices file, gold file or diffed tokenizer fails before the first phase, not after the long ones
  const prices = config.prices !== undefined ? await readPriceTable(config.prices) : undefined;
  const morphGold = config.morph ? await readMorphGolds(config.morph.gold) : undefined;
  for (const ref of [config.diff?.a, config.diff?.b]) if (ref && !isCountsRef(ref)) await resolveTokenizerSpec(ref);
  const { source, ...read } = config.corpus;
  const { workers, cache, onProgress } = options;
  const ctx = await openRunContext(
    {
      corpus: source,
      languages: config.languages,
      ...definedFields({ ...read, pivot: config.pivot, workers, cache, onProgress }),
    },
    session,
  );
  return { ...ctx, config, prices, morphGold, onVocabProgress: options.onVocabProgress };
}

/** The comparison every later phase builds on. */
export function compared(parts: ReportParts): CompareRun {
  if (!parts.compare) throw new Error("internal error: a phase ran before the compare phase");
  return parts.compare;
}

const comparePhase: Phase = {
  key: "compare",
  enabled: () => true,
  async run(ctx, parts) {
    const { config } = ctx;
    const r = await compareWithContext(
      ctx,
      {
        tokenizers: config.tokenizers,
        ...definedFields({
          reference: config.reference || undefined,
          metrics: config.metrics,
          metricOptions: config.efficiencyVocabSize ? { efficiencyVocabSize: config.efficiencyVocabSize } : undefined,
          groupBy: config.groupBy,
          prices: ctx.prices,
          context: config.context,
        }),
      },
      { memo: true },
    );
    parts.compare = r;
    return `${r.tokenizers.length} tokenizers x ${r.languages.length} languages; ${r.stats.computed} tokenized, ${r.stats.cacheHits} from cache`;
  },
};

/** The section field naming the `counts:` tokenizers among `refs` (left out of a section that needs a real one), if any. */
function countsOnlyOf(refs: readonly string[]): { countsOnly?: string[] } {
  const countsOnly = refs.filter(isCountsRef);
  return countsOnly.length > 0 ? { countsOnly } : {};
}

/** The token-boundary view: one sample per language, encoded by the tokenizers the compare phase loaded. */
const samplesPhase: Phase = {
  key: "samples",
  enabled: () => true,
  async run(ctx, parts) {
    const { languages, tokenizers } = compared(parts);
    const maxChars = ctx.config.sampleChars ?? defaultSampleChars(languages.length);
    const ids = tokenizers.map((t) => t.id);
    // a counts: tokenizer cannot encode the sample: it is left out, and the page says so
    const real = ids.filter((id) => !isCountsRef(id));
    const section =
      real.length === 0
        ? { samples: [] }
        : await samplesWithContext(
            ctx,
            languages.map((l) => l.code),
            real,
            maxChars,
            parts.warnings,
          );
    parts.samples = { ...section, ...countsOnlyOf(ids) };
    return `${parts.samples.samples.length} samples`;
  },
};

const vocabPhase: Phase = {
  key: "vocab",
  enabled: (config) => config.vocab !== undefined && config.vocab.enabled !== false,
  async run(ctx, parts) {
    const wanted = ctx.config.vocab?.tokenizers ?? ctx.config.tokenizers;
    // a counts: tokenizer has no vocabulary to analyse
    const refs = compared(parts)
      .tokenizers.filter((t) => wanted.includes(t.id) && !isCountsRef(t.id))
      .map((t) => ({ id: t.id, sha256: t.sha256 }));
    const r = await vocabWithContext(ctx, refs, {
      ...definedFields({ examples: ctx.config.vocab?.examples, longest: ctx.config.vocab?.longest }),
      onProgress: ctx.onVocabProgress,
    });
    parts.vocab = {
      ...r.section,
      ...countsOnlyOf(
        compared(parts)
          .tokenizers.map((t) => t.id)
          .filter((id) => wanted.includes(id)),
      ),
    };
    parts.warnings.push(...r.warnings);
    return `${refs.length} vocabularies, ${r.loaded.length} loaded, ${refs.length - r.loaded.length} from cache`;
  },
};

const adaptationPhase: Phase = {
  key: "adaptation",
  enabled: (config) => (config.adaptation ?? []).length > 0,
  async run(ctx, parts) {
    const { section, warnings } = await adaptationWithContext(ctx, ctx.config.adaptation ?? [], ctx.config.pivot);
    const budgets = await budgetWithContext(ctx, ctx.config.adaptation ?? [], ctx.config.pivot);
    if (budgets.studies.length > 0) section.budgets = budgets.studies;
    parts.adaptation = section;
    parts.warnings.push(...warnings, ...budgets.warnings);
    return `${section.studies.length + budgets.studies.length} studies`;
  },
};

const diffPhase: Phase = {
  key: "diff",
  enabled: (config) => Boolean(config.diff),
  async run(ctx, parts) {
    const { a, b } = ctx.config.diff!;
    // the progress display follows the compare phase's tokenize only
    parts.diff = await diffWithContext({ ...ctx, onProgress: undefined }, { a, b });
    return `${parts.diff.languages.length} languages`;
  },
};

const morphPhase: Phase = {
  key: "morph",
  enabled: (config) => Boolean(config.morph),
  async run(ctx, parts) {
    const morph = ctx.config.morph!;
    const refs = morph.tokenizers ?? ctx.config.tokenizers;
    // a counts: tokenizer cannot split the gold words: it is left out, and the page says so
    const section = await morphWithContext(
      ctx,
      ctx.morphGold ?? [],
      refs.filter((r) => !isCountsRef(r)),
      morph.context ? "in-context" : "bare-word",
    );
    parts.morph = { ...section, ...countsOnlyOf(refs) };
    return `${parts.morph.results.length} tokenizer x gold scores`;
  },
};

/** Every phase before the report is written, in the order they run. */
export const PHASES: readonly Phase[] = [
  comparePhase,
  samplesPhase,
  vocabPhase,
  adaptationPhase,
  diffPhase,
  morphPhase,
];
