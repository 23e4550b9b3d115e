// The summary of the tokenizers the reader keeps: when a tokenizer is unchecked (or the pivot switched), reruns
// set-summary.ts (inlined below, the code findings.ts ran for the page as written) over the shown tokenizers and
// rewrites the findings, the "Cheapest for" column, the cheapest-tokenizer table, the cheapest chart's counts and
// the heatmap's stars. The chooser (tokenizer-chooser.js) calls `state.beforeRedraw` before it redraws the charts.
/* global setData, repivot, summarizeSet, fmt, int -- declared by the inlined modules */
"use strict";
(function () {
  var source = document.getElementById("toklens-set");
  var state = window.__toklens;
  if (!source || !state || !state.tableRows) return;
  var meta = JSON.parse(source.textContent);
  var data = null; // built on first use: the rows come from the page's data block
  // setData, repivot and summarizeSet:
  // @inline src/report/set-summary.ts
  // fmt and int, the number formats of the tables:
  // @inline src/report/format.ts
  var pivot = meta.pivot;
  var hidden = {};
  function rows() {
    if (!data) data = setData(meta, state.tableRows(source.getAttribute("data-rows")));
    return data;
  }
  function shownIndexes() {
    var out = [];
    meta.tokenizers.forEach(function (t, i) {
      if (!hidden[t.label]) out.push(i);
    });
    return out;
  }
  function sentence(parts) {
    var li = document.createElement("li");
    li.setAttribute("data-finding", "");
    parts.forEach(function (p) {
      if (typeof p === "string") li.appendChild(document.createTextNode(p));
      else {
        var b = document.createElement("b");
        b.textContent = p.b;
        li.appendChild(b);
      }
    });
    return li;
  }
  function rewriteFindings(s) {
    var list = document.querySelector("ul.findings");
    if (!list) return;
    list.querySelectorAll("li[data-finding]").forEach(function (li) {
      li.remove();
    });
    var first = list.firstChild;
    s.findings.forEach(function (f) {
      list.insertBefore(sentence(f), first);
    });
  }
  function setCell(td, text, v) {
    td.textContent = text;
    if (td.hasAttribute("data-v")) td.setAttribute("data-v", v === null || v === undefined ? "" : String(v));
  }
  function rewriteTables(d, s) {
    var byLabel = {};
    meta.tokenizers.forEach(function (t, i) {
      byLabel[t.label] = i;
    });
    var tokTable = document.getElementById("table-tokenizers");
    if (tokTable)
      Array.prototype.forEach.call(tokTable.tBodies[0].rows, function (tr) {
        var i = byLabel[tr.cells[0].textContent];
        var cell = tr.cells[tr.cells.length - 1];
        if (i === undefined) return;
        if (hidden[meta.tokenizers[i].label]) setCell(cell, "\u2013", null);
        else setCell(cell, String(s.wins[i]), s.wins[i]);
      });
    var cheapTable = document.getElementById("table-cheapest");
    if (!cheapTable) return;
    var byLanguage = {};
    s.cheapest.forEach(function (c) {
      byLanguage[meta.languages[c.language].label] = c;
    });
    Array.prototype.forEach.call(cheapTable.tBodies[0].rows, function (tr) {
      var c = byLanguage[tr.cells[0].textContent];
      var cells = tr.cells;
      if (!c) {
        for (var k = 1; k < cells.length; k++) setCell(cells[k], "\u2013", null);
        return;
      }
      var tokens = d.tokens[c.tokenizer][c.language];
      var premium = d.premium[c.tokenizer][c.language];
      setCell(cells[1], meta.tokenizers[c.tokenizer].label);
      setCell(cells[2], int(tokens), tokens);
      setCell(cells[3], fmt(premium), premium);
      setCell(cells[4], c.runnerUp === null ? "\u2013" : meta.tokenizers[c.runnerUp].label);
      setCell(cells[5], fmt(c.ratio, 2), c.ratio);
    });
  }
  // the cheapest chart: counts, shares, texts and the bar order of the shown tokenizers
  function rewriteCheapestChart(s) {
    var spec = state.specs.cheapest;
    if (!spec || !spec.data || !Array.isArray(spec.data.values)) return;
    var total = s.cheapest.length;
    var index = {};
    meta.tokenizers.forEach(function (t, i) {
      index[t.label] = i;
    });
    spec.data.values.forEach(function (v) {
      var w = s.wins[index[v.tokenizer_label]] || 0;
      v.languages = w;
      v.share = total > 0 ? w / total : 0;
      v.text = w + " of " + total;
    });
    if (spec.encoding && spec.encoding.y && Array.isArray(spec.encoding.y.sort))
      spec.encoding.y.sort = spec.data.values
        .slice()
        .sort(function (a, b) {
          return b.languages - a.languages || index[a.tokenizer_label] - index[b.tokenizer_label];
        })
        .map(function (v) {
          return v.tokenizer_label;
        });
  }
  // the heatmap: the star and the "tokens vs the cheapest" of each cell follow the shown tokenizers
  function rewriteHeatmap(d, s) {
    var spec = state.specs["premium-heatmap"];
    if (!spec || !spec.data || !Array.isArray(spec.data.values)) return;
    var lang = {};
    meta.languages.forEach(function (l, j) {
      lang[l.label] = j;
    });
    var tok = {};
    meta.tokenizers.forEach(function (t, i) {
      tok[t.label] = i;
    });
    var best = {};
    s.cheapest.forEach(function (c) {
      best[c.language] = c.tokenizer;
    });
    spec.data.values.forEach(function (v) {
      var i = tok[v.tokenizer_label],
        j = lang[v.language_label];
      if (i === undefined || j === undefined) return;
      var star = best[j] === i;
      var n = d.tokens[i][j],
        b = d.bytes[i][j],
        min = s.minCost[j];
      v.cheapest = star ? "yes" : "no";
      if ("cell_text" in v) v.cell_text = (star ? "\u2605 " : "") + fmt(v.premium, 2);
      if ("cost_vs_cheapest" in v)
        v.cost_vs_cheapest = n > 0 && b > 0 && min !== null && !hidden[v.tokenizer_label] ? n / b / min : null;
    });
  }
  function update() {
    var d = rows();
    var shown = shownIndexes();
    var s = summarizeSet(pivot.code === meta.pivot.code ? d : repivot(d, pivot), shown);
    rewriteFindings(s);
    // who is cheapest does not depend on the pivot; the tables' premiums stay the run's (their heads say so)
    rewriteTables(d, s);
    rewriteCheapestChart(s);
    rewriteHeatmap(d, s);
    document.documentElement.setAttribute("data-set-summary", Object.keys(hidden).sort().join("|"));
  }
  state.beforeRedraw = (state.beforeRedraw || []).concat(function (h) {
    hidden = h;
    update();
  });
  var select = document.getElementById("pivot-select");
  if (select)
    select.addEventListener("change", function () {
      var l = meta.languages.filter(function (x) {
        return x.code === select.value;
      })[0];
      if (!l) return;
      pivot = { code: l.code, name: l.name };
      update();
    });
})();
