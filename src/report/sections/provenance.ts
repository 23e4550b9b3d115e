// The report page's section #provenance ("Provenance"): one entry of registry.ts.
import type { PageContext } from "../chart-box.js";
import { escapeHtml } from "../escape.js";
import { table, text } from "../html-table.js";
import { always, defineSection } from "./section.js";

/** "Provenance": toolkit version, command, date, corpus and tokenizer checksums. */
export const provenanceSection = defineSection({
  id: "provenance",
  nav: "Provenance",
  enabled: always,
  render: renderProvenance,
});

function renderProvenance({ model }: PageContext): string {
  const p = model.data.provenance;
  return `<section id="provenance"><h2>Provenance</h2>
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
</section>`;
}
