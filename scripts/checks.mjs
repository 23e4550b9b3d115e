// The static checks of `npm test`, run side by side: tsc (types), eslint (lint) and prettier (format) are each
// single-threaded, so on a 2-core machine running them at once takes about the time of the slowest (eslint) instead of
// their sum. Each one's output is printed whole, in this order, once all three have finished; the exit code is 1 when
// any of them failed, and the failed ones are named last.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
/** The file of a package's command, from its package.json's `bin` (eslint does not export its bin path). */
function bin(pkg, command) {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { bin: entry } = JSON.parse(readFileSync(manifest, "utf8"));
  return join(dirname(manifest), typeof entry === "string" ? entry : entry[command]);
}

const CHECKS = [
  { name: "tsc", args: [bin("typescript", "tsc"), "-p", "tsconfig.json", "--noEmit"] },
  { name: "eslint", args: [bin("eslint", "eslint"), "."] },
  { name: "prettier", args: [bin("prettier", "prettier"), "--check", "**/*.{ts,js,mjs,css,json}"] },
];

/** Runs one check to its end, keeping its stdout and stderr in the order they came. */
function run(check) {
  return new Promise((resolve) => {
    const started = performance.now();
    const out = [];
    const child = spawn(process.execPath, check.args, { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => out.push(b));
    child.on("error", (err) => resolve({ ...check, code: 1, output: `${err.message}\n`, ms: 0 }));
    child.on("close", (code, signal) =>
      resolve({
        ...check,
        code: code ?? (signal ? 1 : 0),
        output: Buffer.concat(out).toString("utf8"),
        ms: performance.now() - started,
      }),
    );
  });
}

const results = await Promise.all(CHECKS.map(run));
for (const r of results) {
  process.stdout.write(
    `> ${r.name} (${(r.ms / 1000).toFixed(1)} s): ${r.code === 0 ? "ok" : `failed (exit ${r.code})`}\n`,
  );
  if (r.output.trim() !== "") process.stdout.write(r.output.endsWith("\n") ? r.output : `${r.output}\n`);
}
const failed = results.filter((r) => r.code !== 0).map((r) => r.name);
if (failed.length > 0) {
  process.stderr.write(
    `Static checks failed: ${failed.join(", ")}. Fix them (npm run format rewrites the formatting).\n`,
  );
  process.exit(1);
}
