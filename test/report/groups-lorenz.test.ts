// The report's Lorenz and groups charts: their data implies the summary's gini, every mark has a tooltip, and the Groups section lists each row.
import { describe, expect, it } from "vitest";
import { buildCharts } from "../../src/report/chart-registry.js";
import { renderHtml } from "../../src/report/html.js";
import { buildReportModel } from "../../src/report/report-model.js";
import { giniFromLorenz } from "../../src/metrics/lorenz.js";
import { giniCoefficient } from "../../src/metrics/gini.js";
import { sampleReportData } from "./report-fixtures.js";

type Layer = { data?: { values: Record<string, unknown>[] }; encoding?: { tooltip?: unknown[] } };

describe("Lorenz and groups charts", () => {
  const data = sampleReportData(true);
  const model = buildReportModel(data);
  const charts = buildCharts(model);

  // the fixture's summary ginis are invented, so the chart is checked against the gini of its rows' premiums; runCompare's
  // own summary.gini is checked against its Lorenz curve in test/analysis/groups.test.ts
  it("each tokenizer's Lorenz line implies the gini of its non-pivot premiums (1 - 2 x trapezoid area)", () => {
    const spec = charts.find((c) => c.name === "lorenz")!.spec as unknown as { layer: Layer[] };
    const values = spec.layer[1]!.data!.values as {
      tokenizer_label: string;
      languages: number;
      cost: number;
      order: number;
    }[];
    expect(spec.layer[1]!.encoding!.tooltip!.length).toBeGreaterThan(3);
    for (const t of model.tokenizers) {
      const points = values.filter((v) => v.tokenizer_label === t.label).sort((a, b) => a.order - b.order);
      expect(points.length).toBe(model.languages.length); // the origin plus every language but the pivot
      const gini = giniCoefficient(
        data.compare.results.flatMap((r) =>
          r.tokenizer === t.id && r.language !== data.compare.pivot && r.premium !== null ? [r.premium] : [],
        ),
      )!;
      expect(giniFromLorenz(points.map((p) => ({ ...p, language: null, value: null })))).toBeCloseTo(gini, 10);
    }
  });

  it("the groups chart has one point per tokenizer x group with a tooltip, and the HTML section one table row each", () => {
    const spec = charts.find((c) => c.name === "groups")!.spec as unknown as {
      data: { values: { group: string }[] };
      layer: Layer[];
    };
    const rows = data.compare.groups!.rows;
    expect(spec.data.values.length).toBe(rows.filter((r) => r.median_premium !== null).length);
    for (const layer of spec.layer) expect(layer.encoding!.tooltip!.length).toBe(6);
    const html = renderHtml(model, charts);
    expect(html).toContain('<section id="groups"><h2>Groups of languages (by script)</h2>');
    const table = html.slice(
      html.indexOf('id="table-groups"'),
      html.indexOf("</table>", html.indexOf('id="table-groups"')),
    );
    expect(table.split("<tr").length - 2).toBe(rows.length); // minus the split's head and the header row
  });

  it("without lorenz or groups in the data neither chart nor section appears", () => {
    const plain = buildReportModel(sampleReportData(false));
    const names = buildCharts(plain).map((c) => c.name);
    expect(names).not.toContain("lorenz");
    expect(names).not.toContain("groups");
    expect(renderHtml(plain, buildCharts(plain))).not.toContain('id="groups"');
  });
});
