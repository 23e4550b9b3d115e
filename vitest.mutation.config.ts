// Vitest settings for `npm run mutation` (Stryker): only the fast unit tests of the mutated modules, without the
// dist/ build (none of these tests runs worker threads or the CLI), so each mutant is judged in seconds.
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
    ],
    testTimeout: 60_000,
    pool: "forks",
  },
});
