// The real `toklens adapt --langs --budget` binary: the JSON and the files it writes, and its refusals.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { callCli } from "../cli/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "toklens-budget-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LANGS = "amh_Ethi,som_Latn,swh_Latn";

describe("toklens adapt --langs --budget", () => {
  it("compares the strategies at each budget and writes a tokenizer.json and added-tokens.json for each", async () => {
    const out = join(dir, "ok");
    const r = await callCli(
      ["adapt", "gpt2", "--langs", LANGS, "--budget", "40,80", "--compare-strategies", "--out", out, "--json"],
      { timeoutMs: 240_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as {
      strategies: Array<{ strategy: string; points: Array<{ requested: number; addedTokens: number }> }>;
      base: { maxPremium: number };
    };
    expect(res.strategies.map((s) => s.strategy)).toEqual(["frequency", "proportional", "parity"]);
    for (const s of res.strategies) {
      expect(s.points.map((p) => p.requested)).toEqual([0, 40, 80]);
      for (const k of [40, 80]) {
        expect(existsSync(join(out, `${s.strategy}-${k}`, "tokenizer.json"))).toBe(true);
        const added = JSON.parse(readFileSync(join(out, `${s.strategy}-${k}`, "added-tokens.json"), "utf8")) as {
          tokens: unknown[];
        };
        expect(added.tokens).toHaveLength(s.points.find((p) => p.requested === k)!.addedTokens);
      }
    }
    expect(existsSync(join(out, "budget-report.json"))).toBe(true);
  }, 300_000);

  it.each([
    [["--budget", "100"], /needs both --langs <codes> and --budget <ks>/],
    [["--langs", LANGS, "--budget", "1k"], /Invalid --budget '1k'.*--budget 1000,2000,4000,8000/],
    [
      ["--langs", LANGS, "--budget", "100", "--strategy", "greedy"],
      /Unknown --strategy 'greedy': use frequency, proportional or parity/,
    ],
    [[], /adapt needs --lang <code> .* or --langs <codes> --budget <ks>/],
  ])("refuses %j with exit 2", async (args, message) => {
    const r = await callCli(["adapt", "gpt2", ...args, "--out", join(dir, "bad")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, "bad"))).toBe(false);
  });
});

describe("toklens report --budget-langs --budget", () => {
  it("adds the part choosing new tokens to the report, with its chart", async () => {
    const out = join(dir, "report");
    const r = await callCli(
      ["report", "--tokenizers", "gpt2", "--langs", "amh_Ethi,som_Latn,eng_Latn", "--no-vocab"].concat([
        "--budget-langs",
        "amh_Ethi,som_Latn",
        "--budget",
        "20,60",
        "--out",
        out,
      ]),
      { timeoutMs: 240_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("Choosing new tokens for 2 languages");
    expect(existsSync(join(out, "budget.vl.json"))).toBe(true);
    const data = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as {
      adaptation: { budgets: Array<{ curves: Array<{ strategy: string; points: unknown[] }> }> };
    };
    const curves = data.adaptation.budgets[0]!.curves;
    expect(curves.map((c) => c.strategy)).toEqual(["frequency", "proportional", "parity"]);
    expect(curves.every((c) => c.points.length === 3)).toBe(true);
  }, 300_000);

  it("refuses --budget without --budget-langs", async () => {
    const r = await callCli(["report", "--tokenizers", "gpt2", "--budget", "20", "--out", join(dir, "bad-report")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Give --budget-langs and --budget together/);
  });
});
