// Premium per language x tokenizer: one row per language, sorted, a dot per tokenizer with its bootstrap interval.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";
import {
  describe,
  finite,
  HIGHLIGHT_TOKENIZER,
  highlightOpacity,
  languageFilterParam,
  languageFilterTransform,
  pivotName,
  ROW_STEP,
  specHeader,
  tokenizerColorScale,
  type ChartLayers,
} from "./common.js";

/** Dot plot of premiums on a log axis; `null` when no row has a premium. */
export function premiumChart(model: ReportModel): TopLevelSpec | null {
  const values = premiumRows(model);
  if (values.length === 0) return null;
  const pivot = pivotName(model);
  const order = model.languages.map((l) => l.label);
  const color = tokenizerColor(model);
  const y = {
    field: "language_label",
    type: "nominal" as const,
    sort: order,
    title: null,
    axis: { grid: true, gridColor: "#eee", labelFontSize: 11 },
  };
  const all = values.flatMap((v) => [v.premium_low!, v.premium_high!, v.premium!]);
  // A fixed domain keeps the axis still while the language filter narrows the rows.
  const xScale = {
    type: "log" as const,
    nice: false,
    domain: [Math.min(0.9, ...all) * 0.97, Math.max(1.1, ...all) * 1.03],
  };
  const xTitle = `Premium: tokens for the same text relative to ${pivot} (×, log scale; 1 = parity)`;
  const spec: TopLevelSpec = {
    ...specHeader(describe(model, "Language premium per tokenizer, with 95% bootstrap intervals.")),
    title: {
      text: `How many times more tokens than ${pivot} each language needs`,
      subtitle: `Sorted by median premium. Dots: tokenizers (click a tokenizer in the key to highlight it); bars: 95% intervals. Left of the ${pivot} line is cheaper than ${pivot}.`,
    },
    data: { values },
    params: [languageFilterParam(), { name: HIGHLIGHT_TOKENIZER, value: "" }],
    transform: [languageFilterTransform],
    height: { step: ROW_STEP },
    width: 620,
    layer: premiumLayers(pivot, { y, color, xScale, xTitle }),
  };
  return spec;
}

/** The rows with a premium, an interval that falls back to the premium itself, and the tooltip's fields. */
function premiumRows(model: ReportModel) {
  return model.rows
    .filter((r) => finite(r.premium))
    .map((r) => ({
      language_label: r.language_label,
      language: r.language,
      script: r.script,
      tokenizer_label: r.tokenizer_label,
      premium: r.premium,
      premium_low: finite(r.premium_low) ? r.premium_low : r.premium,
      premium_high: finite(r.premium_high) ? r.premium_high : r.premium,
      tokens: r.tokens,
      cheapest: r.cheapest ? "yes" : "no",
    }));
}

/** What the layers share: the language axis, the tokenizer colours and the fixed log premium axis. */
interface PremiumEncodings {
  y: { field: string; type: "nominal"; sort: string[]; title: null; axis: Record<string, unknown> };
  color: ReturnType<typeof tokenizerColor>;
  xScale: { type: "log"; nice: boolean; domain: number[] };
  xTitle: string;
}

/** The intervals as rules, the premiums as dots (with the tooltip), and a dashed rule at parity. */
function premiumLayers(pivot: string, { y, color, xScale, xTitle }: PremiumEncodings): ChartLayers {
  return [
    {
      mark: { type: "rule", strokeWidth: 2 },
      encoding: {
        y,
        x: {
          field: "premium_low",
          type: "quantitative",
          scale: xScale,
          title: xTitle,
          axis: { orient: "top", grid: true },
        },
        x2: { field: "premium_high" },
        color,
        opacity: highlightOpacity(0.45, 0.05),
      },
    },
    {
      mark: { type: "point", filled: true, size: 46, stroke: "#fff", strokeWidth: 0.5 },
      encoding: {
        y,
        x: { field: "premium", type: "quantitative", scale: xScale, title: xTitle, axis: { orient: "bottom" } },
        color: { ...color, legend: { symbolOpacity: 1 } },
        opacity: highlightOpacity(0.95, 0.1),
        tooltip: [
          { field: "language_label", title: "Language" },
          { field: "tokenizer_label", title: "Tokenizer" },
          { field: "premium", title: `Premium vs ${pivot} (×)`, format: ".3f" },
          { field: "premium_low", title: "95% interval, low", format: ".3f" },
          { field: "premium_high", title: "95% interval, high", format: ".3f" },
          { field: "tokens", title: "Tokens", format: "," },
          { field: "cheapest", title: "Cheapest tokenizer for this language" },
        ],
      },
    },
    {
      data: { values: [{ parity: 1 }] },
      mark: { type: "rule", color: "#333", strokeDash: [4, 3] },
      encoding: { x: { field: "parity", type: "quantitative", scale: xScale, title: xTitle, axis: null } },
    },
  ];
}

/** The colour channel: one fixed colour per tokenizer. */
function tokenizerColor(model: ReportModel) {
  return {
    field: "tokenizer_label",
    type: "nominal" as const,
    title: "Tokenizer",
    scale: tokenizerColorScale(model),
  };
}
