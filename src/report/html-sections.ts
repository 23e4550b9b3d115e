// The report page's optional sections, each filled from one part of the report data: cost, diff, vocabulary, adaptation, morphology.
import type { DiffResult } from "../results/diff.js";
import type { CostRow } from "../metrics/cost.js";
import { chartBox, type PageContext, type PageSection } from "./chart-box.js";
import { escapeHtml } from "./escape.js";
import { fmt, int, pct, usd } from "./format.js";
import { num, table, text, token } from "./html-table.js";
import type { ReportModel } from "./report-model.js";

/** A tokenizer's label in the report, by id (the id itself when the report does not list it). */
export function tokenizerLabel(model: ReportModel, id: string): string {
  return model.tokenizers.find((t) => t.id === id)?.label ?? id;
}

/** "What the same text costs in each language": input/output cost per language and what fits in the context window. */
export function costSection({ model, chart, tall, legend }: PageContext): PageSection | null {
  const costs: readonly CostRow[] = model.data.compare.costs ?? [];
  if (costs.length === 0) return null;
  const at = new Map(costs.map((c) => [`${c.tokenizer}\u0000${c.language}`, c]));
  const context = costs.find((c) => c.context_tokens !== null)?.context_tokens ?? null;
  const priced = model.tokenizers.filter((t) => costs.some((c) => c.tokenizer === t.id && c.input_price !== null));
  const withCi = (v: number | null, ci: [number, number] | null) =>
    v === null ? "–" : ci ? `${usd(v)} [${usd(ci[0])}–${usd(ci[1])}]` : usd(v);
  const grid = (
    id: string,
    cell: (c: CostRow) => { value: number | null; shown: string },
    tokenizers: typeof model.tokenizers,
  ) =>
    table(
      id,
      [{ label: "Language" }, ...tokenizers.map((t) => ({ label: t.label, numeric: true }))],
      model.languages.map((l) => [
        text(l.label),
        ...tokenizers.map((t) => {
          const c = at.get(`${t.id}\u0000${l.code}`);
          if (!c) return num(null, "–");
          const { value, shown } = cell(c);
          return num(value, shown);
        }),
      ]),
      { filter: "filter languages" },
    );
  const prices = model.data.compare.prices;
  const parts: string[] = [];
  if (priced.length > 0) {
    parts.push(chartBox(chart("cost"), tall, legend));
    parts.push(
      `<h3>Input cost of a million characters (USD, premium's 95% interval in brackets)</h3>` +
        grid(
          "table-cost-chars",
          (c) => ({
            value: c.input_usd_per_million_chars,
            shown: withCi(c.input_usd_per_million_chars, c.input_usd_per_million_chars_ci),
          }),
          priced,
        ),
    );
    parts.push(
      `<h3>Input cost of a thousand words (USD, premium's 95% interval in brackets)</h3>` +
        grid(
          "table-cost-words",
          (c) => ({
            value: c.input_usd_per_thousand_words,
            shown: withCi(c.input_usd_per_thousand_words, c.input_usd_per_thousand_words_ci),
          }),
          priced,
        ),
    );
    const output = priced.filter((t) => costs.some((c) => c.tokenizer === t.id && c.output_price !== null));
    if (output.length > 0) {
      parts.push(
        `<h3>Output cost of a thousand words (USD)</h3>` +
          grid(
            "table-cost-output-words",
            (c) => ({
              value: c.output_usd_per_thousand_words,
              shown: withCi(c.output_usd_per_thousand_words, c.output_usd_per_thousand_words_ci),
            }),
            output,
          ),
      );
    }
    if (prices) {
      const rows = Object.entries(prices.prices).map(([name, p]) => [
        text(name),
        num(p.input, usd(p.input)),
        num(p.output ?? null, usd(p.output ?? null)),
        text(p.model ?? ""),
        text(p.source ?? ""),
        text(p.date ?? ""),
      ]);
      parts.push(
        `<h3>Prices used (USD per million tokens)</h3>${prices.description ? `<p class="note">${escapeHtml(prices.description)}</p>` : ""}` +
          table(
            "table-prices",
            [
              { label: "Tokenizer" },
              { label: "Input", numeric: true },
              { label: "Output", numeric: true },
              { label: "Model" },
              { label: "Source" },
              { label: "Date" },
            ],
            rows,
          ),
      );
    }
  }
  if (priced.length === 0 && prices) {
    parts.push(
      `<p class="note">No tokenizer of this report has a price in the prices file (matched by id, then by name); see the warnings.</p>`,
    );
  }
  if (context !== null) {
    parts.push(
      `<h3>Words that fit in ${escapeHtml(int(context))} tokens</h3>` +
        grid(
          "table-context-words",
          (c) => ({ value: c.words_in_context, shown: c.words_in_context === null ? "–" : int(c.words_in_context) }),
          model.tokenizers,
        ),
    );
    parts.push(
      `<details><summary>Characters that fit in ${escapeHtml(int(context))} tokens</summary>` +
        grid(
          "table-context-chars",
          (c) => ({ value: c.chars_in_context, shown: c.chars_in_context === null ? "–" : int(c.chars_in_context) }),
          model.tokenizers,
        ) +
        "</details>",
    );
  }
  return {
    id: "cost",
    nav: "Cost & context",
    html: `<section id="cost"><h2>What the same text costs in each language</h2>
<p class="lede">Cost follows tokens: a language that needs more tokens for the same text pays more per character and per word, and fits less text in a context window. Costs are tokens per character (or word) × the price per token; their intervals are the premium's 95% interval scaled the same way.</p>
${parts.join("\n")}
</section>`,
  };
}

