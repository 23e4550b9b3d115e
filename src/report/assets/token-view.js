// The token-boundary view's script: draws the view from the JSON in #toklens-token-samples into #tok-view, for the
// language picked in #tok-lang (and beside it, #tok-lang2); window.toklensTokenView.render draws other data (the live
// page of toklens serve). The splits are packed (src/results/packed-tokens.ts, ids in base 64: toPageSplit in
// token-view-html.ts) and decoded by packed-token-codec.ts, which scripts/report-assets.mjs inlines at `// @inline`.
// Every string goes in through textContent or an attribute, never as HTML.
/* global unpackGroups, base64Ids -- declared by the inlined module */
"use strict";
(function () {
  // unpackGroups and base64Ids, the decoder unpackTokenSplit runs in Node:
  // @inline src/results/packed-token-codec.ts
  // Marks with a glyph in the page's embedded fonts (page-fonts.ts): ¶ rather than the terminal view's ↵, which no
  // bundled face has; a no-break space and a carriage return show as \u{A0} and \u{D}, like other invisibles.
  var SPECIAL = { " ": "\u00b7", "\t": "\u2192", "\n": "\u00b6" };
  function visible(text) {
    return text.replace(
      /[\u0000-\u0020\u007f-\u00a0\u00ad\u061c\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u2069\u3000\ufeff]/g,
      function (c) {
        return SPECIAL[c] || "\\u{" + c.charCodeAt(0).toString(16).toUpperCase() + "}";
      },
    );
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function tok(t, shown, n) {
    var s = el("span", "tok " + (n % 2 ? "tok-odd" : "tok-even"), shown);
    s.setAttribute("data-id", String(t.id));
    s.setAttribute("data-bytes", t.hex);
    s.title = "id " + t.id + "\nstored " + JSON.stringify(t.token) + "\nbytes " + (t.hex || "(none)");
    return s;
  }
  // What the sample is: its segment, and when it was cut, how much of it is shown and where it was cut.
  var CUT = {
    sentence: "cut after a sentence",
    space: "cut at a space, mid-sentence",
    char: "cut inside a word",
  };
  function sampleNote(sample) {
    var note = sample.segment ? "Segment " + sample.segment : "The text";
    if (sample.cut && sample.segmentChars) {
      note +=
        ", first " +
        Array.from(sample.text).length +
        " of " +
        sample.segmentChars +
        " characters (" +
        CUT[sample.cut] +
        ")";
    }
    return note + ": ";
  }
  function sampleText(sample) {
    var text = el("p", "tok-sample");
    text.appendChild(el("span", "tok-muted", sampleNote(sample)));
    text.appendChild(el("span", null, sample.text));
    return text;
  }
  // One tokenizer's split of a sample: its name, token count and the tokens on alternating backgrounds.
  function splitRow(tokById, sample, packed) {
    var split = {
      tokenizer: packed.tokenizer,
      groups: unpackGroups(sample.text, packed, base64Ids(packed.ids64, packed.idWidth)),
    };
    var info = tokById[split.tokenizer] || { label: split.tokenizer, color: "#999" };
    var count = split.groups.reduce(function (n, g) {
      return n + g.tokens.length;
    }, 0);
    var row = el("div", "tok-row");
    row.setAttribute("data-tokenizer", split.tokenizer);
    var name = el("div", "tok-name");
    var sw = el("span", "swatch");
    sw.style.background = info.color;
    name.appendChild(sw);
    name.appendChild(el("span", null, info.label));
    name.appendChild(el("span", "tok-muted", " " + count + " tokens"));
    row.appendChild(name);
    var line = el("div", "tok-line");
    var n = 0;
    split.groups.forEach(function (g) {
      if (!g.bytes) {
        var t = g.tokens[0];
        line.appendChild(tok(t, visible(g.text) || "\u2205", n++));
      } else {
        var box = el("span", "tok-group");
        box.title = "bytes of " + JSON.stringify(g.text);
        box.appendChild(el("span", "tok-chars", visible(g.text)));
        var bytes = el("span", "tok-bytes");
        g.tokens.forEach(function (t) {
          bytes.appendChild(tok(t, t.hex || "\u2205", n++));
        });
        box.appendChild(bytes);
        line.appendChild(box);
      }
      if (g.text.indexOf("\n") >= 0) line.appendChild(el("br"));
    });
    row.appendChild(line);
    return row;
  }
  // Draws `sample` (one entry of data.samples) into `view`, one row per split; with `other`, two samples side by side.
  function render(view, data, sample, other) {
    var tokById = {};
    data.tokenizers.forEach(function (t) {
      tokById[t.id] = t;
    });
    var labelOf = {};
    data.languages.forEach(function (l) {
      labelOf[l.code] = l.label;
    });
    view.textContent = "";
    if (!sample) return;
    if (!other) {
      view.appendChild(sampleText(sample));
      sample.splits.forEach(function (packed) {
        view.appendChild(splitRow(tokById, sample, packed));
      });
      return;
    }
    // Two languages side by side: their samples on top, then per tokenizer one line of the grid, so the same
    // tokenizer's splits of the same segment sit next to each other.
    var grid = el("div", "tok-pair");
    grid.setAttribute("data-languages", sample.language + " " + other.language);
    [sample, other].forEach(function (s) {
      var head = el("div", "tok-pair-head");
      head.appendChild(el("div", "tok-pair-lang", labelOf[s.language] || s.language));
      head.appendChild(sampleText(s));
      grid.appendChild(head);
    });
    if (sample.segment !== other.segment)
      grid.appendChild(el("p", "tok-muted tok-pair-note", "These samples come from different segments."));
    sample.splits.forEach(function (packed) {
      var match = other.splits.filter(function (p) {
        return p.tokenizer === packed.tokenizer;
      })[0];
      grid.appendChild(splitRow(tokById, sample, packed));
      grid.appendChild(match ? splitRow(tokById, other, match) : el("div", "tok-row tok-muted", "no split"));
    });
    view.appendChild(grid);
  }
  function sampleOf(data, code) {
    return data.samples.filter(function (s) {
      return s.language === code;
    })[0];
  }
  // the live page of `toklens serve` (src/serve/) draws its splits with this same view
  window.toklensTokenView = {
    render: function (view, data, code) {
      render(view, data, sampleOf(data, code), null);
    },
  };
  var source = document.getElementById("toklens-token-samples");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var select = document.getElementById("tok-lang");
  var view = document.getElementById("tok-view");
  data.languages.forEach(function (l) {
    var o = el("option", null, l.label);
    o.value = l.code;
    select.appendChild(o);
  });
  // the second language: none, or any language of the view
  var second = document.getElementById("tok-lang2");
  if (second) {
    var none = el("option", null, "(none)");
    none.value = "";
    second.appendChild(none);
    data.languages.forEach(function (l) {
      var o = el("option", null, l.label);
      o.value = l.code;
      second.appendChild(o);
    });
    if (data.languages.length < 2) second.parentNode.hidden = true;
  }
  function update() {
    var beside = second ? second.value : "";
    var other = beside && beside !== select.value ? sampleOf(data, beside) : null;
    render(view, data, sampleOf(data, select.value), other);
  }
  select.addEventListener("change", update);
  if (second) second.addEventListener("change", update);
  if (data.languages.length > 0) render(view, data, sampleOf(data, data.languages[0].code), null);
})();
