// Every chart spec a report can emit validates against the Vega-Lite JSON schema and compiles without warnings.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import { buildCharts, CHARTS } from "../../src/report/chart-registry.js";
import { buildReportModel } from "../../src/report/report-model.js";
import { hostileReportData, manyLanguagesReportData, sampleReportData } from "./report-fixtures.js";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("vega-lite/vega-lite-schema.json"), "utf8")) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
const validate = ajv.compile(schema);

const cases = {
  sample: sampleReportData(true),
  "sample without vocab and adaptation": sampleReportData(false),
  hostile: hostileReportData(),
  "400+ languages": manyLanguagesReportData(),
};

describe("chart specs", () => {
  it("the sample report builds every registered chart", () => {
    expect(buildCharts(buildReportModel(cases.sample)).map((c) => c.name)).toEqual(CHARTS.map((c) => c.name));
  });

  it("without vocab and adaptation sections, only the compare charts are built", () => {
    expect(buildCharts(buildReportModel(cases["sample without vocab and adaptation"])).map((c) => c.name)).toEqual([
      "cheapest",
      "gini",
      "premium-spread",
      "premium",
      "premium-heatmap",
      "fertility",
    ]);
  });

  it("the validator rejects a malformed spec (so passing means something)", () => {
    const chart = buildCharts(buildReportModel(cases.sample)).find((c) => c.name === "gini")!;
    expect(validate({ ...chart.spec, mark: "bars" })).toBe(false);
    expect(validate({ ...chart.spec, height: "tall" })).toBe(false);
  });

  it("quantitative axes keep their titles and are not drawn twice on the same side", () => {
    type VgNode = { axes?: { scale: string; orient: string; title?: unknown; labels?: boolean }[]; marks?: VgNode[] };
    for (const chart of buildCharts(buildReportModel(cases.sample))) {
      const compiled = compile(chart.spec).spec as VgNode;
      const groups: VgNode[] = [];
      const walk = (n: VgNode) => {
        groups.push(n);
        for (const m of n.marks ?? []) walk(m);
      };
      walk(compiled);
      const titled: string[] = [];
      for (const g of groups) {
        // Grid-only axes (labels: false) are how Vega-Lite draws grids; count only the visible ones.
        const visible = (g.axes ?? []).filter((a) => a.labels !== false);
        const sides = visible.map((a) => `${a.scale}/${a.orient}`);
        expect(new Set(sides).size, `${chart.name}: duplicate axes ${sides.join(", ")}`).toBe(sides.length);
        titled.push(
          ...visible.filter((a) => typeof a.title === "string" && a.title !== "").map((a) => String(a.title)),
        );
      }
      if (!["premium-heatmap", "vocab-overlap"].includes(chart.name))
        expect(titled.length, `${chart.name} has no axis title`).toBeGreaterThan(0);
    }
  });

  for (const [name, data] of Object.entries(cases)) {
    it(`${name}: every spec validates against the Vega-Lite schema and compiles without warnings`, () => {
      for (const chart of buildCharts(buildReportModel(data))) {
        const valid = validate(chart.spec);
        expect(valid ? [] : validate.errors?.slice(0, 5), `${chart.name} schema errors`).toEqual([]);
        const warnings: string[] = [];
        const logger = {
          level: () => logger,
          error: (...m: unknown[]) => {
            warnings.push(m.join(" "));
            return logger;
          },
          warn: (...m: unknown[]) => {
            warnings.push(m.join(" "));
            return logger;
          },
          info: () => logger,
          debug: () => logger,
        };
        compile(chart.spec, { logger: logger as never });
        expect(warnings, `${chart.name} compile warnings`).toEqual([]);
      }
    });
  }
});
