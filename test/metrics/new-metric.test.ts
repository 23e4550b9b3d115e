// A new metric is one file: registered at run time, it becomes a column of compare --json/--csv/--markdown, of the
// report's results.json/results.csv and of its numbers table, with no other file naming it.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCompare } from "../../src/analysis/compare.js";
import { runAnalysis } from "../../src/analysis/run-analysis.js";
import { ConfigError } from "../../src/errors.js";
import { registerMetric } from "../../src/metrics/registry.js";
import type { MetricName } from "../../src/metrics/types.js";
import { compareCsv } from "../../src/report/csv.js";
import { compareMarkdown } from "../../src/report/markdown.js";
import { metricValue } from "../../src/results/compare.js";
import { tokensPerSegment } from "../fixtures/metrics/toy-metric.js";
import { directCount, FLORES_FIXTURE, floresLines } from "../helpers/flores-fixture.js";

const LANGS = ["eng_Latn", "hin_Deva"];
/** The toy metric's value computed apart: js-tiktoken's gpt2 counts over the fixture's segments. */
const expected = (lang: string) => directCount("gpt2", lang) / floresLines(lang).length;

let unregister: () => void;
let out: string;
beforeAll(async () => {
  unregister = registerMetric({ definition: tokensPerSegment, needsTokenIds: false });
  out = await mkdtemp(join(tmpdir(), "toklens-new-metric-"));
});
afterAll(async () => {
  unregister();
  await rm(out, { recursive: true, force: true });
});

describe("a metric registered from one file", () => {
  it("is a column of compare's JSON, CSV and Markdown with the independently counted value", async () => {
    const result = await runCompare({
      tokenizers: ["gpt2"],
      corpus: `flores:${FLORES_FIXTURE}`,
      split: "dev+devtest",
      languages: LANGS,
      cache: false,
      workers: 1,
    });
    for (const lang of LANGS) {
      const row = result.results.find((r) => r.language === lang)!;
      expect(metricValue(row, "tokens_per_segment")).toBeCloseTo(expected(lang), 12);
      expect(JSON.parse(JSON.stringify(row)).tokens_per_segment).toBeCloseTo(expected(lang), 12);
    }
    const csv = compareCsv(result.results).split("\n");
    const column = csv[0]!.split(",").indexOf("tokens_per_segment");
    expect(column).toBeGreaterThan(0);
    const hindi = csv.find((l) => l.startsWith("gpt2,hin_Deva,"))!.split(",");
    expect(Number(hindi[column])).toBeCloseTo(expected("hin_Deva"), 12);
    const markdown = compareMarkdown(result, ["tokens_per_segment" as MetricName], (t) => t);
    expect(markdown).toContain("Mean tokens per segment of the corpus.");
    expect(markdown).toContain(expected("hin_Deva").toFixed(2));
  });

  it("is in results.json, results.csv and the report's numbers table", async () => {
    const dir = join(out, "report");
    await runAnalysis(
      {
        title: "toy metric",
        tokenizers: ["gpt2"],
        corpus: { source: `flores:${FLORES_FIXTURE}`, split: "dev+devtest" },
        languages: LANGS,
      },
      { out: dir, command: "test", cache: false, workers: 1 },
    );
    const json = JSON.parse(await readFile(join(dir, "results.json"), "utf8")) as {
      compare: { results: Record<string, unknown>[] };
    };
    expect(json.compare.results.find((r) => r.language === "eng_Latn")!.tokens_per_segment).toBeCloseTo(
      expected("eng_Latn"),
      12,
    );
    expect((await readFile(join(dir, "results.csv"), "utf8")).split("\r\n")[0]).toContain("tokens_per_segment");
    const html = await readFile(join(dir, "index.html"), "utf8");
    expect(html).toContain('<th class="num">Tokens/segment</th>');
    expect(html).toContain("&#34;tokens_per_segment&#34;,[&#34;fmt&#34;,2]");
  });

  it("refuses a second metric of the same name and a name that is not snake_case", () => {
    expect(() => registerMetric({ definition: tokensPerSegment, needsTokenIds: false })).toThrow(ConfigError);
    expect(() =>
      registerMetric({ definition: { ...tokensPerSegment, name: "Tokens-Per-Segment" }, needsTokenIds: false }),
    ).toThrow(/snake_case/);
    expect(() =>
      registerMetric({ definition: { ...tokensPerSegment, name: "premium" }, needsTokenIds: false }),
    ).toThrow(/exists already/);
  });
});
