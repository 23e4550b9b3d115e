// index.html: one self-contained page (vega, vega-lite, vega-embed inlined; no network) with charts, tables and provenance.
import { createHash } from "node:crypto";
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { BuiltChart, ReportSection } from "./chart-registry.js";
import { FONT_FAMILY, tokenizerColorScale } from "./charts/common.js";
import type { ReportModel } from "./report-model.js";
import type { CostRow } from "../metrics/cost.js";
import type { DiffResult } from "../analysis/diff.js";
import { escapeHtml, jsonForScript, visibleText } from "./escape.js";
import { PIVOT_SCRIPT, pivotControl } from "./pivot-switch.js";
import { CHOOSER_SCRIPT, tokenizerChooser } from "./tokenizer-chooser.js";
import { TOKEN_VIEW_SCRIPT, TOKEN_VIEW_STYLE, tokenViewData, tokenViewSection } from "./token-view-html.js";

/** A directory of an installed package, found from its resolvable entry point. */
function packageDir(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === name) return dir;
    dir = dirname(dir);
  }
  throw new Error(`toklens: cannot find the ${name} package directory; reinstall toklens's dependencies (npm ci).`);
}

/** The browser (UMD, minified) builds inlined into every report, in load order. */
const BUNDLES = [
  ["vega", "build/vega.min.js"],
  ["vega-lite", "build/vega-lite.min.js"],
  ["vega-embed", "build/vega-embed.min.js"],
] as const;

let bundleCache: string[] | undefined;

/** Reads the inlined libraries once per process; refuses a build that could end the inline <script>. */
function bundles(): string[] {
  if (!bundleCache) {
    bundleCache = BUNDLES.map(([pkg, file]) => {
      const text = readFileSync(join(packageDir(pkg), file), "utf8");
      if (/<\/script|<!--/i.test(text)) throw new Error(`toklens: ${pkg}/${file} contains "</script" or "<!--" and cannot be inlined`);
      return text;
    });
  }
  return bundleCache;
}

const PAGE_SCRIPT = String.raw`"use strict";
(function () {
  var state = (window.__toklens = { ready: false, errors: [], views: {} });
  var specs = JSON.parse(document.getElementById("toklens-specs").textContent);
  var names = Object.keys(specs);
  state.specs = specs;
  Promise.all(names.map(function (name) {
    var el = document.getElementById("chart-" + name);
    return vegaEmbed(el, specs[name], { actions: false, renderer: "svg" }).then(
      function (res) {
        state.views[name] = res.view;
        addChartDownloads(name, el);
        var tools = document.querySelector("#head-" + name + " .head-tools");
        var bindings = el.querySelector(".vega-bindings");
        if (tools && bindings) tools.insertBefore(bindings, tools.firstChild);
      },
      function (err) {
        state.errors.push(name + ": " + err);
        el.textContent = "This chart could not be drawn: " + err;
        console.error(err);
      });
  })).then(function () {
    state.ready = true;
    document.documentElement.setAttribute("data-charts-ready", "true");
  });

  // Downloads: each chart as SVG or PNG (drawn by its live view), each table as CSV (numbers at full precision).
  function download(file, url) {
    var a = document.createElement("a");
    a.href = url;
    a.download = file;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function button(label, file) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "download";
    b.textContent = label;
    b.setAttribute("data-download", file);
    return b;
  }
  function addChartDownloads(name, el) {
    var bar = document.createElement("span");
    bar.className = "downloads";
    ["svg", "png"].forEach(function (format) {
      var b = button(format.toUpperCase(), name + "." + format);
      b.addEventListener("click", function () {
        state.views[name].toImageURL(format, format === "png" ? 2 : 1).then(function (url) { download(name + "." + format, url); });
      });
      bar.appendChild(b);
    });
    var tools = document.querySelector("#head-" + name + " .head-tools");
    if (tools) tools.appendChild(bar);
    else el.parentNode.insertBefore(bar, el);
  }
  function csvField(v) {
    var s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function tableCsv(table) {
    var lines = [];
    Array.prototype.forEach.call(table.rows, function (row) {
      var cells = Array.prototype.map.call(row.cells, function (cell) {
        var v = cell.getAttribute("data-v");
        return csvField(v !== null && v !== "" ? v : v === "" ? "" : cell.textContent);
      });
      lines.push(cells.join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var b = button("CSV", table.id + ".csv");
    b.addEventListener("click", function () {
      download(table.id + ".csv", URL.createObjectURL(new Blob([tableCsv(table)], { type: "text/csv" })));
    });
    var box = table.closest(".table-box");
    box.parentNode.insertBefore(b, box);
  });

  // The tokenizer key above a chart: a click highlights that tokenizer in every chart that has the param.
  function highlight(label) {
    document.querySelectorAll("button.key[data-tokenizer]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(label !== "" && b.getAttribute("data-tokenizer") === label));
    });
    document.querySelectorAll(".keys").forEach(function (k) { k.classList.toggle("picking", label !== ""); });
    Object.keys(state.views).forEach(function (name) {
      var view = state.views[name];
      try { view.signal("highlight_tokenizer"); } catch (e) { return; }
      view.signal("highlight_tokenizer", label).runAsync();
    });
  }
  document.querySelectorAll("button.key[data-tokenizer]").forEach(function (b) {
    b.addEventListener("click", function () {
      highlight(b.getAttribute("aria-pressed") === "true" ? "" : b.getAttribute("data-tokenizer"));
    });
  });

  // Tables: click a header to sort (numbers by their data-v value), type in a search box to filter rows.
  function cellValue(row, i) {
    var cell = row.cells[i];
    if (!cell) return "";
    var v = cell.getAttribute("data-v");
    return v !== null ? (v === "" ? NaN : Number(v)) : cell.textContent;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, i) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var asc = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, i), y = cellValue(b, i);
          if (typeof x === "number" && typeof y === "number") {
            if (isNaN(x)) return isNaN(y) ? 0 : 1;
            if (isNaN(y)) return -1;
            return asc ? x - y : y - x;
          }
          return asc ? String(x).localeCompare(String(y)) : String(y).localeCompare(String(x));
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    input.addEventListener("input", function () {
      var q = input.value.toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });
})();
`;

