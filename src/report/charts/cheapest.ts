// For how many languages each tokenizer is the cheapest (fewest tokens per byte of text).
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";
import { describe, specHeader, tokenizerColorScale } from "./common.js";

/** Bars counting the languages each tokenizer wins; `null` when there is nothing to rank. */
export function cheapestChart(model: ReportModel): TopLevelSpec | null {
  if (model.cheapest.length === 0) return null;
  const total = model.cheapest.length;
  const values = model.tokenizers.map((t) => {
    const wins = model.wins.get(t.label) ?? 0;
    return { tokenizer_label: t.label, languages: wins, share: wins / total, text: `${wins} of ${total}` };
  });
  const spec: TopLevelSpec = {
    ...specHeader(describe(model, "Languages for which each tokenizer needs the fewest tokens.")),
    title: {
      text: "Cheapest tokenizer: number of languages",
      subtitle: "A language counts for the tokenizer that needs the fewest tokens for its text.",
    },
    data: { values },
    width: 360,
    height: { step: 26 },
    encoding: {
      y: {
        field: "tokenizer_label",
        type: "nominal",
        sort: [...values].sort((a, b) => b.languages - a.languages).map((v) => v.tokenizer_label),
        title: null,
      },
    },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          x: {
            field: "languages",
            type: "quantitative",
            title: "Languages where it is cheapest",
            scale: { domain: [0, total] },
          },
          color: { field: "tokenizer_label", type: "nominal", scale: tokenizerColorScale(model), legend: null },
          tooltip: [
            { field: "tokenizer_label", title: "Tokenizer" },
            { field: "languages", title: "Languages where cheapest" },
            { field: "share", title: "Share of languages", format: ".1%" },
          ],
        },
      },
      {
        mark: { type: "text", align: "left", dx: 4, fontSize: 11 },
        encoding: { x: { field: "languages", type: "quantitative" }, text: { field: "text" } },
      },
    ],
  };
  return spec;
}
