// `toklens compare --prices --context` on real tokenizers and UDHR text: JSON, CSV and table agree with the counts.
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ReportData } from "../../src/results/report-data.js";
import type { CompareResult } from "../../src/results/compare.js";
import { callCli } from "./run-cli.js";

const example = fileURLToPath(new URL("../../analyses/prices.example.json", import.meta.url));
let env: NodeJS.ProcessEnv;
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "toklens-cost-"));
  env = { TOKLENS_CACHE_DIR: join(tmp, "cache") };
});

const args = [
  "compare",
  "cl100k_base",
  "gpt2",
  "--langs",
  "eng_Latn,hin_Deva,amh_Ethi",
  "--workers",
  "1",
  "--context",
  "8192",
];

describe("toklens compare --prices --context", () => {
  it("adds costs computed from the token, character and word counts, with the premium's interval scaled", async () => {
    const prices = join(tmp, "prices.json");
    await writeFile(prices, JSON.stringify({ prices: { cl100k_base: { input: 2.5, output: 10 } } }));
    const r = await callCli([...args, "--prices", prices, "--json"], { env });
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as CompareResult;
    expect(json.costs).toHaveLength(json.results.length);
    expect(json.prices?.prices["cl100k_base"]).toEqual({ input: 2.5, output: 10 });
    json.results.forEach((row, i) => {
      const c = json.costs![i]!;
      expect([c.tokenizer, c.language]).toEqual([row.tokenizer, row.language]);
      expect(c.words_in_context).toBe(Math.floor((8192 * row.words!) / row.tokens));
      expect(c.chars_in_context).toBe(Math.floor((8192 * row.chars) / row.tokens));
      if (row.tokenizer === "gpt2") {
        expect(c.input_usd_per_million_chars).toBeNull();
        return;
      }
      expect(c.input_usd_per_million_chars).toBeCloseTo((row.tokens / row.chars) * 2.5, 12);
      expect(c.output_usd_per_thousand_words).toBeCloseTo(((row.tokens / row.words!) * 1000 * 10) / 1e6, 12);
      const ci = c.input_usd_per_million_chars_ci!;
      expect(ci[0]).toBeCloseTo((c.input_usd_per_million_chars! * row.premium_ci![0]) / row.premium!, 12);
      expect(ci[0]).toBeLessThanOrEqual(c.input_usd_per_million_chars!);
      expect(ci[1]).toBeGreaterThanOrEqual(c.input_usd_per_million_chars!);
    });
    // Hindi costs more than English under cl100k_base, per million characters and per thousand words
    const cost = (l: string) => json.costs!.find((c) => c.tokenizer === "cl100k_base" && c.language === l)!;
    expect(cost("hin_Deva").input_usd_per_thousand_words!).toBeGreaterThan(
      3 * cost("eng_Latn").input_usd_per_thousand_words!,
    );
    expect(json.warnings.filter((w) => w.code === "no-price").map((w) => w.tokenizer)).toEqual(["gpt2"]);
  });

  it("writes the cost columns in --csv and the tables in the terminal, with the example prices file", async () => {
    const csv = await callCli([...args, "--prices", example, "--csv"], { env });
    expect(csv.code, csv.stderr).toBe(0);
    const header = csv.stdout.split("\n")[0]!.split(",");
    for (const col of [
      "input_usd_per_million_chars",
      "input_usd_per_million_chars_ci_low",
      "input_usd_per_million_chars_ci_high",
      "output_usd_per_thousand_words",
      "words_in_context",
      "chars_in_context",
    ]) {
      expect(header).toContain(col);
    }
    const table = await callCli([...args, "--prices", example], { env });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain("input cost of 1M characters, USD (premium's 95% interval)");
    expect(table.stdout).toContain("words that fit in 8192 tokens");
  });

  it("refuses a bad --context or prices file before tokenizing (exit 2)", async () => {
    const bad = await callCli([...args.slice(0, -2), "--context", "0"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Invalid --context '0'");
    const file = join(tmp, "bad.json");
    await writeFile(file, "{ not json");
    const r = await callCli([...args, "--prices", file], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`The prices file '${file}' is not valid JSON`);
  });

  it("toklens report --prices --context writes the cost section and the same costs as compare", async () => {
    const out = join(tmp, "report");
    const r = await callCli(
      [
        "report",
        "--tokenizers",
        "cl100k_base,gpt2",
        "--langs",
        "eng_Latn,hin_Deva,amh_Ethi",
        "--no-vocab",
        "--workers",
        "1",
        "--prices",
        example,
        "--context",
        "8192",
        "--out",
        out,
      ],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const html = await readFile(join(out, "index.html"), "utf8");
    expect(html).toContain('<section id="cost"><h2>What the same text costs in each language</h2>');
    expect(html).toContain("illustrative placeholders");
    const data = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as ReportData;
    const compare = await callCli([...args, "--prices", example, "--json"], { env });
    expect(data.compare.costs).toEqual((JSON.parse(compare.stdout) as CompareResult).costs);
  });
});
