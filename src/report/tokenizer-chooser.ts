// Choosing which tokenizers the charts show: checkboxes that redraw every tokenizer chart from its full spec.
import { escapeHtml } from "./escape.js";
import type { ReportModel } from "./report-model.js";
import { tokenizerColors } from "./charts/common.js";

/** The checkboxes, one per tokenizer, all checked (empty with fewer than two tokenizers). */
export function tokenizerChooser(model: ReportModel): string {
  if (model.tokenizers.length < 2) return "";
  const colors = tokenizerColors(model.tokenizers.map((t) => t.id));
  const boxes = model.tokenizers
    .map((t, i) => `<label class="choose"><input type="checkbox" checked data-show-tokenizer="${escapeHtml(t.label)}"><span class="swatch" style="background:${escapeHtml(colors[i]!)}"></span>${escapeHtml(t.label)}</label>`)
    .join("");
  return `<p class="chooser" role="group" aria-label="Tokenizers shown in the charts"><span class="note">Tokenizers shown:</span> ${boxes}</p>`;
}

/**
 * Unchecking a tokenizer redraws every chart whose data rows carry `tokenizer_label` without that tokenizer's rows
 * (colours stay: the colour scales list every tokenizer). `state.filterSpec` lets other redraws (the pivot switch)
 * apply the same choice.
 */
export const CHOOSER_SCRIPT = String.raw`"use strict";
(function () {
  var state = window.__toklens;
  var boxes = document.querySelectorAll("input[data-show-tokenizer]");
  if (!state || boxes.length === 0) return;
  function hidden() {
    var out = {};
    boxes.forEach(function (b) { if (!b.checked) out[b.getAttribute("data-show-tokenizer")] = true; });
    return out;
  }
  function perTokenizer(spec) {
    var v = spec && spec.data && spec.data.values;
    return Array.isArray(v) && v.length > 0 && v.every(function (d) { return d && typeof d.tokenizer_label === "string"; });
  }
  state.filterSpec = function (spec) {
    if (!perTokenizer(spec)) return spec;
    var h = hidden();
    var copy = Object.assign({}, spec, { data: Object.assign({}, spec.data, { values: spec.data.values.filter(function (d) { return !h[d.tokenizer_label]; }) }) });
    return copy;
  };
  function redraw() {
    var names = Object.keys(state.specs).filter(function (n) { return perTokenizer(state.specs[n]) && state.views[n]; });
    Promise.all(names.map(function (name) {
      var el = document.getElementById("chart-" + name);
      var old = state.views[name];
      return vegaEmbed(el, state.filterSpec(state.specs[name]), { actions: false, renderer: "svg" }).then(function (res) {
        old.finalize();
        state.views[name] = res.view;
        var tools = document.querySelector("#head-" + name + " .head-tools");
        var bindings = el.querySelector(".vega-bindings");
        if (tools && bindings) {
          var stale = tools.querySelector(".vega-bindings");
          if (stale) stale.remove();
          tools.insertBefore(bindings, tools.firstChild);
        }
      });
    })).then(function () {
      document.documentElement.setAttribute("data-hidden-tokenizers", Object.keys(hidden()).sort().join("|"));
    });
  }
  boxes.forEach(function (b) { b.addEventListener("change", redraw); });
})();
`;
