// The report page's section #vocab ("Vocabulary"): one entry of registry.ts.
import { chartBox, type PageContext } from "../chart-box.js";
import { escapeHtml } from "../escape.js";
import { int, pct } from "../format.js";
import { num, table, text, token } from "../html-table.js";
import { tokenizerLabel } from "../report-model.js";
import { countsOnlyNote, defineSection } from "./section.js";

/** "Vocabulary": what the vocabularies contain (charts, entries per class, longest entries, examples). */
export const vocabSection = defineSection({
  id: "vocab",
  nav: "Vocabulary",
  enabled: (model) => (model.data.vocab?.tokenizers.length ?? 0) > 0,
  render: renderVocab,
});

function renderVocab({ model, bySection }: PageContext): string {
  const vocab = model.data.vocab!;
  const labelOf = (id: string) => tokenizerLabel(model, id);
  const classNames = [...new Set(vocab.tokenizers.flatMap((t) => Object.keys(t.classes)))];
  const classTable = table(
    "table-vocab-classes",
    [{ label: "Class" }, ...vocab.tokenizers.map((t) => ({ label: labelOf(t.tokenizer), numeric: true }))],
    classNames.map((cls) => [
      text(cls),
      ...vocab.tokenizers.map((t) => {
        const c = t.classes[cls];
        return num(c?.count, c ? `${int(c.count)} (${pct(c.share)})` : "–");
      }),
    ]),
  );
  const longest = vocab.tokenizers
    .map(
      (t) =>
        `<h3>Longest entries: ${escapeHtml(labelOf(t.tokenizer))}</h3>` +
        table(
          `table-longest-${vocab.tokenizers.indexOf(t)}`,
          [{ label: "Id", numeric: true }, { label: "Entry" }, { label: "Characters", numeric: true }],
          t.longest.map((e) => [num(e.id, String(e.id)), token(e.text), num(e.chars, String(e.chars))]),
        ),
    )
    .join("\n");
  const examples = vocab.tokenizers
    .map(
      (t) =>
        `<h3>Examples per class: ${escapeHtml(labelOf(t.tokenizer))}</h3>` +
        table(
          `table-examples-${vocab.tokenizers.indexOf(t)}`,
          [{ label: "Class" }, { label: "Examples" }],
          Object.entries(t.examples).map(([cls, list]) => [
            text(cls),
            { html: list.map((e) => token(e.text).html).join(" ") },
          ]),
        ),
    )
    .join("\n");
  return `<section id="vocab"><h2>Vocabulary</h2>
<p class="lede">What the vocabularies contain: entry classes, scripts, and how much two vocabularies share.</p>
${countsOnlyNote(model, vocab.countsOnly, "no vocabulary to analyse")}${bySection("vocab")
    .map((c) => chartBox(c, false))
    .join("\n")}
<h3>Entries per class</h3>${classTable}
<details><summary>Longest entries</summary>${longest}</details>
<details><summary>Examples per class</summary>${examples}</details>
</section>`;
}
