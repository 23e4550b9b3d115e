// index.html: one self-contained page (vega, vega-lite, vega-embed inlined; no network) with charts, tables and provenance.
import { browserBundles } from "./browser-bundles.js";
import type { BuiltChart } from "./chart-registry.js";
import { chartBox, pageContext, pageSpecs, type PageContext, type PageSection } from "./chart-box.js";
import { FONT_FAMILY } from "./charts/common.js";
import type { ReportModel } from "./report-model.js";
import { escapeHtml, jsonForScript } from "./escape.js";
import { fmt, int, pct } from "./format.js";
import { num, table, text } from "./html-table.js";
import {
  adaptationSection,
  costSection,
  diffSection,
  morphSection,
  tokenizerLabel,
  vocabSection,
} from "./html-sections.js";
import { findings } from "./findings.js";
import { pageShell } from "./page-shell.js";
import { dataTable, type DataColumn } from "./data-table.js";
import { metricDefinition, metricNames } from "../metrics/registry.js";
import { nameSpecData } from "./page-data.js";
import {
  CHOOSER_SCRIPT,
  PAGE_SCRIPT,
  PAGE_STYLE,
  PIVOT_SCRIPT,
  TOKEN_VIEW_SCRIPT,
  TOKEN_VIEW_STYLE,
} from "./page-assets.js";
import { pivotControl } from "./pivot-switch.js";
import { tokenizerChooser } from "./tokenizer-chooser.js";
import { tokenViewData, tokenViewSection } from "./token-view-html.js";

/** "Summary": the findings, the tokenizer chooser, the summary charts, the tokenizers and the cheapest per language. */
function summarySection({ model, bySection }: PageContext): PageSection {
  const pivot = model.pivot.name;
  const summaryById = new Map(model.data.compare.summary.map((s) => [s.tokenizer, s]));
  return {
    id: "summary",
    nav: "Summary",
    html: `<section id="summary"><h2>Summary</h2>
<ul class="findings">${findings(model)
      .map((f) => `<li>${f}</li>`)
      .join("")}</ul>
${tokenizerChooser(model)}
<div class="row">${bySection("summary")
      .map((c) => chartBox(c, false))
      .join("")}</div>
<h3>Tokenizers</h3>
${table(
  "table-tokenizers",
  [
    { label: "Tokenizer" },
    { label: "Backend" },
    { label: "Vocabulary", numeric: true },
    { label: "Gini", numeric: true },
    { label: `Mean premium (×${pivot})`, numeric: true },
    { label: "Median fertility", numeric: true },
    { label: "Cheapest for (languages)", numeric: true },
  ],
  model.tokenizers.map((t) => {
    const s = summaryById.get(t.id);
    const wins = model.wins.get(t.label) ?? 0;
    return [
      text(t.label),
      text(t.backend),
      num(t.vocabSize, int(t.vocabSize)),
      num(s?.gini, fmt(s?.gini)),
      num(s?.mean_premium, fmt(s?.mean_premium)),
      num(s?.median_fertility, fmt(s?.median_fertility)),
      num(wins, String(wins)),
    ];
  }),
)}
<h3>Cheapest tokenizer per language</h3>
<p class="note">The tokenizer that needs the fewest tokens for the language's text, and how many times more the runner-up needs.</p>
${table(
  "table-cheapest",
  [
    { label: "Language" },
    { label: "Cheapest tokenizer" },
    { label: "Tokens", numeric: true },
    { label: `Its premium (×${pivot})`, numeric: true },
    { label: "Runner-up" },
    { label: "Runner-up needs (×)", numeric: true },
  ],
  model.cheapest.map((c) => [
    text(c.language_label),
    text(c.tokenizer_label),
    num(c.tokens, int(c.tokens)),
    num(c.premium, fmt(c.premium)),
    text(c.runner_up_label ?? "–"),
    num(c.runner_up_ratio, fmt(c.runner_up_ratio, 2)),
  ]),
  { filter: "filter languages" },
)}
</section>`,
  };
}

/** "Tokens": how each tokenizer splits a sample per language, when the data has samples. */
function tokensSection({ model }: PageContext): PageSection | null {
  const samples = model.data.tokenSamples?.samples ?? [];
  if (samples.length === 0) return null;
  return {
    id: "tokens",
    nav: "Tokens",
    html: tokenViewSection(tokenViewData(model.tokenizers, model.languages, samples)),
  };
}

