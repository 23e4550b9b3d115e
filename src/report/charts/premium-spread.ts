// Spread of premiums per tokenizer: one tick per language, so a fair tokenizer is a tight cluster near 1.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";
import {
  describe,
  finite,
  HIGHLIGHT_TOKENIZER,
  highlightOpacity,
  pivotName,
  specHeader,
  tokenizerColorScale,
} from "./common.js";

/** Strip plot of every language's premium per tokenizer, with the median marked; `null` without premiums. */
export function premiumSpreadChart(model: ReportModel): TopLevelSpec | null {
  const values = model.rows
    .filter((r) => finite(r.premium) && r.language !== model.pivot.code)
    .map((r) => ({
      tokenizer_label: r.tokenizer_label,
      language_label: r.language_label,
      premium: r.premium,
      tokens: r.tokens,
    }));
  if (values.length === 0) return null;
  const pivot = pivotName(model);
  const y = {
    field: "tokenizer_label",
    type: "nominal" as const,
    sort: model.tokenizers.map((t) => t.label),
    title: null,
  };
  const xScale = { type: "log" as const, nice: false };
  const xTitle = `Premium vs ${pivot} (×, log scale; dashed line = parity)`;
  const spec: TopLevelSpec = {
    ...specHeader(describe(model, "Distribution of language premiums per tokenizer.")),
    title: {
      text: `How evenly each tokenizer serves languages (premium vs ${pivot})`,
      subtitle: `Each tick is a language; the white diamond is the median. Tighter and closer to 1 is fairer.`,
    },
    data: { values },
    // set by the page's tokenizer key (in the per-language chart's head): dims every other tokenizer here too
    params: [{ name: HIGHLIGHT_TOKENIZER, value: "" }],
    width: 620,
    height: { step: 34 },
    layer: [
      {
        mark: { type: "tick", thickness: 1.5, size: 22 },
        encoding: {
          y,
          opacity: highlightOpacity(0.55, 0.06),
          x: { field: "premium", type: "quantitative", scale: xScale, title: xTitle },
          color: { field: "tokenizer_label", type: "nominal", scale: tokenizerColorScale(model), legend: null },
          tooltip: [
            { field: "language_label", title: "Language" },
            { field: "tokenizer_label", title: "Tokenizer" },
            { field: "premium", title: `Premium vs ${pivot} (×)`, format: ".3f" },
            { field: "tokens", title: "Tokens", format: "," },
          ],
        },
      },
      {
        // white with a dark outline: visible on GPT-2's black ticks and on the palest ones
        mark: {
          type: "point",
          shape: "diamond",
          filled: true,
          fill: "#fff",
          stroke: "#111",
          strokeWidth: 1.5,
          size: 90,
        },
        encoding: {
          y,
          opacity: highlightOpacity(1, 0.15),
          x: { field: "premium", type: "quantitative", aggregate: "median", scale: xScale, title: xTitle },
          tooltip: [
            { field: "tokenizer_label", title: "Tokenizer" },
            { field: "premium", aggregate: "median", title: "Median premium (×)", format: ".3f" },
            { field: "premium", aggregate: "max", title: "Highest premium (×)", format: ".3f" },
            { field: "premium", aggregate: "count", title: "Languages" },
          ],
        },
      },
      {
        data: { values: [{ parity: 1 }] },
        mark: { type: "rule", color: "#333", strokeDash: [4, 3] },
        encoding: { x: { field: "parity", type: "quantitative", scale: xScale, title: xTitle } },
      },
    ],
  };
  return spec;
}
