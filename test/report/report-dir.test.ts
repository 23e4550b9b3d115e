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

describe("checkReportTarget refuses", () => {
  it("a symbolic link, a file, and a non-empty folder without a toklens manifest, each naming it and the fix", async () => {
    const { symlinkSync } = await import("node:fs");
    mkdirSync(join(tmp, "real"));
    symlinkSync(join(tmp, "real"), join(tmp, "link"));
    await expect(checkReportTarget(join(tmp, "link"))).rejects.toThrow(
      `Report folder ${join(tmp, "link")} is a symbolic link; toklens replaces only real folders it wrote. Give the folder the link points to, or choose another --out.`,
    );
    writeFileSync(join(tmp, "a-file"), "x");
    await expect(checkReportTarget(join(tmp, "a-file"))).rejects.toThrow(
      `Report target ${join(tmp, "a-file")} exists and is not a directory. Choose another --out or remove the file.`,
    );
    const dir = join(tmp, "users");
    mkdirSync(dir);
    for (const f of ["f", "e", "d", "c", "b", "a"]) writeFileSync(join(dir, f), "x");
    await expect(checkReportTarget(dir)).rejects.toThrow(
      `Refusing to write the report into ${dir}: the folder is not empty (a, b, c, d, e and 1 more) and holds no toklens report (no ${REPORT_MANIFEST}), and writing would replace its contents. Choose another --out, or empty the folder first.`,
    );
  });

  it("a folder whose manifest is not toklens' (another tool, no file list, a file list that is not strings)", async () => {
    for (const [name, manifest] of [
      ["other-tool", { tool: "other", files: ["index.html"] }],
      ["no-list", { tool: "toklens", files: "index.html" }],
      ["not-strings", { tool: "toklens", files: ["index.html", 3] }],
      ["not-json", "{"],
    ] as const) {
      const dir = join(tmp, name);
      mkdirSync(dir);
      writeFileSync(join(dir, REPORT_MANIFEST), typeof manifest === "string" ? manifest : JSON.stringify(manifest));
      writeFileSync(join(dir, "index.html"), "x");
      await expect(checkReportTarget(dir), name).rejects.toThrow("holds no toklens report");
    }
  });

  it("names one foreign entry as an entry, several as entries", async () => {
    await expect(checkReportTarget(reportFolder("one-more", ["x"]))).rejects.toThrow(
      `Refusing to replace the report in ${join(tmp, "one-more")}: the folder also holds 1 entry toklens did not write (x), which replacing it would delete. Move them elsewhere, or choose another --out.`,
    );
  });
});

describe("reportManifest and outputManifest", () => {
  it("list the files sorted (the output manifest once each), with the tool and its version", async () => {
    const { TOOLKIT_VERSION } = await import("../../src/version.js");
    const { outputManifest } = await import("../../src/report/report-dir.js");
    const report = JSON.parse(reportManifest(["b.json", "a.html"])) as Record<string, unknown>;
    expect(report).toMatchObject({ tool: "toklens", version: TOOLKIT_VERSION, files: ["a.html", "b.json"] });
    expect(report["$comment"]).toMatch(/^written by toklens: it replaces this folder/);
    expect(reportManifest([])).toMatch(/\n$/);
    const output = JSON.parse(outputManifest(["x/b", "a", "x/b"])) as Record<string, unknown>;
    expect(output).toMatchObject({ tool: "toklens", version: TOOLKIT_VERSION, files: ["a", "x/b"] });
    expect(output["$comment"]).toMatch(/^written by toklens: a later run with the same --out overwrites/);
  });
});