const STYLE = `
:root { --fg: #1d1d1f; --muted: #5f6368; --line: #e3e3e3; --accent: #4e79a7; }
* { box-sizing: border-box; }
body { font-family: ${FONT_FAMILY}; color: var(--fg); margin: 0; background: #fafafa; line-height: 1.45; }
header, main > section, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 6px; }
p.lede, p.note { color: var(--muted); margin: 4px 0 12px; }
nav a { margin-right: 14px; color: var(--accent); text-decoration: none; }
ul.findings { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 12px 12px 32px; }
.chart-box { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px; margin: 12px 0; overflow-x: auto; }
.chart-box.tall { max-height: 82vh; overflow: auto; padding-top: 0; }
.chart-box.tall > .chart-head { padding-top: 8px; }
.row { display: flex; flex-wrap: wrap; gap: 12px; }
.row > .chart-box { flex: 1 1 440px; }
.vega-embed { display: flex !important; flex-direction: column-reverse; }
.vega-bindings { padding: 2px 0 6px; }
.vega-bindings input[type=search] { width: 260px; padding: 3px 6px; }
.chart-head { position: sticky; top: 0; left: 0; z-index: 3; background: #fff; display: flex; flex-wrap: wrap; align-items: center;
  gap: 4px 14px; padding: 4px 0 6px; border-bottom: 1px solid var(--line); font-size: 12px; }
.chart-head .vega-bindings { padding: 0 12px 0 0; }
.chart-title { flex: 1 1 100%; }
.chart-title b { font-size: 14px; display: block; }
.chart-title span { color: var(--muted); font-size: 11px; display: block; }
.head-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; }
.key { display: inline-flex; align-items: center; gap: 5px; font: inherit; font-size: 12px; color: inherit; background: none;
  border: 1px solid transparent; border-radius: 10px; padding: 1px 7px; cursor: pointer; }
.key:hover { border-color: var(--line); }
.key[aria-pressed=true] { border-color: var(--fg); }
.keys.picking .key[aria-pressed=false] { opacity: 0.45; }
.chooser .choose { display: inline-flex; align-items: center; gap: 4px; margin-right: 12px; font-size: 13px; }
.pivot-control select { font: inherit; padding: 2px 4px; margin-right: 8px; }
.downloads { display: inline-flex; gap: 4px; margin: 0 0 4px; }
button.download { font: inherit; font-size: 11px; color: var(--accent); background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 0 6px; cursor: pointer; }
.chart-box > .downloads { float: right; position: relative; z-index: 2; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; }
.table-box { max-height: 60vh; overflow: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 8px 0 16px; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th { position: sticky; top: 0; background: #f3f3f3; cursor: pointer; white-space: nowrap; }
thead th[aria-sort=ascending]::after { content: " ▲"; } thead th[aria-sort=descending]::after { content: " ▼"; }
code.token { white-space: pre; background: #f1f3f4; border-radius: 3px; padding: 0 3px; }
code { word-break: break-all; }
input.table-filter { margin: 4px 0; padding: 4px 6px; width: 280px; }
details > summary { cursor: pointer; color: var(--accent); margin: 8px 0; }
footer { color: var(--muted); font-size: 12px; padding-bottom: 40px; }
`;

const fmt = (v: number | null | undefined, digits = 3): string =>
  typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "–";
const int = (v: number | null | undefined): string =>
  typeof v === "number" && Number.isFinite(v) ? Math.round(v).toLocaleString("en-US") : "–";
const pct = (v: number | null | undefined, digits = 1): string =>
  typeof v === "number" && Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : "–";

/** A table cell: text is escaped; numeric cells carry their raw value for sorting. */
interface Cell {
  html: string;
  num?: number | null;
}
const text = (s: string): Cell => ({ html: escapeHtml(s) });
const token = (s: string): Cell => ({ html: `<code class="token">${escapeHtml(visibleText(s))}</code>` });
const num = (v: number | null | undefined, shown: string): Cell => ({ html: escapeHtml(shown), num: v ?? null });

