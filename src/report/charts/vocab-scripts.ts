// Vocabulary composition by script: one small bar chart per script, tokenizers as bars stacked by position in the word.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";
import { describe, specHeader, tokenizerColorScale } from "./common.js";

/** Scripts beyond this many (by total entries over all tokenizers) are left to the table. */
const MAX_SCRIPTS = 12;

/**
 * Small multiples, one per script with its own x scale, so a script with 2,000 entries is as readable as Latin
 * with 80,000; bars stack word-initial and continuation entries. `null` without script counts.
 */
export function vocabScriptsChart(model: ReportModel): TopLevelSpec | null {
  const vocab = model.data.vocab;
  if (!vocab) return null;
  const totals = new Map<string, number>();
  for (const t of vocab.tokenizers)
    for (const s of t.scripts) totals.set(s.script, (totals.get(s.script) ?? 0) + s.count);
  const scripts = [...totals.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_SCRIPTS)
    .map(([s]) => s);
  if (scripts.length === 0) return null;
  const kept = new Set(scripts);
  const labelOf = new Map(model.tokenizers.map((t) => [t.id, t.label]));
  const values = vocab.tokenizers.flatMap((t) =>
    t.scripts
      .filter((s) => kept.has(s.script))
      .map((s) => ({
        tokenizer_label: labelOf.get(t.tokenizer) ?? t.tokenizer,
        script: s.script,
        position: s.position,
        count: s.count,
        share: t.vocabSize > 0 ? s.count / t.vocabSize : null,
      })),
  );
  const positions = [...new Set(values.map((v) => v.position))];
  const spec: TopLevelSpec = {
    ...specHeader(describe(model, "Vocabulary composition by script and position.")),
    title: {
      text: "Vocabulary composition by script",
      subtitle: [
        `Entries per script, ${scripts.length} largest scripts; each panel has its own scale. Dark: ${positions[0] ?? "first"} position, light: the others.`,
        "Hover for counts and shares of the vocabulary.",
      ],
    },
    data: { values },
    columns: 4,
    facet: {
      field: "script",
      type: "nominal",
      sort: scripts,
      title: null,
      header: { labelFontSize: 13, labelFontWeight: "bold" },
    },
    spec: {
      width: 170,
      height: { step: 13 },
      mark: { type: "bar" },
      encoding: {
        y: { field: "tokenizer_label", type: "nominal", sort: model.tokenizers.map((t) => t.label), title: null },
        x: {
          field: "count",
          type: "quantitative",
          stack: "zero",
          title: "Entries",
          axis: { format: "~s", tickCount: 4 },
        },
        color: { field: "tokenizer_label", type: "nominal", scale: tokenizerColorScale(model), legend: null },
        opacity: {
          field: "position",
          type: "nominal",
          sort: positions,
          scale: { range: [1, 0.45, 0.25] },
          title: "Position",
        },
        order: { field: "position", sort: "ascending" },
        tooltip: [
          { field: "script", title: "Script" },
          { field: "tokenizer_label", title: "Tokenizer" },
          { field: "position", title: "Position" },
          { field: "count", title: "Entries", format: "," },
          { field: "share", title: "Share of vocabulary", format: ".3%" },
        ],
      },
    },
    resolve: { scale: { x: "independent" } },
  };
  return spec;
}
