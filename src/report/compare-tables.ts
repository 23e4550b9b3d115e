// The tables of a compare result (languages x tokenizers per metric, summary, groups, costs) as header + string
// cells, shared by the terminal tables of `toklens compare` and its Markdown (see markdown.ts).
import { metricDefinition } from "../metrics/registry.js";
import type { CostRow } from "../metrics/cost.js";
import type { Better, MetricName } from "../metrics/types.js";
import { metricValue, type CompareResult, type CompareResultRow } from "../results/compare.js";
import { usd as formatUsd } from "./format.js";

export type { MetricName };

/** Metrics shown in the terminal table when --metrics is not given: the ones `compare --help` leads with. */
export const TABLE_METRICS: readonly MetricName[] = [
  "premium",
  "fertility",
  "continued_words",
  "strr",
  "bytes_per_token",
];

export interface Grid {
  header: string[];
  rows: string[][];
}

export interface MetricGrid extends Grid {
  metric: MetricName;
  description: string;
  /** Which way is better, when the metric has one (the best cell of a row carries ` *`). */
  better: Better;
}

/** Decimals of a metric without a `display` format (and of its interval). */
const PLAIN_DIGITS = 3;

/**
 * One metric's numbers, always in the same format: the metric's `display` format (its digits, a share as a percent,
 * an integer as is), else 3 decimals. An interval metric (`premium_ci`) takes its value metric's format.
 */
export function metricNumber(metric: string, v: number): string {
  const display = metricDefinition(metric.replace(/_ci$/, ""))?.display;
  switch (display?.format) {
    case "integer":
      return String(Math.round(v));
    case "percent":
      return `${(v * 100).toFixed(display.digits ?? 1)}%`;
    case "number":
      return v.toFixed(display.digits ?? PLAIN_DIGITS);
    default:
      return v.toFixed(PLAIN_DIGITS);
  }
}

/** A cell: a value in its metric's format, an interval as low–high, a value with its `<metric>_ci` interval when the row has one. */
function format(metric: string, row: CompareResultRow): string {
  const v = metricValue(row, metric);
  if (v === null || v === undefined) return "-";
  if (Array.isArray(v)) return `${metricNumber(metric, v[0])}–${metricNumber(metric, v[1])}`;
  const ci = metricValue(row, `${metric}_ci`);
  if (Array.isArray(ci))
    return `${metricNumber(metric, v)} (${metricNumber(metric, ci[0])}–${metricNumber(metric, ci[1])})`;
  return metricNumber(metric, v);
}

/** Languages x tokenizers for one metric; the best value in each row is marked with `*`. */
export function metricGrid(result: CompareResult, metric: MetricName): MetricGrid {
  const tokenizers = result.tokenizers.map((t) => t.id);
  // a labelled reference (`mine=./tokenizer.json`) is headed by its label
  const heads = result.tokenizers.map((t) => (t.id.includes("=") ? t.name : t.id));
  const def = metricDefinition(metric);
  if (!def) throw new Error(`internal error: no metric '${metric}' in the registry`);
  const better = def.better;
  const rows = result.languages.map((lang) => {
    const cells = tokenizers.map((t) => result.results.find((r) => r.tokenizer === t && r.language === lang.code)!);
    const values = cells.map((c) => metricValue(c, metric));
    const numeric = values.filter((v): v is number => typeof v === "number");
    const best =
      better && numeric.length > 1 ? (better === "lower" ? Math.min(...numeric) : Math.max(...numeric)) : null;
    return [
      `${lang.code} ${lang.name}`,
      ...cells.map(
        (c, i) =>
          format(metric, c) +
          (best !== null && values[i] === best && !(metric === "premium" && lang.code === result.pivot) ? " *" : ""),
      ),
    ];
  });
  return { metric, description: def.description, better, header: ["language", ...heads], rows };
}

/**
 * Gini, mean premium and median fertility per tokenizer (mean premium and median fertility in their metric's
 * format, the Gini with 3 decimals); a column no tokenizer has a value for is left out (premium or fertility not
 * asked for, a run with one language besides the pivot), and with it the whole grid when none has one.
 */
