// What the report's summary says in sentences, and how many values could not be computed: read from the model,
// no new metrics.
import { escapeHtml } from "./escape.js";
import { fmt } from "./format.js";
import type { ReportModel } from "./report-model.js";
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

/** Sentences a reader should take away, computed from the model (no new metrics). */
export function findings(model: ReportModel): string[] {
  const out: string[] = [];
  const pivot = model.pivot.name;
  const summary = model.data.compare.summary.filter((s) => typeof s.gini === "number");
  const label = (id: string) => model.tokenizers.find((t) => t.id === id)?.label ?? id;
  if (summary.length > 0) {
    const fairest = [...summary].sort((a, b) => a.gini! - b.gini!)[0]!;
    const least = [...summary].sort((a, b) => b.gini! - a.gini!)[0]!;
    out.push(
      `Fairest across languages: <b>${escapeHtml(label(fairest.tokenizer))}</b> (Gini ${fmt(fairest.gini)}); least fair: ${escapeHtml(label(least.tokenizer))} (Gini ${fmt(least.gini)}).`,
    );
  }
  const wins = [...model.wins.entries()].sort((a, b) => b[1] - a[1]);
  if (wins[0] && model.cheapest.length > 0) {
    out.push(
      `Cheapest for the most languages: <b>${escapeHtml(wins[0][0])}</b> (${wins[0][1]} of ${model.cheapest.length}).`,
    );
  }
  const withPremium = new Set(model.rows.filter((r) => typeof r.premium === "number").map((r) => r.language));
  const ranked = model.languages.filter((l) => l.code !== model.pivot.code && withPremium.has(l.code));
  const last = ranked.at(-1);
  const dearest = last ? model.rows.filter((r) => r.language === last.code && typeof r.premium === "number") : [];
  if (dearest.length > 0) {
    const best = dearest.reduce((a, b) => (a.premium! <= b.premium! ? a : b));
    const worst = dearest.reduce((a, b) => (a.premium! >= b.premium! ? a : b));
    out.push(
      `Most expensive language (median premium): <b>${escapeHtml(dearest[0]!.language_label)}</b>, ${fmt(best.premium, 2)}× ${escapeHtml(pivot)} with ${escapeHtml(best.tokenizer_label)} up to ${fmt(worst.premium, 2)}× with ${escapeHtml(worst.tokenizer_label)}.`,
    );
  }
  const nulls = missingValues(model);
  const nWarnings = model.data.compare.warnings.length;
  if (nulls > 0) {
    out.push(
      `${nulls} value(s) could not be computed (shown as –)${nWarnings > 0 ? `; ${nWarnings} warning(s) say why` : ""}: see <a href="#numbers">the numbers</a>.`,
    );
  } else if (nWarnings > 0) {
    out.push(`${nWarnings} warning(s): see <a href="#numbers">the numbers</a>.`);
  }
  return out;
}
