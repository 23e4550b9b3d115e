// Gini coefficient of per-language cost for each tokenizer: one number for how unequal a tokenizer is.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";
import { describe, finite, specHeader, tokenizerColorScale } from "./common.js";

/** Horizontal bars of Gini per tokenizer, fairest on top; `null` when no tokenizer has a Gini. */
export function giniChart(model: ReportModel): TopLevelSpec | null {
  const labelOf = new Map(model.tokenizers.map((t) => [t.id, t.label]));
  const values = model.data.compare.summary
    .filter((s) => finite(s.gini))
    .map((s) => ({
      tokenizer_label: labelOf.get(s.tokenizer) ?? s.tokenizer,
      gini: s.gini,
      gini_text: s.gini!.toFixed(3),
      mean_premium: finite(s.mean_premium) ? s.mean_premium : null,
      median_fertility: finite(s.median_fertility) ? s.median_fertility : null,
    }));
  if (values.length === 0) return null;
  const y = {
    field: "tokenizer_label",
    type: "nominal" as const,
    sort: [...values].sort((a, b) => a.gini! - b.gini!).map((v) => v.tokenizer_label),
    title: null,
  };
  const spec: TopLevelSpec = {
    ...specHeader(describe(model, "Gini coefficient of language costs per tokenizer.")),
    title: {
      text: "Inequality across languages (Gini)",
      subtitle: "0 = every language pays the same; lower is fairer.",
    },
    data: { values },
    width: 360,
    height: { step: 26 },
    encoding: { y },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          x: {
            field: "gini",
            type: "quantitative",
            title: "Gini coefficient",
            axis: { tickCount: 6, labelOverlap: "greedy", labelSeparation: 6 },
            // room right of the longest bar for its label ("0.470" next to a bar ending at 0.47)
            scale: { domain: [0, Math.max(0.5, ...values.map((v) => v.gini! * 1.2))] },
          },
          color: { field: "tokenizer_label", type: "nominal", scale: tokenizerColorScale(model), legend: null },
          tooltip: [
            { field: "tokenizer_label", title: "Tokenizer" },
            { field: "gini", title: "Gini", format: ".4f" },
            { field: "mean_premium", title: "Mean premium (×)", format: ".3f" },
            { field: "median_fertility", title: "Median fertility", format: ".3f" },
          ],
        },
      },
      {
        mark: { type: "text", align: "left", dx: 4, fontSize: 11 },
        encoding: { x: { field: "gini", type: "quantitative" }, text: { field: "gini_text" } },
      },
    ],
  };
  return spec;
}
