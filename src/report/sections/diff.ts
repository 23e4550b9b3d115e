// The report page's section #diff ("What changed"): one entry of registry.ts.
import { chartBox, type PageContext } from "../chart-box.js";
import { escapeHtml } from "../escape.js";
import { fmt, int } from "../format.js";
import { num, table, text, token } from "../html-table.js";
import type { DiffResult } from "../../results/diff.js";
import { defineSection } from "./section.js";

/** "What changed from A to B": the per-language chart, the vocabulary counts and the per-language table. */
export const diffSection = defineSection({
  id: "diff",
  nav: "What changed",
  enabled: (model) => Boolean(model.data.diff),
  render: renderDiff,
});

function renderDiff({ model, chart, tall }: PageContext): string {
  const diff = model.data.diff!;
  const a = diff.a.name;
  const b = diff.b.name;
  const examples = (list: readonly string[]) => ({ html: list.map((e) => token(e).html).join(" ") });
  const groupTable = (id: string, label: string, groups: NonNullable<DiffResult["vocabulary"]>["classes"]) =>
    table(
      id,
      [
        { label },
        { label: "Shared", numeric: true },
        { label: `Only in ${a}`, numeric: true },
        { label: `Only in ${b}`, numeric: true },
        { label: `Examples only in ${b}` },
        { label: `Examples only in ${a}` },
      ],
      groups.map((g) => [
        text(g.name),
        num(g.shared, int(g.shared)),
        num(g.onlyA, int(g.onlyA)),
        num(g.onlyB, int(g.onlyB)),
        examples(g.examplesOnlyB),
        examples(g.examplesOnlyA),
      ]),
    );
  const v = diff.vocabulary;
  const vocabulary =
    v === null
      ? `<p class="note">No vocabulary comparison: a counts: tokenizer has no vocabulary.</p>`
      : `<h3>Vocabulary, compared by the exact bytes each entry decodes to</h3>
<p class="note">${escapeHtml(`Shared ${int(v.shared)}, only in ${a} ${int(v.onlyA)}, only in ${b} ${int(v.onlyB)}. Special tokens counted apart: ${v.specials.shared} shared, ${v.specials.onlyA.length} only in ${a}, ${v.specials.onlyB.length} only in ${b}.`)}</p>
${table(
  "table-diff-vocab",
  [{ label: "" }, { label: a, numeric: true }, { label: b, numeric: true }],
  [
    [text("Entries (non-special)"), num(v.a.entries, int(v.a.entries)), num(v.b.entries, int(v.b.entries))],
    [text("Distinct byte strings"), num(v.a.distinct, int(v.a.distinct)), num(v.b.distinct, int(v.b.distinct))],
    [text("Special tokens"), num(v.a.specials, int(v.a.specials)), num(v.b.specials, int(v.b.specials))],
  ],
)}
<details><summary>By Qtok class</summary>${groupTable("table-diff-classes", "Class", v.classes)}</details>
<details><summary>By script</summary>${groupTable("table-diff-scripts", "Script", v.scripts)}</details>`;
  const languages = table(
    "table-diff-languages",
    [
      { label: "Language" },
      { label: `Tokens (${a})`, numeric: true },
      { label: `Tokens (${b})`, numeric: true },
      { label: "B/A", numeric: true },
      { label: "95% interval" },
      { label: "Change" },
    ],
    diff.languages.map((l) => [
      text(`${l.name} (${l.language})`),
      num(l.tokens_a, int(l.tokens_a)),
      num(l.tokens_b, int(l.tokens_b)),
      num(l.ratio, fmt(l.ratio)),
      text(l.ratio_ci ? `${fmt(l.ratio_ci[0])}–${fmt(l.ratio_ci[1])}` : "–"),
      text(l.change ?? "–"),
    ]),
    { filter: "filter languages" },
  );
  const n = (c: string) => diff.languages.filter((l) => l.change === c).length;
  return `<section id="diff"><h2>What changed from ${escapeHtml(a)} to ${escapeHtml(b)}</h2>
<p class="lede">Per language: tokens for the same text with ${escapeHtml(b)} ÷ with ${escapeHtml(a)}, ${diff.joinedSegments ? "each language's segments joined by single spaces into one string, as in the comparison (one string leaves no interval to compute)" : "with a 95% paired bootstrap interval over segments"}. ${n("cheaper")} languages got cheaper, ${n("dearer")} dearer, ${n("no significant change")} show no significant change.</p>
${chartBox(chart("diff"), tall)}
<details><summary>Per-language table</summary>${languages}</details>
${vocabulary}
</section>`;
}
