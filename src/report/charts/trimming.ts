// Vocabulary trimming curves: token coverage of a language against the number of entries kept.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";
import { describe, specHeader } from "./common.js";
import { studyLabel } from "./expansion.js";

/** One line per tokenizer x language study; `null` when no study has a trimming table. */
export function trimmingChart(model: ReportModel): TopLevelSpec | null {
  const studies = model.data.adaptation?.studies ?? [];
  const values = studies.flatMap((s) =>
    (s.trimming ?? []).map((p) => ({
      study: studyLabel(model, s),
      coverage: p.coverage,
      tokens_needed: p.tokens_needed,
    })),
  );
  if (values.length === 0) return null;
  const spec: TopLevelSpec = {
    ...specHeader(describe(model, "Vocabulary trimming coverage curves.")),
    title: {
      text: "Vocabulary trimming: entries needed for a given coverage",
      subtitle:
        "How many of the most frequent entries cover a share of the language's tokens; the rest of the vocabulary could be dropped.",
    },
    data: { values },
    width: 560,
    height: 300,
    mark: { type: "line", point: { filled: true, size: 36 } },
    encoding: {
      x: {
        field: "tokens_needed",
        type: "quantitative",
        title: "Vocabulary entries kept (log scale)",
        scale: { type: "log" },
      },
      y: {
        field: "coverage",
        type: "quantitative",
        title: "Token coverage",
        axis: { format: ".0%" },
        scale: { zero: false },
      },
      color: { field: "study", type: "nominal", title: "Tokenizer · language" },
      tooltip: [
        { field: "study", title: "Tokenizer · language" },
        { field: "coverage", title: "Coverage", format: ".2%" },
        { field: "tokens_needed", title: "Entries needed", format: "," },
      ],
    },
  };
  return spec;
}
