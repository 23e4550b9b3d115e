// Marks the package's bin files (package.json "bin") executable after a build. tsc writes a new file with mode 644;
// npm makes a bin executable when it links it, and `npx toklens` in a checkout links it once (in ~/.npm/_npx, by the
// checkout's path), so after `rm -rf dist` and a rebuild the link pointed at a file the shell would not run
// ("sh: 1: toklens: Permission denied"). Run by `npm run build`, `npm ci` (prepare) and the tests' global setup.
import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Adds the execute bits to each bin file of the package at `dir` that exists. */
export function markBinsExecutable(dir = root) {
  const { bin } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const files = typeof bin === "string" ? [bin] : Object.values(bin ?? {});
  for (const file of files) {
    const path = join(dir, file);
    if (existsSync(path)) chmodSync(path, statSync(path).mode | 0o111);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) markBinsExecutable();
