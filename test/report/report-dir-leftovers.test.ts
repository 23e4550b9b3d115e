// report-dir.ts in process, for what its Stryker run (2026-12-07, docs/testing.md) left alive: the leftovers of killed
// runs (recoverInterruptedSwaps, removeStaleTempFolders), unreadable targets, mount points, exact lists and manifests.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OutputError } from "../../src/errors.js";
import {
  checkOutputFolder,
  checkPageTarget,
  checkReportTarget,
  markTempFolder,
  mountPointError,
  outputManifest,
  recoverInterruptedSwaps,
  removeStaleTempFolders,
  REPORT_MANIFEST,
  reportManifest,
  TOKEN_PAGE_GENERATOR,
  writePageFile,
} from "../../src/report/report-dir.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-report-leftovers-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Above Linux's largest pid_max (2^22): no process has it. */
const DEAD = 4_194_305;

/** A fresh folder under tmp holding `entries`: "name/" a folder, "name/report" a toklens report, else a file. */
function parentWith(name: string, entries: readonly string[]): string {
  const parent = join(tmp, name);
  mkdirSync(parent);
  for (const e of entries) {
    if (e.endsWith("/report")) {
      const dir = join(parent, e.slice(0, -"/report".length));
      mkdirSync(dir);
      writeFileSync(join(dir, REPORT_MANIFEST), reportManifest(["index.html"]));
      writeFileSync(join(dir, "index.html"), `report in ${e}`);
    } else if (e.endsWith("/")) mkdirSync(join(parent, e));
    else writeFileSync(join(parent, e), "user data");
  }
  return parent;
}

const sorted = (dir: string): string[] => readdirSync(dir).sort();

describe("recoverInterruptedSwaps", () => {
  it("puts a dead run's previous report back when --out is missing, in the new and the older naming", async () => {
    for (const aside of [`.out.old-${DEAD}-0badcafe`, ".out.old-0badcafe"]) {
      const parent = parentWith(`back-${aside}`, [`${aside}/report`]);
      await recoverInterruptedSwaps(parent, join(parent, "out"));
      expect(sorted(parent)).toEqual(["out"]);
      expect(readFileSync(join(parent, "out", "index.html"), "utf8")).toBe(`report in ${aside}/report`);
    }
  });

  it("removes a dead run's previous report when the new one is in place, and puts back an empty aside folder", async () => {
    const parent = parentWith("done", [`.out.old-${DEAD}-0badcafe/report`, "out/report"]);
    await recoverInterruptedSwaps(parent, join(parent, "out"));
    expect(sorted(parent)).toEqual(["out"]);
    expect(readFileSync(join(parent, "out", "index.html"), "utf8")).toBe("report in out/report");
    const empty = parentWith("empty-aside", [`.out.old-${DEAD}-0badcafe/`]);
    await recoverInterruptedSwaps(empty, join(empty, "out"));
    expect(sorted(empty)).toEqual(["out"]);
  });

  it("leaves alone what is not a dead run's aside report of this target", async () => {
    const leftAlone = [
      `.out.old-${process.pid}-0badcafe/report`, // a live run's
      `.out.old-junk-0badcafe/report`, // not the pattern
      `.out.old-0badcafe.bak/report`, // not the pattern
      ".oux.old-0badcafe/report", // another target's (same length of prefix)
      `.out.old-${DEAD}-1badcafe`, // a file
    ];
    for (const [i, entry] of leftAlone.entries()) {
      const parent = parentWith(`alone-${i}`, [entry]);
      await recoverInterruptedSwaps(parent, join(parent, "out"));
      expect(sorted(parent), entry).toEqual([entry.replace(/\/report$/, "")]);
    }
    // folders that are not only a toklens report: a report plus a user's file, a manifest that is not JSON, no manifest
    const mixed = parentWith("alone-mixed", [`.out.old-${DEAD}-0badcafe/report`]);
    writeFileSync(join(mixed, `.out.old-${DEAD}-0badcafe`, "notes.txt"), "mine");
    const broken = parentWith("alone-broken", [`.out.old-${DEAD}-0badcafe/`]);
    writeFileSync(join(broken, `.out.old-${DEAD}-0badcafe`, REPORT_MANIFEST), "{");
    const bare = parentWith("alone-bare", [`.out.old-${DEAD}-0badcafe/`]);
    writeFileSync(join(bare, `.out.old-${DEAD}-0badcafe`, "index.html"), "mine");
    for (const parent of [mixed, broken, bare]) {
      await recoverInterruptedSwaps(parent, join(parent, "out"));
      expect(sorted(parent), parent).toEqual([`.out.old-${DEAD}-0badcafe`]);
    }
  });

  it("never throws, even when the parent folder is gone", async () => {
    await expect(recoverInterruptedSwaps(join(tmp, "no-such"), join(tmp, "no-such", "out"))).resolves.toBeUndefined();
  });
});

