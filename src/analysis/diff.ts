// Library entry behind `toklens diff <A> <B>`: what changed from tokenizer A to B, in the vocabulary and per language.
import { ConfigError } from "../errors.js";
import { findLanguage } from "../corpus/languages.js";
import { corpusInput, runTokenize, type LanguageInput, type TokenizeRun } from "../tokenize/run.js";
import { alignTokens, sum } from "../metrics/align.js";
import { bootstrapRatio } from "../metrics/bootstrap.js";
import { resolveMetricOptions } from "../metrics/options.js";
import type { MetricOptions, ResolvedMetricOptions } from "../metrics/types.js";
import type { Warning } from "../types.js";
import { DEFAULT_DIFF_EXAMPLES, vocabDiff, type VocabDiff } from "../vocab/vocab-diff.js";
import { isCountsRef } from "../tokenize/counts.js";
import { joinedInput } from "../tokenize/join.js";
import type { DiffChange, DiffLanguageRow, DiffResult } from "../results/diff.js";
import { withRunContext, type RunContext, type RunContextOptions } from "./run-context.js";

export type { VocabDiff };

/** What a diff compares in a run's context. */
export interface DiffSpec {
  /** The tokenizer before (built-in id, file, hf:org/name@rev). */
  a: string;
  /** The tokenizer after. */
  b: string;
  /** Bootstrap settings (seed, resamples, level) of the ratio's interval. @default compare's */
  metricOptions?: MetricOptions;
  /** Examples per vocabulary group and side. @default 5 */
  examples?: number;
}

/** `runDiff`'s options: the two tokenizers, and the run (a diff has no pivot and always reads segments as they are). */
export interface DiffOptions extends DiffSpec, Omit<RunContextOptions, "pivot" | "joinSegments"> {}

/** `cheaper`, `dearer` or `no significant change` from an interval of B/A. */
export function changeOf(ci: [number, number] | null): DiffChange | null {
  if (!ci) return null;
  if (ci[1] < 1) return "cheaper";
  if (ci[0] > 1) return "dearer";
  return "no significant change";
}

/** Tokenizes the corpus once under A and B, and compares the two vocabularies by the bytes of their entries. */
export async function runDiff(options: DiffOptions): Promise<DiffResult> {
  checkSpec(options);
  return withRunContext(options, (ctx) => diffWithContext(ctx, options));
}

/**
 * `runDiff` in a run's context: its corpus, languages, session and protocol (a diff ignores the pivot). With
 * joined segments each language is one string under A and B, as in the run's comparison, and the ratio has no interval.
 */
export async function diffWithContext(ctx: RunContext, spec: DiffSpec): Promise<DiffResult> {
  const settings = checkSpec(spec);
  const warnings: Warning[] = [...ctx.corpusWarnings];
  const joined = ctx.protocol.joinSegments;
  const prepared: LanguageInput[] = [];
  for (const language of ctx.languages)
    prepared.push(
      joined ? await joinedInput(ctx.corpus, language, ctx.protocol.joinMode) : await corpusInput(ctx.corpus, language),
    );
  if (joined) {
    warnings.push({
      code: "joined-no-ci",
      message:
        "The diff's ratio_ci is null with joined segments: each language is one joined string, so there are no segments to resample. Leave joinSegments out for bootstrap intervals over segments.",
    });
  }
  const run = await runTokenize({
    tokenizers: [spec.a, spec.b],
    languages: prepared,
    ...ctx.tokenize,
    onProgress: ctx.onProgress,
  });
  warnings.push(...run.warnings);
  const rows = languageRows(ctx, spec.a, settings, prepared, run, warnings);
  let vocabulary: VocabDiff | null = null;
  const counts = [spec.a, spec.b].filter(isCountsRef);
  if (counts.length > 0) {
    warnings.push({
      code: "counts-only",
      tokenizer: counts[0]!,
      message: `The vocabulary comparison is left out: ${counts.join(" and ")} ${counts.length > 1 ? "give" : "gives"} only token counts, no vocabulary.`,
    });
  } else {
    const [ta, tb] = await Promise.all([ctx.session.tokenizer(spec.a), ctx.session.tokenizer(spec.b)]);
    vocabulary = vocabDiff(ta.vocabulary(), tb.vocabulary(), { examples: spec.examples ?? DEFAULT_DIFF_EXAMPLES });
  }
  return {
    a: { ...run.tokenizers[0]!, id: spec.a },
    b: { ...run.tokenizers[1]!, id: spec.b },
    corpus: ctx.source,
    ...(joined ? { joinedSegments: true as const } : {}),
    vocabulary,
    languages: rows,
    warnings,
  };
}

/** Refuses a diff of a tokenizer with itself, and bad bootstrap settings, before the corpus is read. */
function checkSpec(spec: DiffSpec): ResolvedMetricOptions {
  if (spec.a === spec.b)
    throw new ConfigError(
      `diff needs two different tokenizers; both are '${spec.a}'. Give e.g. \`toklens diff cl100k_base o200k_base\`.`,
    );
  return resolveMetricOptions(spec.metricOptions ?? {});
}

/** Per language: tokens under A and B on the same segments, B/A with its bootstrap interval (none if joined); cheapest first. */
function languageRows(
  ctx: RunContext,
  a: string,
  settings: ResolvedMetricOptions,
  prepared: readonly LanguageInput[],
  run: TokenizeRun,
  warnings: Warning[],
): DiffLanguageRow[] {
  const rows: DiffLanguageRow[] = prepared.map((p, l) => {
    const dataA = run.results[l]!;
    const dataB = run.results[prepared.length + l]!;
    // the same corpus text under both tokenizers: every segment id pairs up
    const aligned = alignTokens(dataB.segments, dataA.segments);
    const tokensA = sum(aligned.baseTokens);
    const tokensB = sum(aligned.tokens);
    const info = findLanguage(p.language);
    const ratio = tokensA > 0 ? tokensB / tokensA : null;
    let ci: [number, number] | null = null;
    if (ratio === null) {
      warnings.push({
        code: "no-text",
        language: p.language,
        message: `${a} gives no tokens for ${p.language} in '${ctx.source}', so its ratio is null.`,
      });
    } else if (!ctx.protocol.joinSegments) {
      // (one joined segment: a bootstrap would resample it alone and return [ratio, ratio])
      ci = bootstrapRatio(aligned.tokens, aligned.baseTokens, {
        resamples: settings.bootstrapResamples,
        level: settings.confidenceLevel,
        seed: settings.seed,
      }).interval;
    }
    return {
      language: p.language,
      name: info?.name ?? ctx.corpus.describe(p.language).name ?? p.language,
      script: info?.script ?? p.language.split("_")[1] ?? "",
      segments: aligned.ids.length,
      tokens_a: tokensA,
      tokens_b: tokensB,
      ratio,
      ratio_ci: ci,
      change: changeOf(ci),
    };
  });
  rows.sort((x, y) => (x.ratio ?? Infinity) - (y.ratio ?? Infinity) || (x.language < y.language ? -1 : 1));
  return rows;
}
