// What changed from tokenizer A to B per language: diverging bars of B/A around 1 (log scale), with 95% intervals.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";
import { describe, finite, languageRowsLayout, languageRowsY, specHeader } from "./common.js";

/** Colours of the change classes: cheaper (fewer tokens with B), dearer, no significant change. */
const CHANGE_COLORS = { cheaper: "#59a14f", dearer: "#e15759", "no significant change": "#bab0ac" } as const;

/** Diverging bar chart of the per-language B/A token ratio, sorted by change; `null` without a diff. */
export function diffChart(model: ReportModel): TopLevelSpec | null {
  const diff = model.data.diff;
  if (!diff) return null;
  const values = diff.languages
    .filter((l) => finite(l.ratio) && l.ratio > 0)
    .map((l) => ({
      language_label: `${l.name} (${l.language})`,
      ratio: l.ratio,
      ratio_low: l.ratio_ci?.[0] ?? l.ratio,
      ratio_high: l.ratio_ci?.[1] ?? l.ratio,
      parity: 1,
      change: l.change ?? "no significant change",
      percent: (l.ratio! - 1) * 100,
      tokens_a: l.tokens_a,
      tokens_b: l.tokens_b,
    }));
  if (values.length === 0) return null;
  const order = [...values].sort((x, y) => x.ratio! - y.ratio!).map((v) => v.language_label);
  const all = values.flatMap((v) => [v.ratio_low!, v.ratio_high!, v.ratio!]);
  const xScale = {
    type: "log" as const,
    nice: false,
    domain: [Math.min(0.9, ...all) * 0.95, Math.max(1.1, ...all) * 1.05],
  };
  const xTitle = `Tokens with ${diff.b.name} ÷ tokens with ${diff.a.name} (log scale; left of 1 = fewer tokens)`;
  const y = languageRowsY(order);
  const domain = Object.keys(CHANGE_COLORS);
  return {
    ...specHeader(
      describe(model, `Per-language token ratio ${diff.b.id} / ${diff.a.id} with 95% paired bootstrap intervals.`),
    ),
    title: {
      text: `What changed from ${diff.a.name} to ${diff.b.name}, per language`,
      subtitle:
        "Bars: tokens with B ÷ tokens with A on the same text, sorted by change. Lines: 95% intervals over segments. Grey: the interval holds 1 (no significant change).",
    },
    data: { values },
    ...languageRowsLayout(),
    layer: [
      {
        mark: { type: "bar", height: { band: 0.7 } },
        encoding: {
          y,
          x: {
            field: "parity",
            type: "quantitative",
            scale: xScale,
            title: xTitle,
            axis: { orient: "top", grid: true },
          },
          x2: { field: "ratio" },
          color: {
            field: "change",
            type: "nominal",
            title: "Change",
            scale: { domain, range: domain.map((d) => CHANGE_COLORS[d as keyof typeof CHANGE_COLORS]) },
          },
          tooltip: [
            { field: "language_label", title: "Language" },
            { field: "ratio", title: "B/A", format: ".3f" },
            { field: "ratio_low", title: "95% interval, low", format: ".3f" },
            { field: "ratio_high", title: "95% interval, high", format: ".3f" },
            { field: "percent", title: "Change (%)", format: "+.1f" },
            { field: "tokens_a", title: `Tokens with ${diff.a.name}`, format: "," },
            { field: "tokens_b", title: `Tokens with ${diff.b.name}`, format: "," },
            { field: "change", title: "Change" },
          ],
        },
      },
      {
        mark: { type: "rule", color: "#333", strokeWidth: 1.5 },
        encoding: {
          y,
          x: { field: "ratio_low", type: "quantitative", scale: xScale, title: xTitle, axis: { orient: "bottom" } },
          x2: { field: "ratio_high" },
        },
      },
    ],
  };
}
