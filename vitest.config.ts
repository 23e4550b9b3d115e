// Test runner settings: real tokenizers are large, so loading them may take seconds.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // workers and CLI tests run dist/: build it first, so a run without `npm run build` tests the current code
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
