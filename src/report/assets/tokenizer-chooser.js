// The tokenizer chooser: unchecking a tokenizer redraws every chart whose data rows carry `tokenizer_label` without
// that tokenizer's rows (colours stay: the colour scales list every tokenizer). `state.filterSpec` lets other redraws
// (the pivot switch) apply the same choice.
"use strict";
(function () {
  var state = window.__toklens;
  var boxes = document.querySelectorAll("input[data-show-tokenizer]");
  if (!state || boxes.length === 0) return;
  function hidden() {
    var out = {};
    boxes.forEach(function (b) {
      if (!b.checked) out[b.getAttribute("data-show-tokenizer")] = true;
    });
    return out;
  }
  function perTokenizer(spec) {
    var v = spec && spec.data && spec.data.values;
    return (
      Array.isArray(v) &&
      v.length > 0 &&
      v.every(function (d) {
        return d && typeof d.tokenizer_label === "string";
      })
    );
  }
  state.filterSpec = function (spec) {
    if (!perTokenizer(spec)) return spec;
    var h = hidden();
    var copy = Object.assign({}, spec, {
      data: Object.assign({}, spec.data, {
        values: spec.data.values.filter(function (d) {
          return !h[d.tokenizer_label];
        }),
      }),
    });
    return copy;
  };
  function redraw() {
    // scripts whose numbers follow the chosen set (set-summary.js) update the specs and the text first
    var h = hidden();
    (state.beforeRedraw || []).forEach(function (f) {
      f(h);
    });
    var names = Object.keys(state.specs).filter(function (n) {
      return perTokenizer(state.specs[n]) && state.views[n];
    });
    Promise.all(
      names.map(function (name) {
        return state.embed(name, state.filterSpec(state.specs[name]));
      }),
    ).then(function () {
      document.documentElement.setAttribute("data-hidden-tokenizers", Object.keys(hidden()).sort().join("|"));
    });
  }
  boxes.forEach(function (b) {
    b.addEventListener("change", redraw);
  });
})();