describe("checkOutputFolder", () => {
  it("accepts a missing or empty folder, and one holding only the files its manifest lists, which it returns", async () => {
    const { checkOutputFolder, outputManifest } = await import("../../src/report/report-dir.js");
    expect(await checkOutputFolder(join(tmp, "out-missing"))).toEqual([]);
    const dir = join(tmp, "out-own");
    mkdirSync(join(dir, "sub"), { recursive: true });
    expect(await checkOutputFolder(dir)).toEqual([]);
    writeFileSync(join(dir, REPORT_MANIFEST), outputManifest(["sub/b.json", "a.json", "gone.json"]));
    expect(await checkOutputFolder(dir)).toEqual([]);
    writeFileSync(join(dir, "a.json"), "x");
    writeFileSync(join(dir, "sub", "b.json"), "x");
    expect(await checkOutputFolder(dir)).toEqual(["a.json", "sub/b.json"]);
  });

  it("refuses a link, a file, files without a manifest and files the manifest does not list", async () => {
    const { symlinkSync } = await import("node:fs");
    const { checkOutputFolder, outputManifest } = await import("../../src/report/report-dir.js");
    mkdirSync(join(tmp, "out-real"));
    symlinkSync(join(tmp, "out-real"), join(tmp, "out-link"));
    const tail =
      "; toklens writes only into real folders that are empty or hold its own earlier output. Choose another --out.";
    await expect(checkOutputFolder(join(tmp, "out-link"))).rejects.toThrow(
      `Output folder ${join(tmp, "out-link")} is a symbolic link${tail}`,
    );
    writeFileSync(join(tmp, "out-file"), "x");
    await expect(checkOutputFolder(join(tmp, "out-file"))).rejects.toThrow(
      `Output folder ${join(tmp, "out-file")} is not a directory${tail}`,
    );
    const dir = join(tmp, "out-users");
    mkdirSync(join(dir, "deep"), { recursive: true });
    writeFileSync(join(dir, "deep", "notes.txt"), "x");
    await expect(checkOutputFolder(dir)).rejects.toThrow(
      `Refusing to write into ${dir}: the folder is not empty (deep/notes.txt) and holds no earlier toklens output (no ${REPORT_MANIFEST}), and writing could overwrite those files. Choose another --out, or empty the folder first.`,
    );
    writeFileSync(join(dir, REPORT_MANIFEST), outputManifest(["other.txt"]));
    writeFileSync(join(dir, "z.txt"), "x");
    await expect(checkOutputFolder(dir)).rejects.toThrow(
      `Refusing to write into ${dir}: the folder also holds 2 files toklens did not write (deep/notes.txt, z.txt). Move them elsewhere, or choose another --out.`,
    );
    rmSync(join(dir, "z.txt"));
    await expect(checkOutputFolder(dir)).rejects.toThrow("also holds 1 file toklens did not write (deep/notes.txt).");
  });
});

describe("checkPageTarget", () => {
  it("accepts a missing file, a page tokenize --html wrote, or anything with force; refuses other files", async () => {
    const { checkPageTarget, TOKEN_PAGE_GENERATOR } = await import("../../src/report/report-dir.js");
    await checkPageTarget(join(tmp, "no-page.html"), false);
    const page = join(tmp, "page.html");
    writeFileSync(
      page,
      `<!doctype html><meta name="generator" content="generated by toklens 1.2.3 (${TOKEN_PAGE_GENERATOR})">`,
    );
    await checkPageTarget(page, false);
    const mine = join(tmp, "mine.html");
    const refused = `Refusing to overwrite --html '${mine}': it exists and is not a page \`toklens tokenize --html\` wrote. Pass --force to replace it, or choose another file.`;
    for (const content of [
      "<p>my notes</p>",
      `<meta name="generator" content="generated by toklens 1.2.3 (toklens report)">`,
      // the generator line past the first 4 KB is not read
      " ".repeat(4096) + `<meta name="generator" content="generated by toklens 1.2.3 (${TOKEN_PAGE_GENERATOR})">`,
    ]) {
      writeFileSync(mine, content);
      await expect(checkPageTarget(mine, false)).rejects.toThrow(refused);
    }
    await checkPageTarget(mine, true);
    mkdirSync(join(tmp, "a-dir.html"));
    await expect(checkPageTarget(join(tmp, "a-dir.html"), false)).rejects.toThrow("is not a page");
  });
});

describe("temporary and aside folder names", () => {
  it("hide beside the target, with the process id and a suffix", async () => {
    const { asideFolderName, tempFolderName } = await import("../../src/report/report-dir.js");
    expect(tempFolderName("/x/out", 42, "abcd1234")).toBe(".out.tmp-42-abcd1234");
    expect(asideFolderName("/x/out", 42, "abcd1234")).toBe(".out.old-42-abcd1234");
  });
});
