// Details of the rendered page that need no browser: the "could not be computed" notice and tokenizer colours.
import { describe, expect, it } from "vitest";
import { buildCharts } from "../../src/report/chart-registry.js";
import { TOKENIZER_COLORS, tokenizerColors } from "../../src/report/charts/common.js";
import { missingValues } from "../../src/report/findings.js";
import { renderHtml } from "../../src/report/html.js";
import { buildReportModel } from "../../src/report/report-model.js";
import type { ReportData } from "../../src/results/report-data.js";
import { BUILTIN_TOKENIZERS } from "../../src/tokenizers/registry.js";
import { sampleReportData } from "./report-fixtures.js";

/** The sample with every metric value filled in (no nulls), and no warnings. */
function complete(): ReportData {
  const data = sampleReportData(false);
  for (const r of data.compare.results) {
    for (const k of [
      "fertility",
      "continued_words",
      "word_fertility",
      "strr",
      "bytes_per_token",
      "chars_per_token",
      "premium",
      "unk_rate",
      "byte_fallback_rate",
      "unique_tokens",
      "vocab_utilization",
      "renyi_efficiency",
      "shannon_efficiency",
    ] as const) {
      if (r[k] === null) r[k] = 0.5;
    }
  }
  data.compare.warnings = [];
  return data;
}

const page = (data: ReportData) => {
  const model = buildReportModel(data);
  return renderHtml(model, buildCharts(model));
};

describe("the findings' notice about missing values", () => {
  it("says nothing when no value is null and nothing was warned", () => {
    const data = complete();
    expect(missingValues(buildReportModel(data))).toBe(0);
    // the sample itself: only Tibetan's fertility, continued_words and word_fertility, for 6 tokenizers
    expect(missingValues(buildReportModel(sampleReportData(false)))).toBe(18);
    const html = page(data);
    expect(html).not.toContain("could not be computed");
    expect(html).not.toContain("warning(s)");
  });

  it("mentions warnings, but no missing values, when warnings come with a complete table", () => {
    const data = complete();
    data.compare.warnings.push({ code: "language-alias", message: "zho read as cmn_Hans", language: "cmn_Hans" });
    const html = page(data);
    expect(html).not.toContain("could not be computed");
    expect(html).toContain("1 warning(s): see");
  });

  it("counts exactly the null values of computed metrics", () => {
    const data = complete();
    data.compare.results[3]!.fertility = null;
    data.compare.results[10]!.premium = null;
    // a metric nobody asked for is null in every row: not a failure
    for (const r of data.compare.results) r.nsl = null;
    // nor is a metric that does not apply to one tokenizer (no byte fallback in a byte-level BPE)
    for (const r of data.compare.results) if (r.tokenizer === "cl100k_base") r.byte_fallback_rate = null;
    expect(missingValues(buildReportModel(data))).toBe(2);
    expect(page(data)).toContain("2 value(s) could not be computed");
  });
});

describe("tokenizer colours", () => {
  it("gives every built-in a fixed, distinct colour", () => {
    const ids = BUILTIN_TOKENIZERS.map((t) => t.id);
    expect(Object.keys(TOKENIZER_COLORS).sort()).toEqual([...ids].sort());
    expect(new Set(Object.values(TOKENIZER_COLORS)).size).toBe(ids.length);
  });

  it("keys colours to ids, not positions, and keeps other tokenizers apart from the built-ins", () => {
    const a = tokenizerColors(["gemma3", "gpt2", "my/tokenizer.json"]);
    const b = tokenizerColors(["my/tokenizer.json", "qwen3", "gemma3"]);
    expect(a[0]).toBe("#CC79A7");
    expect(b[2]).toBe("#CC79A7");
    expect(a[2]).toBe(b[0]);
    expect(Object.values(TOKENIZER_COLORS)).not.toContain(a[2]);
    // two unknown ids never share a colour within one report
    const many = tokenizerColors(Array.from({ length: 10 }, (_, i) => `file-${i}.json`));
    expect(new Set(many).size).toBe(10);
  });
});
