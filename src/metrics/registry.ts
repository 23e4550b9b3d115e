// The metric registry and the two entry points: per tokenizer x language, and per-tokenizer summary.
import { ConfigError, closestMatches } from "../errors.js";
import type { TokenizedLanguage, Warning } from "../types.js";
import type { MetricDefinition, MetricName, MetricOptions, MetricValues, SummaryMetricName } from "./types.js";
import { bytesPerToken } from "./bytes-per-token.js";
import { byteFallbackRate } from "./byte-fallback-rate.js";
import { charsPerToken } from "./chars-per-token.js";
import { continuedWords } from "./continued-words.js";
import { fertility } from "./fertility.js";
import { gini, type SummaryMetricDefinition } from "./gini.js";
import { nsl } from "./nsl.js";
import { resolveMetricOptions } from "./options.js";
import { premium } from "./premium.js";
import { premiumCi } from "./premium-ci.js";
import { renyiEfficiency } from "./renyi-efficiency.js";
import { strr } from "./strr.js";
import { lossyChars } from "./lossy-chars.js";
import { shannonEfficiency } from "./shannon-efficiency.js";
import { uniqueTokens } from "./unique-tokens.js";
import { unkRate } from "./unk-rate.js";
import { vocabUtilization } from "./vocab-utilization.js";
import { wordFertility } from "./word-fertility.js";

/** Every per tokenizer x language metric, in the column order of `toklens compare`. */
export const METRICS = {
  fertility,
  continued_words: continuedWords,
  word_fertility: wordFertility,
  strr,
  bytes_per_token: bytesPerToken,
  chars_per_token: charsPerToken,
  nsl,
  premium,
  premium_ci: premiumCi,
  unk_rate: unkRate,
  lossy_chars: lossyChars,
  byte_fallback_rate: byteFallbackRate,
  unique_tokens: uniqueTokens,
  vocab_utilization: vocabUtilization,
  renyi_efficiency: renyiEfficiency,
  shannon_efficiency: shannonEfficiency,
} as const satisfies { [K in MetricName]: MetricDefinition<K> };

/** Every per-tokenizer summary metric. */
export const SUMMARY_METRICS = { gini } as const satisfies Record<SummaryMetricName, SummaryMetricDefinition>;

/** All metric names in registry order. */
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** Check user-given metric names (e.g. `--metrics fertility,premium`), suggesting the closest on a typo. */
export function parseMetricNames(names: readonly string[]): MetricName[] {
  return names.map((raw) => {
    const name = raw.trim();
    if ((METRIC_NAMES as string[]).includes(name)) return name as MetricName;
    const near = closestMatches(name, METRIC_NAMES);
    throw new ConfigError(
      `Unknown metric '${name}'. Did you mean ${near.map((n) => `'${n}'`).join(", ")}? Known metrics: ${METRIC_NAMES.join(", ")}.`,
    );
  });
}

/** What `computeMetrics` needs besides the measured data. */
export interface ComputeMetricsContext<M extends MetricName = MetricName> {
  /** The same tokenizer on the pivot language (for premium, premium_ci). */
  pivot?: TokenizedLanguage;
  /** The reference tokenizer on the same language (for nsl). */
  reference?: TokenizedLanguage;
  options: MetricOptions;
  /** Compute only these metrics (all when absent). */
  metrics?: readonly M[];
}

/** Values of one tokenizer x language plus the warnings explaining its nulls. */
export interface MetricsResult<M extends MetricName = MetricName> {
  values: MetricValues<M>;
  warnings: Warning[];
}

/**
 * Compute the selected metrics (default: all) for one tokenizer x language. Never throws for missing
 * data: a metric that cannot be computed is null with a warning. Throws ConfigError for invalid options.
 */
/**
 * Metrics that read token ids or token positions, not only per-segment counts: null for a `counts:` tokenizer.
 * Every metric is listed, so a new one must say which it is.
 */
export const NEEDS_TOKEN_IDS = {
  fertility: false,
  continued_words: true,
  word_fertility: true,
  strr: true,
  bytes_per_token: false,
  chars_per_token: false,
  premium: false,
  premium_ci: false,
  nsl: false,
  unk_rate: true,
  lossy_chars: true,
  byte_fallback_rate: true,
  unique_tokens: true,
  vocab_utilization: true,
  renyi_efficiency: true,
  shannon_efficiency: true,
} as const satisfies Record<MetricName, boolean>;

export function computeMetrics<M extends MetricName = MetricName>(
  data: TokenizedLanguage,
  context: ComputeMetricsContext<M>,
): MetricsResult<M> {
  const options = resolveMetricOptions(context.options);
  const metricContext = { pivot: context.pivot, reference: context.reference, options };
  const names = (context.metrics ?? METRIC_NAMES) as readonly M[];
  const values = {} as Record<M, unknown>;
  const warnings: Warning[] = [];
  for (const name of names) {
    if (data.countsOnly && NEEDS_TOKEN_IDS[name]) {
      values[name] = null as never;
      warnings.push({
        code: "counts-only",
        tokenizer: data.tokenizer,
        language: data.language,
        message: `${name} for ${data.tokenizer} on ${data.language} is null: it needs the token ids or their positions, and a counts: tokenizer gives only how many tokens each segment has.`,
      });
      continue;
    }
    const definition = METRICS[name] as MetricDefinition<M>;
    const outcome = definition.compute(data, metricContext);
    values[name] = outcome.value;
    warnings.push(...outcome.warnings);
  }
  return { values: values as MetricValues<M>, warnings };
}

/** One tokenizer x language's metric values, as `computeSummary` reads them. */
export interface LanguageMetrics {
  tokenizer: string;
  language: string;
  values: Partial<MetricValues>;
}

/** Per-tokenizer summary across the languages of a run (`summary` in `compare --json`). */
export interface TokenizerSummary {
  tokenizer: string;
  /** Languages with a non-null premium (the gini's sample). */
  languages: number;
  gini: number | null;
}

/**
 * Summaries per tokenizer, in order of first appearance in `perLanguage`. Reads each result's
 * `premium`; results without one are left out of the gini (a warning says so when too few remain).
 */
export function computeSummary(perLanguage: readonly LanguageMetrics[]): {
  summary: TokenizerSummary[];
  warnings: Warning[];
} {
  const byTokenizer = new Map<string, { language: string; premium: number | null }[]>();
  for (const r of perLanguage) {
    const list = byTokenizer.get(r.tokenizer) ?? [];
    list.push({ language: r.language, premium: r.values.premium ?? null });
    byTokenizer.set(r.tokenizer, list);
  }
  const summary: TokenizerSummary[] = [];
  const warnings: Warning[] = [];
  for (const [tokenizer, premiums] of byTokenizer) {
    const outcome = SUMMARY_METRICS.gini.compute(tokenizer, premiums);
    summary.push({ tokenizer, languages: premiums.filter((p) => p.premium !== null).length, gini: outcome.value });
    warnings.push(...outcome.warnings);
  }
  return { summary, warnings };
}
