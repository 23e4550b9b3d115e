// Fertility (tokens per word) and bytes per token side by side, one row per language in the report order.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";
import {
  describe,
  finite,
  HIGHLIGHT_TOKENIZER,
  highlightOpacity,
  languageFilterParam,
  languageFilterTransform,
  ROW_STEP,
  specHeader,
  tokenizerColorScale,
} from "./common.js";

/** Two dot plots sharing the language axis; `null` when neither measure is present. */
export function fertilityChart(model: ReportModel): TopLevelSpec | null {
  const values = model.rows
    .filter((r) => finite(r.fertility) || finite(r.bytes_per_token))
    .map((r) => ({
      language_label: r.language_label,
      tokenizer_label: r.tokenizer_label,
      fertility: finite(r.fertility) ? r.fertility : null,
      bytes_per_token: finite(r.bytes_per_token) ? r.bytes_per_token : null,
      chars_per_token: finite(r.chars_per_token) ? r.chars_per_token : null,
      continued_words: finite(r.continued_words) ? r.continued_words : null,
      tokens: r.tokens,
      words: r.words,
    }));
  if (values.length === 0) return null;
  const y = {
    field: "language_label",
    type: "nominal" as const,
    sort: model.languages.map((l) => l.label),
    title: null,
    axis: { grid: true, gridColor: "#eee" },
  };
  const color = {
    field: "tokenizer_label",
    type: "nominal" as const,
    title: "Tokenizer",
    scale: tokenizerColorScale(model),
  };
  const tooltip = [
    { field: "language_label", title: "Language" },
    { field: "tokenizer_label", title: "Tokenizer" },
    { field: "fertility", title: "Fertility (tokens/word)", format: ".3f" },
    { field: "continued_words", title: "Words split in 2+ tokens", format: ".1%" },
    { field: "bytes_per_token", title: "Bytes per token", format: ".3f" },
    { field: "chars_per_token", title: "Characters per token", format: ".3f" },
    { field: "tokens", title: "Tokens", format: "," },
    { field: "words", title: "Words", format: "," },
  ];
  // Fertility on a log axis: most languages need 1-5 tokens a word, a few 20-40, and on a linear 0-40 axis the
  // first group is a smudge at the left. The second panel shares the first one's language labels.
  const panel = (field: "fertility" | "bytes_per_token", title: string, log: boolean, labels: boolean) => ({
    width: 340,
    height: { step: ROW_STEP },
    transform: [{ filter: log ? `isValid(datum.${field}) && datum.${field} > 0` : `isValid(datum.${field})` }],
    mark: { type: "point" as const, filled: true, size: 42, stroke: "#fff", strokeWidth: 0.5 },
    encoding: {
      y: labels ? y : { ...y, axis: { ...y.axis, labels: false, ticks: false, domain: false } },
      x: {
        field,
        type: "quantitative" as const,
        title,
        scale: log ? { type: "log" as const } : { zero: false },
        axis: { orient: "top" as const, labelOverlap: "greedy" as const, labelSeparation: 6 },
      },
      color,
      opacity: highlightOpacity(0.95, 0.1),
      tooltip,
    },
  });
  const spec: TopLevelSpec = {
    ...specHeader(describe(model, "Fertility and bytes per token per language and tokenizer.")),
    title: {
      text: "Fertility and bytes per token",
      subtitle:
        "Left: tokens per word (lower is better). Right: UTF-8 bytes per token (higher is better). Same language order as the premium chart.",
    },
    data: { values },
    params: [languageFilterParam(), { name: HIGHLIGHT_TOKENIZER, value: "" }],
    transform: [languageFilterTransform],
    hconcat: [
      panel("fertility", "Fertility: tokens per word (log scale)", true, true),
      panel("bytes_per_token", "Bytes per token", false, false),
    ],
    resolve: { scale: { y: "shared" } },
  };
  return spec;
}
