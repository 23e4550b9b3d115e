// Median premium per group of languages (script or a user's table) and tokenizer, with its bootstrap interval.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";
import { SCRIPTS } from "../../corpus/scripts.js";
import { describe, finite, pivotName, specHeader, tokenizerColorScale } from "./common.js";

/**
 * A script group's row label: its ISO 15924 name with the code ("Devanagari (Deva)", "Han, Simplified variant
 * (Hans)", "Japanese (Jpan)": the name's own remarks in parentheses dropped, a variant kept); other groups as they are.
 */
export function groupLabel(group: string, byScript: boolean): string {
  const info = byScript ? SCRIPTS.get(group) : undefined;
  if (!info) return group;
  const name = info.name
    .replace(/\s*\(([^)]*variant)\)/, ", $1")
    .replace(/\s*\([^)]*\)/g, "")
    .trim();
  return `${name} (${group})`;
}

/** Points at each group's median premium with interval rules, one offset row per tokenizer; `null` without groups. */
export function groupsChart(model: ReportModel): TopLevelSpec | null {
  const groups = model.data.compare.groups;
  if (!groups) return null;
  const labelOf = new Map(model.tokenizers.map((t) => [t.id, t.label]));
  const byScript = groups.by === "script";
  const values = groups.rows
    .filter((g) => finite(g.median_premium))
    .map((g) => ({
      tokenizer_label: labelOf.get(g.tokenizer) ?? g.tokenizer,
      group: groupLabel(g.group, byScript),
      languages: g.languages.length,
      median_premium: g.median_premium,
      ci_low: g.median_premium_ci?.[0] ?? g.median_premium,
      ci_high: g.median_premium_ci?.[1] ?? g.median_premium,
      ci_text: g.median_premium_ci
        ? `${g.median_premium_ci[0].toFixed(2)}–${g.median_premium_ci[1].toFixed(2)}`
        : "none (one language)",
      token_share: g.token_share,
    }));
  if (values.length === 0) return null;
  const order = [...new Set(values.map((v) => v.group))].sort((a, b) => {
    const med = (g: string) => Math.max(...values.filter((v) => v.group === g).map((v) => v.median_premium!));
    return med(a) - med(b);
  });
  const tooltip = [
    { field: "group", title: "Group" },
    { field: "tokenizer_label", title: "Tokenizer" },
    { field: "languages", title: "Languages" },
    { field: "median_premium", title: "Median premium (×)", format: ".3f" },
    { field: "ci_text", title: "Interval" },
    { field: "token_share", title: "Share of the token bill", format: ".1%" },
  ];
  const y = {
    field: "group",
    type: "nominal" as const,
    sort: order,
    title: `Group (by ${groups.by.split(/[\\/]/).pop()})`,
  };
  const yOffset = { field: "tokenizer_label", type: "nominal" as const };
  const color = {
    field: "tokenizer_label",
    type: "nominal" as const,
    scale: tokenizerColorScale(model),
    title: "Tokenizer",
  };
  return {
    ...specHeader(
      describe(
        model,
        "Median premium per group of languages and tokenizer, with a bootstrap interval over the group's languages.",
      ),
    ),
    title: {
      text: "Premium by group of languages",
      subtitle: `Median premium (× ${pivotName(model)}); lines are bootstrap intervals over each group's languages.`,
    },
    data: { values },
    width: 680,
    height: { step: 14 }, // with yOffset the step is per tokenizer row inside a group
    encoding: { y, yOffset, color },
    layer: [
      {
        mark: { type: "rule" },
        encoding: {
          x: { field: "ci_low", type: "quantitative", title: `Median premium (× ${pivotName(model)})` },
          x2: { field: "ci_high" },
          tooltip,
        },
      },
      {
        mark: { type: "point", filled: true, size: 50 },
        encoding: { x: { field: "median_premium", type: "quantitative" }, tooltip },
      },
    ],
  };
}
