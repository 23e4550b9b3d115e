// The metric registry and the two entry points: per tokenizer x language, and per-tokenizer summary.
import { ConfigError, closestMatches } from "../errors.js";
import type { TokenizedLanguage, Warning } from "../types.js";
import type {
  AnyMetricDefinition,
  MetricDefinition,
  MetricName,
  MetricOptions,
  MetricValues,
  SummaryMetricName,
} from "./types.js";
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
import { strrIsolated } from "./strr-isolated.js";
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
  strr_isolated: strrIsolated,
  bytes_per_token: bytesPerToken,
  chars_per_token: charsPerToken,
  premium,
  premium_ci: premiumCi,
  unk_rate: unkRate,
  lossy_chars: lossyChars,
  byte_fallback_rate: byteFallbackRate,
  unique_tokens: uniqueTokens,
  vocab_utilization: vocabUtilization,
  renyi_efficiency: renyiEfficiency,
  shannon_efficiency: shannonEfficiency,
  // last: its column exists only when a run has a reference tokenizer
  nsl,
} as const satisfies { [K in MetricName]: MetricDefinition<K> };

/** Every per-tokenizer summary metric. */
export const SUMMARY_METRICS = { gini } as const satisfies Record<SummaryMetricName, SummaryMetricDefinition>;

/** All built-in metric names in registry order. */
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** Metrics that compare against a reference tokenizer: computed, and given a column, only when a run names one. */
export const REFERENCE_METRICS = ["nsl"] as const satisfies readonly MetricName[];

/** A metric added at run time: its definition and what it reads. */
export interface MetricPlugin {
  definition: AnyMetricDefinition;
  /** True when it reads token ids or positions (null for a `counts:` tokenizer), false when per-segment counts do. */
  needsTokenIds: boolean;
}

/** Metrics registered with `registerMetric`, after the built-ins in registration order. */
const PLUGINS = new Map<string, MetricPlugin>();

/**
 * Adds a metric to every run of this process: it is computed for each tokenizer x language and becomes a column of
 * `compare --json/--csv/--markdown`, results.json/csv and (with `display`) the report's numbers table. Its name must
 * be new and snake_case. Returns a function that removes it again.
 */
export function registerMetric(plugin: MetricPlugin): () => void {
  const name = plugin.definition.name;
  if (!/^[a-z][a-z0-9_]*$/.test(name))
    throw new ConfigError(`Metric name '${name}' is not snake_case; name it like 'tokens_per_line'.`);
  if (name in METRICS || PLUGINS.has(name))
    throw new ConfigError(`A metric named '${name}' exists already; register it under another name.`);
  PLUGINS.set(name, plugin);
  return () => void PLUGINS.delete(name);
}

/** Every metric name, built-in then registered, in column order. */
export function metricNames(): MetricName[] {
  // registered names are not in the MetricName union; they travel as names all the same
  return [...METRIC_NAMES, ...(PLUGINS.keys() as Iterable<MetricName>)];
}

/** The definition of a built-in or registered metric; undefined for an unknown name. */
export function metricDefinition(name: string): AnyMetricDefinition | undefined {
  return (METRICS as Record<string, AnyMetricDefinition>)[name] ?? PLUGINS.get(name)?.definition;
}

function needsTokenIds(name: string): boolean {
  return (NEEDS_TOKEN_IDS as Record<string, boolean>)[name] ?? PLUGINS.get(name)?.needsTokenIds ?? true;
}

/** Check user-given metric names (e.g. `--metrics fertility,premium`), suggesting the closest on a typo. */
export function parseMetricNames(names: readonly string[]): MetricName[] {
  return names.map((raw) => {
    const name = raw.trim();
    const known = metricNames();
    if ((known as string[]).includes(name)) return name as MetricName;
    const near = closestMatches(name, known);
    throw new ConfigError(
      `Unknown metric '${name}'. Did you mean ${near.map((n) => `'${n}'`).join(", ")}? Known metrics: ${known.join(", ")}.`,
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
  strr_isolated: true,
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
  const names = (context.metrics ?? metricNames()) as readonly M[];
  const values = {} as Record<M, unknown>;
  const warnings: Warning[] = [];
  for (const name of names) {
    if (data.countsOnly && needsTokenIds(name)) {
      values[name] = null as never;
      warnings.push({
        code: "counts-only",
        tokenizer: data.tokenizer,
        language: data.language,
        message: `${name} for ${data.tokenizer} on ${data.language} is null: it needs the token ids or their positions, and a counts: tokenizer gives only how many tokens each segment has.`,
      });
      continue;
    }
    const definition = metricDefinition(name);
    if (!definition) throw new ConfigError(`Unknown metric '${name}'. Known metrics: ${metricNames().join(", ")}.`);
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
