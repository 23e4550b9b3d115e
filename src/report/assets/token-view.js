// The token-boundary view's script: draws the view from the JSON in #toklens-token-samples into #tok-view, for the
// language picked in #tok-lang. The splits are packed (src/report/packed-tokens.ts, ids in base 64: toPageSplit in
// token-view-html.ts); `unpack` here is
// unpackTokenSplit, rule for rule. Every string goes in through textContent or an attribute, never as HTML.
"use strict";
(function () {
  var source = document.getElementById("toklens-token-samples");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var select = document.getElementById("tok-lang");
  var view = document.getElementById("tok-view");
  var byCode = {};
  data.samples.forEach(function (s) {
    byCode[s.language] = s;
  });
  var tokById = {};
  data.tokenizers.forEach(function (t) {
    tokById[t.id] = t;
  });
  var BYTE_LEVEL = (function () {
    var map = [],
      next = 0;
    for (var b = 0; b < 256; b++) {
      var printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
      map.push(String.fromCharCode(printable ? b : 256 + next++));
    }
    return map;
  })();
  var ID_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var encoder = new TextEncoder();
  var decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  function hex2(b) {
    return (b < 16 ? "0" : "") + b.toString(16);
  }
  function hexOf(bytes) {
    return Array.prototype.map.call(bytes, hex2).join(" ");
  }
  function bytesOfHex(hex) {
    return hex === ""
      ? new Uint8Array(0)
      : Uint8Array.from(hex.split(" "), function (h) {
          return parseInt(h, 16);
        });
  }
  function spell(rule, bytes, inHexGroup) {
    if (rule === "byte-level")
      return Array.prototype.map
        .call(bytes, function (b) {
          return BYTE_LEVEL[b];
        })
        .join("");
    if (rule === "metaspace") {
      if (inHexGroup && bytes.length === 1) return "<0x" + hex2(bytes[0]).toUpperCase() + ">";
      return decoder.decode(bytes).split(" ").join("▁");
    }
    return decoder.decode(bytes);
  }
  function unpack(sampleText, split) {
    var text = split.text !== undefined ? split.text : sampleText;
    var stored = new Map(split.storedExceptions || []);
    var hexes = new Map(split.hexExceptions || []);
    // ids64: each id as idWidth base-64 digits (toPageSplit in token-view-html.ts)
    var ids = [];
    for (var i = 0; i < split.ids64.length; i += split.idWidth) {
      var id = 0;
      for (var j = i; j < i + split.idWidth; j++) id = id * 64 + ID_DIGITS.indexOf(split.ids64.charAt(j));
      ids.push(id);
    }
    var pos = 0,
      k = 0;
    return (split.groups === "" ? [] : split.groups.split(" ")).map(function (g) {
      var parts = g.split(":").map(Number);
      var inHexGroup = parts.length > 1;
      var gtext = text.slice(pos, pos + parts[0]);
      pos += parts[0];
      var all = encoder.encode(gtext);
      var sizes = inHexGroup ? parts.slice(1) : [all.length];
      var at = 0;
      var tokens = sizes.map(function (size) {
        var explicit = hexes.get(k);
        var bytes = explicit !== undefined ? bytesOfHex(explicit) : all.slice(at, at + size);
        at += size;
        var t = {
          id: ids[k],
          token: stored.has(k) ? stored.get(k) : spell(split.stored, bytes, inHexGroup),
          hex: explicit !== undefined ? explicit : hexOf(bytes),
        };
        k++;
        return t;
      });
      return { text: gtext, tokens: tokens, bytes: inHexGroup };
    });
  }
  var SPECIAL = { " ": "\u00b7", "\t": "\u2192", "\n": "\u21b5", "\r": "\u240d", "\u00a0": "\u237d" };
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
  function render(code) {
    var sample = byCode[code];
    view.textContent = "";
    if (!sample) return;
    var text = el("p", "tok-sample");
    text.appendChild(el("span", "tok-muted", "Segment " + sample.segment + ": "));
    text.appendChild(el("span", null, sample.text));
    view.appendChild(text);
    sample.splits.forEach(function (packed) {
      var split = { tokenizer: packed.tokenizer, groups: unpack(sample.text, packed) };
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
      view.appendChild(row);
    });
  }
  data.languages.forEach(function (l) {
    var o = el("option", null, l.label);
    o.value = l.code;
    select.appendChild(o);
  });
  select.addEventListener("change", function () {
    render(select.value);
  });
  if (data.languages.length > 0) render(data.languages[0].code);
})();
