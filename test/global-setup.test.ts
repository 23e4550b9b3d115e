// The global setup leaves dist/ built from the current src/: what worker threads and the CLI tests run.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildIsCurrent } from "./global-setup.js";
// @ts-expect-error: a plain ES module of the build scripts, without types
import { markBinsExecutable } from "../scripts/bin-executable.mjs";
import * as source from "../src/index.js";

describe("vitest global setup", () => {
  it("has built dist/ from the current sources, with the same public exports", async () => {
    expect(buildIsCurrent()).toBe(true);
    // dist/ is built output, typed only after a build: before one, this import is an error, after it, it is not
    // eslint-disable-next-line @typescript-eslint/ban-ts-comment
    // @ts-ignore
    const built = (await import("../dist/index.js")) as Record<string, unknown>;
    expect(Object.keys(built).sort()).toEqual(Object.keys(source).sort());
  });

  it("leaves the package's bin executable, as every build does (tsc writes it 644)", () => {
    expect(statSync(join(import.meta.dirname, "..", "dist", "cli", "main.js")).mode & 0o111).toBe(0o111);
    const dir = mkdtempSync(join(tmpdir(), "toklens-bin-"));
    try {
      mkdirSync(join(dir, "bin"));
      writeFileSync(join(dir, "package.json"), JSON.stringify({ bin: { a: "bin/a.js", gone: "bin/gone.js" } }));
      writeFileSync(join(dir, "bin", "a.js"), "");
      chmodSync(join(dir, "bin", "a.js"), 0o640);
      (markBinsExecutable as (dir: string) => void)(dir);
      // execute bits added, the rest kept; a bin not built yet is left alone
      expect(statSync(join(dir, "bin", "a.js")).mode & 0o777).toBe(0o751);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
