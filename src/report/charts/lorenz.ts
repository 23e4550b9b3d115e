// Lorenz curves of per-language cost (premiums) per tokenizer: the further below the diagonal, the more unequal.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";
import { describe, finite, specHeader, tokenizerColorScale } from "./common.js";

/** One line per tokenizer from `compare.lorenz`, with the parity diagonal; `null` when there are no curves. */
export function lorenzChart(model: ReportModel): TopLevelSpec | null {
  const curves = (model.data.compare.lorenz ?? []).filter((c) => c.points.length > 2);
  if (curves.length === 0) return null;
  const labelOf = new Map(model.tokenizers.map((t) => [t.id, t.label]));
  const langLabel = new Map(model.languages.map((l) => [l.code, l.label]));
  const giniOf = new Map(model.data.compare.summary.map((s) => [s.tokenizer, s.gini]));
  const values = curves.flatMap((c) =>
    c.points.map((p, i) => ({
      tokenizer_label: labelOf.get(c.tokenizer) ?? c.tokenizer,
      order: i,
      languages: p.languages,
      cost: p.cost,
      language_label: p.language === null ? "(start)" : (langLabel.get(p.language) ?? p.language),
      premium: p.value,
      gini: finite(giniOf.get(c.tokenizer)) ? giniOf.get(c.tokenizer)! : null,
    })),
  );
  const axis = { type: "quantitative" as const, scale: { domain: [0, 1] }, axis: { format: "%" } };
  return {
    ...specHeader(
      describe(
        model,
        "Lorenz curves of per-language premiums per tokenizer (pivot left out); the area between curve and diagonal is half the Gini.",
      ),
    ),
    title: {
      text: "Lorenz curves of language cost",
      subtitle: "Languages from cheapest to dearest; the diagonal is parity. Gini = 1 − 2 × area under the curve.",
    },
    width: 360,
    height: 300,
    layer: [
      {
        data: {
          values: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
        },
        mark: { type: "line", color: "#999", strokeDash: [4, 4] },
        encoding: {
          x: { field: "x", ...axis, title: "Share of languages" },
          y: { field: "y", ...axis, title: "Share of tokens (sum of premiums)" },
        },
      },
      {
        data: { values },
        mark: { type: "line", point: true, interpolate: "linear" },
        encoding: {
          x: { field: "languages", ...axis },
          y: { field: "cost", ...axis },
          order: { field: "order", type: "quantitative" },
          color: { field: "tokenizer_label", type: "nominal", scale: tokenizerColorScale(model), title: "Tokenizer" },
          tooltip: [
            { field: "tokenizer_label", title: "Tokenizer" },
            { field: "language_label", title: "Language added" },
            { field: "premium", title: "Its premium (×)", format: ".3f" },
            { field: "languages", title: "Share of languages", format: ".1%" },
            { field: "cost", title: "Share of cost", format: ".1%" },
            { field: "gini", title: "Gini", format: ".4f" },
          ],
        },
      },
    ],
  };
}
