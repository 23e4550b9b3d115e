// Test runner settings: real tokenizers are large, so loading them may take seconds.
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // workers and CLI tests run dist/: build it first, so a run without `npm run build` tests the current code
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // vitest's default is one file at a time on 2 cores (cores - 1), which leaves a core idle while a file waits on
    // a CLI subprocess, Chromium or a worker thread; two files at once cut the suite by about a third there.
    // Files do not write to shared paths: each uses its own mkdtemp folders (report-browser alone uses test-output/),
    // and the default tokenize cache, where a test leaves it on, is written atomically.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // `npm test` runs with --coverage: code run in this process (not CLI subprocesses or worker threads, which run
    // dist/) is measured, and the run fails below the floor. The floor is the level the suite had when it was set
    // (docs/testing.md): raise it with tests, never lower it to let a change through.
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      // the benchmark runs by hand (npm run bench); the generated tables are data
      exclude: [
        "src/bench/**",
        "src/corpus/language-data.ts",
        "src/corpus/flores200-codes.ts",
        "src/report/page-assets.ts",
      ],
      reporter: ["text-summary", "json-summary"],
      reportOnFailure: true,
      thresholds: { statements: 86, branches: 73, functions: 86, lines: 87 },
    },
  },
});
