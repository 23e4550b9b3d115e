// Vocabulary composition by Qtok class: one stacked bar per tokenizer, as shares of its vocabulary.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";
import { describe, specHeader } from "./common.js";

/** Stacked shares per class; `null` without a vocab section. */
export function vocabClassesChart(model: ReportModel): TopLevelSpec | null {
  const vocab = model.data.vocab;
  if (!vocab || vocab.tokenizers.length === 0) return null;
  const labelOf = new Map(model.tokenizers.map((t) => [t.id, t.label]));
  const values = vocab.tokenizers.flatMap((t) =>
    Object.entries(t.classes).map(([cls, c]) => ({
      tokenizer_label: labelOf.get(t.tokenizer) ?? t.tokenizer,
      class: cls,
      count: c.count,
      share: c.share,
      vocab_size: t.vocabSize,
    })),
  );
  if (values.length === 0) return null;
  // Shares are rounded by the producer, so a bar may sum to a hair over 100%.
  const widest = Math.max(1, ...vocab.tokenizers.map((t) => Object.values(t.classes).reduce((a, c) => a + c.share, 0)));
  const spec: TopLevelSpec = {
    ...specHeader(describe(model, "Vocabulary composition by class.")),
    title: { text: "Vocabulary composition by class", subtitle: "Share of each tokenizer's vocabulary in each class." },
    data: { values },
    width: 620,
    height: { step: 28 },
    mark: { type: "bar", stroke: "#fff", strokeWidth: 0.5 },
    encoding: {
      y: { field: "tokenizer_label", type: "nominal", sort: model.tokenizers.map((t) => t.label), title: null },
      x: {
        field: "share",
        type: "quantitative",
        stack: "zero",
        title: "Share of vocabulary",
        axis: { format: ".0%" },
        scale: { domain: [0, widest], nice: false },
      },
      color: { field: "class", type: "nominal", title: "Class", scale: { scheme: "tableau20" } },
      order: { field: "class" },
      tooltip: [
        { field: "tokenizer_label", title: "Tokenizer" },
        { field: "class", title: "Class" },
        { field: "count", title: "Entries", format: "," },
        { field: "share", title: "Share of vocabulary", format: ".2%" },
        { field: "vocab_size", title: "Vocabulary size", format: "," },
      ],
    },
  };
  return spec;
}
