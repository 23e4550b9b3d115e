// Cost of a thousand words per language x tokenizer (input price), with the premium's interval carried over.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";
import { describe, finite, languageRowsLayout, languageRowsY, specHeader, tokenizerColorScale } from "./common.js";

/** Axis labels thinned so that neighbours never touch ("0.0060.007" on a log axis labelled every 0.001). */
const THIN = { labelOverlap: "greedy", labelSeparation: 8 } as const;

/** Dot plot of USD per 1000 words on a log axis; `null` when no tokenizer has a price. */
export function costChart(model: ReportModel): TopLevelSpec | null {
  const costs = model.data.compare.costs ?? [];
  const tokenizerLabel = new Map(model.tokenizers.map((t) => [t.id, t.label]));
  const languageLabel = new Map(model.languages.map((l) => [l.code, l.label]));
  const values = costs
    .filter((c) => finite(c.input_usd_per_thousand_words) && c.input_usd_per_thousand_words > 0)
    .map((c) => ({
      language_label: languageLabel.get(c.language) ?? c.language,
      tokenizer_label: tokenizerLabel.get(c.tokenizer) ?? c.tokenizer,
      usd: c.input_usd_per_thousand_words,
      usd_low: c.input_usd_per_thousand_words_ci?.[0] ?? c.input_usd_per_thousand_words,
      usd_high: c.input_usd_per_thousand_words_ci?.[1] ?? c.input_usd_per_thousand_words,
      usd_per_million_chars: c.input_usd_per_million_chars,
      price: c.input_price,
    }));
  if (values.length === 0) return null;
  const order = model.languages.map((l) => l.label);
  const color = {
    field: "tokenizer_label",
    type: "nominal" as const,
    title: "Tokenizer",
    scale: tokenizerColorScale(model),
  };
  const y = languageRowsY(order);
  const all = values.flatMap((v) => [v.usd_low!, v.usd_high!, v.usd!]);
  const xScale = { type: "log" as const, nice: false, domain: [Math.min(...all) * 0.9, Math.max(...all) * 1.1] };
  const xTitle = "USD to send 1000 words as input (log scale)";
  return {
    ...specHeader(
      describe(model, "Input cost of 1000 words per language and tokenizer, with the premium's 95% interval."),
    ),
    title: {
      text: "What a thousand words cost as input, per language",
      subtitle:
        "Tokens per word × the price per token from the prices file. Bars: the premium's 95% interval, scaled to the cost.",
    },
    data: { values },
    ...languageRowsLayout(),
    layer: [
      {
        mark: { type: "rule", strokeWidth: 2, opacity: 0.45 },
        encoding: {
          y,
          x: {
            field: "usd_low",
            type: "quantitative",
            scale: xScale,
            title: xTitle,
            // the title once, at the bottom
            axis: { orient: "top", grid: true, title: null, ...THIN },
          },
          x2: { field: "usd_high" },
          color: { ...color, legend: { symbolOpacity: 1 } }, // the same legend as the points' layer: drawn once
        },
      },
      {
        mark: { type: "point", filled: true, size: 46, stroke: "#fff", strokeWidth: 0.5, opacity: 0.95 },
        encoding: {
          y,
          x: { field: "usd", type: "quantitative", scale: xScale, title: xTitle, axis: { orient: "bottom", ...THIN } },
          color: { ...color, legend: { symbolOpacity: 1 } },
          tooltip: [
            { field: "language_label", title: "Language" },
            { field: "tokenizer_label", title: "Tokenizer" },
            { field: "usd", title: "USD per 1000 words", format: ".5f" },
            { field: "usd_low", title: "95% interval, low", format: ".5f" },
            { field: "usd_high", title: "95% interval, high", format: ".5f" },
            { field: "usd_per_million_chars", title: "USD per million characters", format: ".3f" },
            { field: "price", title: "USD per million input tokens", format: ".3f" },
          ],
        },
      },
    ],
  };
}
