// `toklens diff cl100k_base o200k_base`: vocabulary counts against tiktoken's own per-rank bytes, ratios against compare.
import { beforeAll, describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DiffResult } from "../../src/results/diff.js";
import { changeOf } from "../../src/analysis/diff.js";
import type { ReportData } from "../../src/results/report-data.js";
import type { CompareResult } from "../../src/results/compare.js";
import { callCli } from "../cli/run-cli.js";
import { runCompare } from "../../src/analysis/compare.js";
import { sharedSession } from "../helpers/shared-tokenizers.js";

const require = createRequire(import.meta.url);
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  env = { TOKLENS_CACHE_DIR: join(await mkdtemp(join(tmpdir(), "toklens-diff-")), "cache") };
});

/** The non-special byte strings of a tiktoken encoding, as the tiktoken package's own WASM core lists them (token_byte_values). */
function tiktokenByteSet(name: "cl100k_base" | "o200k_base"): { set: Set<string>; specials: Set<string> } {
  const { get_encoding } = require("tiktoken") as typeof import("tiktoken");
  const data = require(`tiktoken/encoders/${name}.json`) as { special_tokens: Record<string, number> };
  const enc = get_encoding(name);
  const set = new Set<string>();
  try {
    for (const bytes of enc.token_byte_values()) set.add(Buffer.from(bytes).toString("hex"));
  } finally {
    enc.free();
  }
  return { set, specials: new Set(Object.keys(data.special_tokens)) };
}

const langs = "eng_Latn,deu_Latn,hin_Deva,amh_Ethi,cmn_Hans";

describe("toklens diff", () => {
  it("cl100k_base -> o200k_base: vocabulary counts equal a count from tiktoken's own per-rank bytes; ratios equal compare's token totals", async () => {
    const r = await callCli(["diff", "cl100k_base", "o200k_base", "--langs", langs, "--workers", "1", "--json"], {
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as DiffResult;
    const vocabulary = d.vocabulary!;

    const a = tiktokenByteSet("cl100k_base");
    const b = tiktokenByteSet("o200k_base");
    let shared = 0;
    for (const x of a.set) if (b.set.has(x)) shared++;
    expect(vocabulary.a.distinct).toBe(a.set.size);
    expect(vocabulary.b.distinct).toBe(b.set.size);
    expect(vocabulary.shared).toBe(shared);
    expect(vocabulary.onlyA).toBe(a.set.size - shared);
    expect(vocabulary.onlyB).toBe(b.set.size - shared);
    expect([vocabulary.a.specials, vocabulary.b.specials]).toEqual([a.specials.size, b.specials.size]);
    expect(vocabulary.specials.shared).toBe([...a.specials].filter((s) => b.specials.has(s)).length);
    // the counts toklens prints are the ones everyone quotes: 100,256 and 199,998 non-special ranks
    expect([vocabulary.a.entries, vocabulary.b.entries]).toEqual([100_256, 199_998]);

    // compare's token totals from its library call (what `toklens compare --json` prints), not a second CLI process
    const compare: CompareResult = await runCompare({
      tokenizers: ["cl100k_base", "o200k_base"],
      languages: langs.split(","),
      workers: 1,
      metrics: ["premium"],
      cache: env["TOKLENS_CACHE_DIR"]!,
      // the worker's loaded cl100k_base and o200k_base where another file loaded them (the browser tests do)
      session: sharedSession(),
    });
    const tokens = (t: string, l: string) => compare.results.find((x) => x.tokenizer === t && x.language === l)!.tokens;
    expect(d.languages.map((l) => l.language).sort()).toEqual(langs.split(",").sort());
    for (const l of d.languages) {
      expect(l.tokens_a, l.language).toBe(tokens("cl100k_base", l.language));
      expect(l.tokens_b, l.language).toBe(tokens("o200k_base", l.language));
      expect(l.ratio).toBeCloseTo(tokens("o200k_base", l.language) / tokens("cl100k_base", l.language), 12);
      expect(l.ratio_ci![0]).toBeLessThanOrEqual(l.ratio!);
      expect(l.ratio_ci![1]).toBeGreaterThanOrEqual(l.ratio!);
      const straddles = l.ratio_ci![0] <= 1 && l.ratio_ci![1] >= 1;
      expect(l.change, l.language).toBe(straddles ? "no significant change" : l.ratio! < 1 ? "cheaper" : "dearer");
    }
    // English barely moves between the two; Hindi gets far cheaper
    expect(d.languages.find((l) => l.language === "eng_Latn")!.change).toBe("no significant change");
    expect(d.languages.find((l) => l.language === "hin_Deva")!.change).toBe("cheaper");
    // sorted by ratio, most cheaper first
    const ratios = d.languages.map((l) => l.ratio!);
    expect(ratios).toEqual([...ratios].sort((x, y) => x - y));
  });

  it("prints a terminal summary and refuses the same tokenizer twice (exit 2)", async () => {
    const r = await callCli(["diff", "gpt2", "cl100k_base", "--langs", "eng_Latn,rus_Cyrl", "--workers", "1"], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("What changed from gpt2 (A) to cl100k_base (B)");
    expect(r.stdout).toMatch(/rus_Cyrl Russian .* cheaper by \d+\.\d%/);
    const same = await callCli(["diff", "gpt2", "gpt2"], { env });
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("diff needs two different tokenizers; both are 'gpt2'");
  });

  it("labels an interval by where it lies against 1", () => {
    expect(changeOf([0.5, 0.99])).toBe("cheaper");
    expect(changeOf([1.01, 2])).toBe("dearer");
    expect(changeOf([0.99, 1.01])).toBe("no significant change");
    expect(changeOf([1, 1.2])).toBe("no significant change");
    expect(changeOf(null)).toBeNull();
  });

  it("toklens run with a diff in the analysis file writes the section, with ratios equal to the report's own token totals", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-diff-run-"));
    const file = join(dir, "diff.json");
    await writeFile(
      file,
      JSON.stringify({
        title: "gpt2 to cl100k_base",
        tokenizers: ["gpt2", "cl100k_base"],
        corpus: { source: "udhr" },
        languages: ["eng_Latn", "rus_Cyrl", "hin_Deva"],
        diff: { a: "gpt2", b: "cl100k_base" },
      }),
    );
    const out = join(dir, "report");
    const r = await callCli(["run", file, "--out", out, "--workers", "1"], { env });
    expect(r.code, r.stderr).toBe(0);
    const data = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as ReportData;
    const tokens = (t: string, l: string) =>
      data.compare.results.find((x) => x.tokenizer === t && x.language === l)!.tokens;
    expect(data.diff!.languages).toHaveLength(3);
    for (const l of data.diff!.languages)
      expect(l.ratio).toBeCloseTo(tokens("cl100k_base", l.language) / tokens("gpt2", l.language), 12);
    const html = await readFile(join(out, "index.html"), "utf8");
    expect(html).toContain('<section id="diff"><h2>What changed from GPT-2 (50k) to cl100k_base (GPT-4)</h2>');
    expect(await readFile(join(out, "diff.vl.json"), "utf8")).toContain('"x2"');
  });
});
