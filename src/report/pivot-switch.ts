// Switching the premium's pivot language in the page: premiums are ratios of token counts the page already has.
// The control and its data are made here; the script that redraws the charts is src/report/assets/pivot-switch.js.
import { jsonForScript, escapeHtml } from "./escape.js";
import type { ReportModel } from "./report-model.js";

/** Charts whose numbers are premiums against the pivot, redrawn when it changes. */
export const PIVOT_CHARTS = ["premium", "premium-heatmap", "premium-spread"] as const;

/** What the pivot script reads: token counts per tokenizer x language, and the languages that can be a pivot. */
export interface PivotData {
  pivot: { code: string; name: string };
  /** Languages with a premium for every tokenizer (aligned with the others): the possible pivots. */
  languages: { code: string; label: string; name: string }[];
  /** tokenizer label -> language label -> tokens, for rows that have a premium. */
  tokens: Record<string, Record<string, number>>;
  charts: readonly string[];
}

export function pivotData(model: ReportModel): PivotData {
  const tokens: Record<string, Record<string, number>> = {};
  const withPremium = new Map<string, number>();
  for (const r of model.rows) {
    if (typeof r.premium !== "number" || !Number.isFinite(r.premium) || r.tokens <= 0) continue;
    (tokens[r.tokenizer_label] ??= {})[r.language_label] = r.tokens;
    withPremium.set(r.language, (withPremium.get(r.language) ?? 0) + 1);
  }
  const n = model.tokenizers.length;
  return {
    pivot: { code: model.pivot.code, name: model.pivot.name },
    languages: model.languages
      .filter((l) => withPremium.get(l.code) === n)
      .map((l) => ({ code: l.code, label: l.label, name: l.name })),
    tokens,
    charts: PIVOT_CHARTS,
  };
}

/** The pivot selector and its data (empty when fewer than two languages could be the pivot). */
export function pivotControl(model: ReportModel): string {
  const data = pivotData(model);
  if (data.languages.length < 2) return "";
  const options = data.languages
    .map(
      (l) =>
        `<option value="${escapeHtml(l.code)}"${l.code === data.pivot.code ? " selected" : ""}>${escapeHtml(l.label)}</option>`,
    )
    .join("");
  return `<p class="pivot-control"><label>Pivot language <select id="pivot-select" aria-label="Pivot language of the premium charts">${options}</select></label>
<span class="note">Redraws the premium charts as ratios of the token counts; intervals are shown only for the pivot of the run, and the tables keep the run's pivot.</span></p>
<script type="application/json" id="toklens-pivot">${jsonForScript(data)}</script>`;
}
