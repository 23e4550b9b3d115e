// checkReportTarget: which folders a report may replace; every entry it did not write, hidden ones included, is refused.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OutputError } from "../../src/errors.js";
import { checkReportTarget, REPORT_MANIFEST, reportManifest } from "../../src/report/report-dir.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-report-dir-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A folder holding a toklens report of index.html, plus `extra` (files, or folders when ending in "/"). */
function reportFolder(name: string, extra: readonly string[]): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  writeFileSync(join(dir, REPORT_MANIFEST), reportManifest(["index.html"]));
  writeFileSync(join(dir, "index.html"), "<p>report</p>");
  for (const e of extra) {
    if (e.endsWith("/")) mkdirSync(join(dir, e));
    else writeFileSync(join(dir, e), "x");
  }
  return dir;
}

describe("checkReportTarget", () => {
  it("accepts a missing folder, an empty one and a report folder holding only its files", async () => {
    expect(await checkReportTarget(join(tmp, "missing"))).toBe(false);
    mkdirSync(join(tmp, "empty"));
    expect(await checkReportTarget(join(tmp, "empty"))).toBe(true);
    expect(await checkReportTarget(reportFolder("own", []))).toBe(true);
  });

  it("counts hidden entries (.git, .env) as foreign and refuses to replace the folder, naming them", async () => {
    const dir = reportFolder("hidden", [".git/", ".env"]);
    const err = await checkReportTarget(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as Error).message).toContain("2 entries toklens did not write (.env, .git)");
  });

  it("refuses a visible file it did not write", async () => {
    await expect(checkReportTarget(reportFolder("notes", ["notes.txt"]))).rejects.toThrow(
      "1 entry toklens did not write (notes.txt)",
    );
  });
});
