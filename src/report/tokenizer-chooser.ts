// Choosing which tokenizers the charts show: checkboxes that redraw every tokenizer chart from its full spec.
// The checkboxes are made here; the script that redraws the charts is src/report/assets/tokenizer-chooser.js.
import { escapeHtml } from "./escape.js";
import type { ReportModel } from "./report-model.js";
import { tokenizerColors } from "./charts/common.js";

/** The checkboxes, one per tokenizer, all checked (empty with fewer than two tokenizers). */
export function tokenizerChooser(model: ReportModel): string {
  if (model.tokenizers.length < 2) return "";
  const colors = tokenizerColors(model.tokenizers.map((t) => t.id));
  const boxes = model.tokenizers
    .map(
      (t, i) =>
        `<label class="choose"><input type="checkbox" checked data-show-tokenizer="${escapeHtml(t.label)}"><span class="swatch" style="background:${escapeHtml(colors[i]!)}"></span>${escapeHtml(t.label)}</label>`,
    )
    .join("");
  return `<p class="chooser" role="group" aria-label="Tokenizers shown in the charts"><span class="note">Tokenizers shown:</span> ${boxes}</p>`;
}
