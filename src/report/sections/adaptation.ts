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
  enabled: (model) => studiesOf(model).length > 0,
  render: renderAdaptation,
});

/** The adaptation studies of the report (none: no section). */
const studiesOf = (model: ReportModel) => model.data.adaptation?.studies ?? [];

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
  return `<section id="adaptation"><h2>Adaptation: trimming and expansion</h2>
${bySection("adaptation")
  .map((c) => chartBox(c, false))
  .join("\n")}
<details><summary>Tables</summary>${tables}</details>
</section>`;
}
