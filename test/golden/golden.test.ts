// Golden runs: the report files of the default analysis and of a FLORES-style analysis that runs every phase, pinned
// byte for byte (results.json whole, the other files by sha256). Written before the run's spine was restructured, so
// a refactor that changes any number, warning, order or page byte fails here. After an intended change, rerun with
// TOKLENS_UPDATE_GOLDEN=1 and explain the change in the commit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AnalysisConfig } from "../../src/analysis/config.js";
import { defaultAnalysis } from "../../src/analysis/default-analysis.js";
import { runAnalysis } from "../../src/analysis/run-analysis.js";
import { sharedSession } from "../helpers/shared-tokenizers.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const GOLDEN = join(ROOT, "test", "fixtures", "golden");
const UPDATE = process.env.TOKLENS_UPDATE_GOLDEN === "1";
const DATE = new Date("2026-01-02T03:04:05.000Z");
const flores = join(ROOT, "test", "fixtures", "analysis", "flores");

/** The FLORES-style analysis: every optional phase on (vocab, diff, morph, adaptation, cost, groups, nsl). */
const everyPhase: AnalysisConfig = {
  title: "Golden: every phase on a FLORES sample",
  tokenizers: ["gpt2", "llama2", "mistral-7b"],
  corpus: { source: `flores:${flores}`, split: "dev+devtest" },
  languages: ["eng_Latn", "deu_Latn", "hin_Deva"],
  pivot: "eng_Latn",
  reference: "cl100k_base",
  groupBy: "script",
  prices: join(ROOT, "analyses", "prices.example.json"),
  context: 4096,
  vocab: { examples: 3, longest: 4 },
  diff: { a: "gpt2", b: "mistral-7b" },
  morph: { gold: [join(ROOT, "test", "fixtures", "morph", "gold.csv")] },
  adaptation: [{ tokenizer: "gpt2", language: "deu_Latn", trim: true, expand: [0, 20] }],
};

/** Petrov et al.'s protocol on the same sample: segments joined, a subset of metrics. */
const joined: AnalysisConfig = {
  title: "Golden: joined segments",
  tokenizers: ["gpt2", "llama2"],
  corpus: { source: `flores:${flores}`, split: "dev+devtest", joinSegments: true, normalize: false },
  languages: "all",
  metrics: ["fertility", "premium", "premium_ci", "bytes_per_token", "continued_words"],
};

const CASES: Record<string, () => AnalysisConfig> = {
  default: () => defaultAnalysis(),
  "every-phase": () => everyPhase,
  joined: () => joined,
};

/** The checkout's absolute path differs between machines (CI clones elsewhere): it is written as <root>. */
const portable = (text: string) => text.split(ROOT).join("<root>");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let outRoot: string;
beforeAll(async () => {
  outRoot = await mkdtemp(join(tmpdir(), "toklens-golden-"));
});
afterAll(async () => {
  await rm(outRoot, { recursive: true, force: true });
});

describe("golden runs (behaviour pinned before the spine refactor)", () => {
  for (const [name, config] of Object.entries(CASES)) {
    it(`${name}: the same files, results.json and page as recorded`, async () => {
      const out = join(outRoot, name);
      // the worker's loaded tokenizers (test/helpers/shared-tokenizers.ts): the results are computed, never read from
      // a cache (cache: false), and a session only holds loaded tokenizers, so the recorded bytes pin the same run
      const run = { out, command: `golden ${name}`, cache: false as const, workers: 2, date: DATE };
      await runAnalysis(config(), { ...run, session: sharedSession() });
      const files = (await readdir(out)).filter((f) => !f.startsWith(".")).sort();
      const texts = new Map<string, string>();
      for (const f of files) texts.set(f, portable(await readFile(join(out, f), "utf8")));
      const hashes = Object.fromEntries(files.map((f) => [f, sha256(texts.get(f)!)]));
      const dir = join(GOLDEN, name);
      if (UPDATE || !existsSync(join(dir, "files.json"))) {
        if (!UPDATE) throw new Error(`No golden files for '${name}': run with TOKLENS_UPDATE_GOLDEN=1 once.`);
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, "results.json"), texts.get("results.json")!);
        await writeFile(join(dir, "files.json"), JSON.stringify(hashes, null, 2) + "\n");
        return;
      }
      const expected = JSON.parse(await readFile(join(dir, "results.json"), "utf8")) as unknown;
      // the parsed comparison names the first differing number; the text comparison catches key order
      expect(JSON.parse(texts.get("results.json")!)).toEqual(expected);
      expect(texts.get("results.json")).toBe(await readFile(join(dir, "results.json"), "utf8"));
      const recorded = JSON.parse(await readFile(join(dir, "files.json"), "utf8")) as Record<string, string>;
      expect(Object.keys(hashes)).toEqual(Object.keys(recorded));
      expect(files.filter((f) => hashes[f] !== recorded[f])).toEqual([]);
    });
  }
});

/** Command outputs on the FLORES sample, and every command's help (help text is built from the option tables). */
const CLI_CASES: Record<string, string[]> = {
  "compare-json": ["compare", "gpt2", "llama2", "--corpus", `flores:${flores}`, "--split", "dev+devtest", "--json"],
  "compare-csv": ["compare", "gpt2", "llama2", "--corpus", `flores:${flores}`, "--split", "dev+devtest", "--csv"],
  "compare-markdown": [
    "compare",
    "gpt2",
    "mistral-7b",
    "--corpus",
    `flores:${flores}`,
    "--group-by",
    "script",
    "--reference",
    "llama2",
    "--markdown",
  ],
  "compare-table": ["compare", "gpt2", "llama2", "--corpus", `flores:${flores}`, "--split", "dev"],
  // no pdflatex on the test machines: the LaTeX is pinned here (and checked structurally in test/report/latex.test.ts)
  "compare-latex": ["compare", "gpt2", "llama2", "--corpus", `flores:${flores}`, "--split", "dev+devtest", "--latex"],
  "diff-json": ["diff", "gpt2", "mistral-7b", "--corpus", `flores:${flores}`, "--json"],
  ...Object.fromEntries(
    ["compare", "report", "run", "diff", "morph", "tokenize", "serve", "vocab", "adapt", "corpus", "languages"].map(
      (c) => [`help-${c}`, [c, "--help"]],
    ),
  ),
};

describe("golden command outputs", () => {
  it("prints the same stdout and exit code for each command as recorded", async () => {
    const { callCli } = await import("../cli/run-cli.js");
    const got: Record<string, { code: number | null; stdout: string }> = {};
    for (const [name, args] of Object.entries(CLI_CASES)) {
      const r = await callCli(args, { env: { TOKLENS_CACHE_DIR: join(outRoot, "cli-cache"), COLUMNS: "120" } });
      got[name] = { code: r.code, stdout: portable(r.stdout) };
    }
    const file = join(GOLDEN, "cli.json");
    if (UPDATE) {
      await writeFile(file, JSON.stringify(got, null, 2) + "\n");
      return;
    }
    const expected = JSON.parse(await readFile(file, "utf8")) as typeof got;
    for (const name of Object.keys(CLI_CASES)) expect({ name, ...got[name] }).toEqual({ name, ...expected[name] });
  });
});