describe("removeStaleTempFolders", () => {
  it("removes a dead run's temporary folders (empty, or marked as toklens') and returns their paths", async () => {
    const parent = parentWith("stale", [`.out.tmp-${DEAD}-0badcafe/report`, `.out.tmp-${DEAD}-1badcafe/`, "out/"]);
    expect((await removeStaleTempFolders(parent, join(parent, "out"))).sort()).toEqual([
      join(parent, `.out.tmp-${DEAD}-0badcafe`),
      join(parent, `.out.tmp-${DEAD}-1badcafe`),
    ]);
    expect(sorted(parent)).toEqual(["out"]);
  });

  it("keeps live runs' folders, other names, files and unmarked folders, and never throws", async () => {
    const kept = [
      `.out.tmp-${process.pid}-0badcafe/`,
      `.out.tmp-x${DEAD}-0badcafe/`,
      `.out.tmp-${DEAD}-0badcafe.keep/`,
      `.out.tmp-junk/`,
      `.oux.tmp-${DEAD}-0badcafe/`,
      `.out.tmp-${DEAD}-1badcafe`,
      `.out.tmp-${DEAD}-2badcafe/`,
    ];
    const parent = parentWith("kept", kept);
    writeFileSync(join(parent, `.out.tmp-${DEAD}-2badcafe`, "data.txt"), "a user's, no manifest");
    expect(await removeStaleTempFolders(parent, join(parent, "out"))).toEqual([]);
    expect(sorted(parent)).toEqual(kept.map((k) => k.replace(/\/$/, "")).sort());
    expect(await removeStaleTempFolders(join(tmp, "no-such"), join(tmp, "no-such", "out"))).toEqual([]);
  });

  it("markTempFolder marks a folder as a toklens report of no files, which a later run may then remove", async () => {
    const parent = parentWith("marked", [`.out.tmp-${DEAD}-0badcafe/`]);
    const temp = join(parent, `.out.tmp-${DEAD}-0badcafe`);
    writeFileSync(join(temp, "half-written.json"), "{");
    await markTempFolder(temp);
    const manifest = JSON.parse(readFileSync(join(temp, REPORT_MANIFEST), "utf8")) as { tool: string; files: string[] };
    expect([manifest.tool, manifest.files]).toEqual(["toklens", []]);
    expect(await removeStaleTempFolders(parent, join(parent, "out"))).toEqual([temp]);
  });
});

describe("targets that cannot be checked", () => {
  it("say which path could not be checked and why, for a report, an output folder and a page", async () => {
    const file = join(tmp, "a-file");
    writeFileSync(file, "x");
    const below = join(file, "sub");
    // each check starts only when its turn comes: a rejection started earlier would have no handler yet
    // (an unhandled rejection for vitest, depending on when the file system answers)
    const cases: [() => Promise<unknown>, string][] = [
      [() => checkReportTarget(below), `Cannot check report folder ${below} (ENOTDIR). Choose another --out.`],
      [() => checkOutputFolder(below), `Cannot check output folder ${below} (ENOTDIR). Choose another --out.`],
      [() => checkPageTarget(below, false), `Cannot check --html '${below}' (ENOTDIR). Choose another file.`],
    ];
    for (const [check, message] of cases) {
      const err = await check().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OutputError);
      expect((err as Error).message).toBe(message);
      expect(((err as Error).cause as NodeJS.ErrnoException).code).toBe("ENOTDIR");
    }
  });

  it("refuses the root and a folder another file system is mounted on", async () => {
    const refusal = (target: string) =>
      `Report folder ${target} is a mount point (or otherwise in use), and toklens cannot replace it`;
    await expect(checkReportTarget("/")).rejects.toThrow(refusal("/"));
    // /proc is its own file system wherever it is mounted (checked here, not assumed)
    if (statSync("/proc").dev !== statSync("/").dev)
      await expect(checkReportTarget("/proc")).rejects.toThrow(refusal("/proc"));
    const cause = new Error("EBUSY");
    expect(mountPointError("/x", cause).cause).toBe(cause);
    expect("cause" in mountPointError("/x")).toBe(false);
  });
});

describe("lists and manifests, exactly", () => {
  it("lists five foreign entries without an 'and 0 more'", async () => {
    const dir = parentWith("five", ["report/report"]);
    for (const f of ["a", "b", "c", "d", "e"]) writeFileSync(join(dir, "report", f), "x");
    await expect(checkReportTarget(join(dir, "report"))).rejects.toThrow(
      "holds 5 entries toklens did not write (a, b, c, d, e), which",
    );
  });

  it("ends a manifest with one newline", () => {
    for (const text of [outputManifest(["a"]), reportManifest(["a"])]) {
      expect(text.endsWith("}\n")).toBe(true);
      expect(text.endsWith("\n\n")).toBe(false);
    }
  });
});

describe("tokenize --html pages", () => {
  it("writes the page, and checking an earlier one leaves no file open", async () => {
    const page = join(tmp, "tokens.html");
    const html = `<!doctype html><meta name="generator" content="generated by toklens 1.2.3 (${TOKEN_PAGE_GENERATOR})">`;
    await writePageFile(page, html);
    expect(readFileSync(page, "utf8")).toBe(html);
    const open = (): number => readdirSync("/proc/self/fd").length;
    const before = open();
    for (let i = 0; i < 5; i++) await checkPageTarget(page, false);
    expect(open()).toBe(before);
  });
});
