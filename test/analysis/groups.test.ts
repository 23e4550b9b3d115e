// --group-by and Lorenz curves: group medians, intervals and token shares worked out by hand from the rows; the Lorenz area equals summary.gini.
import { describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCompare } from "../../src/analysis/compare.js";
import { bootstrapMedian, groupRows } from "../../src/metrics/groups.js";
import { median } from "../../src/metrics/median.js";
import { giniFromLorenz } from "../../src/metrics/lorenz.js";
import { ConfigError } from "../../src/errors.js";
import { callCli } from "../cli/run-cli.js";

const flores = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));

describe("median and its bootstrap interval", () => {
  it("median of odd and even samples; two values give the interval [low, high] at 95%", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // two values a < b: a resample is (a,a), (b,b) or mixed with chances 1/4, 1/4, 1/2, medians a, b, (a+b)/2;
    // so the 2.5% and 97.5% quantiles of 1000 resampled medians are a and b
    expect(bootstrapMedian([1.5, 4], { resamples: 1000, level: 0.95, seed: 1 })).toEqual([1.5, 4]);
    expect(bootstrapMedian([2], { resamples: 1000, level: 0.95, seed: 1 })).toBeNull();
    const a = bootstrapMedian([1, 2, 3, 10, 11], { resamples: 500, level: 0.9, seed: 42 });
    expect(a).toEqual(bootstrapMedian([1, 2, 3, 10, 11], { resamples: 500, level: 0.9, seed: 42 }));
    expect(a![0]).toBeGreaterThanOrEqual(1);
    expect(a![1]).toBeLessThanOrEqual(11);
  });
});

describe("groupRows", () => {
  it("divides a group's tokens by every language of the run, grouped or not", () => {
    // tokenizer t: eng 100 (pivot), deu 150, hin 250 in groups; fra 500 in none. The bill is 1000 tokens.
    const rows = [
      { tokenizer: "t", language: "eng_Latn", tokens: 100, premium: 1 },
      { tokenizer: "t", language: "deu_Latn", tokens: 150, premium: 1.5 },
      { tokenizer: "t", language: "hin_Deva", tokens: 250, premium: 2.5 },
      { tokenizer: "t", language: "fra_Latn", tokens: 500, premium: 5 },
    ];
    const groups = new Map([
      ["eng_Latn", "alone"],
      ["deu_Latn", "other"],
      ["hin_Deva", "other"],
    ]);
    const out = groupRows(rows, ["t"], groups, "eng_Latn", { bootstrapResamples: 100, confidenceLevel: 0.95, seed: 1 });
    expect(out.map((g) => [g.group, g.languages, g.token_share, g.median_premium])).toEqual([
      ["alone", ["eng_Latn"], 0.1, null],
      ["other", ["deu_Latn", "hin_Deva"], 0.4, 2],
    ]);
  });
});