function table(id: string, header: { label: string; numeric?: boolean }[], rows: Cell[][], options: { filter?: string } = {}): string {
  const head = header.map((h) => `<th${h.numeric ? ' class="num"' : ""}>${escapeHtml(h.label)}</th>`).join("");
  const body = rows
    .map((r) => "<tr>" + r.map((c) =>
      c.num !== undefined
        ? `<td class="num" data-v="${c.num === null || !Number.isFinite(c.num) ? "" : String(c.num)}">${c.html}</td>`
        : `<td>${c.html}</td>`).join("") + "</tr>")
    .join("\n");
  const filter = options.filter
    ? `<input class="table-filter" type="search" data-filter="${id}" placeholder="${escapeHtml(options.filter)}" aria-label="${escapeHtml(options.filter)}">`
    : "";
  return `${filter}<div class="table-box"><table class="sortable" id="${id}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
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
function chartBox(chart: BuiltChart | undefined, tall: boolean, legend?: { label: string; color: string }[]): string {
  if (!chart) return "";
  const withHead = tall || legend !== undefined;
  const title = withHead ? titleLines(chart.spec) : null;
  const keys = (legend ?? []).map((l) =>
    `<button type="button" class="key" aria-pressed="false" data-tokenizer="${escapeHtml(l.label)}"><span class="swatch" style="background:${escapeHtml(l.color)}"></span>${escapeHtml(l.label)}</button>`).join("");
  const head = withHead
    ? `<div class="chart-head" id="head-${chart.name}">` +
      (title ? `<div class="chart-title"><b>${escapeHtml(title.text)}</b>${title.subtitle.map((l) => `<span>${escapeHtml(l)}</span>`).join("")}</div>` : "") +
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
    out[k] = k === "color" && channel && typeof channel === "object" && channel.field === "tokenizer_label"
      ? { ...channel, legend: null }
      : k === "data" ? v : withoutTokenizerLegend(v);
  }
  return out;
}

/** Metric columns of the results whose nulls mean "could not be computed". */
const METRIC_FIELDS = [
  "fertility", "continued_words", "word_fertility", "strr", "bytes_per_token", "chars_per_token", "premium", "unk_rate",
  "byte_fallback_rate", "unique_tokens", "vocab_utilization", "renyi_efficiency", "shannon_efficiency", "nsl",
] as const;

/**
 * Null metric values among the rows, counting a metric for a tokenizer only when it has a value for some other
 * language: a column null for every language of a tokenizer was not asked for or does not apply to it (no byte
 * fallback in a byte-level BPE), which is no failure.
 */
export function missingValues(model: ReportModel): number {
  let n = 0;
  for (const t of model.tokenizers) {
    const rows = model.rows.filter((r) => r.tokenizer === t.id);
    for (const field of METRIC_FIELDS) {
      const values = rows.map((r) => r[field]);
      if (!values.some((v) => typeof v === "number" && Number.isFinite(v))) continue;
      n += values.filter((v) => v === null || (typeof v === "number" && !Number.isFinite(v))).length;
    }
  }
  return n;
}

/** Sentences a reader should take away, computed from the model (no new metrics). */
function findings(model: ReportModel): string[] {
  const out: string[] = [];
  const pivot = model.pivot.name;
  const summary = model.data.compare.summary.filter((s) => typeof s.gini === "number");
  const label = (id: string) => model.tokenizers.find((t) => t.id === id)?.label ?? id;
  if (summary.length > 0) {
    const fairest = [...summary].sort((a, b) => a.gini! - b.gini!)[0]!;
    const least = [...summary].sort((a, b) => b.gini! - a.gini!)[0]!;
    out.push(`Fairest across languages: <b>${escapeHtml(label(fairest.tokenizer))}</b> (Gini ${fmt(fairest.gini)}); least fair: ${escapeHtml(label(least.tokenizer))} (Gini ${fmt(least.gini)}).`);
  }
  const wins = [...model.wins.entries()].sort((a, b) => b[1] - a[1]);
  if (wins[0] && model.cheapest.length > 0) {
    out.push(`Cheapest for the most languages: <b>${escapeHtml(wins[0][0])}</b> (${wins[0][1]} of ${model.cheapest.length}).`);
  }
  const withPremium = new Set(model.rows.filter((r) => typeof r.premium === "number").map((r) => r.language));
  const ranked = model.languages.filter((l) => l.code !== model.pivot.code && withPremium.has(l.code));
  const last = ranked.at(-1);
  const dearest = last ? model.rows.filter((r) => r.language === last.code && typeof r.premium === "number") : [];
  if (dearest.length > 0) {
    const best = dearest.reduce((a, b) => (a.premium! <= b.premium! ? a : b));
    const worst = dearest.reduce((a, b) => (a.premium! >= b.premium! ? a : b));
    out.push(`Most expensive language (median premium): <b>${escapeHtml(dearest[0]!.language_label)}</b>, ${fmt(best.premium, 2)}× ${escapeHtml(pivot)} with ${escapeHtml(best.tokenizer_label)} up to ${fmt(worst.premium, 2)}× with ${escapeHtml(worst.tokenizer_label)}.`);
  }
  const nulls = missingValues(model);
  const nWarnings = model.data.compare.warnings.length;
  if (nulls > 0) {
    out.push(`${nulls} value(s) could not be computed (shown as –)${nWarnings > 0 ? `; ${nWarnings} warning(s) say why` : ""}: see <a href="#numbers">the numbers</a>.`);
  } else if (nWarnings > 0) {
    out.push(`${nWarnings} warning(s): see <a href="#numbers">the numbers</a>.`);
  }
  return out;
}

/** The whole page. Every string from the data passes through escapeHtml or jsonForScript. */
export function renderHtml(model: ReportModel, charts: BuiltChart[]): string {
  const { data } = model;
  const p = data.provenance;
  const pivot = model.pivot.name;
  const bySection = (s: ReportSection) => charts.filter((c) => c.section === s);
  const chart = (name: string) => charts.find((c) => c.name === name);
  const tall = model.languages.length > 30;
  const specs: Record<string, unknown> = {};
  const keyed = new Set(["premium", "fertility"]);
  for (const c of charts) {
    // the same test as chartBox's: these charts get a head that shows their title (and key)
    const mode = keyed.has(c.name) || (tall && c.name === "premium-heatmap") ? "head" : c.section === "summary" ? "fit" : "as-is";
    specs[c.name] = pageSpec(c, mode, !keyed.has(c.name));
  }
  const colors = tokenizerColorScale(model);
  const legend = colors.domain.map((label, i) => ({ label, color: colors.range[i]! }));
  const summaryById = new Map(data.compare.summary.map((s) => [s.tokenizer, s]));

  const sections: string[] = [];
  const nav: [string, string][] = [["summary", "Summary"], ["premium", "Premium"], ["efficiency", "Fertility & bytes/token"]];

  sections.push(`<section id="summary"><h2>Summary</h2>
<ul class="findings">${findings(model).map((f) => `<li>${f}</li>`).join("")}</ul>
${tokenizerChooser(model)}
<div class="row">${bySection("summary").map((c) => chartBox(c, false)).join("")}</div>
<h3>Tokenizers</h3>
${table("table-tokenizers",
    [{ label: "Tokenizer" }, { label: "Backend" }, { label: "Vocabulary", numeric: true }, { label: "Gini", numeric: true },
      { label: `Mean premium (×${pivot})`, numeric: true }, { label: "Median fertility", numeric: true }, { label: "Cheapest for (languages)", numeric: true }],
    model.tokenizers.map((t) => {
      const s = summaryById.get(t.id);
      const wins = model.wins.get(t.label) ?? 0;
      return [text(t.label), text(t.backend), num(t.vocabSize, int(t.vocabSize)), num(s?.gini, fmt(s?.gini)),
        num(s?.mean_premium, fmt(s?.mean_premium)), num(s?.median_fertility, fmt(s?.median_fertility)), num(wins, String(wins))];
    }))}
<h3>Cheapest tokenizer per language</h3>
<p class="note">The tokenizer that needs the fewest tokens for the language's text, and how many times more the runner-up needs.</p>
${table("table-cheapest",
    [{ label: "Language" }, { label: "Cheapest tokenizer" }, { label: "Tokens", numeric: true }, { label: `Its premium (×${pivot})`, numeric: true },
      { label: "Runner-up" }, { label: "Runner-up needs (×)", numeric: true }],
    model.cheapest.map((c) => [text(c.language_label), text(c.tokenizer_label), num(c.tokens, int(c.tokens)), num(c.premium, fmt(c.premium)),
      text(c.runner_up_label ?? "–"), num(c.runner_up_ratio, fmt(c.runner_up_ratio, 2))]),
    { filter: "filter languages" })}
</section>`);

  const samples = data.tokenSamples?.samples ?? [];
  if (samples.length > 0) {
    nav.splice(1, 0, ["tokens", "Tokens"]);
    sections.push(tokenViewSection(tokenViewData(model.tokenizers, model.languages, samples)));
  }

  const rowAt = new Map(model.rows.map((r) => [`${r.tokenizer}\u0000${r.language}`, r]));
  const premiumTable = table("table-premium",
    [{ label: "Language" }, { label: "Script" }, ...model.tokenizers.map((t) => ({ label: t.label, numeric: true }))],
    model.languages.map((l) => [text(l.label), text(l.script), ...model.tokenizers.map((t) => {
      const r = rowAt.get(`${t.id}\u0000${l.code}`);
      const ci = r?.premium_ci ? ` [${fmt(r.premium_ci[0], 2)}–${fmt(r.premium_ci[1], 2)}]` : "";
      return num(r?.premium, r ? `${fmt(r.premium)}${ci}` : "–");
    })]),
    { filter: "filter languages" });
  sections.push(`<section id="premium"><h2>Premium: what each language pays relative to ${escapeHtml(pivot)}</h2>
<p class="lede">Premium = tokens for a language's text ÷ tokens for the same text in ${escapeHtml(pivot)}, per tokenizer. 2.0 means twice the cost, half the context, twice the latency. Hover a mark for exact values.</p>
${pivotControl(model)}
${chartBox(chart("premium-spread"), false)}
${chartBox(chart("premium"), tall, legend)}
${chartBox(chart("premium-heatmap"), tall)}
${chartBox(chart("lorenz"), false)}
<details><summary>Premium table (95% intervals in brackets)</summary>${premiumTable}</details>
</section>`);

  const groups = data.compare.groups;
  if (groups) {
    nav.splice(nav.findIndex(([id]) => id === "efficiency"), 0, ["groups", "Groups"]); // in page order
    const labelOf = (id: string) => model.tokenizers.find((t) => t.id === id)?.label ?? id;
    const groupTable = table("table-groups",
      [{ label: "Group" }, { label: "Tokenizer" }, { label: "Languages", numeric: true }, { label: `Median premium (×${pivot})`, numeric: true },
        { label: "Interval", numeric: true }, { label: "Share of tokens", numeric: true }],
      groups.rows.map((g) => [text(g.group), text(labelOf(g.tokenizer)), num(g.languages.length, String(g.languages.length)),
        num(g.median_premium, fmt(g.median_premium)), num(g.median_premium_ci?.[0], g.median_premium_ci ? `${fmt(g.median_premium_ci[0], 2)}–${fmt(g.median_premium_ci[1], 2)}` : "–"),
        num(g.token_share, pct(g.token_share))]));
    sections.push(`<section id="groups"><h2>Groups of languages (by ${escapeHtml(groups.by)})</h2>
<p class="lede">Per group and tokenizer: the median premium over the group's languages (${escapeHtml(pivot)} left out), a bootstrap interval that resamples the group's languages, and the group's share of all the tokens the run's languages cost.</p>
${bySection("groups").map((c) => chartBox(c, false)).join("\n")}
${groupTable}
</section>`);
  }

  sections.push(`<section id="efficiency"><h2>Fertility and bytes per token</h2>
<p class="lede">Fertility is tokens per word (words as segmented by toklens); bytes per token is how much UTF-8 text one token carries.</p>
${chartBox(chart("fertility"), tall, legend)}
</section>`);

  const costs = data.compare.costs;
  if (costs && costs.length > 0) {
    nav.push(["cost", "Cost & context"]);
    sections.push(costSection(model, costs, chart("cost"), tall, legend));
  }

  if (data.diff) {
    nav.push(["diff", "What changed"]);
    sections.push(diffSection(data.diff, chart("diff"), tall));
  }

  const vocab = data.vocab;
  if (vocab && vocab.tokenizers.length > 0) {
    nav.push(["vocab", "Vocabulary"]);
    const labelOf = (id: string) => model.tokenizers.find((t) => t.id === id)?.label ?? id;
    const classNames = [...new Set(vocab.tokenizers.flatMap((t) => Object.keys(t.classes)))];
    const classTable = table("table-vocab-classes",
      [{ label: "Class" }, ...vocab.tokenizers.map((t) => ({ label: labelOf(t.tokenizer), numeric: true }))],
      classNames.map((cls) => [text(cls), ...vocab.tokenizers.map((t) => {
        const c = t.classes[cls];
        return num(c?.count, c ? `${int(c.count)} (${pct(c.share)})` : "–");
      })]));
    const longest = vocab.tokenizers.map((t) => `<h3>Longest entries: ${escapeHtml(labelOf(t.tokenizer))}</h3>` +
      table(`table-longest-${vocab.tokenizers.indexOf(t)}`, [{ label: "Id", numeric: true }, { label: "Entry" }, { label: "Characters", numeric: true }],
        t.longest.map((e) => [num(e.id, String(e.id)), token(e.text), num(e.chars, String(e.chars))]))).join("\n");
    const examples = vocab.tokenizers.map((t) => `<h3>Examples per class: ${escapeHtml(labelOf(t.tokenizer))}</h3>` +
      table(`table-examples-${vocab.tokenizers.indexOf(t)}`, [{ label: "Class" }, { label: "Examples" }],
        Object.entries(t.examples).map(([cls, list]) => [text(cls), { html: list.map((e) => token(e.text).html).join(" ") }]))).join("\n");
    sections.push(`<section id="vocab"><h2>Vocabulary</h2>
<p class="lede">What the vocabularies contain: entry classes, scripts, and how much two vocabularies share.</p>
${bySection("vocab").map((c) => chartBox(c, false)).join("\n")}
<h3>Entries per class</h3>${classTable}
<details><summary>Longest entries</summary>${longest}</details>
<details><summary>Examples per class</summary>${examples}</details>
</section>`);
  }

  const studies = data.adaptation?.studies ?? [];
  if (studies.length > 0) {
    nav.push(["adaptation", "Adaptation"]);
    const studyName = (s: (typeof studies)[number]) =>
      `${model.tokenizers.find((t) => t.id === s.tokenizer)?.label ?? s.tokenizer} · ${model.languages.find((l) => l.code === s.language)?.label ?? s.language}`;
    const tables = studies.map((s, i) => `<h3>${escapeHtml(studyName(s))}</h3>` +
      (s.trimming?.length ? table(`table-trimming-${i}`, [{ label: "Coverage", numeric: true }, { label: "Entries needed", numeric: true }],
        s.trimming.map((t) => [num(t.coverage, pct(t.coverage, 2)), num(t.tokens_needed, int(t.tokens_needed))])) : "") +
      (s.expansion?.length ? table(`table-expansion-${i}`, [{ label: "Entries added", numeric: true }, { label: "Fertility", numeric: true }, { label: `Premium (×${pivot})`, numeric: true }],
        s.expansion.map((e) => [num(e.added_tokens, int(e.added_tokens)), num(e.fertility, fmt(e.fertility)), num(e.premium, fmt(e.premium))])) : "")).join("\n");
    sections.push(`<section id="adaptation"><h2>Adaptation: trimming and expansion</h2>
${bySection("adaptation").map((c) => chartBox(c, false)).join("\n")}
<details><summary>Tables</summary>${tables}</details>
</section>`);
  }

  const morphRows = data.morph?.results ?? [];
  if (morphRows.length > 0) {
    nav.push(["morph", "Morphology"]);
    const labelOf = (id: string) => model.tokenizers.find((t) => t.id === id)?.label ?? id;
    sections.push(`<section id="morph"><h2>Morphological alignment (MorphScore)</h2>
<p class="lede">Share of words whose tokens have a boundary at the gold morpheme boundary (Arnett &amp; Bergen 2025), over the words that could be scored. Words that are one token, hold an unknown token, or were changed by the normalizer are left out and counted. Morphological alignment explains little of downstream model performance (Arnett, Hudspeth &amp; O'Connor 2025): read it as a description of how words are split.</p>
${table("table-morph",
    [{ label: "Tokenizer" }, { label: "Gold file" }, { label: "MorphScore", numeric: true }, { label: "Aligned / scored", numeric: true },
      { label: "Single-token", numeric: true }, { label: "Unknown", numeric: true }, { label: "Unplaced", numeric: true }],
    morphRows.map((r) => [text(labelOf(r.tokenizer)), text(r.gold), num(r.morphscore, fmt(r.morphscore)), num(r.aligned, `${int(r.aligned)} / ${int(r.scored)}`),
      num(r.excluded.single_token, int(r.excluded.single_token)), num(r.excluded.unknown, int(r.excluded.unknown)), num(r.excluded.unplaced, int(r.excluded.unplaced))]))}
</section>`);
  }

  nav.push(["numbers", "Numbers"], ["provenance", "Provenance"]);
  const resultsTable = table("table-results",
    [{ label: "Tokenizer" }, { label: "Language" }, { label: "Tokens", numeric: true }, { label: "Words", numeric: true }, { label: "Bytes", numeric: true },
      { label: "Premium", numeric: true }, { label: "Fertility", numeric: true }, { label: "Split words", numeric: true }, { label: "Bytes/token", numeric: true },
      { label: "Chars/token", numeric: true }, { label: "UNK", numeric: true }, { label: "Byte fallback", numeric: true }, { label: "Unique tokens", numeric: true },
      { label: "Rényi eff.", numeric: true }],
    model.rows.map((r) => [text(r.tokenizer_label), text(r.language_label), num(r.tokens, int(r.tokens)), num(r.words, int(r.words)), num(r.bytes, int(r.bytes)),
      num(r.premium, fmt(r.premium)), num(r.fertility, fmt(r.fertility)), num(r.continued_words, pct(r.continued_words)),
      num(r.bytes_per_token, fmt(r.bytes_per_token)), num(r.chars_per_token, fmt(r.chars_per_token)), num(r.unk_rate, pct(r.unk_rate, 2)),
      num(r.byte_fallback_rate, pct(r.byte_fallback_rate, 2)), num(r.unique_tokens, int(r.unique_tokens)), num(r.renyi_efficiency, fmt(r.renyi_efficiency))]),
    { filter: "filter rows" });
  const warnings = data.compare.warnings.length === 0 ? "<p class=\"note\">No warnings.</p>" : table("table-warnings",
    [{ label: "Code" }, { label: "Tokenizer" }, { label: "Language" }, { label: "Message" }],
    data.compare.warnings.map((w) => [text(w.code), text(w.tokenizer ?? ""), text(w.language ?? ""), text(w.message)]));
  sections.push(`<section id="numbers"><h2>The numbers</h2>
<p class="note">Every tokenizer × language row; the same data is in results.csv and results.json next to this file.</p>
<details open><summary>All results (${model.rows.length} rows)</summary>${resultsTable}</details>
<h3>Warnings</h3>${warnings}
</section>`);

  sections.push(`<section id="provenance"><h2>Provenance</h2>
${table("table-provenance", [{ label: "What" }, { label: "Value" }], [
    [text("toklens version"), text(p.toolkitVersion)],
    [text("Command"), { html: `<code>${escapeHtml(p.command)}</code>` }],
    [text("Date"), text(p.date)],
    [text("Corpus"), text(p.corpus.source)],
    [text("Corpus sha256"), { html: `<code>${escapeHtml(p.corpus.sha256)}</code>` }],
    [text("Pivot language"), text(model.pivot.label)],
  ])}
<h3>Tokenizers</h3>
${table("table-provenance-tokenizers", [{ label: "Id" }, { label: "Source" }, { label: "sha256" }],
    p.tokenizers.map((t) => [text(t.id), text(t.source), { html: `<code>${escapeHtml(t.sha256)}</code>` }]))}
</section>`);

  const scripts = [...bundles(), PAGE_SCRIPT, PIVOT_SCRIPT, CHOOSER_SCRIPT, ...(samples.length > 0 ? [TOKEN_VIEW_SCRIPT] : [])];
  const hashes = scripts.map((s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`);
  // Only these exact scripts may run: an injected <script> or onerror= handler is blocked even if escaping
  // were ever wrong. Vega compiles its expressions with Function(), hence 'unsafe-eval'. No fetches at all.
  const csp = `default-src 'none'; script-src ${hashes.join(" ")} 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'`;
  const subtitle = `${model.languages.length} languages × ${model.tokenizers.length} tokenizers · pivot ${model.pivot.label} · corpus ${p.corpus.source} · ${p.date}`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(`generated by toklens ${p.toolkitVersion}; rerun with: ${p.command}`)}">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}${samples.length > 0 ? TOKEN_VIEW_STYLE : ""}</style>
