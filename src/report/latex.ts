// LaTeX tables of a compare result for a paper (`toklens compare --latex`, a report's results.tex): booktabs, one
// table per metric with the premium's 95% interval, the best value of each row in bold, every name escaped.
import { metricDefinition } from "../metrics/registry.js";
import type { MetricName } from "../metrics/types.js";
import { metricValue, type CompareResult } from "../results/compare.js";
import { metricNumber } from "./compare-tables.js";

const LATEX_SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  $: "\\$",
  "&": "\\&",
  "#": "\\#",
  "^": "\\textasciicircum{}",
  _: "\\_",
  "%": "\\%",
  "~": "\\textasciitilde{}",
  "<": "\\textless{}",
  ">": "\\textgreater{}",
  "|": "\\textbar{}",
};

/**
 * Text as LaTeX prints it literally: the ten special characters (and `<`, `>`, `|`, which the default OT1 font
 * encoding prints as other glyphs) become commands; control characters and newlines become spaces, so a name stays
 * one cell of one row.
 */
export function escapeLatex(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
    .replace(/[\\{}$&#^_%~<>|]/g, (c) => LATEX_SPECIALS[c]!);
}

/** A metric's number in LaTeX: its terminal format (one per metric), `%` escaped. */
const number = (metric: string, v: number): string => metricNumber(metric, v).replace("%", "\\%");

/** One booktabs table: a caption, a label, a header row and body rows (cells already LaTeX). */
function latexTable(caption: string, label: string, header: readonly string[], rows: readonly string[][]): string {
  const align = `l${"r".repeat(header.length - 1)}`;
  const line = (cells: readonly string[]) => `${cells.join(" & ")} \\\\`;
  return [
    "\\begin{table}[htbp]",
    "\\centering",
    "\\small",
    `\\caption{${caption}}`,
    `\\label{${label}}`,
    `\\begin{tabular}{${align}}`,
    "\\toprule",
    line(header),
    "\\midrule",
    ...rows.map(line),
    "\\bottomrule",
    "\\end{tabular}",
    "\\end{table}",
  ].join("\n");
}

/** Languages as rows are named: the name, with the code when two languages share a name. */
function languageNames(result: CompareResult): Map<string, string> {
  const count = new Map<string, number>();
  for (const l of result.languages) count.set(l.name, (count.get(l.name) ?? 0) + 1);
  return new Map(
    result.languages.map((l) => [l.code, (count.get(l.name) ?? 0) > 1 ? `${l.name} (${l.code})` : l.name]),
  );
}

/** Tokenizers as columns are named: the name, with the id when two share a name. */
function tokenizerNames(result: CompareResult): string[] {
  const count = new Map<string, number>();
  for (const t of result.tokenizers) count.set(t.name, (count.get(t.name) ?? 0) + 1);
  return result.tokenizers.map((t) => ((count.get(t.name) ?? 0) > 1 || t.name === "" ? `${t.name} (${t.id})` : t.name));
}

/** Languages x tokenizers for one metric; null when no row has a value for it (not measured in this run). */
function metricTable(result: CompareResult, metric: MetricName): string | null {
  const def = metricDefinition(metric);
  if (!def) throw new Error(`internal error: no metric '${metric}' in the registry`);
  const at = new Map(result.results.map((r) => [`${r.tokenizer}\u0000${r.language}`, r]));
  const names = languageNames(result);
  let any = false;
  let intervals = false;
  const rows = result.languages.map((lang) => {
    const cells = result.tokenizers.map((t) => at.get(`${t.id}\u0000${lang.code}`));
    const values = cells.map((c) => (c ? metricValue(c, metric) : null));
    const numeric = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    const pivotRow = metric === "premium" && lang.code === result.pivot;
    const best =
      def.better && numeric.length > 1 && !pivotRow
        ? def.better === "lower"
          ? Math.min(...numeric)
          : Math.max(...numeric)
        : null;
    return [
      escapeLatex(names.get(lang.code)!),
      ...values.map((v, i) => {
        if (typeof v !== "number" || !Number.isFinite(v)) return "--";
        any = true;
        const shown = v === best ? `\\textbf{${number(metric, v)}}` : number(metric, v);
        const ci = cells[i] ? metricValue(cells[i], `${metric}_ci`) : null;
        if (!Array.isArray(ci) || pivotRow) return shown;
        intervals = true;
        return `${shown} {\\scriptsize[${number(metric, ci[0])}, ${number(metric, ci[1])}]}`;
      }),
    ];
  });
  if (!any) return null;
  const better = def.better ? ` Best per row in bold (${def.better} is better).` : "";
  const ci = intervals ? " In brackets: 95\\% bootstrap interval over segments." : "";
  const header = ["Language", ...tokenizerNames(result).map(escapeLatex)];
  return latexTable(
    `${escapeLatex(metric)}: ${escapeLatex(def.description)}${better}${ci}`,
    `tab:toklens-${metric.replace(/_/g, "-")}`,
    header,
    rows,
  );
}

/** Gini, mean premium and median fertility per tokenizer, the lowest of each in bold; null when none has a value. */
function summaryTable(result: CompareResult): string | null {
  const names = tokenizerNames(result);
  const byId = new Map(result.summary.map((s) => [s.tokenizer, s]));
  const columns: [string, string, (id: string) => number | null][] = [
    ["Gini", "gini", (id) => byId.get(id)?.gini ?? null],
    ["Mean premium", "premium", (id) => byId.get(id)?.mean_premium ?? null],
    ["Median fertility", "fertility", (id) => byId.get(id)?.median_fertility ?? null],
  ];
  const kept = columns.filter(([, , get]) => result.tokenizers.some((t) => get(t.id) !== null));
  if (kept.length === 0) return null;
  const lowest = kept.map(([, , get]) =>
    Math.min(...result.tokenizers.flatMap((t) => (get(t.id) === null ? [] : [get(t.id)!]))),
  );
  const rows = result.tokenizers.map((t, i) => [
    escapeLatex(names[i]!),
    ...kept.map(([, metric, get], k) => {
      const v = get(t.id);
      if (v === null) return "--";
      const text = metric === "gini" ? v.toFixed(3) : number(metric, v);
      return result.tokenizers.length > 1 && v === lowest[k] ? `\\textbf{${text}}` : text;
    }),
  ]);
  return latexTable(
    "Per tokenizer across the languages: Gini of the premiums (0 = every language pays the same; it measures the spread, not the level), mean premium (pivot left out) and median fertility. Lowest in bold.",
    "tab:toklens-summary",
    ["Tokenizer", ...kept.map(([h]) => h)],
    rows,
  );
}

/**
 * The LaTeX of a compare result: one booktabs table per metric of `metrics` that has values, then the per-tokenizer
 * summary. Needs `\usepackage{booktabs}` in the preamble; ready for `\input`.
 */
export function compareLatex(result: CompareResult, metrics: readonly MetricName[], header?: string): string {
  const pivot = result.languages.find((l) => l.code === result.pivot)?.name ?? result.pivot;
  const tables = [...metrics.map((m) => metricTable(result, m)), summaryTable(result)].filter(
    (t): t is string => t !== null,
  );
  return [
    ...(header !== undefined ? [`% ${header.replace(/[\r\n]+/g, " ")}`] : []),
    "% toklens tables: \\usepackage{booktabs} in the preamble, then \\input this file.",
    `% Premiums are relative to ${pivot.replace(/[\r\n]+/g, " ")} (${result.pivot}).`,
    "",
    tables.join("\n\n"),
    "",
  ].join("\n");
}