describe("compare --group-by", () => {
  it("by a CSV: median premium, interval and token share worked out from the per-language rows; Lorenz gini = summary.gini", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-groups-"));
    try {
      const csv = join(dir, "groups.csv");
      await writeFile(
        csv,
        'language,group,note\neng_Latn,"pivot, alone",x\ndeu,other,\nhi,other,\nfra_Latn,other,not in the run\n',
      );
      const result = await runCompare({
        tokenizers: ["gpt2", "llama2"],
        corpus: `flores:${flores}`,
        split: "dev+devtest",
        languages: ["eng_Latn", "deu_Latn", "hin_Deva"],
        groupBy: csv,
        cache: false,
        workers: 1,
      });
      expect(result.groups!.by).toBe(csv);
      expect(
        result.warnings.some((w) => w.code === "group-language-not-in-run" && w.message.includes("fra_Latn")),
      ).toBe(true);
      for (const tok of ["gpt2", "llama2"]) {
        const row = (l: string) => result.results.find((r) => r.tokenizer === tok && r.language === l)!;
        const [eng, deu, hin] = [row("eng_Latn"), row("deu_Latn"), row("hin_Deva")];
        const all = eng.tokens + deu.tokens + hin.tokens;
        const other = result.groups!.rows.find((g) => g.tokenizer === tok && g.group === "other")!;
        expect(other.languages).toEqual(["deu_Latn", "hin_Deva"]);
        expect(other.median_premium).toBeCloseTo((deu.premium! + hin.premium!) / 2, 12);
        expect(other.median_premium_ci).toEqual([deu.premium, hin.premium]); // two values: see the test above
        expect(other.token_share).toBeCloseTo((deu.tokens + hin.tokens) / all, 12);
        const alone = result.groups!.rows.find((g) => g.tokenizer === tok && g.group === "pivot, alone")!;
        expect(alone.median_premium).toBeNull(); // the pivot's premium of 1 is not a measurement
        expect(alone.median_premium_ci).toBeNull();
        expect(alone.token_share).toBeCloseTo(eng.tokens / all, 12);
        const lorenz = result.lorenz!.find((l) => l.tokenizer === tok)!;
        expect(lorenz.points.map((p) => p.language)).toEqual([null, "deu_Latn", "hin_Deva"]);
        expect(giniFromLorenz(lorenz.points)).toBeCloseTo(result.summary.find((s) => s.tokenizer === tok)!.gini!, 12);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("by script on UDHR through the CLI: groups are the languages' scripts", async () => {
    const r = await callCli([
      "compare",
      "gpt2",
      "--langs",
      "eng,deu,fra,rus,ukr,hin",
      "--group-by",
      "script",
      "--no-cache",
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      results: { language: string; premium: number; tokens: number }[];
      groups: { rows: { group: string; languages: string[]; median_premium: number; token_share: number }[] };
    };
    const prem = (l: string) => out.results.find((x) => x.language === l)!.premium;
    const groups = Object.fromEntries(out.groups.rows.map((g) => [g.group, g]));
    expect(Object.keys(groups)).toEqual(["Cyrl", "Deva", "Latn"]);
    expect(groups["Latn"]!.languages).toEqual(["eng_Latn", "deu_Latn", "fra_Latn"]);
    expect(groups["Latn"]!.median_premium).toBeCloseTo((prem("deu_Latn") + prem("fra_Latn")) / 2, 12);
    expect(groups["Cyrl"]!.median_premium).toBeCloseTo((prem("rus_Cyrl") + prem("ukr_Cyrl")) / 2, 12);
    expect(groups["Deva"]!.median_premium).toBe(prem("hin_Deva"));
    expect(out.groups.rows.reduce((s, g) => s + g.token_share, 0)).toBeCloseTo(1, 12);
  });

  it("a CSV without the columns, or with a language in two groups, is a ConfigError naming the fix", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-groups-bad-"));
    try {
      const opts = {
        tokenizers: ["gpt2"],
        corpus: `flores:${flores}`,
        split: "dev" as const,
        cache: false as const,
        workers: 1,
      };
      await writeFile(join(dir, "a.csv"), "lang,family\neng_Latn,x\n");
      await expect(runCompare({ ...opts, groupBy: join(dir, "a.csv") })).rejects.toThrow(
        /needs a header row with 'language' and 'group'/,
      );
      await writeFile(join(dir, "b.csv"), "language,group\neng_Latn,x\neng,y\n");
      await expect(runCompare({ ...opts, groupBy: join(dir, "b.csv") })).rejects.toThrow(ConfigError);
      await expect(runCompare({ ...opts, groupBy: join(dir, "missing.csv") })).rejects.toThrow(
        /Cannot read --group-by file/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("an analysis file with groupBy writes groups and lorenz into results.json and a Groups section into the report", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-groups-run-"));
    try {
      const file = join(dir, "a.json");
      await writeFile(
        file,
        JSON.stringify({
          title: "groups",
          tokenizers: ["gpt2"],
          corpus: { source: `flores:${flores}`, split: "dev" },
          languages: "all",
          groupBy: "script",
          efficiencyVocabSize: "observed",
        }),
      );
      const r = await callCli(["run", file, "--out", join(dir, "out"), "--no-cache"]);
      expect(r.code, r.stderr).toBe(0);
      const { readFile } = await import("node:fs/promises");
      const data = JSON.parse(await readFile(join(dir, "out", "results.json"), "utf8")) as {
        compare: {
          groups: { by: string; rows: { group: string }[] };
          lorenz: unknown[];
          results: { unique_tokens: number; shannon_efficiency: number; tokens: number }[];
        };
      };
      expect(data.compare.groups.by).toBe("script");
      expect(data.compare.groups.rows.map((g) => g.group)).toEqual(["Deva", "Latn"]);
      expect(data.compare.lorenz).toHaveLength(1);
      const html = await readFile(join(dir, "out", "index.html"), "utf8");
      expect(html).toContain('<section id="groups">');
      expect(html).toContain('data-chart="lorenz"');
      // efficiencyVocabSize "observed" reached the metrics: with every token distinct-counted, efficiency <= 1 over log(types)
      const row = data.compare.results[0]!;
      expect(row.shannon_efficiency).toBeGreaterThan(0.5); // over log(vocabulary) a 100-token text stays far below 0.5
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
