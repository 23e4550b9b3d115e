// What `toklens compare --json` prints: the rows (one per tokenizer x language, their metric columns derived from the
// metric registry), per-tokenizer summaries, Lorenz curves, groups and costs.
import type { CostRow } from "../metrics/cost.js";
import type { GroupRow, TokenizerLorenzCurve } from "../metrics/groups.js";
import { metricNames, REFERENCE_METRICS } from "../metrics/registry.js";
import type { MetricName, MetricValue, MetricValueMap } from "../metrics/types.js";
import type { TokenizerInfo } from "../types.js";
import type { PriceTable } from "./prices.js";

/** The counts every row carries before its metrics. */
export interface CompareRowCounts {
  /** Tokenizer id (matches `CompareResult.tokenizers[].id`). */
  tokenizer: string;
  /** Language code (matches `CompareResult.languages[].code`), e.g. `hin_Deva`. */
  language: string;
  /** Aligned segments measured. */
  segments: number;
  /** Tokens over all segments (no special tokens added). */
  tokens: number;
  /** Word units over all segments; null when no metric of the run reads words, so they were not counted. */
  words: number | null;
  /** Unicode code points over all segments. */
  chars: number;
  /** UTF-8 bytes over all segments. */
  bytes: number;
}

/** A metric that needs a reference tokenizer (`nsl`): its column is present only when the run has one. */
export type ReferenceMetricName = (typeof REFERENCE_METRICS)[number];

/**
 * One tokenizer x language: a row of `toklens compare --json`. Each registered metric is a column named as the
 * metric (see `METRICS` and docs/metrics.md for definitions), `null` when it cannot be computed; a metric that needs
 * a reference tokenizer is present only when the run has one. Metrics registered at run time (`registerMetric`)
 * are columns too, read with `metricValue`.
 */
export type CompareResultRow = CompareRowCounts & {
  [K in Exclude<MetricName, ReferenceMetricName>]: MetricValueMap[K] | null;
} & { [K in ReferenceMetricName]?: MetricValueMap[K] | null };

/** The metric columns of a run: every registered metric, those needing a reference only when it has one. */
export function rowMetricNames(withReference: boolean): string[] {
  return metricNames().filter((m) => withReference || !(REFERENCE_METRICS as readonly string[]).includes(m));
}

/**
 * Builds a row: the counts, then one column per metric in `columns` order (see `rowMetricNames`); a metric that was
 * not computed is null.
 */
export function compareRow(
  counts: CompareRowCounts,
  values: Readonly<Record<string, unknown>>,
  columns: readonly string[],
): CompareResultRow {
  const row: Record<string, unknown> = { ...counts };
  for (const name of columns) row[name] = name in values ? (values[name] ?? null) : null;
  return row as unknown as CompareResultRow;
}

/** A metric's value in a row by name (built-in or registered); undefined when the row has no such column. */
export function metricValue(row: CompareResultRow, name: string): MetricValue | undefined {
  return (row as unknown as Record<string, MetricValue | undefined>)[name];
}

/** Per tokenizer, over all languages. */
export interface CompareSummaryRow {
  tokenizer: string;
  /** Gini coefficient of per-language premiums, the pivot left out (0 = every language pays the same). */
  gini: number | null;
  mean_premium: number | null;
  median_fertility: number | null;
}

/** Exactly what `toklens compare --json` prints. */
export interface CompareResult {
  /** The tokenizers compared, in the order the user listed them. */
  tokenizers: TokenizerInfo[];
  /** The languages measured, in the order the user listed them. */
  languages: { code: string; name: string; script: string }[];
  /** The language premiums are relative to (a code from `languages`). */
  pivot: string;
  results: CompareResultRow[];
  /** Per tokenizer, over all languages. */
  summary: CompareSummaryRow[];
  /** With `--prices` or `--context`: cost and context per tokenizer x language, in the order of `results`. */
  costs?: CostRow[];
  /** With `--prices`: the validated prices file used (its figures, sources and dates). */
  prices?: PriceTable;
  warnings: { code: string; message: string; tokenizer?: string; language?: string }[];
  /** Per tokenizer: the Lorenz curve of per-language premiums (the pivot left out), whose area gives `summary[].gini`. */
  lorenz?: CompareLorenzCurve[];
  /** Per tokenizer and group of languages, with `--group-by`. */
  groups?: CompareGroups;
}

/** The Lorenz curve of one tokenizer's premiums across the run's languages, pivot left out. */
export type CompareLorenzCurve = TokenizerLorenzCurve;

/** One tokenizer x group. */
export type CompareGroupRow = GroupRow;

/** Languages grouped by script or by a user's table (`--group-by`). */
export interface CompareGroups {
  /** `script`, or the CSV file the groups came from. */
  by: string;
  rows: CompareGroupRow[];
}
