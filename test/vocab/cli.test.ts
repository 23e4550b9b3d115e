// The real `toklens vocab` and `toklens adapt` binaries: JSON shapes, artifacts that load in toklens, identical trimmed tokenization.
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { callCli } from "../cli/run-cli.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";

const dir = mkdtempSync(join(tmpdir(), "toklens-adapt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("toklens vocab", () => {
  it("classifies every entry of each tokenizer and lists the overlap", async () => {
    const r = await callCli(["vocab", "gpt2", "mistral-7b", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      tokenizers: Array<{
        tokenizer: string;
        entries: number;
        classes: Record<string, { count: number; share: number }>;
      }>;
      overlap: { pairs: Array<{ jaccard: number }>; clusterOrder: string[] };
    };
    for (const t of out.tokenizers) {
      const counts = Object.values(t.classes).reduce((a, c) => a + c.count, 0);
      const shares = Object.values(t.classes).reduce((a, c) => a + c.share, 0);
      expect(counts).toBe(t.entries);
      expect(shares).toBeCloseTo(1, 10);
      expect(t.classes.pure_unicode!.count).toBe(256);
    }
    expect(out.tokenizers.map((t) => t.entries)).toEqual([50257, 32000]);
    expect(out.overlap.pairs).toHaveLength(1);
    expect(out.overlap.pairs[0]!.jaccard).toBeGreaterThan(0.1);
    expect(out.overlap.pairs[0]!.jaccard).toBeLessThan(0.9);
    expect([...out.overlap.clusterOrder].sort()).toEqual(["gpt2", "mistral-7b"]);
  });
});

describe("toklens adapt", () => {
  it("shows fertility falling on held-out text and writes tokenizers that load in toklens", async () => {
    const out = join(dir, "gpt2-amh");
    const r = await callCli([
      "adapt",
      "gpt2",
      "--lang",
      "amh_Ethi",
      "--corpus",
      "udhr",
      "--trim",
      "--expand",
      "0,500,2000",
      "--json",
      "--out",
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as {
      trimming: { coverage: Array<{ target: number; tokens: number }>; verification: { identical: boolean } };
      expansion: {
        points: Array<{ added_tokens: number; fertility: number; premium: number }>;
        heldOutSegments: number;
      };
      artifacts: Record<string, string>;
    };
    const f = res.expansion.points.map((p) => p.fertility);
    expect(f[1]!).toBeLessThan(f[0]!);
    expect(f[2]!).toBeLessThanOrEqual(f[1]!);
    expect(res.expansion.points[0]!.added_tokens).toBe(0);
    expect(res.expansion.heldOutSegments).toBe(6);
    expect(res.trimming.coverage.map((c) => c.target)).toEqual([0.9, 0.95, 0.99, 0.999, 1]);
    expect(res.trimming.verification.identical).toBe(true);
    for (const key of ["base", "trimmedTokenizer", "trimmedIdMap", "expanded500", "expanded2000", "report"]) {
      expect(existsSync(res.artifacts[key]!), key).toBe(true);
    }

    // the written files load through toklens' own loader; the trimmed one matches the base on every Amharic article
    const base = await loadTokenizer(res.artifacts.base!);
    const trimmed = await loadTokenizer(res.artifacts.trimmedTokenizer!);
    const expanded = await loadTokenizer(res.artifacts.expanded2000!);
    try {
      expect(trimmed.vocabSize).toBeLessThan(400);
      expect(expanded.vocabSize).toBeGreaterThan(base.vocabSize);
      const corpus = await openCorpus("udhr", { languages: ["amh_Ethi"] });
      let n = 0;
      for await (const s of corpus.segments("amh_Ethi")) {
        expect(trimmed.encode(s.text).tokens).toEqual(base.encode(s.text).tokens);
        n++;
      }
      expect(n).toBe(30);
    } finally {
      base.dispose();
      trimmed.dispose();
      expanded.dispose();
    }
  });

  it("names the fix for a SentencePiece-only tokenizer", async () => {
    const r = await callCli(["adapt", "llama2", "--lang", "amh_Ethi", "--trim", "--out", join(dir, "sp")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tokenizer\.json/);
  });

  it("an --out that cannot be created (/proc/x) exits 5 promptly instead of hanging in mkdir", async () => {
    const r = await callCli(["adapt", "gpt2", "--lang", "deu_Latn", "--trim", "--out", "/proc/x"], {
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain("Cannot create output directory '/proc/x'");
    expect(r.stderr).toContain("Choose a writable --out.");
  });
});
