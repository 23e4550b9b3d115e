// Vocabulary expansion curves: fertility and premium as entries trained on the language are added.
import type { TopLevelSpec } from "vega-lite";
import type { AdaptationStudy } from "../../results/report-data.js";
import type { ReportModel } from "../report-model.js";
import { describe, finite, pivotName, specHeader } from "./common.js";

/** `tokenizer · language` with display names, used as the series name of adaptation charts. */
export function studyLabel(model: ReportModel, study: AdaptationStudy): string {
  const tok = model.tokenizers.find((t) => t.id === study.tokenizer)?.label ?? study.tokenizer;
  const lang = model.languages.find((l) => l.code === study.language)?.label ?? study.language;
  return `${tok} · ${lang}`;
}

/** Fertility and premium against added entries, side by side; `null` when no study has an expansion curve. */
export function expansionChart(model: ReportModel): TopLevelSpec | null {
  const studies = model.data.adaptation?.studies ?? [];
  const values = studies.flatMap((s) =>
    (s.expansion ?? []).map((p) => ({
      study: studyLabel(model, s),
      added_tokens: p.added_tokens,
      fertility: finite(p.fertility) ? p.fertility : null,
      premium: finite(p.premium) ? p.premium : null,
    })),
  );
  if (values.length === 0) return null;
  const pivot = pivotName(model);
  const tooltip = [
    { field: "study", title: "Tokenizer · language" },
    { field: "added_tokens", title: "Entries added", format: "," },
    { field: "fertility", title: "Fertility (tokens/word)", format: ".3f" },
    { field: "premium", title: `Premium vs ${pivot} (×)`, format: ".3f" },
  ];
  const panel = (field: "fertility" | "premium", title: string) => ({
    width: 340,
    height: 260,
    transform: [{ filter: `isValid(datum.${field})` }],
    mark: { type: "line" as const, point: { filled: true, size: 36 } },
    encoding: {
      x: { field: "added_tokens", type: "quantitative" as const, title: "Entries added to the vocabulary" },
      y: { field, type: "quantitative" as const, title, scale: { zero: false } },
      color: { field: "study", type: "nominal" as const, title: "Tokenizer · language" },
      tooltip,
    },
  });
  const spec: TopLevelSpec = {
    ...specHeader(describe(model, "Vocabulary expansion curves.")),
    title: {
      text: "Vocabulary expansion: effect of adding entries trained on the language",
      subtitle: "Left: fertility (tokens per word). Right: premium against the pivot. Both lower is better.",
    },
    data: { values },
    hconcat: [panel("fertility", "Fertility: tokens per word"), panel("premium", `Premium vs ${pivot} (×)`)],
  };
  return spec;
}
