// The report page's section #adaptation ("Adaptation"): one entry of registry.ts.
import { chartBox, type PageContext } from "../chart-box.js";
import { escapeHtml } from "../escape.js";
import { fmt, int, pct } from "../format.js";
import { num, table } from "../html-table.js";
import { type ReportModel, tokenizerLabel } from "../report-model.js";
import { defineSection } from "./section.js";

/** "Adaptation": trimming and expansion studies, as charts and one table each. */
export const adaptationSection = defineSection({
  id: "adaptation",
  nav: "Adaptation",
  enabled: (model) => studiesOf(model).length > 0 || budgetsOf(model).length > 0,
  render: renderAdaptation,
});

/** The adaptation studies of the report (none: no section). */
const studiesOf = (model: ReportModel) => model.data.adaptation?.studies ?? [];
const budgetsOf = (model: ReportModel) => model.data.adaptation?.budgets ?? [];

const ciText = (ci: [number, number] | null): string => (ci ? ` [${fmt(ci[0])}, ${fmt(ci[1])}]` : "");

/** "Choosing new tokens for N languages": per study, a table per strategy, the verdicts and example tokens. */
function renderBudgets(model: ReportModel, charts: string): string {
  const budgets = budgetsOf(model);
  if (budgets.length === 0) return "";
  const pivot = model.pivot.name;
  const langLabel = (code: string) => model.languages.find((l) => l.code === code)?.label ?? code;
  const n = new Set(budgets.flatMap((b) => b.languages)).size;
  const body = budgets
    .map((b, i) => {
      const curves = b.curves
        .map(
          (c, j) =>
            `<h4>${escapeHtml(c.strategy)}${c.knee_at !== null ? ` · flattens after ~${int(c.knee_at)} new tokens` : ""}</h4>` +
            table(
              `table-budget-${i}-${j}`,
              [
                { label: "New tokens", numeric: true },
                { label: `Max premium (×${pivot})`, numeric: true },
                { label: "Mean premium", numeric: true },
                { label: "Gini", numeric: true },
                { label: `${pivot} tokens`, numeric: true },
                ...b.languages.map((l) => ({ label: `${langLabel(l)} (95% CI)`, numeric: true })),
              ],
              c.points.map((p) => [
                num(p.added_tokens, int(p.added_tokens)),
                num(p.max_premium, fmt(p.max_premium)),
                num(p.mean_premium, fmt(p.mean_premium)),
                num(p.gini, fmt(p.gini)),
                num(p.pivot_tokens, int(p.pivot_tokens)),
                ...b.languages.map((l) => {
                  const x = p.premiums[l];
                  return num(x?.premium ?? null, `${fmt(x?.premium ?? null)}${ciText(x?.ci ?? null)}`);
                }),
              ]),
            ) +
            `<ul>${Object.entries(c.examples)
              .filter(([, ex]) => ex.length > 0)
              .map(
                ([l, ex]) =>
                  `<li>${escapeHtml(langLabel(l))}: ${ex.map((t) => `<code>${escapeHtml(JSON.stringify(t))}</code>`).join(" ")}</li>`,
              )
              .join("")}</ul>`,
        )
        .join("\n");
      return `<h3>${escapeHtml(tokenizerLabel(model, b.tokenizer))}: ${escapeHtml(b.languages.map(langLabel).join(", "))}</h3>
<p>${escapeHtml(b.split)}.</p>${b.verdicts.map((v) => `<p>${escapeHtml(v)}</p>`).join("")}
<details><summary>Tables and the new tokens each language got</summary>${curves}</details>`;
    })
    .join("\n");
  return `<h2>Choosing new tokens for ${n} languages</h2>\n${charts}\n${body}`;
}

function renderAdaptation({ model, bySection }: PageContext): string {
  const studies = studiesOf(model);
  const pivot = model.pivot.name;
  const studyName = (s: (typeof studies)[number]) =>
    `${tokenizerLabel(model, s.tokenizer)} · ${model.languages.find((l) => l.code === s.language)?.label ?? s.language}`;
  const tables = studies
    .map(
      (s, i) =>
        `<h3>${escapeHtml(studyName(s))}</h3>` +
        (s.trimming?.length
          ? table(
              `table-trimming-${i}`,
              [
                { label: "Coverage", numeric: true },
                { label: "Entries needed", numeric: true },
              ],
              s.trimming.map((t) => [num(t.coverage, pct(t.coverage, 2)), num(t.tokens_needed, int(t.tokens_needed))]),
            )
          : "") +
        (s.expansion?.length
          ? table(
              `table-expansion-${i}`,
              [
                { label: "Entries added", numeric: true },
                { label: "Fertility", numeric: true },
                { label: `Premium (×${pivot})`, numeric: true },
              ],
              s.expansion.map((e) => [
                num(e.added_tokens, int(e.added_tokens)),
                num(e.fertility, fmt(e.fertility)),
                num(e.premium, fmt(e.premium)),
              ]),
            )
          : ""),
    )
    .join("\n");
  const charts = bySection("adaptation");
  const box = (budget: boolean) =>
    charts
      .filter((c) => (c.name === "budget") === budget)
      .map((c) => chartBox(c, false))
      .join("\n");
  const single =
    studies.length > 0
      ? `<h2>Adaptation: trimming and expansion</h2>
${box(false)}
<details><summary>Tables</summary>${tables}</details>`
      : "";
  return `<section id="adaptation">${single}${renderBudgets(model, box(true))}
</section>`;
}
