// The report page's charts: each chart's box (with a sticky head for tall and keyed charts) and the spec the page embeds.
import type { BuiltChart } from "./chart-registry.js";
import { tokenizerColorScale } from "./charts/common.js";
import { escapeHtml } from "./escape.js";
import type { ReportModel } from "./report-model.js";
import type { SectionId } from "./sections/ids.js";
import { PageTablesBuilder } from "./page-data.js";

/** A tokenizer's entry in the key above a chart. */
export interface LegendEntry {
  label: string;
  color: string;
}

/** What every section of the page reads: the model, its charts and how they are laid out. */
export interface PageContext {
  model: ReportModel;
  /** Many languages: the per-language charts scroll inside their box under a sticky head. */
  tall: boolean;
  /** The tokenizer key of the keyed charts. */
  legend: LegendEntry[];
  chart(name: string): BuiltChart | undefined;
  bySection(section: SectionId): BuiltChart[];
  /** The page's data block: large tables and the charts' data store their rows here (page-data.ts). */
  tables: PageTablesBuilder;
}

/** Charts drawn under a head that holds their title and the tokenizer key. */
const KEYED = new Set(["premium", "fertility", "cost"]);

export function pageContext(model: ReportModel, charts: BuiltChart[]): PageContext {
  const colors = tokenizerColorScale(model);
  return {
    model,
    tall: model.languages.length > 30,
    legend: colors.domain.map((label, i) => ({ label, color: colors.range[i]! })),
    chart: (name) => charts.find((c) => c.name === name),
    bySection: (s) => charts.filter((c) => c.section === s),
    tables: new PageTablesBuilder(),
  };
}

/** The specs as the page embeds them, by chart name. */
export function pageSpecs(charts: BuiltChart[], tall: boolean): Record<string, unknown> {
  const specs: Record<string, unknown> = {};
  for (const c of charts) {
    // the same test as chartBox's: these charts get a head that shows their title (and key)
    const mode =
      KEYED.has(c.name) || (tall && c.name === "premium-heatmap") ? "head" : c.section === "summary" ? "fit" : "as-is";
    specs[c.name] = pageSpec(c, mode, !KEYED.has(c.name));
  }
  return specs;
}

/** A chart's title and subtitle as plain text lines. */
function titleLines(spec: BuiltChart["spec"]): { text: string; subtitle: string[] } | null {
  const t = (spec as { title?: unknown }).title;
  if (typeof t === "string") return { text: t, subtitle: [] };
  if (!t || typeof t !== "object") return null;
  const { text: main, subtitle } = t as { text?: unknown; subtitle?: unknown };
  const lines = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.map(String) : []);
  return { text: lines(main).join(" "), subtitle: lines(subtitle) };
}

/**
 * A chart's box. A chart with a head shows its title, its filter box (moved there by the page script) and the
 * tokenizer key in that head; the head is sticky inside a tall chart's scroll box, and since the title and key
 * live in it (the page drops the chart's own title and legend, see `pageSpec`), scrolling hides only data rows.
 */
export function chartBox(chart: BuiltChart | undefined, tall: boolean, legend?: LegendEntry[]): string {
  if (!chart) return "";
  const withHead = tall || legend !== undefined;
  const title = withHead ? titleLines(chart.spec) : null;
  const keys = (legend ?? [])
    .map(
      (l) =>
        `<button type="button" class="key" aria-pressed="false" data-tokenizer="${escapeHtml(l.label)}"><span class="swatch" style="background:${escapeHtml(l.color)}"></span>${escapeHtml(l.label)}</button>`,
    )
    .join("");
  const head = withHead
    ? `<div class="chart-head" id="head-${chart.name}">` +
      (title
        ? `<div class="chart-title"><b>${escapeHtml(title.text)}</b>${title.subtitle.map((l) => `<span>${escapeHtml(l)}</span>`).join("")}</div>`
        : "") +
      `<div class="head-tools">${keys ? `<span class="keys" role="group" aria-label="Tokenizers: click one to highlight it">${keys}</span>` : ""}</div></div>`
    : "";
  return `<div class="chart-box${tall ? " tall" : ""}">${head}<div class="chart" id="chart-${chart.name}" data-chart="${chart.name}"></div></div>`;
}

/**
 * The spec as embedded in the page (the .vl.json files and image exports keep the full spec): a chart under a
 * head drops its own title and legend, which the head shows; a summary chart fills its box's width, labels
 * included, whatever fonts the browser measures with.
 */
function pageSpec(chart: BuiltChart, mode: "head" | "fit" | "as-is", keepLegend: boolean): unknown {
  const spec = chart.spec as unknown as Record<string, unknown> & { config?: Record<string, unknown> };
  if (mode === "fit") {
    // "container" makes Vega-Lite fit the whole chart, axes and labels included, into the box's width; a step
    // height would make it warn, so the summary bar charts (one row per data value) get their height in pixels
    const height = spec["height"] as { step?: number } | number | undefined;
    const rows = ((spec["data"] as { values?: unknown[] } | undefined)?.values ?? []).length;
    const fixed = typeof height === "object" && height.step ? { height: height.step * Math.max(rows, 1) } : {};
    return { ...spec, width: "container", autosize: { type: "fit-x", contains: "padding" }, ...fixed };
  }
  if (mode === "as-is") return spec;
  const { title: _title, ...rest } = spec;
  if (keepLegend) return rest;
  return withoutTokenizerLegend(rest);
}

/** A copy of a spec whose tokenizer colour channels draw no legend (the page's key replaces it). */
function withoutTokenizerLegend(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutTokenizerLegend);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    const channel = v as { field?: unknown } | null;
    out[k] =
      k === "color" && channel && typeof channel === "object" && channel.field === "tokenizer_label"
        ? { ...channel, legend: null }
        : k === "data"
          ? v
          : withoutTokenizerLegend(v);
  }
  return out;
}