export function summaryGrid(result: CompareResult): Grid {
  const columns: [string, (s: CompareResult["summary"][number]) => string][] = [
    ["gini", (s) => (s.gini === null ? "-" : s.gini.toFixed(PLAIN_DIGITS))],
    ["mean premium", (s) => (s.mean_premium === null ? "-" : metricNumber("premium", s.mean_premium))],
    ["median fertility", (s) => (s.median_fertility === null ? "-" : metricNumber("fertility", s.median_fertility))],
  ];
  const kept = columns.filter(([, cell]) => result.summary.some((s) => cell(s) !== "-"));
  if (kept.length === 0) return { header: [], rows: [] };
  return {
    header: ["tokenizer", ...kept.map(([h]) => h)],
    rows: result.summary.map((s) => [s.tokenizer, ...kept.map(([, cell]) => cell(s))]),
  };
}

/** One row per tokenizer x group (no header: the terminal and Markdown head the premium column differently). */
export function groupCells(result: CompareResult): string[][] {
  return (result.groups?.rows ?? []).map((g) => [
    g.tokenizer,
    g.group,
    String(g.languages.length),
    g.median_premium === null
      ? "-"
      : `${metricNumber("premium", g.median_premium)}${g.median_premium_ci ? ` (${metricNumber("premium", g.median_premium_ci[0])}–${metricNumber("premium", g.median_premium_ci[1])})` : ""}`,
    g.token_share === null ? "-" : `${(g.token_share * 100).toFixed(1)}%`,
  ]);
}

/** Dollars as format.ts shows them, a missing price as "-" (the terminal and Markdown tables' dash). */
function usd(v: number | null): string {
  return v === null ? "-" : formatUsd(v);
}

function usdWithCi(v: number | null, ci: [number, number] | null): string {
  return v === null ? "-" : ci ? `${usd(v)} (${usd(ci[0])}–${usd(ci[1])})` : usd(v);
}

/** The --prices / --context tables: languages x tokenizers, one per quantity that has values. */
export function costGrids(result: CompareResult): Array<Grid & { title: string }> {
  const costs = result.costs ?? [];
  const tokenizers = result.tokenizers.map((t) => t.id);
  const at = new Map(costs.map((c) => [`${c.tokenizer}\u0000${c.language}`, c]));
  const quantities: { title: string; cell: (c: CostRow) => string; has: (c: CostRow) => boolean }[] = [
    {
      title: "input cost of 1M characters, USD (premium's 95% interval)",
      cell: (c) => usdWithCi(c.input_usd_per_million_chars, c.input_usd_per_million_chars_ci),
      has: (c) => c.input_price !== null,
    },
    {
      title: "input cost of 1000 words, USD (premium's 95% interval)",
      cell: (c) => usdWithCi(c.input_usd_per_thousand_words, c.input_usd_per_thousand_words_ci),
      has: (c) => c.input_price !== null,
    },
    {
      title: "output cost of 1000 words, USD (premium's 95% interval)",
      cell: (c) => usdWithCi(c.output_usd_per_thousand_words, c.output_usd_per_thousand_words_ci),
      has: (c) => c.output_price !== null,
    },
    {
      title: `words that fit in ${costs[0]?.context_tokens ?? ""} tokens`,
      cell: (c) => (c.words_in_context === null ? "-" : String(c.words_in_context)),
      has: (c) => c.context_tokens !== null,
    },
    {
      title: `characters that fit in ${costs[0]?.context_tokens ?? ""} tokens`,
      cell: (c) => (c.chars_in_context === null ? "-" : String(c.chars_in_context)),
      has: (c) => c.context_tokens !== null,
    },
  ];
  return quantities
    .filter((q) => costs.some(q.has))
    .map((q) => ({
      title: q.title,
      header: ["language", ...tokenizers],
      rows: result.languages.map((l) => [
        `${l.code} ${l.name}`,
        ...tokenizers.map((t) => {
          const c = at.get(`${t}\u0000${l.code}`);
          return c ? q.cell(c) : "-";
        }),
      ]),
    }));
}
