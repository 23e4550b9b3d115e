// Test runner settings: real tokenizers are large, so loading them may take seconds.
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Files that change what other files in the same process would see: module mocks (vi.mock, vi.doMock), stubbed
 * environment variables, fake timers, the load-notice sink, metric plugins, TOKLENS_ENGINE. Each runs in a fresh
 * process. Every other file runs with `isolate: false`: a worker process runs file after file, keeping its module
 * graph, so vitest's start-up and the imports are paid once per worker, not once per file, and the tokenizers of
 * test/helpers/shared-tokenizers.ts are loaded once per worker (gemma3 alone takes seconds, its JS engine more).
 * A new file that mocks a module or changes process-wide state belongs in this list, unless every test restores what
 * it changes in an afterEach (test/analysis/one-engine.test.ts sets TOKLENS_ENGINE that way and shares the worker).
 */
const ISOLATED = [
  "test/tokenizers/hf-hub.test.ts",
  "test/tokenizers/load-notice.test.ts",
  "test/tokenize/cache.test.ts",
  "test/report/report-dir-retry.test.ts",
  "test/analysis/run-context.test.ts",
  "test/metrics/new-metric.test.ts",
  "test/package/public-api.test.ts",
  "test/corpus/hf-dataset.test.ts",
  "test/serve/server.test.ts",
  // not for its state: its flat-memory check runs six full garbage collections, which cost seconds each on a shared
  // worker's heap holding the big tokenizers earlier files loaded, and a fraction of a second on a fresh one
  "test/corpus/read-lines.test.ts",
];

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: "shared", include: ["test/**/*.test.ts"], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: "isolated", include: ISOLATED, isolate: true } },
    ],
    // workers and CLI tests run dist/: build it first, so a run without `npm run build` tests the current code
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // The test processes' V8 flags. A 64 MB semi-space (V8 picks at most 16 MB on 64-bit machines) lets the short-lived
    // arrays of encodings and tables die in the young generation instead of being copied into the old one, where
    // every full collection then scans them next to the big tokenizers a worker keeps loaded. A 1 GB initial old space
    // spares the shared workers the full collections V8 runs while their heap grows to hold those tokenizers (the peak
    // resident size of the run did not grow: 3.69 GB with it, 3.78 GB without). No background GC threads: two test
    // processes already keep both cores busy, and the helpers only compete with them. The whole suite, quiet 2-core
    // machine: 214 s (333 s user) with none, 181-184 s with the semi-space alone, 177-180 s (272-278 s user) with
    // single-threaded GC too, 169 s (264 s user) with all three (docs/testing.md).
    execArgv: ["--max-semi-space-size=64", "--initial-old-space-size=1024", "--single-threaded-gc"],
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
