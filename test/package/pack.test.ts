// The packed package: carries dist/ (built by prepack) and installs without devDependencies.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

describe("npm pack", () => {
  it("lists dist/, the analyses and the prepare guard, and no sources or tests", () => {
    // --ignore-scripts: list what would be packed from the dist/ `npm test` just built, without building again
    const out = execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" });
    const files = (JSON.parse(out) as [{ files: { path: string }[] }])[0].files.map((f) => f.path);
    for (const f of [
      "dist/cli/main.js",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/tokenize/worker.js",
      "analyses/schema.json",
      "scripts/prepare.mjs",
      "package.json",
      "README.md",
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.startsWith("src/") || f.startsWith("test/"))).toEqual([]);
  });

  it("prepare builds nothing where TypeScript is missing (an installed package) and exits 0", () => {
    const dir = mkdtempSync(join(tmpdir(), "toklens-prepare-"));
    try {
      writeFileSync(join(dir, "prepare.mjs"), readFileSync(join(root, "scripts", "prepare.mjs")));
      const r = spawnSync(process.execPath, [join(dir, "prepare.mjs")], { cwd: dir, encoding: "utf8" });
      expect(r.status).toBe(0);
      expect(r.stdout + r.stderr).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Slow and needs the npm registry (or a warm npm cache): run with TOKLENS_PACK_TEST=1.
  it.runIf(process.env["TOKLENS_PACK_TEST"] === "1")(
    "installs from the tarball with --omit=dev and runs `toklens tokenize gpt2 --text hi`",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "toklens-pack-"));
      try {
        execFileSync(npm, ["pack", "--pack-destination", dir], { cwd: root, stdio: "ignore" });
        const app = join(dir, "app");
        mkdirSync(app);
        writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
        execFileSync(
          npm,
          [
            "install",
            join(
              dir,
              `toklens-${(JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version}.tgz`,
            ),
            "--omit=dev",
            "--prefer-offline",
            "--no-audit",
            "--no-fund",
          ],
          { cwd: app, stdio: "ignore" },
        );
        const out = execFileSync("npx", ["toklens", "tokenize", "gpt2", "--text", "hi"], {
          cwd: app,
          encoding: "utf8",
        });
        expect(out).toContain("gpt2 (GPT-2 (50k)): 1 tokens, round-trip ok");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    600_000,
  );
});
