// A run's diff section follows the run's protocol: with joinSegments, compare and diff both count joined text
// (issue 20, item 7).
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { compareWithContext } from "../../src/analysis/compare.js";
import { diffWithContext } from "../../src/analysis/diff.js";
import { withRunContext } from "../../src/analysis/run-context.js";

const flores = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));

describe("diff in a joined-segments run", () => {
  it("counts the joined text, as compare does: one segment per language, no interval, a warning says why", async () => {
    const options = {
      corpus: `flores:${flores}`,
      split: "dev+devtest" as const,
      languages: ["eng_Latn", "deu_Latn", "hin_Deva"],
      joinSegments: true,
      cache: false as const,
      workers: 1,
    };
    const { compare, diff } = await withRunContext(options, async (ctx) => ({
      compare: await compareWithContext(ctx, { tokenizers: ["gpt2", "mistral-7b"], metrics: ["premium"] }),
      diff: await diffWithContext(ctx, { a: "gpt2", b: "mistral-7b" }),
    }));
    for (const row of diff.languages) {
      const tokens = (id: string) => compare.results.find((r) => r.tokenizer === id && r.language === row.language)!;
      expect([row.language, row.tokens_a, row.tokens_b]).toEqual([
        row.language,
        tokens("gpt2").tokens,
        tokens("mistral-7b").tokens,
      ]);
      expect([row.segments, row.ratio_ci, row.change]).toEqual([1, null, null]);
    }
    expect(diff.warnings.filter((w) => w.code === "joined-no-ci").map((w) => w.message)).toEqual([
      "The diff's ratio_ci is null with joined segments: each language is one joined string, so there are no segments to resample. Leave joinSegments out for bootstrap intervals over segments.",
    ]);
    expect(diff.joinedSegments).toBe(true);
  });
});
