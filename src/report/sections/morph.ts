// The report page's section #morph ("Morphology"): one entry of registry.ts.
import type { PageContext } from "../chart-box.js";
import { escapeHtml } from "../escape.js";
import { fmt, int } from "../format.js";
import { num, table, text } from "../html-table.js";
import { type ReportModel, tokenizerLabel } from "../report-model.js";
import { countsOnlyNote, defineSection } from "./section.js";

/** "Morphology": MorphScore per tokenizer and gold file, with the words left out. */
export const morphSection = defineSection({
  id: "morph",
  nav: "Morphology",
  enabled: (model) => morphRowsOf(model).length > 0,
  render: renderMorph,
});

/** The MorphScore rows of the report (none: no section). */
const morphRowsOf = (model: ReportModel) => model.data.morph?.results ?? [];

function renderMorph({ model }: PageContext): string {
  const morphRows = morphRowsOf(model);
  return `<section id="morph"><h2>Morphological alignment (MorphScore)</h2>
<p class="lede">Share of words whose tokens have a boundary at the gold morpheme boundary (Arnett &amp; Bergen 2025), over the words that could be scored. The protocol says how each word was tokenized: <em>bare-word</em> (the word alone, no special tokens, as the published scorer does) or <em>in-context</em> (after "the ", as in running text); the two give different numbers. Gold rows with an empty part or whose parts do not spell the word are left out and counted. Words that are one token, hold an unknown token, or were changed by the normalizer are left out and counted. Morphological alignment explains little of downstream model performance (Arnett, Hudspeth &amp; O'Connor 2025): read it as a description of how words are split.</p>
${countsOnlyNote(model, model.data.morph?.countsOnly, "no tokenizer to split the gold words")}${(model.data.morph?.warnings ?? []).map((w) => `<p class="note">${escapeHtml(w.message)}</p>\n`).join("")}${table(
    "table-morph",
    [
      { label: "Tokenizer" },
      { label: "Gold file" },
      { label: "Protocol" },
      { label: "MorphScore", numeric: true },
      { label: "Aligned / scored", numeric: true },
      { label: "Single-token", numeric: true },
      { label: "Unknown", numeric: true },
      { label: "Unplaced", numeric: true },
      { label: "Rows skipped", numeric: true },
    ],
    morphRows.map((r) => [
      text(tokenizerLabel(model, r.tokenizer)),
      text(r.gold),
      text(r.protocol),
      num(r.morphscore, fmt(r.morphscore)),
      num(r.aligned, `${int(r.aligned)} / ${int(r.scored)}`),
      num(r.excluded.single_token, int(r.excluded.single_token)),
      num(r.excluded.unknown, int(r.excluded.unknown)),
      num(r.excluded.unplaced, int(r.excluded.unplaced)),
      num(r.skipped.no_boundary + r.skipped.misspelled, int(r.skipped.no_boundary + r.skipped.misspelled)),
    ]),
  )}
</section>`;
}
