// counts:<file.jsonl> tokenizers: counts written with the tiktoken package from `toklens corpus --segments --jsonl`
// give the same count metrics as the tokenizer itself; id metrics are null with warnings; bad files fail clearly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ReportData } from "../../src/results/report-data.js";
import type { DiffResult } from "../../src/results/diff.js";
import type { CompareResult } from "../../src/results/compare.js";
import { callCli } from "../cli/run-cli.js";

const require = createRequire(import.meta.url);
const langs = "eng_Latn,deu_Latn,hin_Deva,amh_Ethi";
let env: NodeJS.ProcessEnv;
let dir: string;
let lines: { language: string; id: string; tokens: number }[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "toklens-counts-"));
  env = { TOKLENS_CACHE_DIR: join(dir, "cache") };
  const segs = await callCli(["corpus", "udhr", "--langs", langs, "--segments", "--jsonl"], { env });
  expect(segs.code, segs.stderr).toBe(0);
  // what a provider's counting endpoint would return, here from the tiktoken package itself
  const { get_encoding } = require("tiktoken") as typeof import("tiktoken");
  const enc = get_encoding("cl100k_base");
  lines = segs.stdout
    .trim()
    .split("\n")
    .map((l) => {
      const s = JSON.parse(l) as { language: string; id: string; text: string };
      return { language: s.language, id: s.id, tokens: enc.encode_ordinary(s.text).length };
    });
  enc.free();
  expect(lines.length).toBe(4 * 30);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

async function countsFile(name: string, rows: readonly unknown[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, rows.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n");
  return path;
}

describe("counts: tokenizers", () => {
  it("give the same tokens, premiums, intervals, fertility and gini as the tokenizer; id metrics are null with a warning", async () => {
    const file = await countsFile("cl100k.jsonl", lines);
    const r = await callCli(
      ["compare", "cl100k_base", `counts:${file}`, "--langs", langs, "--workers", "1", "--json"],
      {
        env,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as CompareResult;
    expect(json.tokenizers[1]).toMatchObject({ id: `counts:${file}`, backend: "counts", source: file });
    for (const real of json.results.filter((x) => x.tokenizer === "cl100k_base")) {
      const counted = json.results.find((x) => x.tokenizer === `counts:${file}` && x.language === real.language)!;
      for (const k of [
        "segments",
        "tokens",
        "words",
        "chars",
        "bytes",
        "premium",
        "premium_ci",
        "fertility",
        "bytes_per_token",
        "chars_per_token",
      ] as const) {
        expect(counted[k], `${real.language} ${k}`).toEqual(real[k]);
      }
      for (const k of ["unique_tokens", "renyi_efficiency", "continued_words", "strr", "unk_rate"] as const)
        expect(counted[k], k).toBeNull();
    }
    expect(json.summary[1]!.gini).toBe(json.summary[0]!.gini);
    const warned = json.warnings.filter((w) => w.code === "counts-only");
    expect(warned.length).toBeGreaterThan(0);
    expect(warned[0]!.message).toContain("a counts: tokenizer gives only how many tokens each segment has");
  });

  it("work in diff: ratio 1 against the tokenizer they were counted with, no vocabulary comparison", async () => {
    const file = await countsFile("cl100k-diff.jsonl", lines);
    const r = await callCli(["diff", "cl100k_base", `counts:${file}`, "--langs", langs, "--workers", "1", "--json"], {
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as DiffResult;
    expect(d.vocabulary).toBeNull();
    for (const l of d.languages) expect([l.ratio, l.change]).toEqual([1, "no significant change"]);
    expect(d.warnings.map((w) => w.code)).toContain("counts-only");
  });

  it("work in report: the sections that need a real tokenizer leave them out with a note in the page", async () => {
    const file = await countsFile("cl100k-report.jsonl", lines);
    const ref = `counts:${file}`;
    const out = join(dir, "report");
    const r = await callCli(["report", "--tokenizers", `cl100k_base,${ref}`, "--langs", langs, "--out", out], { env });
    expect(r.code, r.stderr).toBe(0);
    const data = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as ReportData;
    expect(data.compare.tokenizers.map((t) => t.id)).toEqual(["cl100k_base", ref]);
    expect(data.tokenSamples?.countsOnly).toEqual([ref]);
    expect(data.tokenSamples?.samples[0]?.splits.map((s) => s.tokenizer)).toEqual(["cl100k_base"]);
    expect(data.vocab?.countsOnly).toEqual([ref]);
    expect(data.vocab?.tokenizers.map((t) => t.tokenizer)).toEqual(["cl100k_base"]);
    const html = await readFile(join(out, "index.html"), "utf8");
    const note = /<p class="note">Not in this section: [^<]*cl100k-report\.jsonl, measured by its token counts only/g;
    expect(html.match(note)).toHaveLength(2); // the token view and the vocabulary
  });

  it("work in a run file with a morph section: the MorphScore leaves them out with a note", async () => {
    const file = await countsFile("cl100k-run.jsonl", lines);
    const ref = `counts:${file}`;
    const gold = fileURLToPath(new URL("../fixtures/morph/gold.csv", import.meta.url));
    const analysis = join(dir, "run.json");
    const languages = langs.split(",");
    await writeFile(
      analysis,
      JSON.stringify({
        title: "counts",
        tokenizers: ["cl100k_base", ref],
        corpus: { source: "udhr" },
        languages,
        morph: { gold: [gold] },
      }),
    );
    const out = join(dir, "run-out");
    const r = await callCli(["run", analysis, "--out", out], { env });
    expect(r.code, r.stderr).toBe(0);
    const data = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as ReportData;
    expect(data.morph?.results.map((m) => m.tokenizer)).toEqual(["cl100k_base"]);
    expect(data.morph?.countsOnly).toEqual([ref]);
    const html = await readFile(join(out, "index.html"), "utf8");
    expect(html).toMatch(/<section id="morph">[^]*Not in this section: [^<]*cl100k-run\.jsonl/);
  });

  it("refuse missing and extra segments, listing the first few, and malformed lines", async () => {
    const missing = await countsFile(
      "missing.jsonl",
      lines.filter((l) => !(l.language === "deu_Latn" && l.id === "article-7")),
    );
    let r = await callCli(["compare", `counts:${missing}`, "--langs", langs, "--workers", "1"], { env });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`has no count for 1 segment(s) of deu_Latn in the corpus: article-7.`);

    const extra = await countsFile("extra.jsonl", [...lines, { language: "hin_Deva", id: "article-99", tokens: 3 }]);
    r = await callCli(["compare", `counts:${extra}`, "--langs", langs, "--workers", "1"], { env });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("has 1 segment id(s) of hin_Deva the corpus does not: article-99.");

    const bad = await countsFile("bad.jsonl", [lines[0], "{nope", { language: "eng_Latn", id: "x", tokens: -1 }]);
    r = await callCli(["compare", `counts:${bad}`, "--langs", "eng_Latn", "--workers", "1"], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("line 2 is not JSON, line 3 is not {");

    r = await callCli(["tokenize", `counts:${bad}`, "--text", "hello"], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("holds token counts, not a tokenizer");
  });
});
