// Warnings of runCompare that depend on what was asked for.
import { describe, expect, it } from "vitest";
import { runCompare } from "../../src/analysis/compare.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";

describe("the UDHR incomplete-translation warning", () => {
  it("is raised by the unfiltered corpus but not carried into a run of named languages", async () => {
    const corpus = await openCorpus("udhr", {});
    expect(corpus.warnings.map((w) => w.code)).toContain("incomplete-skipped");
    const run = await runCompare({
      tokenizers: ["gpt2"],
      languages: ["eng_Latn", "deu_Latn"],
      cache: false,
      workers: 1,
    });
    expect(run.warnings.map((w) => w.code)).not.toContain("incomplete-skipped");
    const defaults = await runCompare({ tokenizers: ["gpt2"], cache: false, workers: 1 });
    expect(defaults.warnings.map((w) => w.code)).not.toContain("incomplete-skipped");
  });
});

describe("the UDHR incomplete-translation warning in diff (issue 20, item 20)", () => {
  it("is not carried into a diff of named languages, as compare does not carry it", async () => {
    const { runDiff } = await import("../../src/analysis/diff.js");
    const diff = await runDiff({
      a: "gpt2",
      b: "r50k_base",
      languages: ["eng_Latn", "deu_Latn"],
      cache: false,
      workers: 1,
    });
    expect(diff.warnings.map((w) => w.code)).not.toContain("incomplete-skipped");
  });
});
