// Vitest global setup: builds dist/ (tsc -p tsconfig.build.json) before any test, because worker threads and the CLI
// tests run the compiled code; skipped when dist/ is newer than every source file, so it never tests stale code.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
// @ts-expect-error: a plain ES module of the build scripts, without types
import { markBinsExecutable } from "../scripts/bin-executable.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Written after a successful build; its mtime is when dist/ was last made from src/. */
const STAMP = join(ROOT, "dist", ".build-stamp");

/** Newest modification time (ms) of the files the build reads. */
function newestInput(): number {
  let newest = 0;
  const visit = (path: string) => {
    const st = statSync(path);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  visit(join(ROOT, "src"));
  for (const f of ["tsconfig.json", "tsconfig.build.json", "package.json"]) visit(join(ROOT, f));
  return newest;
}

export function buildIsCurrent(): boolean {
  return existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestInput();
}

export default function setup(): void {
  if (buildIsCurrent()) return;
  const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "pipe" });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `The TypeScript build that the tests run (tsc -p tsconfig.build.json) failed:\n${e.stdout?.toString() ?? ""}${e.stderr?.toString() ?? ""}`,
      { cause: err },
    );
  }
  markBinsExecutable(ROOT);
  writeFileSync(STAMP, `built by test/global-setup.ts at ${new Date().toISOString()}\n`);
}
