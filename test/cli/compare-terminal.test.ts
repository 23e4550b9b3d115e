// The terminal table of `toklens compare` (issue 21 item 4): the metrics the help leads with are shown by default,
// warnings come only when the user can act on them, and each metric's numbers have one format.
import { describe, expect, it } from "vitest";
import { computeSummary } from "../../src/metrics/registry.js";
import { callCli } from "./run-cli.js";

/** The metric tables of a terminal run: metric name -> its body rows, split into cells on 2+ spaces. */
function tables(stdout: string): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  let current: string[][] | null = null;
  for (const line of stdout.split("\n")) {
    const head = /^([a-z_]+): /.exec(line);
    if (head) {
      current = [];
      out.set(head[1]!, current);
    } else if (current && line.trim() !== "" && !/^language\b|^tokenizer\b|^-+/.test(line.trim())) {
      current.push(line.trim().split(/ {2,}/));
    } else if (line.trim() === "") current = null;
  }
  return out;
}

const env = { COLUMNS: "200" };

describe("toklens compare in the terminal", () => {
  it("shows continued words and STRR by default, each metric in one number format", async () => {
    const r = await callCli(["compare", "gpt2", "llama2", "--langs", "eng,deu,hin", "--no-cache"], { env });
    expect(r.code, r.stderr).toBe(0);
    const t = tables(r.stdout);
    expect([...t.keys()]).toEqual(["premium", "fertility", "continued_words", "strr", "bytes_per_token", "summary"]);
    // one format per metric: premium and its interval with 3 decimals (the pivot's 1 too), a share as a percent
    const formats: Record<string, RegExp> = {
      premium: /^\d+\.\d{3} \(\d+\.\d{3}–\d+\.\d{3}\)( \*)?$/,
      fertility: /^\d+\.\d{3}( \*)?$/,
      continued_words: /^\d+\.\d%( \*)?$/,
      strr: /^\d\.\d{3}( \*)?$/,
      bytes_per_token: /^\d+\.\d{3}( \*)?$/,
      summary: /^\d+\.\d{3}$/,
    };
    for (const [metric, re] of Object.entries(formats)) {
      const rows = t.get(metric)!;
      expect(rows.length, metric).toBe(metric === "summary" ? 2 : 3);
      for (const row of rows) for (const cell of row.slice(1)) expect(cell, metric).toMatch(re);
    }
    // the pivot's premium is exactly 1, shown as the others are
    expect(
      t
        .get("premium")!
        .find((row) => row[0] === "eng_Latn English")!
        .slice(1),
    ).toEqual(["1.000 (1.000–1.000)", "1.000 (1.000–1.000)"]);
    expect(r.stdout).not.toMatch(/warning/);
  });

  it("without premium in --metrics prints neither a summary of dashes nor a gini warning", async () => {
    const r = await callCli(
      ["compare", "gpt2", "llama2", "--langs", "eng,deu,hin", "--metrics", "strr,continued_words"],
      {
        env,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect([...tables(r.stdout).keys()]).toEqual(["strr", "continued_words"]);
    expect(r.stdout).not.toMatch(/gini|warning|summary/);
    expect(r.stdout).not.toMatch(/ - {2}- /);
  });

  it("a run of two languages ends without a gini warning and says why there is no gini", async () => {
    const r = await callCli(["compare", "gpt2", "llama2", "--langs", "eng,deu"], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/warning/);
    expect(r.stdout).toContain(
      "summary: no gini: it needs premiums in 2 or more languages besides the pivot, this run has 1",
    );
    const summary = tables(r.stdout).get("summary")!;
    expect(summary.map((row) => row.length)).toEqual([3, 3]); // tokenizer, mean premium, median fertility
  });

  it("the gini is null without a warning for one language besides the pivot, with one when a premium is missing", () => {
    const one = computeSummary([{ tokenizer: "a", language: "deu_Latn", values: { premium: 1.2 } }]);
    expect(one).toEqual({ summary: [{ tokenizer: "a", languages: 1, gini: null }], warnings: [] });
    const failed = computeSummary([
      { tokenizer: "a", language: "deu_Latn", values: { premium: 1.2 } },
      { tokenizer: "a", language: "hin_Deva", values: { premium: null } },
    ]);
    expect(failed.warnings.map((w) => w.code)).toEqual(["too-few-languages"]);
  });
});
