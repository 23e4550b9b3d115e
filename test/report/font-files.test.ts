// fonts/ holds exactly the font files PNG export reads, each as fonts/manifest.json describes it (sha256, source
// package, licence), and toklens no longer reads fonts from @fontsource packages.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { CHART_FONT_FAMILIES, FONTS_DIR, loadChartFonts } from "../../src/report/fonts.js";
import { PACKAGE_ROOT } from "../../src/version.js";

interface FontManifest {
  files: {
    path: string;
    family: string;
    package: string;
    version: string;
    originalPath: string;
    bytes: number;
    sha256: string;
    licence: string;
    licenceFile: string;
    unicodeRange?: string;
  }[];
  licences: { path: string; package: string; version: string; originalPath: string | null; sha256: string }[];
}

const manifest = JSON.parse(readFileSync(join(FONTS_DIR, "manifest.json"), "utf8")) as FontManifest;
const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** Every file under `dir`, as paths relative to it. */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path).map((p) => `${name}/${p}`) : [name];
  });
}

describe("fonts/", () => {
  it("is found at the package root", () => {
    expect(relative(PACKAGE_ROOT, FONTS_DIR)).toBe("fonts");
  });

  it("holds files whose size and sha256 are the manifest's", () => {
    expect(manifest.files.length).toBeGreaterThan(300);
    for (const f of manifest.files) {
      const path = join(FONTS_DIR, f.path);
      expect(statSync(path).size, f.path).toBe(f.bytes);
      expect(sha256(path), f.path).toBe(f.sha256);
    }
    for (const l of manifest.licences) expect(sha256(join(FONTS_DIR, l.path)), l.path).toBe(l.sha256);
  });

  it("lists every font file the code reads, in the order it reads them, and no other", () => {
    const read = loadChartFonts().map((f) => f.source);
    expect(read).toEqual(manifest.files.map((f) => `fonts/${f.path}`));
    // the folders follow CHART_FONT_FAMILIES (scripts/fonts.mjs writes them in the order of its FONT_PACKAGES)
    expect([...new Set(manifest.files.map((f) => f.path.split("/")[0]))]).toEqual([...CHART_FONT_FAMILIES]);
  });

  it("commits nothing but the listed fonts, their licences, the manifest and the README", () => {
    const listed = [
      ...manifest.files.map((f) => f.path),
      ...manifest.licences.map((l) => l.path),
      "manifest.json",
      "README.md",
    ];
    expect(walk(FONTS_DIR).sort()).toEqual(listed.sort());
  });

  it("says where each file came from and under which licence", () => {
    const licences = new Map(manifest.licences.map((l) => [l.path, l]));
    for (const f of manifest.files) {
      expect(f.package, f.path).toBe(`@fontsource/${f.path.split("/")[0]}`);
      expect(f.originalPath, f.path).toMatch(/^files\/[a-z0-9-]+-400-normal\.woff$/);
      expect(f.version, f.path).toMatch(/^\d+\.\d+\.\d+$/);
      expect(f.licence, f.path).toBe("OFL-1.1");
      const licence = licences.get(f.licenceFile);
      expect(licence?.package, f.path).toBe(f.package);
      expect(readFileSync(join(FONTS_DIR, f.licenceFile), "utf8"), f.licenceFile).toContain(
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
      );
    }
    expect(manifest.licences.map((l) => l.path.split("/")[0])).toEqual([...CHART_FONT_FAMILIES]);
  });

  it("ships in the npm package", () => {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain("fonts");
  });

  // this file names the packages only as the manifest's record of where the files came from
  it("replaces the font packages: no other source or test names one", () => {
    const scope = ["@font", "source/"].join("");
    const hits = [
      ...walk(join(PACKAGE_ROOT, "src")).map((p) => `src/${p}`),
      ...walk(join(PACKAGE_ROOT, "test")).map((p) => `test/${p}`),
    ]
      .filter(
        (p) => /\.(ts|mjs|js)$/.test(p) && !p.startsWith("test/fixtures/") && p !== "test/report/font-files.test.ts",
      )
      .filter((p) => readFileSync(join(PACKAGE_ROOT, p), "utf8").includes(scope));
    expect(hits).toEqual([]);
  });
});
