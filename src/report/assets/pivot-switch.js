// The pivot switch (#pivot-select): rebuilds each premium chart's values from the token counts (premium = tokens of
// the language / tokens of the pivot, per tokenizer), rescales fixed log domains, renames the pivot in titles, and
// redraws the chart in place; every .pivot-name / .pivot-label element of the page's text then names the new pivot.
"use strict";
(function () {
  var source = document.getElementById("toklens-pivot");
  var select = document.getElementById("pivot-select");
  var state = window.__toklens;
  if (!source || !select || !state) return;
  var data = JSON.parse(source.textContent);
  var byCode = {};
  data.languages.forEach(function (l) {
    byCode[l.code] = l;
  });
  var current = data.pivot.name;
  function clone(x) {
    return JSON.parse(JSON.stringify(x));
  }
  function rename(node, from, to) {
    if (Array.isArray(node))
      return node.map(function (x) {
        return rename(x, from, to);
      });
    if (!node || typeof node !== "object") return node;
    Object.keys(node).forEach(function (k) {
      var v = node[k];
      if (k === "data" || k === "values") return;
      if ((k === "title" || k === "text" || k === "subtitle") && typeof v === "string")
        node[k] = v.split(from).join(to);
      else if ((k === "subtitle" || k === "text") && Array.isArray(v))
        node[k] = v.map(function (s) {
          return typeof s === "string" ? s.split(from).join(to) : s;
        });
      else node[k] = rename(v, from, to);
    });
    return node;
  }
  function rescale(node, lo, hi) {
    if (Array.isArray(node)) {
      node.forEach(function (x) {
        rescale(x, lo, hi);
      });
      return;
    }
    if (!node || typeof node !== "object") return;
    Object.keys(node).forEach(function (k) {
      if (k === "data" || k === "values") return;
      var v = node[k];
      if (k === "scale" && v && v.type === "log" && Array.isArray(v.domain)) v.domain = [lo, hi];
      else rescale(v, lo, hi);
    });
  }
  function premiumOf(tokenizer, language, pivotLabel) {
    var t = data.tokens[tokenizer];
    if (!t || !(language in t) || !(pivotLabel in t)) return null;
    return t[language] / t[pivotLabel];
  }
  function rebuild(name, spec, pivot) {
    var values = spec.data.values;
    var next;
    if (name === "premium-spread") {
      next = [];
      Object.keys(data.tokens).forEach(function (tok) {
        Object.keys(data.tokens[tok]).forEach(function (lang) {
          if (lang === pivot.label) return;
          next.push({
            tokenizer_label: tok,
            language_label: lang,
            premium: premiumOf(tok, lang, pivot.label),
            tokens: data.tokens[tok][lang],
          });
        });
      });
    } else {
      next = values.map(function (v) {
        var p = premiumOf(v.tokenizer_label, v.language_label, pivot.label);
        var out = Object.assign({}, v, { premium: p });
        if ("premium_low" in v) {
          out.premium_low = p;
          out.premium_high = p;
        }
        if ("cell_text" in v)
          out.cell_text = (v.cheapest === "yes" ? "\u2605 " : "") + (p === null ? "\u2013" : p.toFixed(2));
        return out;
      });
      if (name === "premium")
        next = next.filter(function (v) {
          return v.premium !== null;
        });
    }
    var ps = next
      .map(function (v) {
        return v.premium;
      })
      .filter(function (p) {
        return typeof p === "number" && isFinite(p);
      });
    spec.data.values = next;
    rescale(spec, Math.min.apply(null, [0.9].concat(ps)) * 0.97, Math.max.apply(null, [1.1].concat(ps)) * 1.03);
    return rename(spec, current, pivot.name);
  }
  select.addEventListener("change", function () {
    var pivot = byCode[select.value];
    if (!pivot) return;
    var jobs = data.charts
      .filter(function (name) {
        return state.specs[name] && state.views[name];
      })
      .map(function (name) {
        var spec = rebuild(name, clone(state.specs[name]), pivot);
        state.specs[name] = spec;
        return state.embed(name, state.filterSpec ? state.filterSpec(spec) : spec).then(function () {
          var title = document.querySelector("#head-" + name + " .chart-title");
          if (title)
            title.querySelectorAll("b, span").forEach(function (e) {
              e.textContent = e.textContent.split(current).join(pivot.name);
            });
        });
      });
    // the sentences that name the pivot (the premium section's heading and lede, the page's subtitle) follow it
    document.querySelectorAll(".pivot-name").forEach(function (e) {
      e.textContent = pivot.name;
    });
    document.querySelectorAll(".pivot-label").forEach(function (e) {
      e.textContent = pivot.label;
    });
    Promise.all(jobs).then(function () {
      current = pivot.name;
      state.pivot = pivot.code;
      document.documentElement.setAttribute("data-pivot", pivot.code);
    });
  });
})();
