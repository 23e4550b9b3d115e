// What the browser tests of one vitest worker share besides Chromium: the reports they open without changing their
// data, written once, and the real token samples of the sample fixture, computed once. vitest.config.ts runs
// these files with `isolate: false`, so this module and its memos live as long as the worker process.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { tokenSamples } from "../../src/analysis/token-samples.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { writeReport } from "../../src/report/write-report.js";
import type { ReportData, TokenSampleSection } from "../../src/results/report-data.js";
import { sharedSession } from "../helpers/shared-tokenizers.js";
import { hostileReportData, sampleCompare, sampleReportData } from "./report-fixtures.js";

/** The reports that browser test files open without changing their data, by name. */
const SHARED_REPORTS: Record<"token-samples" | "hostile", () => Promise<ReportData>> = {
  // the sample report with fixtureTokenSamples() as its token view
  "token-samples": async () => ({ ...sampleReportData(true), tokenSamples: await fixtureTokenSamples() }),
  hostile: async () => hostileReportData(),
};

const written = new Map<keyof typeof SHARED_REPORTS, Promise<string>>();

/**
 * The HTML file of report `name` (its data as SHARED_REPORTS builds it), written once per vitest worker, for any
 * browser test file of the worker that opens it (report-browser now holds the tests that did). Each worker
 * writes under its own folder (test-output/shared-reports/worker-<VITEST_POOL_ID>), so two workers never replace a
 * report the other is reading. A page may change its own state, never the files.
 */
export function sharedReport(name: keyof typeof SHARED_REPORTS): Promise<string> {
  let html = written.get(name);
  if (!html) {
    const worker = process.env.VITEST_POOL_ID ?? String(process.pid);
    const dir = join(process.cwd(), "test-output", "shared-reports", `worker-${worker}`, name);
    rmSync(dir, { recursive: true, force: true });
    html = SHARED_REPORTS[name]()
      .then((data) => writeReport(data, dir))
      .then((files) => files.html);
    written.set(name, html);
    // a failed write is not remembered, so the next caller sees its own error
    html.catch(() => written.delete(name));
  }
  return html;
}

/** The languages of `fixtureTokenSamples`: Latin, Devanagari, Japanese and Ethiopic (byte pieces in some tokenizers). */
export const FIXTURE_SAMPLE_LANGUAGES = ["eng_Latn", "hin_Deva", "jpn_Jpan", "amh_Ethi"];

/** The fixture's tokenizers as built-ins: its "mistral-7b-v0.1" is the built-in mistral-7b. */
export const FIXTURE_TOKENIZER_REFS = sampleCompare().tokenizers.map((t) =>
  t.id === "mistral-7b-v0.1" ? "mistral-7b" : t.id,
);

let fixtureSamples: Promise<TokenSampleSection> | undefined;

/**
 * Real token samples for the sample fixture: the first UDHR segment of each of FIXTURE_SAMPLE_LANGUAGES as each of
 * the fixture's six tokenizers splits it, loaded for real in the worker's shared session, without the disk cache;
 * mistral-7b's splits carry the fixture's id. Computed once per worker; each call gets its own copy.
 */
export async function fixtureTokenSamples(): Promise<TokenSampleSection> {
  if (!fixtureSamples) {
    fixtureSamples = openCorpus("udhr")
      .then((corpus) =>
        tokenSamples(corpus, FIXTURE_SAMPLE_LANGUAGES, FIXTURE_TOKENIZER_REFS, sharedSession(), undefined, false),
      )
      .then((section) => {
        for (const s of section.samples)
          for (const split of s.splits) if (split.tokenizer === "mistral-7b") split.tokenizer = "mistral-7b-v0.1";
        return section;
      });
    // a failed computation is not remembered, so the next caller sees its own error
    fixtureSamples.catch(() => (fixtureSamples = undefined));
  }
  return structuredClone(await fixtureSamples);
}