</head>
<body>
<header>
<h1>${escapeHtml(data.title)}</h1>
<p class="lede">${escapeHtml(subtitle)}</p>
<nav>${nav.map(([id, label]) => `<a href="#${id}">${escapeHtml(label)}</a>`).join("")}</nav>
</header>
<main>
${sections.join("\n")}
</main>
<footer><p>Generated by toklens ${escapeHtml(p.toolkitVersion)}. Charts: Vega-Lite (inlined; this file needs no network).</p></footer>
<script type="application/json" id="toklens-specs">${jsonForScript(specs)}</script>
${scripts.map((s) => `<script>${s}</script>`).join("\n")}
</body>
</html>
`;
}

/** USD shown with enough digits to tell small per-language costs apart. */
function usd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  return v >= 100 ? `$${v.toFixed(0)}` : v >= 1 ? `$${v.toFixed(2)}` : `$${v.toPrecision(2)}`;
}

/** "What the same text costs in each language": input/output cost per language and what fits in the context window. */
function costSection(model: ReportModel, costs: readonly CostRow[], costChartBuilt: BuiltChart | undefined, tall: boolean, legend: { label: string; color: string }[]): string {
  const at = new Map(costs.map((c) => [`${c.tokenizer}\u0000${c.language}`, c]));
  const context = costs.find((c) => c.context_tokens !== null)?.context_tokens ?? null;
  const priced = model.tokenizers.filter((t) => costs.some((c) => c.tokenizer === t.id && c.input_price !== null));
  const withCi = (v: number | null, ci: [number, number] | null) => (v === null ? "–" : ci ? `${usd(v)} [${usd(ci[0])}–${usd(ci[1])}]` : usd(v));
  const grid = (id: string, cell: (c: CostRow) => { value: number | null; shown: string }, tokenizers: typeof model.tokenizers) =>
    table(id, [{ label: "Language" }, ...tokenizers.map((t) => ({ label: t.label, numeric: true }))],
      model.languages.map((l) => [text(l.label), ...tokenizers.map((t) => {
        const c = at.get(`${t.id}\u0000${l.code}`);
        if (!c) return num(null, "–");
        const { value, shown } = cell(c);
        return num(value, shown);
      })]),
      { filter: "filter languages" });
  const prices = model.data.compare.prices;
  const parts: string[] = [];
  if (priced.length > 0) {
    parts.push(chartBox(costChartBuilt, tall, legend));
    parts.push(`<h3>Input cost of a million characters (USD, premium's 95% interval in brackets)</h3>` +
      grid("table-cost-chars", (c) => ({ value: c.input_usd_per_million_chars, shown: withCi(c.input_usd_per_million_chars, c.input_usd_per_million_chars_ci) }), priced));
    parts.push(`<h3>Input cost of a thousand words (USD, premium's 95% interval in brackets)</h3>` +
      grid("table-cost-words", (c) => ({ value: c.input_usd_per_thousand_words, shown: withCi(c.input_usd_per_thousand_words, c.input_usd_per_thousand_words_ci) }), priced));
    const output = priced.filter((t) => costs.some((c) => c.tokenizer === t.id && c.output_price !== null));
    if (output.length > 0) {
      parts.push(`<h3>Output cost of a thousand words (USD)</h3>` +
        grid("table-cost-output-words", (c) => ({ value: c.output_usd_per_thousand_words, shown: withCi(c.output_usd_per_thousand_words, c.output_usd_per_thousand_words_ci) }), output));
    }
    if (prices) {
      const rows = Object.entries(prices.prices).map(([name, p]) => [text(name), num(p.input, usd(p.input)), num(p.output ?? null, usd(p.output ?? null)), text(p.model ?? ""), text(p.source ?? ""), text(p.date ?? "")]);
      parts.push(`<h3>Prices used (USD per million tokens)</h3>${prices.description ? `<p class="note">${escapeHtml(prices.description)}</p>` : ""}` +
        table("table-prices", [{ label: "Tokenizer" }, { label: "Input", numeric: true }, { label: "Output", numeric: true }, { label: "Model" }, { label: "Source" }, { label: "Date" }], rows));
    }
  }
  if (priced.length === 0 && prices) {
    parts.push(`<p class="note">No tokenizer of this report has a price in the prices file (matched by id, then by name); see the warnings.</p>`);
  }
  if (context !== null) {
    parts.push(`<h3>Words that fit in ${escapeHtml(int(context))} tokens</h3>` +
      grid("table-context-words", (c) => ({ value: c.words_in_context, shown: c.words_in_context === null ? "–" : int(c.words_in_context) }), model.tokenizers));
    parts.push(`<details><summary>Characters that fit in ${escapeHtml(int(context))} tokens</summary>` +
      grid("table-context-chars", (c) => ({ value: c.chars_in_context, shown: c.chars_in_context === null ? "–" : int(c.chars_in_context) }), model.tokenizers) + "</details>");
  }
  return `<section id="cost"><h2>What the same text costs in each language</h2>
<p class="lede">Cost follows tokens: a language that needs more tokens for the same text pays more per character and per word, and fits less text in a context window. Costs are tokens per character (or word) × the price per token; their intervals are the premium's 95% interval scaled the same way.</p>
${parts.join("\n")}
</section>`;
}

