// The report page's section #numbers ("Numbers"): one entry of registry.ts.
import type { PageContext } from "../chart-box.js";
import { dataTable, type DataColumn } from "../data-table.js";
import { table, text } from "../html-table.js";
import { metricDefinition, metricNames } from "../../metrics/registry.js";
import { always, defineSection } from "./section.js";

/** "Numbers": every tokenizer × language row, and the run's warnings. */
export const numbersSection = defineSection({
  id: "numbers",
  nav: "Numbers",
  enabled: always,
  render: renderNumbers,
});

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

function renderNumbers({ model, tables }: PageContext): string {
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
  return `<section id="numbers"><h2>The numbers</h2>
<p class="note">Every tokenizer × language row; toklens writes the same data to results.csv and results.json beside this page, and the CSV button saves this table.</p>
<details open><summary>All results (${model.rows.length} rows)</summary>${resultsTable}</details>
<h3>Warnings</h3>${warningsTable}
</section>`;
}
