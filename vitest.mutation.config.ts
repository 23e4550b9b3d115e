// Vitest settings for `npm run mutation` (Stryker): only the fast unit tests of the mutated modules, without the
// dist/ build, so each mutant is judged in seconds. A few of these files also hold a CLI test: it runs dist/, which
// Stryker does not mutate, so it kills nothing and runs once, in the initial test run; files that are all CLI tests
// (diff.test.ts, counts.test.ts) are left out.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "test/metrics/**/*.test.ts",
      "test/report/escape.test.ts",
      "test/disk-cache.test.ts",
      "test/tokenize/cache.test.ts",
      "test/corpus/read-lines.test.ts",
      "test/corpus/open-corpus.test.ts",
      "test/corpus/nfc-sources.test.ts",
      "test/corpus/readers.test.ts",
      // issue 25: token placement, join, counts, diff, groups, output folders
      "test/tokenize/join.test.ts",
      "test/tokenize/tokenize-corpus.test.ts",
      "test/tokenize/placement.test.ts",
      "test/tokenize/counts-file.test.ts",
      "test/tokenize/counts-messages.test.ts",
      "test/analysis/diff-rows.test.ts",
      "test/analysis/diff-protocol.test.ts",
      "test/analysis/groups.test.ts",
      "test/output-dir.test.ts",
      "test/report/report-dir.test.ts",
      "test/report/report-dir-signals.test.ts",
      "test/report/report-dir-leftovers.test.ts",
      "test/report/report-dir-retry.test.ts",
      "test/report/write-report.test.ts",
    ],
    testTimeout: 60_000,
    pool: "forks",
  },
});
