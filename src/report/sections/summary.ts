// The report page's section #summary ("Summary"): one entry of registry.ts.
import { chartBox, type PageContext } from "../chart-box.js";
import { escapeHtml, jsonForScript } from "../escape.js";
import { findings, setMeta } from "../findings.js";
import type { PageTablesBuilder } from "../page-data.js";
import type { ReportModel } from "../report-model.js";
import { fmt, int } from "../format.js";
import { num, table, text } from "../html-table.js";
import { tokenizerChooser } from "../tokenizer-chooser.js";
import { always, defineSection } from "./section.js";

/** "Summary": the findings, the tokenizer chooser, the summary charts, the tokenizers and the cheapest per language. */
export const summarySection = defineSection({
  id: "summary",
  nav: "Summary",
  enabled: always,
  render: renderSummary,
});

function renderSummary({ model, bySection, tables }: PageContext): string {
  const pivot = model.pivot.name;
  const summaryById = new Map(model.data.compare.summary.map((s) => [s.tokenizer, s]));
  const said = findings(model);
  return `<section id="summary"><h2>Summary</h2>
<ul class="findings">${said.set.map((f) => `<li data-finding>${f}</li>`).join("")}${said.notes
    .map((f) => `<li>${f}</li>`)
    .join("")}</ul>
${tokenizerChooser(model)}${setSummaryData(model, tables)}
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
</section>`;
}

/**
 * What assets/set-summary.js recomputes the findings and the cheapest tokenizers from when the reader unchecks a
 * tokenizer: the tokenizers, languages and pivot, and a dataset of the rows (its columns are the numbers table's,
 * stored once).
 */
function setSummaryData(model: ReportModel, tables: PageTablesBuilder): string {
  if (model.tokenizers.length < 2 || model.rows.length === 0) return "";
  const rows = tables.add(
    model.rows.map((r) => ({
      tokenizer_label: r.tokenizer_label,
      language_label: r.language_label,
      tokens: r.tokens,
      bytes: r.bytes,
      premium: r.premium,
    })),
    "s",
  );
  if (rows === null) return "";
  return `\n<script type="application/json" id="toklens-set" data-rows="${escapeHtml(rows)}">${jsonForScript(setMeta(model))}</script>`;
}
