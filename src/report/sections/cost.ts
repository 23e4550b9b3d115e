// The report page's section #cost ("Cost & context"): one entry of registry.ts.
import { chartBox, type PageContext } from "../chart-box.js";
import { escapeHtml } from "../escape.js";
import { int, usd } from "../format.js";
import { num, table, text } from "../html-table.js";
import type { ReportModel, TokenizerView } from "../report-model.js";
import type { CostRow } from "../../metrics/cost.js";
import type { PriceTable } from "../../results/prices.js";
import { defineSection } from "./section.js";

/** "What the same text costs in each language": input/output cost per language and what fits in the context window. */
export const costSection = defineSection({
  id: "cost",
  nav: "Cost & context",
  enabled: (model) => costsOf(model).length > 0,
  render: renderCost,
});

/** The cost rows of the report (none: no section). */
const costsOf = (model: ReportModel): readonly CostRow[] => model.data.compare.costs ?? [];

/** One cost grid: a language per row, a tokenizer per column, each cell's value and text from its cost row. */
type CostGrid = (
  id: string,
  cell: (c: CostRow) => { value: number | null; shown: string },
  tokenizers: readonly TokenizerView[],
) => string;

/** A cost in USD with the premium's interval in brackets. */
const withCi = (v: number | null, ci: [number, number] | null) =>
  v === null ? "–" : ci ? `${usd(v)} [${usd(ci[0])}–${usd(ci[1])}]` : usd(v);

function renderCost({ model, chart, tall, legend }: PageContext): string {
  const costs = costsOf(model);
  const at = new Map(costs.map((c) => [`${c.tokenizer}\u0000${c.language}`, c]));
  const context = costs.find((c) => c.context_tokens !== null)?.context_tokens ?? null;
  const priced = model.tokenizers.filter((t) => costs.some((c) => c.tokenizer === t.id && c.input_price !== null));
  const grid: CostGrid = (id, cell, tokenizers) =>
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
    parts.push(...costTables(grid, costs, priced));
    if (prices) parts.push(pricesTable(prices));
  }
  if (priced.length === 0 && prices) {
    parts.push(
      `<p class="note">No tokenizer of this report has a price in the prices file (matched by id, then by name); see the warnings.</p>`,
    );
  }
  if (context !== null) parts.push(...contextTables(grid, context, model.tokenizers));
  return `<section id="cost"><h2>What the same text costs in each language</h2>
<p class="lede">Cost follows tokens: a language that needs more tokens for the same text pays more per character and per word, and fits less text in a context window. Costs are tokens per character (or word) × the price per token; their intervals are the premium's 95% interval scaled the same way.</p>
${parts.join("\n")}
</section>`;
}

/** The input cost grids of the priced tokenizers, and the output cost grid of those with an output price. */
function costTables(grid: CostGrid, costs: readonly CostRow[], priced: readonly TokenizerView[]): string[] {
  const parts = [
    `<h3>Input cost of a million characters (USD, premium's 95% interval in brackets)</h3>` +
      grid(
        "table-cost-chars",
        (c) => ({
          value: c.input_usd_per_million_chars,
          shown: withCi(c.input_usd_per_million_chars, c.input_usd_per_million_chars_ci),
        }),
        priced,
      ),
    `<h3>Input cost of a thousand words (USD, premium's 95% interval in brackets)</h3>` +
      grid(
        "table-cost-words",
        (c) => ({
          value: c.input_usd_per_thousand_words,
          shown: withCi(c.input_usd_per_thousand_words, c.input_usd_per_thousand_words_ci),
        }),
        priced,
      ),
  ];
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
  return parts;
}

/** The prices file's figures, with their models, sources and dates. */
function pricesTable(prices: PriceTable): string {
  const rows = Object.entries(prices.prices).map(([name, p]) => [
    text(name),
    num(p.input, usd(p.input)),
    num(p.output ?? null, usd(p.output ?? null)),
    text(p.model ?? ""),
    text(p.source ?? ""),
    text(p.date ?? ""),
  ]);
  return (
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
    )
  );
}

/** What fits in the context window: words per tokenizer and language, and characters (folded). */
function contextTables(grid: CostGrid, context: number, tokenizers: readonly TokenizerView[]): string[] {
  return [
    `<h3>Words that fit in ${escapeHtml(int(context))} tokens</h3>` +
      grid(
        "table-context-words",
        (c) => ({ value: c.words_in_context, shown: c.words_in_context === null ? "–" : int(c.words_in_context) }),
        tokenizers,
      ),
    `<details><summary>Characters that fit in ${escapeHtml(int(context))} tokens</summary>` +
      grid(
        "table-context-chars",
        (c) => ({ value: c.chars_in_context, shown: c.chars_in_context === null ? "–" : int(c.chars_in_context) }),
        tokenizers,
      ) +
      "</details>",
  ];
}