/** "Premium": the pivot switch, the premium charts and the premium table with intervals. */
function premiumSection({ model, chart, tall, legend, tables }: PageContext): PageSection {
  const pivot = model.pivot.name;
  const rowAt = new Map(model.rows.map((r) => [`${r.tokenizer}\u0000${r.language}`, r]));
  // a language per row, per tokenizer its premium p<i> and interval lo<i>, hi<i>: built by the page script
  const premiumTable = dataTable(
    "table-premium",
    [
      { label: "Language", field: "language_label", format: ["text"] },
      { label: "Script", field: "script", format: ["text"] },
      ...model.tokenizers.map((t, i) => ({
        label: t.label,
        field: `p${i}`,
        format: ["ci", 3, `lo${i}`, `hi${i}`] as const,
      })),
    ],
    model.languages.map((l) => {
      const row: Record<string, unknown> = { language_label: l.label, script: l.script };
      model.tokenizers.forEach((t, i) => {
        const r = rowAt.get(`${t.id}\u0000${l.code}`);
        row[`p${i}`] = r?.premium ?? null;
        row[`lo${i}`] = r?.premium_ci?.[0] ?? null;
        row[`hi${i}`] = r?.premium_ci?.[1] ?? null;
      });
      return row;
    }),
    tables,
    { filter: "filter languages" },
  );
  return {
    id: "premium",
    nav: "Premium",
    html: `<section id="premium"><h2>Premium: what each language pays relative to ${escapeHtml(pivot)}</h2>
<p class="lede">Premium = tokens for a language's text ÷ tokens for the same text in ${escapeHtml(pivot)}, per tokenizer. 2.0 means twice the cost, half the context, twice the latency. Hover a mark for exact values.</p>
${pivotControl(model)}
${chartBox(chart("premium-spread"), false)}
${chartBox(chart("premium"), tall, legend)}
${chartBox(chart("premium-heatmap"), tall)}
${chartBox(chart("lorenz"), false)}
<details><summary>Premium table (95% intervals in brackets)</summary>${premiumTable}</details>
</section>`,
  };
}

/** "Groups": the median premium and token share per group of languages, when the run groups them. */
function groupsSection({ model, bySection }: PageContext): PageSection | null {
  const groups = model.data.compare.groups;
  if (!groups) return null;
  const pivot = model.pivot.name;
  const groupTable = table(
    "table-groups",
    [
      { label: "Group" },
      { label: "Tokenizer" },
      { label: "Languages", numeric: true },
      { label: `Median premium (×${pivot})`, numeric: true },
      { label: "Interval", numeric: true },
      { label: "Share of tokens", numeric: true },
    ],
    groups.rows.map((g) => [
      text(g.group),
      text(tokenizerLabel(model, g.tokenizer)),
      num(g.languages.length, String(g.languages.length)),
      num(g.median_premium, fmt(g.median_premium)),
      num(
        g.median_premium_ci?.[0],
        g.median_premium_ci ? `${fmt(g.median_premium_ci[0], 2)}–${fmt(g.median_premium_ci[1], 2)}` : "–",
      ),
      num(g.token_share, pct(g.token_share)),
    ]),
  );
  return {
    id: "groups",
    nav: "Groups",
    html: `<section id="groups"><h2>Groups of languages (by ${escapeHtml(groups.by)})</h2>
<p class="lede">Per group and tokenizer: the median premium over the group's languages (${escapeHtml(pivot)} left out), a bootstrap interval that resamples the group's languages, and the group's share of all the tokens the run's languages cost.</p>
${bySection("groups")
  .map((c) => chartBox(c, false))
  .join("\n")}
${groupTable}
</section>`,
  };
}

/** "Fertility & bytes/token": the fertility chart. */
function efficiencySection({ chart, tall, legend }: PageContext): PageSection {
  return {
    id: "efficiency",
    nav: "Fertility & bytes/token",
    html: `<section id="efficiency"><h2>Fertility and bytes per token</h2>
<p class="lede">Fertility is tokens per word (words as segmented by toklens); bytes per token is how much UTF-8 text one token carries.</p>
${chartBox(chart("fertility"), tall, legend)}
</section>`,
  };
}

/** The numbers table's metric columns: every metric whose definition has a `display`, in registry order. */
function metricColumns(): DataColumn[] {
  return metricNames().flatMap((name) => {
    const d = metricDefinition(name)?.display;
    if (!d) return [];
    const format: DataColumn["format"] =
      d.format === "integer" ? ["int"] : [d.format === "percent" ? "pct" : "fmt", d.digits ?? 3];
    return [{ label: d.label, field: name, format }];
  });
}

