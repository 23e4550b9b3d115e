// The real `toklens vocab` on the shared tokenize phase: the coverage of a cold run, a cached run and an uncached
// pooled run is the same, --progress reports its tasks, and --examples takes 0 but not -1.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { callCli } from "./run-cli.js";

const cache = mkdtempSync(join(tmpdir(), "toklens-vocab-cli-"));
afterAll(() => rmSync(cache, { recursive: true, force: true }));
const env = { TOKLENS_CACHE_DIR: cache };
const args = ["vocab", "gpt2", "--corpus", "udhr", "--langs", "eng_Latn,tha_Thai", "--json"];

describe("toklens vocab --corpus", () => {
  it("writes the tokenize cache, and answers the same from it and without it", async () => {
    const cold = await callCli([...args, "--workers", "1", "--progress"], { env });
    expect(cold.code, cold.stderr).toBe(0);
    expect(cold.stderr).toContain("tokenize: 2/2 tasks");
    expect(readdirSync(cache).length).toBeGreaterThan(0);
    const warm = await callCli(args, { env });
    expect(warm.code, warm.stderr).toBe(0);
    const uncached = await callCli([...args, "--no-cache", "--workers", "2"], {
      env: { TOKLENS_CACHE_DIR: join(cache, "unused") },
    });
    expect(uncached.code, uncached.stderr).toBe(0);
    const coverage = (stdout: string) =>
      (
        JSON.parse(stdout) as {
          coverage: Array<{ languages: Array<{ language: string; occurrences: number; usedEntries: number }> }>;
        }
      ).coverage;
    const first = coverage(cold.stdout);
    expect(first[0]!.languages.map((l) => l.language)).toEqual(["eng_Latn", "tha_Thai"]);
    // Thai costs gpt2 many more tokens than English for the same articles
    expect(first[0]!.languages[1]!.occurrences).toBeGreaterThan(3 * first[0]!.languages[0]!.occurrences);
    expect(coverage(warm.stdout)).toEqual(first);
    expect(coverage(uncached.stdout)).toEqual(first);
    expect(readdirSync(cache)).not.toContain("unused");
  }, 300_000);

  it("--examples 0 lists no examples; a negative --examples exits 2 naming the value", async () => {
    const none = await callCli(["vocab", "gpt2", "--examples", "0", "--json"], { env });
    expect(none.code, none.stderr).toBe(0);
    const examples = (JSON.parse(none.stdout) as { tokenizers: Array<{ examples: Record<string, unknown[]> }> })
      .tokenizers[0]!.examples;
    expect(Object.values(examples).every((e) => e.length === 0)).toBe(true);
    const bad = await callCli(["vocab", "gpt2", "--examples", "-1"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Invalid --examples '-1'. Use a whole number >= 0.");
  }, 120_000);
});
