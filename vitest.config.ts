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
  },
});
