// Heatmap of premiums, languages x tokenizers, with the cheapest tokenizer per language starred.
import type { TopLevelSpec } from "vega-lite";
import { fmt } from "../format.js";
import type { ReportModel } from "../report-model.js";
import {
  describe,
  finite,
  languageFilterParam,
  languageFilterTransform,
  pivotName,
  ROW_STEP,
  specHeader,
  type ChartLayers,
} from "./common.js";

/** One cell per tokenizer x language coloured by premium (blue: cheaper than the pivot, orange: dearer). */
export function premiumHeatmapChart(model: ReportModel): TopLevelSpec | null {
  const values = heatmapRows(model);
  if (values.length === 0) return null;
  const pivot = pivotName(model);
  const premiums = values.map((v) => v.premium).filter(finite);
  const max = Math.max(2, ...premiums);
  const min = Math.min(0.5, ...premiums);
  const y = {
    field: "language_label",
    type: "nominal" as const,
    sort: model.languages.map((l) => l.label),
    title: null,
  };
  const x = {
    field: "tokenizer_label",
    type: "nominal" as const,
    sort: model.tokenizers.map((t) => t.label),
    title: null,
    // upright headers: a slanted one runs past the last column, out of the card ("Claude legacy (65k, pre-C")
    axis: { orient: "top" as const, labelAngle: -90, labelAlign: "left" as const, labelBaseline: "middle" as const },
  };
  const spec: TopLevelSpec = {
    ...specHeader(describe(model, "Premium heatmap, languages x tokenizers.")),
    title: {
      text: `Premium vs ${pivot}, every language x tokenizer`,
      subtitle: [
        `Cell: tokens for the language relative to ${pivot} with the same tokenizer (×). Blue: cheaper than ${pivot}; orange: dearer.`,
        "★ and outline: the tokenizer that needs the fewest tokens for that language (absolute count).",
      ],
    },
    data: { values },
    params: [languageFilterParam()],
    transform: [languageFilterTransform],
    width: { step: 68 },
    height: { step: ROW_STEP },
    // the tooltip on every layer: the centred text sits on top of the cell and would otherwise swallow the hover
    encoding: {
      x,
      y,
      tooltip: [
        { field: "language_label", title: "Language" },
        { field: "tokenizer_label", title: "Tokenizer" },
        { field: "premium", title: `Premium vs ${pivot} (×)`, format: ".3f" },
        { field: "tokens", title: "Tokens", format: "," },
        { field: "cost_vs_cheapest", title: "Tokens vs the cheapest tokenizer (×)", format: ".3f" },
        { field: "cheapest", title: "Cheapest tokenizer for this language" },
      ],
    },
    layer: heatmapLayers(pivot, min, max),
  };
  return spec;
}

/** The heatmap's cells: premium, its text (★ for the cheapest tokenizer) and the tooltip's fields. */
function heatmapRows(model: ReportModel) {
  return model.rows.map((r) => ({
    language_label: r.language_label,
    tokenizer_label: r.tokenizer_label,
    premium: finite(r.premium) ? r.premium : null,
    cell_text: (r.cheapest ? "★ " : "") + fmt(r.premium, 2),
    cheapest: r.cheapest ? "yes" : "no",
    tokens: r.tokens,
    cost_vs_cheapest: r.cost_vs_cheapest,
  }));
}

/** The cells coloured by premium on a log scale centred on 1, the cheapest tokenizer's outline, the cell texts. */
function heatmapLayers(pivot: string, min: number, max: number): ChartLayers {
  return [
    {
      mark: { type: "rect", stroke: "#fff", strokeWidth: 0.5 },
      encoding: {
        color: {
          field: "premium",
          type: "quantitative",
          title: `Premium (×${pivot})`,
          scale: { type: "log", domain: [min, max], domainMid: 1, scheme: "blueorange" },
          legend: { orient: "top", direction: "horizontal", gradientLength: 260 },
        },
      },
    },
    {
      transform: [{ filter: "datum.cheapest === 'yes'" }],
      mark: { type: "rect", filled: false, stroke: "#111", strokeWidth: 1.5 },
    },
    {
      mark: { type: "text", fontSize: 10 },
      encoding: {
        text: { field: "cell_text" },
        color: {
          condition: {
            test: `datum.premium !== null && (datum.premium > ${Math.sqrt(max) * 1.6} || datum.premium < ${Math.max(min, 0.5) * 1.15})`,
            value: "#fff",
          },
          value: "#111",
        },
      },
    },
  ];
}
