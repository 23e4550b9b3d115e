// The page's state in the URL hash, so a link reopens the same view: the pivot (`pivot=deu_Latn`), the tokenizers
// hidden (`hide=Qwen3,Gemma 3`), the token view's language (`tok=hin_Deva`) and each table filter
// (`filter-table-premium=hin`), after an optional section anchor: `#premium&pivot=deu_Latn&hide=Qwen3`. The state
// is applied once the charts are drawn, one control at a time (each redraw finishes before the next starts), and
// written back (history.replaceState, no new history entry) whenever a control changes.
"use strict";
(function () {
  var state = window.__toklens;
  if (!state) return;
  var history = window.history,
    Event = window.Event,
    MutationObserver = window.MutationObserver;
  var pivot = document.getElementById("pivot-select");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-show-tokenizer]"));
  var tokLang = document.getElementById("tok-lang");
  var filters = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var applying = true;

  function parse(hash) {
    var out = { anchor: "", values: {} };
    hash
      .replace(/^#/, "")
      .split("&")
      .forEach(function (part) {
        if (part === "") return;
        var eq = part.indexOf("=");
        if (eq < 0) out.anchor = decodeURIComponent(part);
        else out.values[decodeURIComponent(part.slice(0, eq))] = decodeURIComponent(part.slice(eq + 1));
      });
    return out;
  }
  function enc(s) {
    return encodeURIComponent(s).replace(/%2C/g, ",");
  }
  function write() {
    if (applying) return;
    var parts = [];
    var anchor = parse(location.hash).anchor;
    if (anchor) parts.push(enc(anchor));
    if (pivot && pivot.value !== pivot.getAttribute("data-run-pivot")) parts.push("pivot=" + enc(pivot.value));
    var hidden = boxes
      .filter(function (b) {
        return !b.checked;
      })
      .map(function (b) {
        return enc(b.getAttribute("data-show-tokenizer"));
      });
    if (hidden.length > 0) parts.push("hide=" + hidden.join(","));
    if (tokLang && tokLang.options.length > 0 && tokLang.value !== tokLang.options[0].value)
      parts.push("tok=" + enc(tokLang.value));
    filters.forEach(function (f) {
      if (f.value !== "") parts.push(enc("filter-" + f.getAttribute("data-filter")) + "=" + enc(f.value));
    });
    var hash = parts.length > 0 ? "#" + parts.join("&") : "";
    if (hash !== location.hash) history.replaceState(null, "", hash || location.pathname + location.search);
  }
  /** Resolves once the document element's attribute `name` is `value` (a redraw has finished), or after `wait` ms. */
  function whenAttribute(name, value, wait) {
    return new Promise(function (resolve) {
      var root = document.documentElement;
      if (root.getAttribute(name) === value) return resolve();
      var observer = new MutationObserver(function () {
        if (root.getAttribute(name) === value) done();
      });
      var timer = wait ? setTimeout(done, wait) : null;
      function done() {
        observer.disconnect();
        if (timer !== null) clearTimeout(timer);
        resolve();
      }
      observer.observe(root, { attributes: true, attributeFilter: [name] });
    });
  }
  function apply(values) {
    var steps = Promise.resolve();
    if (pivot && values.pivot && values.pivot !== pivot.value) {
      var known = Array.prototype.some.call(pivot.options, function (o) {
        return o.value === values.pivot;
      });
      if (known)
        steps = steps.then(function () {
          pivot.value = values.pivot;
          pivot.dispatchEvent(new Event("change"));
          return whenAttribute("data-pivot", values.pivot, 20000);
        });
    }
    if (values.hide) {
      var hide = values.hide.split(",");
      var changed = boxes.filter(function (b) {
        return hide.indexOf(b.getAttribute("data-show-tokenizer")) >= 0;
      });
      if (changed.length > 0)
        steps = steps.then(function () {
          changed.forEach(function (b) {
            b.checked = false;
          });
          changed[0].dispatchEvent(new Event("change"));
          var labels = changed
            .map(function (b) {
              return b.getAttribute("data-show-tokenizer");
            })
            .sort();
          return whenAttribute("data-hidden-tokenizers", labels.join("|"), 20000);
        });
    }
    steps = steps.then(function () {
      if (tokLang && values.tok) {
        var ok = Array.prototype.some.call(tokLang.options, function (o) {
          return o.value === values.tok;
        });
        if (ok) {
          tokLang.value = values.tok;
          tokLang.dispatchEvent(new Event("change"));
        }
      }
      filters.forEach(function (f) {
        var v = values["filter-" + f.getAttribute("data-filter")];
        if (v !== undefined) {
          f.value = v;
          f.dispatchEvent(new Event("input"));
        }
      });
    });
    return steps;
  }
  function start() {
    if (pivot) pivot.setAttribute("data-run-pivot", pivot.value);
    var initial = parse(location.hash);
    apply(initial.values).then(function () {
      applying = false;
      if (initial.anchor) {
        var target = document.getElementById(initial.anchor);
        if (target) target.scrollIntoView();
      }
      write();
      document.documentElement.setAttribute("data-state-applied", "true");
    });
  }
  if (pivot) pivot.addEventListener("change", write);
  boxes.forEach(function (b) {
    b.addEventListener("change", write);
  });
  if (tokLang) tokLang.addEventListener("change", write);
  filters.forEach(function (f) {
    f.addEventListener("input", write);
  });
  // a nav link keeps the state: it scrolls to its section and puts its anchor in front of the state
  document.querySelectorAll('nav a[href^="#"]').forEach(function (a) {
    a.addEventListener("click", function (e) {
      var id = a.getAttribute("href").slice(1);
      var target = document.getElementById(id);
      if (!target) return;
      e.preventDefault();
      target.scrollIntoView();
      var rest = location.hash
        .replace(/^#/, "")
        .split("&")
        .filter(function (p) {
          return p.indexOf("=") >= 0;
        });
      history.replaceState(null, "", "#" + [enc(id)].concat(rest).join("&"));
    });
  });
  if (state.ready) start();
  else
    whenAttribute("data-charts-ready", "true").then(function () {
      // page.js sets the attribute when every chart is drawn: start after its other callbacks ran
      setTimeout(start, 0);
    });
})();
