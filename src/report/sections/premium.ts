// The report page's section #premium ("Premium"): one entry of registry.ts.
import { chartBox, type PageContext } from "../chart-box.js";
import { dataTable } from "../data-table.js";
import { escapeHtml } from "../escape.js";
import { pivotControl } from "../pivot-switch.js";
import { always, defineSection } from "./section.js";

/** "Premium": the pivot switch, the premium charts and the premium table with intervals. */
export const premiumSection = defineSection({
  id: "premium",
  nav: "Premium",
  enabled: always,
  render: renderPremium,
});

function renderPremium({ model, chart, tall, legend, tables }: PageContext): string {
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
  // the pivot's name in a .pivot-name span: the pivot switch (assets/pivot-switch.js) renames it with the charts
  const name = `<span class="pivot-name">${escapeHtml(pivot)}</span>`;
  return `<section id="premium"><h2>Premium: what each language pays relative to ${name}</h2>
<p class="lede">Premium = tokens for a language's text ÷ tokens for the same text in ${name}, per tokenizer. 2.0 means twice the cost, half the context, twice the latency. Hover a mark for exact values.</p>
${pivotControl(model)}
${chartBox(chart("premium-spread"), false)}
${chartBox(chart("premium"), tall, legend)}
${chartBox(chart("premium-heatmap"), tall)}
${chartBox(chart("lorenz"), false)}
<details><summary>Premium table (95% intervals in brackets)</summary>${premiumTable}</details>
</section>`;
}
