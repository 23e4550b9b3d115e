// What the report's summary says in sentences, and how many values could not be computed: read from the model,
// no new metrics.
import { escapeHtml } from "./escape.js";
import type { ReportModel } from "./report-model.js";
import { setData, summarizeSet, type Sentence, type SetMeta } from "./set-summary.js";
import { metricNames } from "../metrics/registry.js";

/** Metric columns whose nulls mean "could not be computed": every scalar metric (intervals follow their value). */
const metricFields = (): string[] => metricNames().filter((m) => !m.endsWith("_ci"));

/**
 * Null metric values among the rows, counting a metric for a tokenizer only when it has a value for some other
 * language: a column null for every language of a tokenizer was not asked for or does not apply to it (no byte
 * fallback in a byte-level BPE), which is no failure.
 */
export function missingValues(model: ReportModel): number {
  let n = 0;
  for (const t of model.tokenizers) {
    const rows = model.rows.filter((r) => r.tokenizer === t.id);
    for (const field of metricFields()) {
      const values = rows.map((r) => (r as unknown as Record<string, unknown>)[field]);
      if (!values.some((v) => typeof v === "number" && Number.isFinite(v))) continue;
      n += values.filter((v) => v === null || (typeof v === "number" && !Number.isFinite(v))).length;
    }
  }
  return n;
}

/** What set-summary.ts computes the findings over: the pivot, the tokenizers with their Gini, the languages. */
export function setMeta(model: ReportModel): SetMeta {
  const gini = new Map(model.data.compare.summary.map((s) => [s.tokenizer, s.gini]));
  return {
    pivot: { code: model.pivot.code, name: model.pivot.name },
    tokenizers: model.tokenizers.map((t) => {
      const g = gini.get(t.id);
      return { label: t.label, gini: typeof g === "number" && Number.isFinite(g) ? g : null };
    }),
    languages: model.languages.map((l) => ({ code: l.code, label: l.label, name: l.name })),
  };
}

/** A sentence of set-summary.ts as HTML (its bold parts in <b>). */
export function sentenceHtml(sentence: Sentence): string {
  return sentence.map((p) => (typeof p === "string" ? escapeHtml(p) : `<b>${escapeHtml(p.b)}</b>`)).join("");
}

/**
 * Sentences a reader should take away, computed from the model (no new metrics): those about the set of tokenizers
 * (set-summary.ts, which the page reruns for the tokenizers the reader keeps), then the missing values.
 */
export function findings(model: ReportModel): { set: string[]; notes: string[] } {
  const data = setData(setMeta(model), model.rows);
  const set = summarizeSet(
    data,
    model.tokenizers.map((_, i) => i),
  ).findings.map(sentenceHtml);
  const notes: string[] = [];
  const nulls = missingValues(model);
  const nWarnings = model.data.compare.warnings.length;
  if (nulls > 0) {
    notes.push(
      `${nulls} value(s) could not be computed (shown as –)${nWarnings > 0 ? `; ${nWarnings} warning(s) say why` : ""}: see <a href="#numbers">the numbers</a>.`,
    );
  } else if (nWarnings > 0) {
    notes.push(`${nWarnings} warning(s): see <a href="#numbers">the numbers</a>.`);
  }
  return { set, notes };
}