/** "Numbers": every tokenizer × language row, and the run's warnings. */
function numbersSection({ model, tables }: PageContext): PageSection {
  // 14 columns x every row: built by the page script from the data block, which holds each value once
  const resultsTable = dataTable(
    "table-results",
    [
      { label: "Tokenizer", field: "tokenizer_label", format: ["text"] },
      { label: "Language", field: "language_label", format: ["text"] },
      { label: "Tokens", field: "tokens", format: ["int"] },
      { label: "Words", field: "words", format: ["int"] },
      { label: "Bytes", field: "bytes", format: ["int"] },
      ...metricColumns(),
    ],
    model.rows as unknown as Record<string, unknown>[],
    tables,
    { filter: "filter rows" },
  );
  const warnings = model.data.compare.warnings;
  const warningsTable =
    warnings.length === 0
      ? '<p class="note">No warnings.</p>'
      : table(
          "table-warnings",
          [{ label: "Code" }, { label: "Tokenizer" }, { label: "Language" }, { label: "Message" }],
          warnings.map((w) => [text(w.code), text(w.tokenizer ?? ""), text(w.language ?? ""), text(w.message)]),
        );
  return {
    id: "numbers",
    nav: "Numbers",
    html: `<section id="numbers"><h2>The numbers</h2>
<p class="note">Every tokenizer × language row; toklens writes the same data to results.csv and results.json beside this page, and the CSV button saves this table.</p>
<details open><summary>All results (${model.rows.length} rows)</summary>${resultsTable}</details>
<h3>Warnings</h3>${warningsTable}
</section>`,
  };
}

/** "Provenance": toolkit version, command, date, corpus and tokenizer checksums. */
function provenanceSection({ model }: PageContext): PageSection {
  const p = model.data.provenance;
  return {
    id: "provenance",
    nav: "Provenance",
    html: `<section id="provenance"><h2>Provenance</h2>
${table(
  "table-provenance",
  [{ label: "What" }, { label: "Value" }],
  [
    [text("toklens version"), text(p.toolkitVersion)],
    [text("Command"), { html: `<code>${escapeHtml(p.command)}</code>` }],
    [text("Date"), text(p.date)],
    [text("Corpus"), text(p.corpus.source)],
    [text("Corpus sha256"), { html: `<code>${escapeHtml(p.corpus.sha256)}</code>` }],
    [text("Pivot language"), text(model.pivot.label)],
  ],
)}
<h3>Tokenizers</h3>
${table(
  "table-provenance-tokenizers",
  [{ label: "Id" }, { label: "Source" }, { label: "sha256" }],
  p.tokenizers.map((t) => [text(t.id), text(t.source), { html: `<code>${escapeHtml(t.sha256)}</code>` }]),
)}
</section>`,
  };
}

/** The page's sections in page order (the nav lists them in the same order); absent data leaves a section out. */
const SECTIONS: readonly ((ctx: PageContext) => PageSection | null)[] = [
  summarySection,
  tokensSection,
  premiumSection,
  groupsSection,
  efficiencySection,
  costSection,
  diffSection,
  vocabSection,
  adaptationSection,
  morphSection,
  numbersSection,
  provenanceSection,
];

/** The whole page. Every string from the data passes through escapeHtml or jsonForScript. */
export function renderHtml(model: ReportModel, charts: BuiltChart[]): string {
  const { data } = model;
  const p = data.provenance;
  const ctx = pageContext(model, charts);
  const sections = SECTIONS.map((section) => section(ctx)).filter((s): s is PageSection => s !== null);
  const withTokens = sections.some((s) => s.id === "tokens");
  // after the sections: a chart dataset equal to a table's columns reuses them
  const specs = nameSpecData(pageSpecs(charts, ctx.tall), ctx.tables);
  const subtitle = `${model.languages.length} languages × ${model.tokenizers.length} tokenizers · pivot ${model.pivot.label} · corpus ${p.corpus.source} · ${p.date}`;
  return pageShell({
    title: data.title,
    generator: `generated by toklens ${p.toolkitVersion}; rerun with: ${p.command}`,
    style: `\n:root { --toklens-font: ${FONT_FAMILY}; }\n${PAGE_STYLE}${withTokens ? TOKEN_VIEW_STYLE : ""}`,
    body: `<header>
<h1>${escapeHtml(data.title)}</h1>
<p class="lede">${escapeHtml(subtitle)}</p>
<nav>${sections.map((s) => `<a href="#${s.id}">${escapeHtml(s.nav)}</a>`).join("")}</nav>
</header>
<main>
${sections.map((s) => s.html).join("\n")}
</main>
<footer><p>Generated by toklens ${escapeHtml(p.toolkitVersion)}. Charts: Vega-Lite (inlined; this file needs no network).</p></footer>
<script type="application/json" id="toklens-data">${jsonForScript(ctx.tables.build())}</script>
<script type="application/json" id="toklens-specs">${jsonForScript(specs)}</script>`,
    scripts: [
      ...browserBundles(),
      PAGE_SCRIPT,
      PIVOT_SCRIPT,
      CHOOSER_SCRIPT,
      ...(withTokens ? [TOKEN_VIEW_SCRIPT] : []),
    ],
    // Vega compiles its expressions with Function(); chart downloads draw PNG and SVG images into data: and blob: URLs
    allowEval: true,
    allowDataMedia: true,
  });
}
