// Shared-budget curves: max premium, mean premium and Gini across the target languages against new tokens, per strategy.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";
import { describe, finite, pivotName, specHeader } from "./common.js";

/** One line per study and strategy; `null` when no shared-budget study ran. */
export function budgetChart(model: ReportModel): TopLevelSpec | null {
  const studies = model.data.adaptation?.budgets ?? [];
  const values = studies.flatMap((s) =>
    s.curves.flatMap((c) =>
      c.points.map((p) => ({
        series: `${model.tokenizers.find((t) => t.id === s.tokenizer)?.label ?? s.tokenizer} · ${c.strategy}`,
        added_tokens: p.added_tokens,
        max_premium: finite(p.max_premium) ? p.max_premium : null,
        mean_premium: finite(p.mean_premium) ? p.mean_premium : null,
        gini: finite(p.gini) ? p.gini : null,
      })),
    ),
  );
  if (values.length === 0) return null;
  const pivot = pivotName(model);
  const tooltip = [
    { field: "series", title: "Tokenizer · strategy" },
    { field: "added_tokens", title: "New tokens", format: "," },
    { field: "max_premium", title: `Max premium vs ${pivot} (×)`, format: ".3f" },
    { field: "mean_premium", title: `Mean premium vs ${pivot} (×)`, format: ".3f" },
    { field: "gini", title: "Gini of premiums", format: ".3f" },
  ];
  const panel = (field: "max_premium" | "mean_premium" | "gini", title: string) => ({
    width: 240,
    height: 240,
    transform: [{ filter: `isValid(datum.${field})` }],
    mark: { type: "line" as const, point: { filled: true, size: 36 } },
    encoding: {
      x: {
        field: "added_tokens",
        type: "quantitative" as const,
        title: "New tokens (shared budget)",
        // a 240-pixel panel holds about five labels: Vega drops the ones that would touch
        axis: { format: "~s", tickCount: 5, labelOverlap: "greedy" as const, labelSeparation: 6 },
      },
      y: { field, type: "quantitative" as const, title, scale: { zero: false } },
      color: { field: "series", type: "nominal" as const, title: "Tokenizer · strategy" },
      tooltip,
    },
  });
  const langs = [...new Set(studies.flatMap((s) => s.languages))];
  return {
    ...specHeader(describe(model, "Shared-budget curves of new tokens.")),
    title: {
      text: `Choosing new tokens for ${langs.length} languages`,
      subtitle: "Held-out text; each strategy learns the same budget. Lower is better in every panel.",
    },
    data: { values },
    hconcat: [
      panel("max_premium", `Max premium vs ${pivot} (×)`),
      panel("mean_premium", `Mean premium vs ${pivot} (×)`),
      panel("gini", "Gini of the premiums"),
    ],
  };
}
