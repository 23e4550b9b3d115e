// Clustermap of pairwise vocabulary Jaccard similarity, rows and columns in clustering order.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";
import { describe, specHeader } from "./common.js";

/** Square heatmap of Jaccard indices; `null` without an overlap section. */
export function vocabOverlapChart(model: ReportModel): TopLevelSpec | null {
  const overlap = model.data.vocab?.overlap;
  if (!overlap || overlap.tokenizers.length < 2) return null;
  const labelOf = new Map(model.tokenizers.map((t) => [t.id, t.label]));
  const label = (id: string) => labelOf.get(id) ?? id;
  const values = overlap.tokenizers.flatMap((a, i) =>
    overlap.tokenizers.map((b, j) => {
      const jaccard = overlap.jaccard[i]?.[j] ?? null;
      return { a: label(a), b: label(b), jaccard, text: jaccard === null ? "–" : jaccard.toFixed(2) };
    }),
  );
  const order = (overlap.order.length === overlap.tokenizers.length ? overlap.order : overlap.tokenizers).map(label);
  const spec: TopLevelSpec = {
    ...specHeader(describe(model, "Pairwise vocabulary overlap (Jaccard), clustered.")),
    title: {
      text: "Vocabulary overlap (Jaccard)",
      subtitle: "Shared entries / all entries of the pair; rows and columns in hierarchical-clustering order.",
    },
    data: { values },
    width: { step: 64 },
    height: { step: 30 },
    encoding: {
      x: {
        field: "a",
        type: "nominal",
        sort: order,
        title: null,
        axis: { orient: "top", labelAngle: -30, labelAlign: "left" },
      },
      y: { field: "b", type: "nominal", sort: order, title: null },
    },
    layer: [
      {
        mark: { type: "rect", stroke: "#fff" },
        encoding: {
          color: {
            field: "jaccard",
            type: "quantitative",
            title: "Jaccard",
            scale: { domain: [0, 1], scheme: "greenblue" },
          },
          tooltip: [
            { field: "a", title: "Tokenizer" },
            { field: "b", title: "Tokenizer" },
            { field: "jaccard", title: "Jaccard", format: ".4f" },
          ],
        },
      },
      {
        mark: { type: "text", fontSize: 11 },
        encoding: {
          text: { field: "text" },
          color: { condition: { test: "datum.jaccard > 0.6", value: "#fff" }, value: "#111" },
        },
      },
    ],
  };
  return spec;
}
