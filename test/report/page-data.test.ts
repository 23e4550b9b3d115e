// The page's data block (datasets by column, stored once), the tables built from it and the token view's base-64 ids.
import { describe, expect, it } from "vitest";
import { buildCharts } from "../../src/report/chart-registry.js";
import { formatCell } from "../../src/report/format.js";
import { renderHtml } from "../../src/report/html.js";
import { decodeTable, nameSpecData, PageTablesBuilder, type PageTables } from "../../src/report/page-data.js";
import { buildReportModel } from "../../src/report/report-model.js";
import { fromPageSplit, toPageSplit } from "../../src/report/token-view-html.js";
import type { PackedTokenSplit } from "../../src/results/packed-tokens.js";
import { defaultSampleChars } from "../../src/analysis/token-samples.js";
import { sampleReportData } from "./report-fixtures.js";

const scriptJson = (html: string, id: string): unknown =>
  JSON.parse(new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, "s").exec(html)![1]!);

describe("PageTablesBuilder", () => {
  it("stores rows by column and gives them back as they were (strings, nulls, numbers, arrays)", () => {
    const b = new PageTablesBuilder();
    const rows = [
      { lang: "English", n: 1541, p: 1.0000000000000002, ci: [0.9, 1.1], note: null },
      { lang: "Amharic", n: 3050, p: 1.979234, ci: null, note: "x" },
      { lang: "English", n: 0, p: null, ci: [1, 2], note: null },
    ];
    const name = b.add(rows)!;
    const t = b.build();
    expect(decodeTable(t, name)).toEqual(rows);
    // the strings column is indexes into one list: English twice is stored once, null is -1
    expect(t.strings).toEqual(["English", "Amharic", "x"]);
    expect(t.columns[t.tables[name]!.fields[0]![1]]).toEqual({ s: [0, 1, 0] });
    expect(t.columns[t.tables[name]!.fields[4]![1]]).toEqual({ s: [-1, 2, -1] });
  });

  it("stores an equal dataset once and an equal column of two datasets once", () => {
    const b = new PageTablesBuilder();
    const a = b.add([
      { x: 1, y: "a" },
      { x: 2, y: "b" },
    ])!;
    expect(
      b.add([
        { x: 1, y: "a" },
        { x: 2, y: "b" },
      ]),
    ).toBe(a);
    const c = b.add([
      { z: 5, x: 1 },
      { z: 6, x: 2 },
    ])!;
    expect(c).not.toBe(a);
    const t = b.build();
    expect(Object.keys(t.tables)).toHaveLength(2);
    // x is one column shared by both; y and z are one each
    expect(t.columns).toHaveLength(3);
    expect(t.tables[c]!.fields[1]).toEqual(["x", t.tables[a]!.fields[0]![1]]);
    expect(decodeTable(t, c)).toEqual([
      { z: 5, x: 1 },
      { z: 6, x: 2 },
    ]);
  });

  it("leaves rows it cannot store by column without loss (other keys, key order, undefined, non-objects, none)", () => {
    const b = new PageTablesBuilder();
    expect(b.add([{ x: 1 }, { y: 1 }])).toBeNull();
    expect(
      b.add([
        { x: 1, y: 2 },
        { y: 2, x: 1 },
      ]),
    ).toBeNull();
    expect(b.add([{ x: 1 }, { x: undefined }])).toBeNull();
    expect(b.add([1, 2])).toBeNull();
    expect(b.add([])).toBeNull();
    expect(Object.keys(b.build().tables)).toHaveLength(0);
  });
});

describe("nameSpecData", () => {
  it("names every inline dataset (layers too) and keeps everything else of the spec", () => {
    const b = new PageTablesBuilder();
    const spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      data: { values: [{ a: 1 }, { a: 2 }] },
      layer: [
        { data: { values: [{ b: "x" }] }, mark: "rule" },
        { mark: "point", encoding: { x: { field: "a" } } },
      ],
      transform: [{ filter: "datum.a > 0" }],
    };
    const out = nameSpecData({ s: spec }, b)["s"] as typeof spec & {
      data: { name: string };
      layer: { data?: { name: string } }[];
    };
    const t = b.build();
    expect(decodeTable(t, out.data.name)).toEqual(spec.data.values);
    expect(decodeTable(t, out.layer[0]!.data!.name)).toEqual(spec.layer[0]!.data!.values);
    expect(out.layer[1]).toEqual(spec.layer[1]);
    expect(out.transform).toEqual(spec.transform);
    expect(out.$schema).toBe(spec.$schema);
  });
});

