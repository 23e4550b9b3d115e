// Metric options from an analysis file: `pivot` and `reference` reach the premiums and nsl in results.json (direct counts).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { directCount, FLORES_FIXTURE } from "../helpers/flores-fixture.js";
import { afterAll, describe, expect, it } from "vitest";
import { validateAnalysis } from "../../src/analysis/config.js";
import { runAnalysis } from "../../src/analysis/run-analysis.js";
import type { ReportData } from "../../src/results/report-data.js";

const flores = FLORES_FIXTURE;
const tmp = mkdtempSync(join(tmpdir(), "toklens-analysis-options-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const LANGS = ["eng_Latn", "deu_Latn", "hin_Deva"];

const direct = directCount;

describe("an analysis file's pivot and reference", () => {
  it("give premiums against the pivot and nsl against the reference, as direct counts do", async () => {
    const config = await validateAnalysis(
      {
        title: "Pivot and reference from the file",
        tokenizers: ["gpt2", "llama2"],
        corpus: { source: `flores:${flores}`, split: "dev+devtest" },
        languages: LANGS,
        pivot: "hin_Deva",
        reference: "llama2",
      },
      "options.json",
    );
    const out = join(tmp, "report");
    await runAnalysis(config, { out, command: "toklens run options.json", cache: false, workers: 1 });
    const data = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as ReportData;
    expect(data.compare.pivot).toBe("hin_Deva");
    for (const tok of ["gpt2", "llama2"]) {
      for (const lang of LANGS) {
        const r = data.compare.results.find((x) => x.tokenizer === tok && x.language === lang)!;
        expect(r.tokens, `${tok} ${lang}`).toBe(direct(tok, lang));
        expect(r.premium, `${tok} ${lang}`).toBeCloseTo(direct(tok, lang) / direct(tok, "hin_Deva"), 12);
        expect(r.nsl, `${tok} ${lang}`).toBeCloseTo(direct(tok, lang) / direct("llama2", lang), 12);
      }
    }
  });
});