/** "What changed from A to B": the per-language chart, the vocabulary counts and the per-language table. */
export function diffSection({ model, chart, tall }: PageContext): PageSection | null {
  const diff = model.data.diff;
  if (!diff) return null;
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
  return {
    id: "diff",
    nav: "What changed",
    html: `<section id="diff"><h2>What changed from ${escapeHtml(a)} to ${escapeHtml(b)}</h2>
<p class="lede">Per language: tokens for the same text with ${escapeHtml(b)} ÷ with ${escapeHtml(a)}, with a 95% paired bootstrap interval over segments. ${n("cheaper")} languages got cheaper, ${n("dearer")} dearer, ${n("no significant change")} show no significant change.</p>
${chartBox(chart("diff"), tall)}
<details><summary>Per-language table</summary>${languages}</details>
${vocabulary}
</section>`,
  };
}

/** "Vocabulary": what the vocabularies contain (charts, entries per class, longest entries, examples). */
export function vocabSection({ model, bySection }: PageContext): PageSection | null {
  const vocab = model.data.vocab;
  if (!vocab || vocab.tokenizers.length === 0) return null;
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
  return {
    id: "vocab",
    nav: "Vocabulary",
    html: `<section id="vocab"><h2>Vocabulary</h2>
<p class="lede">What the vocabularies contain: entry classes, scripts, and how much two vocabularies share.</p>
${bySection("vocab")
  .map((c) => chartBox(c, false))
  .join("\n")}
<h3>Entries per class</h3>${classTable}
<details><summary>Longest entries</summary>${longest}</details>
<details><summary>Examples per class</summary>${examples}</details>
</section>`,
  };
}

/** "Adaptation": trimming and expansion studies, as charts and one table each. */
export function adaptationSection({ model, bySection }: PageContext): PageSection | null {
  const studies = model.data.adaptation?.studies ?? [];
  if (studies.length === 0) return null;
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
  return {
    id: "adaptation",
    nav: "Adaptation",
    html: `<section id="adaptation"><h2>Adaptation: trimming and expansion</h2>
${bySection("adaptation")
  .map((c) => chartBox(c, false))
  .join("\n")}
<details><summary>Tables</summary>${tables}</details>
</section>`,
  };
}

/** "Morphology": MorphScore per tokenizer and gold file, with the words left out. */
export function morphSection({ model }: PageContext): PageSection | null {
  const morphRows = model.data.morph?.results ?? [];
  if (morphRows.length === 0) return null;
  return {
    id: "morph",
    nav: "Morphology",
    html: `<section id="morph"><h2>Morphological alignment (MorphScore)</h2>
<p class="lede">Share of words whose tokens have a boundary at the gold morpheme boundary (Arnett &amp; Bergen 2025), over the words that could be scored. Words that are one token, hold an unknown token, or were changed by the normalizer are left out and counted. Morphological alignment explains little of downstream model performance (Arnett, Hudspeth &amp; O'Connor 2025): read it as a description of how words are split.</p>
${table(
  "table-morph",
  [
    { label: "Tokenizer" },
    { label: "Gold file" },
    { label: "MorphScore", numeric: true },
    { label: "Aligned / scored", numeric: true },
    { label: "Single-token", numeric: true },
    { label: "Unknown", numeric: true },
    { label: "Unplaced", numeric: true },
  ],
  morphRows.map((r) => [
    text(tokenizerLabel(model, r.tokenizer)),
    text(r.gold),
    num(r.morphscore, fmt(r.morphscore)),
    num(r.aligned, `${int(r.aligned)} / ${int(r.scored)}`),
    num(r.excluded.single_token, int(r.excluded.single_token)),
    num(r.excluded.unknown, int(r.excluded.unknown)),
    num(r.excluded.unplaced, int(r.excluded.unplaced)),
  ]),
)}
</section>`,
  };
}