describe("the report page's data", () => {
  const data = sampleReportData(true);
  const model = buildReportModel(data);
  const charts = buildCharts(model);
  const html = renderHtml(model, charts);
  const tables = scriptJson(html, "toklens-data") as PageTables;
  const specs = scriptJson(html, "toklens-specs") as Record<string, unknown>;

  it("embeds no chart's rows inline: every dataset is named and decodes to the chart's own values", () => {
    const inline: string[] = [];
    const check = (node: unknown, full: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((x, i) => check(x, (full as unknown[])[i], `${path}/${i}`));
      if (!node || typeof node !== "object") return;
      for (const [k, v] of Object.entries(node)) {
        // keys the page adds (autosize, a fixed height) have no counterpart in the full spec
        const fv = full && typeof full === "object" ? (full as Record<string, unknown>)[k] : undefined;
        if (k === "data") {
          const d = v as { name?: string; values?: unknown };
          if (d.values !== undefined) inline.push(path);
          else expect(decodeTable(tables, d.name!), path).toEqual((fv as { values: unknown }).values);
        } else check(v, fv, `${path}/${k}`);
      }
    };
    // the page's spec of a chart may drop its title and legend or set a width, never its data: compare data only
    for (const c of charts) check(specs[c.name], c.spec, c.name);
    expect(inline).toEqual([]);
  });

  it("keeps each distinct column once", () => {
    const texts = tables.columns.map((c) => JSON.stringify(c));
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("sends the numbers table as a dataset of its fields: one row per result, the page script builds the <tr>s", () => {
    const m =
      /<table class="sortable" id="table-results" data-rows="([^"]+)" data-cells="([^"]+)"><thead>.*?<\/thead><tbody>\n<\/tbody><\/table>/s.exec(
        html,
      )!;
    expect(m).not.toBeNull();
    const rows = decodeTable(tables, m[1]!);
    expect(rows).toHaveLength(model.rows.length);
    expect(rows[0]!["tokens"]).toBe(model.rows[0]!.tokens);
    expect(rows.map((r) => r["language_label"])).toEqual(model.rows.map((r) => r.language_label));
  });
});

describe("formatCell", () => {
  it("shows values as the page's tables always have (hand-computed)", () => {
    expect(formatCell(1234.5, ["int"])).toBe("1,235");
    expect(formatCell(0.12345, ["pct", 1])).toBe("12.3%");
    expect(formatCell(0.5, ["pct", 2])).toBe("50.00%");
    expect(formatCell(1.23456, ["fmt", 3])).toBe("1.235");
    expect(formatCell(null, ["fmt", 3])).toBe("–");
    expect(formatCell("Amharic", ["text"])).toBe("Amharic");
    expect(formatCell(1.9876, ["ci", 3, "lo", "hi"], { lo: 1.8, hi: 2.15 })).toBe("1.988 [1.80–2.15]");
    expect(formatCell(1.9876, ["ci", 3, "lo", "hi"], { lo: null, hi: null })).toBe("1.988");
    expect(formatCell(null, ["ci", 3, "lo", "hi"], {})).toBe("–");
  });
});

describe("token ids in the page", () => {
  const split = (ids: string): PackedTokenSplit => ({ tokenizer: "t", ids, groups: "1", stored: "utf8" });

  it("are base-64 digits of one width per split (hand-computed) and read back exactly", () => {
    expect(toPageSplit(split("0 1 63")).ids64).toBe("AB_");
    expect(toPageSplit(split("0 1 63")).idWidth).toBe(1);
    // 64 = "BA", 4095 = "__", 100 = 1*64 + 36 = "Bk"
    expect(toPageSplit(split("64 4095 100"))).toMatchObject({ ids64: "BA__Bk", idWidth: 2 });
    // gemma3's vocabulary is 262,144 = 64^3: its last ids need 3 digits, one more needs 4
    expect(toPageSplit(split("262143")).ids64).toBe("___");
    expect(toPageSplit(split("262144 5"))).toMatchObject({ ids64: "BAAAAAAF", idWidth: 4 });
    for (const ids of ["", "0", "7 228 139", "262144 5 0 99999", "128000 128001 1"]) {
      expect(fromPageSplit(toPageSplit(split(ids)))).toEqual(split(ids));
    }
  });
});

describe("defaultSampleChars", () => {
  it("keeps 300 up to 100 languages and cuts to 150 above", () => {
    expect(defaultSampleChars(45)).toBe(300);
    expect(defaultSampleChars(100)).toBe(300);
    expect(defaultSampleChars(101)).toBe(150);
    expect(defaultSampleChars(451)).toBe(150);
  });
});
