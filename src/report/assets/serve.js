// The live page of `toklens serve` (src/serve/): sends the text box (debounced) to the server and draws the splits it
// answers with the report's token view (window.toklensTokenView, token-view.js). Live text or one tokenizer over the
// same segment in several languages; the state (mode, tokenizers, text, language, languages) lives in the URL.
// Every string goes in through textContent, an attribute or a form value, never as HTML.
"use strict";
(function () {
  var config = JSON.parse(document.getElementById("toklens-serve-config").textContent);
  var state = (window.__toklensServe = { shown: null, errors: [] });
  var $ = function (id) {
    return document.getElementById(id);
  };
  var textBox = $("serve-text");
  var modeSelect = $("serve-mode");
  var langSelect = $("serve-lang");
  var langsInput = $("serve-langs");
  var tokList = $("serve-tokenizers");
  var tokInput = $("serve-add");
  var status = $("serve-status");
  var stats = $("serve-stats");
  var views = $("serve-views");
  var tokenizers = config.tokenizers.slice();
  var seq = 0;
  var timer = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function fmt(v, digits) {
    return typeof v === "number" && isFinite(v) ? v.toFixed(digits) : "\u2013";
  }
  function usd(v) {
    if (typeof v !== "number" || !isFinite(v)) return "\u2013";
    return v >= 1 ? "$" + v.toFixed(2) : "$" + v.toPrecision(2);
  }
  config.builtins.forEach(function (b) {
    var o = el("option", null, b.label);
    o.value = b.value;
    $("serve-builtins").appendChild(o);
  });
  if (config.reports) {
    $("serve-reports").hidden = false;
    config.reports.forEach(function (path) {
      var li = el("li");
      var a = el("a", null, path);
      a.href = "/reports/" + path.split("/").map(encodeURIComponent).join("/");
      li.appendChild(a);
      $("serve-report-list").appendChild(li);
    });
  }
  langSelect.appendChild(el("option", null, "\u2014 put a language's segment in the box \u2014")).value = "";
  // report runs (with --reports): `toklens report` in a child process of the server, polled for its progress
  function drawRuns(runs) {
    var list = $("serve-runs");
    list.textContent = "";
    runs.forEach(function (r) {
      var li = el("li");
      li.setAttribute("data-run", r.name);
      li.setAttribute("data-state", r.state);
      li.appendChild(el("span", null, r.name + ": " + r.state + " "));
      var bar = el("progress");
      bar.max = r.total || 1;
      bar.value = r.state === "done" ? bar.max : r.done;
      li.appendChild(bar);
      li.appendChild(el("span", "tok-muted", " " + r.phase + " " + r.done + "/" + r.total + " "));
      if (r.report) {
        var a = el("a", null, "open");
        a.href = "/reports/" + r.report.split("/").map(encodeURIComponent).join("/");
        li.appendChild(a);
      } else if (r.state === "failed") li.appendChild(el("span", "serve-error", r.message));
      list.appendChild(li);
    });
    if (
      runs.some(function (r) {
        return r.state === "running";
      })
    )
      setTimeout(pollRuns, 700);
  }
  function pollRuns() {
    window
      .fetch("/api/runs")
      .then(function (r) {
        return r.json();
      })
      .then(drawRuns);
  }
  if (config.reports) {
    $("serve-run-button").addEventListener("click", function () {
      post("/api/runs", {
        kind: $("serve-run-kind").value,
        name: $("serve-run-name").value.trim(),
        tokenizers: tokenizers,
        languages: $("serve-run-langs").value.split(",").map(trim).filter(Boolean),
      }).then(pollRuns, function (err) {
        status.textContent = String(err.message || err);
      });
    });
    pollRuns();
  }
  config.languages.forEach(function (l) {
    var o = el("option", null, l.label);
    o.value = l.code;
    langSelect.appendChild(o);
  });

  // the URL holds the view: a link (or a reload) shows the same thing
  function writeUrl() {
    var q = new window.URLSearchParams();
    q.set("mode", modeSelect.value);
    q.set("tok", tokenizers.join(","));
    if (langSelect.value) q.set("lang", langSelect.value);
    if (modeSelect.value === "langs") q.set("langs", langsInput.value);
    else q.set("text", textBox.value);
    window.history.replaceState(null, "", "?" + q.toString());
  }
  function readUrl() {
    var q = new window.URLSearchParams(location.search);
    if (q.get("mode") === "langs") modeSelect.value = "langs";
    if (q.get("tok") !== null) tokenizers = q.get("tok").split(",").filter(Boolean);
    if (q.get("lang") !== null) langSelect.value = q.get("lang");
    if (q.get("langs") !== null) langsInput.value = q.get("langs");
    return q.get("text");
  }

  function drawTokenizers() {
    tokList.textContent = "";
    tokenizers.forEach(function (t, i) {
      var chip = el("span", "chip");
      chip.setAttribute("data-tokenizer", t);
      chip.appendChild(el("span", null, t));
      var x = el("button", "chip-x", "\u00d7");
      x.type = "button";
      x.title = "remove " + t;
      x.addEventListener("click", function () {
        tokenizers.splice(i, 1);
        drawTokenizers();
        update(0);
      });
      chip.appendChild(x);
      tokList.appendChild(chip);
    });
  }
  function addTokenizer() {
    var ref = tokInput.value.trim();
    if (ref === "" || tokenizers.indexOf(ref) >= 0) return;
    tokenizers.push(ref);
    tokInput.value = "";
    drawTokenizers();
    update(0);
  }
  $("serve-add-button").addEventListener("click", addTokenizer);
  tokInput.addEventListener("keydown", function (e) {
    if (e.key === "Enter") addTokenizer();
  });

  function post(path, body) {
    return window
      .fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (r) {
        return r.json().then(function (j) {
          if (!r.ok) throw new Error(j.error || r.statusText);
          return j;
        });
      });
  }

  function drawStats(answer, mode) {
    stats.textContent = "";
    var head = el("tr");
    var cols =
      mode === "langs" ? ["language", "tokens", "chars/token", "premium"] : ["tokenizer", "tokens", "chars/token"];
    if (config.prices) cols.push("cost (input)");
    cols.push("ms");
    cols.forEach(function (c) {
      head.appendChild(el("th", null, c));
    });
    stats.appendChild(head);
    answer.rows.forEach(function (r) {
      var tr = el("tr");
      tr.setAttribute("data-row", mode === "langs" ? r.language : r.tokenizer);
      var cells = [mode === "langs" ? r.language : r.label, String(r.tokens), fmt(r.charsPerToken, 2)];
      if (mode === "langs") cells.push(fmt(r.premium, 2));
      if (config.prices) cells.push(usd(r.costUsd));
      cells.push(fmt(r.encodeMs, 1));
      cells.forEach(function (c, i) {
        tr.appendChild(el("td", i > 0 ? "num" : null, c));
      });
      stats.appendChild(tr);
    });
    answer.errors.forEach(function (e) {
      var tr = el("tr", "serve-error");
      var td = el("td", null, e.tokenizer + ": " + e.message);
      td.colSpan = cols.length;
      tr.appendChild(td);
      stats.appendChild(tr);
    });
  }

  function draw(answer, mode) {
    views.textContent = "";
    views.setAttribute("data-mode", mode);
    answer.view.samples.forEach(function (s) {
      var box = el("div", "serve-view");
      box.setAttribute("data-language", s.language);
      if (mode === "langs") box.appendChild(el("h3", null, labelOf(answer.view, s.language)));
      views.appendChild(box);
      window.toklensTokenView.render(box, answer.view, s.language);
    });
    drawStats(answer, mode);
  }
  function labelOf(view, code) {
    var l = view.languages.filter(function (x) {
      return x.code === code;
    })[0];
    return l ? l.label : code;
  }

  function request() {
    var mode = modeSelect.value;
    var mine = ++seq;
    var body =
      mode === "langs"
        ? { tokenizer: tokenizers[0], languages: langsInput.value.split(",").map(trim).filter(Boolean) }
        : { text: textBox.value, tokenizers: tokenizers };
    writeUrl();
    if (mode === "langs" && !tokenizers[0]) {
      status.textContent = "Add a tokenizer to compare languages with.";
      return;
    }
    status.textContent = "\u2026";
    var started = window.performance.now();
    post(mode === "langs" ? "/api/languages" : "/api/tokenize", body).then(
      function (answer) {
        if (mine !== seq) return; // a later keystroke's answer is on its way
        draw(answer, mode);
        status.textContent = "answered in " + Math.round(window.performance.now() - started) + " ms";
        state.shown = { mode: mode, text: mode === "langs" ? null : body.text, tokenizers: tokenizers.slice() };
        document.documentElement.setAttribute("data-shown", String(mine));
      },
      function (err) {
        if (mine !== seq) return;
        status.textContent = String(err.message || err);
        state.errors.push(String(err.message || err));
      },
    );
  }
  function trim(s) {
    return s.trim();
  }
  function update(delay) {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(request, delay);
  }
  function showMode() {
    var langs = modeSelect.value === "langs";
    $("serve-live").hidden = langs;
    $("serve-compare").hidden = !langs;
  }
  function fillFromLanguage() {
    if (langSelect.value === "") return;
    if (modeSelect.value === "langs") {
      var codes = langsInput.value.split(",").map(trim).filter(Boolean);
      if (codes.indexOf(langSelect.value) < 0) codes.push(langSelect.value);
      langsInput.value = codes.join(",");
      update(0);
      return;
    }
    window
      .fetch("/api/segment?lang=" + encodeURIComponent(langSelect.value))
      .then(function (r) {
        return r.json();
      })
      .then(function (s) {
        if (typeof s.text !== "string") throw new Error(s.error);
        textBox.value = s.text;
        update(0);
      })
      .catch(function (err) {
        status.textContent = String(err.message || err);
      });
  }

  textBox.addEventListener("input", function () {
    update(config.debounceMs);
  });
  langsInput.addEventListener("change", function () {
    update(0);
  });
  modeSelect.addEventListener("change", function () {
    showMode();
    update(0);
  });
  langSelect.addEventListener("change", fillFromLanguage);

  var text = readUrl();
  showMode();
  drawTokenizers();
  if (text !== null) textBox.value = text;
  else if (config.text !== undefined) textBox.value = config.text;
  update(0);
})();
