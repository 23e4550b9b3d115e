// The real `toklens report` and `toklens run` binaries: files written, the three headlines, exit codes, a failed run keeping the old report.
import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ReportData } from "../../src/results/report-data.js";
import { callCli } from "../cli/run-cli.js";

const flores = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));
let env: NodeJS.ProcessEnv;
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "toklens-report-cli-"));
  env = { TOKLENS_CACHE_DIR: join(tmp, "cache") };
});

describe("toklens report", () => {
  it("writes a report for two tokenizers and three UDHR languages and prints where it is and three headlines", async () => {
    const out = join(tmp, "report");
    const r = await callCli(
      [
        "report",
        "--tokenizers",
        "gpt2,llama2",
        "--langs",
        "eng_Latn,deu_Latn,amh_Ethi",
        "--out",
        out,
        "--workers",
        "1",
      ],
      { env, cwd: tmp },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const files = await readdir(out);
    for (const f of [
      "index.html",
      "results.json",
      "results.csv",
      "summary.md",
      "vocab-classes.vl.json",
      "vocab-overlap.vl.json",
      "premium.vl.json",
    ]) {
      expect(files, f).toContain(f);
    }
    const data = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as ReportData;
    expect(data.compare.tokenizers.map((t) => t.id)).toEqual(["gpt2", "llama2"]);
    expect(data.compare.languages.map((l) => l.code)).toEqual(["eng_Latn", "deu_Latn", "amh_Ethi"]);
    expect(data.provenance.command).toBe(
      `toklens report --tokenizers gpt2,llama2 --langs eng_Latn,deu_Latn,amh_Ethi --out ${out} --workers 1`,
    );

    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      `Report written to report/index.html (with results.json, results.csv, summary.md, results.tex, ${files.filter((f) => f.endsWith(".vl.json")).length} chart specs)`,
    );
    // the headlines agree with the numbers in results.json
    const tokens = (t: string) =>
      data.compare.results.filter((x) => x.tokenizer === t).reduce((n, x) => n + x.tokens, 0);
    const [cheap, dear] = tokens("gpt2") < tokens("llama2") ? ["gpt2", "llama2"] : ["llama2", "gpt2"];
    expect(lines[1]).toBe(
      `  Cheapest tokenizer overall: ${cheap}, ${tokens(cheap!).toLocaleString("en-US")} tokens for the same text in 3 languages (${dear} needs ${(tokens(dear!) / tokens(cheap!)).toFixed(2)}x as many).`,
    );
    const amh = data.compare.results
      .filter((x) => x.language === "amh_Ethi")
      .map((x) => x.premium!)
      .sort((a, b) => a - b);
    expect(lines[2]).toContain(
      `Most expensive language: Amharic (amh_Ethi), median premium ${((amh[0]! + amh[1]!) / 2).toFixed(2)}x English`,
    );
    // gini over the non-pivot premiums (deu, amh), by hand: for two values sum|xi - xj| / (2 n^2 mean) = |a - b| / (2 (a + b))
    const gini = (t: string) => {
      const [a, b] = ["deu_Latn", "amh_Ethi"].map(
        (l) => data.compare.results.find((x) => x.tokenizer === t && x.language === l)!.premium!,
      );
      return Math.abs(a! - b!) / (2 * (a! + b!));
    };
    for (const t of ["gpt2", "llama2"])
      expect(data.compare.summary.find((s) => s.tokenizer === t)!.gini, t).toBeCloseTo(gini(t), 12);
    const [fair, unfair] = gini("gpt2") < gini("llama2") ? ["gpt2", "llama2"] : ["llama2", "gpt2"];
    // each with its tokens relative to the fewest total (cheap)
    const level = (t: string) =>
      t === cheap ? ", fewest tokens" : `, ${(tokens(t) / tokens(cheap!)).toFixed(2)}x the tokens of ${cheap}`;
    expect(lines[3]).toBe(
      `  Most even across languages: ${fair} (Gini of per-language cost ${gini(fair!).toFixed(2)}${level(fair!)}); least even: ${unfair} (${gini(unfair!).toFixed(2)}${level(unfair!)}).`,
    );
    if (fair === dear)
      expect(lines[4]).toBe(
        `  ${fair} spreads its cost most evenly but is also the most expensive (${(tokens(dear!) / tokens(cheap!)).toFixed(2)}x the tokens of ${cheap}): Gini measures how evenly the cost is spread, not how high it is.`,
      );
  });

  it("an unknown tokenizer exits 3 with the loader's message and leaves the previous report untouched", async () => {
    const out = join(tmp, "kept");
    const first = await callCli(
      ["report", "--tokenizers", "gpt2", "--langs", "eng_Latn,deu_Latn", "--no-vocab", "--out", out],
      { env },
    );
    expect(first.code).toBe(0);
    const before = await readFile(join(out, "results.json"), "utf8");
    const r = await callCli(["report", "--tokenizers", "gpt2,gtp4", "--langs", "eng_Latn,deu_Latn", "--out", out], {
      env,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("Unknown tokenizer 'gtp4'");
    expect(r.stdout).toBe("");
    expect(await readFile(join(out, "results.json"), "utf8")).toBe(before);
    expect((await callCli(["report", "--langs", "eng_Latn", "--all-langs"], { env })).code).toBe(2);
    const badCharts = await callCli(["report", "--tokenizers", "gpt2", "--charts", "gif", "--out", out], { env });
    expect(badCharts.code).toBe(2);
    expect(badCharts.stderr).toContain("Invalid --charts 'gif'. Use svg, png or none.");
  });
});

describe("toklens report --out into a folder that is not a report", () => {
  it("refuses a git working tree given as --out . with exit 5, and .git and src/a.py survive", async () => {
    const project = await mkdtemp(join(tmp, "project-"));
    await mkdir(join(project, "src"));
    await writeFile(join(project, "src", "a.py"), "x\n");
    const git = spawnSync("git", ["init", "-q"], { cwd: project });
    if (git.status !== 0) await mkdir(join(project, ".git")); // no git here: an equivalent folder
    const before = (await readdir(project)).sort();
    const r = await callCli(
      ["report", "--tokenizers", "gpt2", "--langs", "eng_Latn,deu_Latn", "--no-vocab", "--out", "."],
      {
        env,
        cwd: project,
      },
    );
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`Refusing to write the report into ${realpathSync(project)}: the folder is not empty`);
    expect(r.stderr).toContain("Choose another --out, or empty the folder first.");
    expect(r.stdout).toBe("");
    expect((await readdir(project)).sort()).toEqual(before);
    expect(before).toContain(".git");
    expect(await readFile(join(project, "src", "a.py"), "utf8")).toBe("x\n");
    // the same for `run`
    const analysis = join(tmp, "tiny-run.json");
    await writeFile(
      analysis,
      JSON.stringify({
        title: "t",
        tokenizers: ["gpt2"],
        corpus: { source: "udhr" },
        languages: ["eng_Latn", "deu_Latn"],
      }),
    );
    const run = await callCli(["run", analysis, "--out", project], { env });
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(`Refusing to write the report into ${project}`);
    expect((await readdir(project)).sort()).toEqual(before);
  });
});

describe("toklens run", () => {
  it("runs an analysis file into reports/<name> under the working directory", async () => {
    const dir = await mkdtemp(join(tmp, "run-"));
    await writeFile(
      join(dir, "tiny.json"),
      JSON.stringify({
        title: "tiny",
        tokenizers: ["gpt2", "mistral-7b"],
        corpus: { source: `flores:${flores}` },
        languages: "all",
        vocab: { tokenizers: ["gpt2"] },
      }),
    );
    const r = await callCli(["run", "tiny.json"], { env, cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^Report written to reports\/tiny\/index\.html /);
    const data = JSON.parse(await readFile(join(dir, "reports", "tiny", "results.json"), "utf8")) as ReportData;
    expect(data.vocab!.tokenizers.map((t) => t.tokenizer)).toEqual(["gpt2"]);
    expect(data.compare.languages.map((l) => l.code).sort()).toEqual(["deu_Latn", "eng_Latn", "hin_Deva"]);
  });

  it("a bad analysis file exits 2 naming the file and the JSON path", async () => {
    const dir = await mkdtemp(join(tmp, "bad-"));
    await writeFile(
      join(dir, "x.json"),
      JSON.stringify({ title: "x", tokenizers: ["gpt2", 1], corpus: { source: "udhr" }, languages: ["eng_Latn"] }),
    );
    const r = await callCli(["run", "x.json"], { env, cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("toklens: x.json: /tokenizers/1 must be string");
    expect(await readdir(dir)).toEqual(["x.json"]);
    const missing = await callCli(["run", "nope.json"], { env, cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Cannot read analysis file 'nope.json' (ENOENT)");
  });
});
