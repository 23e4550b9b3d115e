// The packed package: carries dist/ and installs without devDependencies. One `npm pack` serves every test here; it
// runs offline, and so in CI: the tarball is unpacked as `npm install` would, next to links to the checkout's own
// copies of the production dependencies (nothing is fetched).
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = process.cwd();
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

interface Packed {
  dir: string;
  tarball: string;
  files: string[];
}
let packed: Packed;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "toklens-pack-"));
  // --ignore-scripts: pack the dist/ the vitest global setup just built, instead of rebuilding it under tests that
  // are reading it
  const out = execFileSync(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"], // npm's notices on stderr stay out of the test output
  });
  const [info] = JSON.parse(out) as [{ filename: string; files: { path: string }[] }];
  packed = { dir, tarball: join(dir, info.filename), files: info.files.map((f) => f.path) };
});

afterAll(() => {
  if (packed) rmSync(packed.dir, { recursive: true, force: true });
});

describe("npm pack", () => {
  it("lists dist/, the analyses and the prepare guard, and no sources or tests", () => {
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
      expect(packed.files, f).toContain(f);
    }
    expect(packed.files.filter((f) => f.startsWith("src/") || f.startsWith("test/"))).toEqual([]);
  });

  it("ships fonts/ (the PNG chart fonts): every file of its manifest, the manifest and its README", () => {
    const manifest = JSON.parse(readFileSync(join(root, "fonts", "manifest.json"), "utf8")) as {
      files: { path: string }[];
      licences: { path: string }[];
    };
    const expected = [...manifest.files, ...manifest.licences].map((f) => `fonts/${f.path}`);
    expected.push("fonts/manifest.json", "fonts/README.md");
    expect(packed.files.filter((f) => f.startsWith("fonts/")).sort()).toEqual(expected.sort());
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

  it("installed from the tarball with its dependencies only (no devDependencies), runs `toklens tokenize gpt2 --text hi`", () => {
    const app = join(packed.dir, "app");
    const modules = join(app, "node_modules");
    mkdirSync(modules, { recursive: true });
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
    // what `npm install <tarball> --omit=dev` lays out: the package under node_modules/toklens, its dependencies
    // beside it (links to the checkout's copies), its bin in node_modules/.bin
    execFileSync("tar", ["-xzf", packed.tarball, "-C", packed.dir]);
    const installed = join(modules, "toklens");
    renameSync(join(packed.dir, "package"), installed);
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      bin: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies)) {
      mkdirSync(dirname(join(modules, dep)), { recursive: true });
      symlinkSync(join(root, "node_modules", dep), join(modules, dep), "dir");
    }
    const bin = join(installed, manifest.bin["toklens"]!);
    chmodSync(bin, 0o755);
    mkdirSync(join(modules, ".bin"));
    symlinkSync(bin, join(modules, ".bin", "toklens"));
    const r = spawnSync(join(modules, ".bin", "toklens"), ["tokenize", "gpt2", "--text", "hi"], {
      cwd: app,
      encoding: "utf8",
      env: { ...process.env, TOKLENS_CACHE_DIR: join(packed.dir, "cache") },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("gpt2 (GPT-2 (50k)): 1 tokens, round-trip ok");
  });
});