/** "What changed from A to B": the per-language chart, the vocabulary counts and the per-language table. */
function diffSection(diff: DiffResult, diffChartBuilt: BuiltChart | undefined, tall: boolean): string {
  const a = diff.a.name;
  const b = diff.b.name;
  const examples = (list: readonly string[]) => ({ html: list.map((e) => token(e).html).join(" ") });
  const groupTable = (id: string, label: string, groups: NonNullable<DiffResult["vocabulary"]>["classes"]) =>
    table(id, [{ label }, { label: "Shared", numeric: true }, { label: `Only in ${a}`, numeric: true }, { label: `Only in ${b}`, numeric: true }, { label: `Examples only in ${b}` }, { label: `Examples only in ${a}` }],
      groups.map((g) => [text(g.name), num(g.shared, int(g.shared)), num(g.onlyA, int(g.onlyA)), num(g.onlyB, int(g.onlyB)), examples(g.examplesOnlyB), examples(g.examplesOnlyA)]));
  const v = diff.vocabulary;
  const vocabulary = v === null ? `<p class="note">No vocabulary comparison: a counts: tokenizer has no vocabulary.</p>` : `<h3>Vocabulary, compared by the exact bytes each entry decodes to</h3>
<p class="note">${escapeHtml(`Shared ${int(v.shared)}, only in ${a} ${int(v.onlyA)}, only in ${b} ${int(v.onlyB)}. Special tokens counted apart: ${v.specials.shared} shared, ${v.specials.onlyA.length} only in ${a}, ${v.specials.onlyB.length} only in ${b}.`)}</p>
${table("table-diff-vocab", [{ label: "" }, { label: a, numeric: true }, { label: b, numeric: true }], [
    [text("Entries (non-special)"), num(v.a.entries, int(v.a.entries)), num(v.b.entries, int(v.b.entries))],
    [text("Distinct byte strings"), num(v.a.distinct, int(v.a.distinct)), num(v.b.distinct, int(v.b.distinct))],
    [text("Special tokens"), num(v.a.specials, int(v.a.specials)), num(v.b.specials, int(v.b.specials))],
  ])}
<details><summary>By Qtok class</summary>${groupTable("table-diff-classes", "Class", v.classes)}</details>
<details><summary>By script</summary>${groupTable("table-diff-scripts", "Script", v.scripts)}</details>`;
  const languages = table("table-diff-languages",
    [{ label: "Language" }, { label: `Tokens (${a})`, numeric: true }, { label: `Tokens (${b})`, numeric: true }, { label: "B/A", numeric: true }, { label: "95% interval" }, { label: "Change" }],
    diff.languages.map((l) => [text(`${l.name} (${l.language})`), num(l.tokens_a, int(l.tokens_a)), num(l.tokens_b, int(l.tokens_b)), num(l.ratio, fmt(l.ratio)),
      text(l.ratio_ci ? `${fmt(l.ratio_ci[0])}–${fmt(l.ratio_ci[1])}` : "–"), text(l.change ?? "–")]),
    { filter: "filter languages" });
  const n = (c: string) => diff.languages.filter((l) => l.change === c).length;
  return `<section id="diff"><h2>What changed from ${escapeHtml(a)} to ${escapeHtml(b)}</h2>
<p class="lede">Per language: tokens for the same text with ${escapeHtml(b)} ÷ with ${escapeHtml(a)}, with a 95% paired bootstrap interval over segments. ${n("cheaper")} languages got cheaper, ${n("dearer")} dearer, ${n("no significant change")} show no significant change.</p>
${chartBox(diffChartBuilt, tall)}
<details><summary>Per-language table</summary>${languages}</details>
${vocabulary}
</section>`;
}
