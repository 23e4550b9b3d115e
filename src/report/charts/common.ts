// Shared look of every chart: schema, fonts that cover many scripts, tokenizer colours, the language filter.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "../report-model.js";

/** The layers of a layered chart, for a chart that builds them in a function of their own. */
export type ChartLayers = Extract<TopLevelSpec, { layer: unknown }>["layer"];

/** The Vega-Lite schema every spec declares (a name only: nothing fetches it). */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/**
 * Font families in fallback order. Noto families cover Latin, CJK, Thai, Devanagari, Ethiopic and more;
 * unquoted so the list is valid both as a CSS font-family and inside an SVG attribute.
 */
export const FONT_FAMILY =
  "Noto Sans, Noto Sans CJK SC, Noto Sans CJK JP, Noto Sans Thai, Noto Sans Devanagari, Noto Sans Ethiopic, Noto Sans Arabic, Noto Sans Myanmar, Noto Sans Khmer, Noto Sans Tibetan, DejaVu Sans, sans-serif";

/**
 * Fixed colours of the built-in tokenizers, keyed by id so a tokenizer keeps its colour in every report whatever
 * else is compared. Okabe-Ito (Okabe & Ito 2008) and Paul Tol's "muted" scheme: both are designed to stay
 * distinguishable with the common colour-vision deficiencies. Related vocabularies get related hues.
 */
export const TOKENIZER_COLORS: Readonly<Record<string, string>> = {
  gpt2: "#000000",
  r50k_base: "#999933",
  p50k_base: "#DDCC77",
  cl100k_base: "#0072B2",
  o200k_base: "#56B4E9",
  "gpt-oss": "#332288",
  llama2: "#882255",
  "mistral-7b": "#E69F00",
  llama3: "#D55E00",
  gemma3: "#CC79A7",
  gemma: "#AA4499",
  qwen3: "#009E73",
  "deepseek-v3": "#44AA99",
  "claude-legacy": "#6F6F6F",
};

/** Colours for other tokenizers (from Paul Tol's "light" and "bright" schemes; none is used above), picked by a hash of the id. */
const EXTRA_COLORS = [
  "#77AADD",
  "#EE8866",
  "#BBCC33",
  "#FFAABB",
  "#99DDFF",
  "#EEDD88",
  "#4477AA",
  "#EE6677",
  "#AA3377",
  "#AAAA00",
];

/** FNV-1a, 32 bit: a stable small hash of a tokenizer id. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The colour of each tokenizer id: built-ins from TOKENIZER_COLORS; any other id from EXTRA_COLORS at its hash,
 * moving to the next free colour only if another tokenizer of the same report already has it.
 */
export function tokenizerColors(ids: readonly string[]): string[] {
  const used = new Set(ids.map((id) => TOKENIZER_COLORS[id]).filter((c): c is string => c !== undefined));
  return ids.map((id) => {
    const fixed = TOKENIZER_COLORS[id];
    if (fixed) return fixed;
    const start = hashId(id) % EXTRA_COLORS.length;
    for (let k = 0; k < EXTRA_COLORS.length; k++) {
      const c = EXTRA_COLORS[(start + k) % EXTRA_COLORS.length]!;
      if (!used.has(c)) {
        used.add(c);
        return c;
      }
    }
    return EXTRA_COLORS[start]!; // every extra colour taken: colours repeat
  });
}

/** The colour scale of the tokenizer channel: the same tokenizer has the same colour in every chart and every report. */
export function tokenizerColorScale(model: ReportModel): { domain: string[]; range: string[] } {
  return { domain: model.tokenizers.map((t) => t.label), range: tokenizerColors(model.tokenizers.map((t) => t.id)) };
}

/** The variable param that dims every tokenizer but one (set by the page's tokenizer key; "" = none). */
export const HIGHLIGHT_TOKENIZER = "highlight_tokenizer";

/** Opacity that dims marks of tokenizers other than the highlighted one. */
export function highlightOpacity(on: number, off: number) {
  return {
    condition: { test: `!${HIGHLIGHT_TOKENIZER} || datum.tokenizer_label === ${HIGHLIGHT_TOKENIZER}`, value: on },
    value: off,
  };
}

/** Config shared by all charts. */
export function baseConfig() {
  return {
    font: FONT_FAMILY,
    background: "#ffffff",
    axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260, titleFontWeight: "normal" as const },
    legend: {
      labelFontSize: 11,
      titleFontSize: 12,
      labelLimit: 260,
      orient: "top" as const,
      direction: "horizontal" as const,
      columns: 4,
    },
    title: { fontSize: 14, anchor: "start" as const, subtitleFontSize: 11, subtitleColor: "#555" },
    view: { stroke: "#ddd" },
  };
}

/** The name of the text input that filters languages in per-language charts. */
export const LANGUAGE_FILTER = "language_filter";

/** A text box that filters the language rows (case-insensitive substring of name or code). */
export function languageFilterParam() {
  return {
    name: LANGUAGE_FILTER,
    value: "",
    bind: { input: "search" as const, placeholder: "filter languages: name or code", name: "Filter " },
  };
}

/** Keeps rows whose language label contains the filter text. */
export const languageFilterTransform = {
  filter: `!${LANGUAGE_FILTER} || indexof(lower(datum.language_label), lower(${LANGUAGE_FILTER})) >= 0`,
};

/** Pixels per language row in per-language charts. */
export const ROW_STEP = 16;

/** The y channel of a per-language chart: one row per language label in `order`, with a light grid line each. */
export function languageRowsY(order: string[]) {
  return {
    field: "language_label",
    type: "nominal" as const,
    sort: order,
    title: null,
    axis: { grid: true, gridColor: "#eee", labelFontSize: 11 },
  };
}

/** Layout of a per-language chart 620 px wide: the language filter box and ROW_STEP pixels per language row. */
export function languageRowsLayout() {
  return {
    params: [languageFilterParam()],
    transform: [languageFilterTransform],
    height: { step: ROW_STEP },
    width: 620,
  };
}

/** Every spec starts with the schema, a provenance description and the shared config. */
export function specHeader(description: string): Pick<TopLevelSpec, "$schema" | "description" | "config"> {
  return { $schema: VEGA_LITE_SCHEMA, description, config: baseConfig() };
}

/** Replaces the JS `null` of missing ratios with nothing, so Vega-Lite drops the mark instead of drawing 0. */
export function finite(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** The spec description: what the chart shows and how to regenerate it. */
export function describe(model: ReportModel, what: string): string {
  const p = model.data.provenance;
  return `${what} Generated by toklens ${p.toolkitVersion}; rerun with: ${p.command}`;
}

/** Title of the pivot language as shown on premium axes, e.g. `English`. */
export function pivotName(model: ReportModel): string {
  return model.pivot.name;
}
