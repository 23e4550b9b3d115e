// npm `prepare`: builds dist/ in a development checkout (npm ci). An installed package already carries dist/
// (built by `prepack`) and has no TypeScript, so there this does nothing instead of failing.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let tsc = null;
try {
  tsc = require.resolve("typescript/bin/tsc");
} catch {
  // no devDependencies: nothing to build with
}
if (tsc === null || !existsSync("src") || !existsSync("tsconfig.build.json")) process.exit(0);
const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
// imported only here: an installed package (which ends above) ships this script alone
if (result.status === 0) (await import("./bin-executable.mjs")).markBinsExecutable();
process.exit(result.status ?? 1);
