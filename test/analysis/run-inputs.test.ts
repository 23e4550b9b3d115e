// An analysis file's inputs are checked before the first phase runs (issue 20, item 19): morph.tokenizers against
// tokenizers, the gold files, the diffed tokenizers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AnalysisConfig } from "../../src/analysis/config.js";
import { validateAnalysis } from "../../src/analysis/config.js";
import { runAnalysis } from "../../src/analysis/run-analysis.js";
import { ConfigError, TokenizerLoadError } from "../../src/errors.js";

const flores = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));
const gold = fileURLToPath(new URL("../fixtures/morph/gold.csv", import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "toklens-run-inputs-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const base: AnalysisConfig = {
  title: "inputs",
  tokenizers: ["gpt2", "mistral-7b"],
  corpus: { source: `flores:${flores}`, split: "dev" },
  languages: ["eng_Latn", "deu_Latn"],
  diff: { a: "gpt2", b: "mistral-7b" },
};

/** Runs the analysis and returns its error and the phases that ran before it. */
async function failure(config: AnalysisConfig): Promise<{ error: unknown; phases: string[] }> {
  const phases: string[] = [];
  const error = await runAnalysis(config, {
    out: join(dir, "out"),
    command: "test",
    cache: false,
    workers: 1,
    onPhase: (p) => phases.push(p),
  }).catch((e: unknown) => e);
  return { error, phases };
}

describe("an analysis file's inputs", () => {
  it("morph.tokenizers must be among the analysis' tokenizers (as vocab.tokenizers)", async () => {
    const error = await validateAnalysis(
      { ...base, morph: { gold: [gold], tokenizers: ["gpt2", "llama3"] } },
      "a.json",
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      "a.json: /morph/tokenizers/1 'llama3' is not one of the analysis' tokenizers (gpt2, mistral-7b); add it to /tokenizers or remove it here.",
    );
  });

  it("a bad gold file fails before the first phase", async () => {
    const bad = join(dir, "bad-gold.csv");
    await writeFile(bad, "word,split\ncats,cat+s\n");
    const { error, phases } = await failure({ ...base, morph: { gold: [bad] } });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/lacks the column/);
    expect(phases).toEqual([]);
  });

  it("a diffed tokenizer that does not exist fails before the first phase", async () => {
    const { error, phases } = await failure({ ...base, diff: { a: "gpt2", b: "mistrall-7b" } });
    expect(error).toBeInstanceOf(TokenizerLoadError);
    expect(phases).toEqual([]);
  });
});
