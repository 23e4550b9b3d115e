// The report page's script: draws every chart, adds downloads, the tokenizer key, sortable and filterable tables.
// Its number formats are src/report/format.ts, which scripts/report-assets.mjs inlines at `// @inline`.
/* global formatCell -- declared by the inlined module */
"use strict";
(function () {
  var state = (window.__toklens = { ready: false, errors: [], views: {} });
  var specs = JSON.parse(document.getElementById("toklens-specs").textContent);
  var names = Object.keys(specs);
  state.specs = specs;

  // The page's datasets are stored once, by column (src/report/page-data.ts): rebuild a dataset's rows by name.
  var dataBlock = document.getElementById("toklens-data");
  var pageData = dataBlock ? JSON.parse(dataBlock.textContent) : { strings: [], columns: [], tables: {} };
  function tableRows(name) {
    var t = pageData.tables[name];
    var cols = t.fields.map(function (f) {
      var c = pageData.columns[f[1]];
      return [
        f[0],
        Array.isArray(c)
          ? c
          : c.s.map(function (j) {
              return j < 0 ? null : pageData.strings[j];
            }),
      ];
    });
    var rows = [];
    for (var r = 0; r < t.rows; r++) {
      var row = {};
      for (var i = 0; i < cols.length; i++) row[cols[i][0]] = cols[i][1][r];
      rows.push(row);
    }
    return rows;
  }
  state.tableRows = tableRows;
  // A spec's named data source becomes its rows again, so every script that rewrites a spec sees `data.values`.
  function fillData(node) {
    if (Array.isArray(node)) {
      node.forEach(fillData);
      return;
    }
    if (!node || typeof node !== "object") return;
    Object.keys(node).forEach(function (k) {
      var v = node[k];
      if (
        k === "data" &&
        v &&
        typeof v.name === "string" &&
        Object.prototype.hasOwnProperty.call(pageData.tables, v.name)
      )
        node[k] = { values: tableRows(v.name) };
      else fillData(v);
    });
  }
  names.forEach(function (name) {
    fillData(specs[name]);
  });

  // Tables whose rows come from the data block (data-rows names the dataset, data-cells how each cell shows).
  // formatCell, the one the HTML tables and summary.md show numbers with:
  // @inline src/report/format.ts
  document.querySelectorAll("table[data-rows]").forEach(function (table) {
    var cells = JSON.parse(table.getAttribute("data-cells"));
    var body = document.createDocumentFragment();
    tableRows(table.getAttribute("data-rows")).forEach(function (row) {
      var tr = document.createElement("tr");
      cells.forEach(function (c) {
        var td = document.createElement("td");
        var v = row[c[0]];
        td.textContent = formatCell(v, c[1], row);
        if (c[1][0] !== "text") {
          td.className = "num";
          td.setAttribute("data-v", typeof v === "number" && isFinite(v) ? String(v) : "");
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.tBodies[0].appendChild(body);
  });
  // Draws chart `name` from `spec` into its box, or redraws it (the pivot switch, the tokenizer chooser): the new
  // view replaces the old one, and its filter box replaces the old one in the chart's head.
  state.embed = function (name, spec) {
    var el = document.getElementById("chart-" + name);
    var old = state.views[name];
    return vegaEmbed(el, spec, { actions: false, renderer: "svg" }).then(function (res) {
      if (old) old.finalize();
      state.views[name] = res.view;
      var tools = document.querySelector("#head-" + name + " .head-tools");
      var bindings = el.querySelector(".vega-bindings");
      if (tools && bindings) {
        var stale = tools.querySelector(".vega-bindings");
        if (stale) stale.remove();
        tools.insertBefore(bindings, tools.firstChild);
      }
    });
  };
  function drawChart(name) {
    var el = document.getElementById("chart-" + name);
    // the spec as it is now: the pivot switch or the tokenizer chooser may have changed it before its turn came
    var spec = state.filterSpec ? state.filterSpec(state.specs[name]) : state.specs[name];
    return state.embed(name, spec).then(
      function () {
        addChartDownloads(name, el);
      },
      function (err) {
        state.errors.push(name + ": " + err);
        el.textContent = "This chart could not be drawn: " + err;
        console.error(err);
      },
    );
  }
  // The page's text (summary, tables) is static HTML: let the browser paint it first, then draw the charts one by
  // one in page order, yielding between them, so a large report is readable at once and its charts appear as drawn.
  function afterPaint(fn) {
    requestAnimationFrame(function () {
      setTimeout(fn, 0);
    });
  }
  function drawFrom(i) {
    if (i >= names.length) {
      state.ready = true;
      document.documentElement.setAttribute("data-charts-ready", "true");
      return;
    }
    if (i === 0) state.chartsStarted = window.performance.now();
    drawChart(names[i]).then(function () {
      setTimeout(function () {
        drawFrom(i + 1);
      }, 0);
    });
  }
  afterPaint(function () {
    drawFrom(0);
  });

  // Downloads: each chart as SVG or PNG (drawn by its live view), each table as CSV (numbers at full precision).
  function download(file, url) {
    var a = document.createElement("a");
    a.href = url;
    a.download = file;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function button(label, file) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "download";
    b.textContent = label;
    b.setAttribute("data-download", file);
    return b;
  }
  function addChartDownloads(name, el) {
    var bar = document.createElement("span");
    bar.className = "downloads";
    ["svg", "png"].forEach(function (format) {
      var b = button(format.toUpperCase(), name + "." + format);
      b.addEventListener("click", function () {
        state.views[name].toImageURL(format, format === "png" ? 2 : 1).then(function (url) {
          download(name + "." + format, url);
        });
      });
      bar.appendChild(b);
    });
    var tools = document.querySelector("#head-" + name + " .head-tools");
    if (tools) tools.appendChild(bar);
    else el.parentNode.insertBefore(bar, el);
  }
  function csvField(v) {
    var s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function tableCsv(table) {
    var lines = [];
    Array.prototype.forEach.call(table.rows, function (row) {
      var cells = Array.prototype.map.call(row.cells, function (cell) {
        var v = cell.getAttribute("data-v");
        return csvField(v !== null && v !== "" ? v : v === "" ? "" : cell.textContent);
      });
      lines.push(cells.join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var b = button("CSV", table.id + ".csv");
    b.addEventListener("click", function () {
      download(table.id + ".csv", URL.createObjectURL(new Blob([tableCsv(table)], { type: "text/csv" })));
    });
    var box = table.closest(".table-box");
    box.parentNode.insertBefore(b, box);
  });

  // The tokenizer key above a chart: a click highlights that tokenizer in every chart that has the param.
  function highlight(label) {
    document.querySelectorAll("button.key[data-tokenizer]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(label !== "" && b.getAttribute("data-tokenizer") === label));
    });
    document.querySelectorAll(".keys").forEach(function (k) {
      k.classList.toggle("picking", label !== "");
    });
    Object.keys(state.views).forEach(function (name) {
      var view = state.views[name];
      try {
        view.signal("highlight_tokenizer");
      } catch {
        return;
      }
      view.signal("highlight_tokenizer", label).runAsync();
    });
  }
  document.querySelectorAll("button.key[data-tokenizer]").forEach(function (b) {
    b.addEventListener("click", function () {
      highlight(b.getAttribute("aria-pressed") === "true" ? "" : b.getAttribute("data-tokenizer"));
    });
  });

  // Tables: click a header to sort (numbers by their data-v value), type in a search box to filter rows.
  function cellValue(row, i) {
    var cell = row.cells[i];
    if (!cell) return "";
    var v = cell.getAttribute("data-v");
    return v !== null ? (v === "" ? NaN : Number(v)) : cell.textContent;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, i) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var asc = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (h) {
          h.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, i),
            y = cellValue(b, i);
          if (typeof x === "number" && typeof y === "number") {
            if (isNaN(x)) return isNaN(y) ? 0 : 1;
            if (isNaN(y)) return -1;
            return asc ? x - y : y - x;
          }
          return asc ? String(x).localeCompare(String(y)) : String(y).localeCompare(String(x));
        });
        rows.forEach(function (r) {
          body.appendChild(r);
        });
      });
    });
  });
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    input.addEventListener("input", function () {
      var q = input.value.toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });
})();
