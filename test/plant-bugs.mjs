// Plants each bug of issue 25's table (docs/testing.md, "Bugs the suite must catch") by a string replacement, runs
// the test that must catch it, and reports caught / NOT CAUGHT; every planted file is restored afterwards, also on
// Ctrl-C or SIGTERM, and a run killed outright (SIGKILL) is repaired by the next one from the backups it left.
// Not part of `npm test`: run it by hand, `node test/plant-bugs.mjs` (all rows) or `node test/plant-bugs.mjs 3 8`.
// Each run rebuilds dist/ through vitest's global setup (the planted source is newer than the build); the catching
// tests run src/ in process, so that build does not matter to them. Row 8 needs Chromium (/usr/bin/chromium).
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Originals of the files being planted, kept until they are restored. */
const BACKUP = join(tmpdir(), `toklens-plant-bugs-${Buffer.from(ROOT).toString("hex").slice(-16)}`);
const ASSETS = "src/report/page-assets.ts";

/** One planted bug: `from` (found exactly once in `file`) becomes `to`; `test` must then fail the test named `name`. */
const PLANTS = [
  {
    row: 1,
    bug: "token placement no longer checks that tokens cover the whole text",
    file: "src/tokenize/placement.ts",
    from: "  for (; pos < text.length; pos++) if (!isSpaceByte(text[pos])) return null;\n",
    to: "",
    test: "test/tokenize/tokenize-corpus.test.ts",
    name: "refuses tokens that spell only the start of the text",
  },
  {
    row: 2,
    bug: "languages without a ratio sorted first in diff",
    file: "src/analysis/diff.ts",
    from: "(x.ratio ?? Infinity) - (y.ratio ?? Infinity)",
    to: "(x.ratio ?? -Infinity) - (y.ratio ?? -Infinity)",
    test: "test/analysis/diff-rows.test.ts",
    name: "puts languages without a ratio last",
  },
  {
    row: 3,
    bug: "a group's token share divided by grouped languages only",
    file: "src/metrics/groups.ts",
    from: "const bill = mine.reduce(",
    to: "const bill = mine.filter((r) => groups.has(r.language)).reduce(",
    test: "test/analysis/groups.test.ts",
    name: "divides a group's tokens by every language of the run",
  },
  {
    row: 4,
    bug: "the joined-text hash ignores the text",
    file: "src/tokenize/join.ts",
    from: "  for (const s of joined) hash.update(s.text);\n",
    to: "",
    test: "test/tokenize/join.test.ts",
    name: "changes with the text of any segment",
  },
  {
    row: 5,
    bug: "counts mixed with real tokenizers: real results looked up by position in the full list",
    file: "src/tokenize/counts.ts",
    from: "const t = real.indexOf(ref);",
    to: "const t = options.tokenizers.indexOf(ref);",
    test: "test/tokenize/counts-file.test.ts",
    name: "puts each real tokenizer's results back at its place",
  },
  {
    row: 6,
    bug: "makeDirectories accepts an existing file",
    file: "src/output-dir.ts",
    from: "if (!found.isDirectory())",
    to: "if (!found.isDirectory() && false)",
    test: "test/output-dir.test.ts",
    name: "fails with ENOTDIR when the path itself is an existing file",
  },
  {
    row: 7,
    bug: "the cache key drops the schema version",
    file: "src/tokenize/cache.ts",
    from: "  return diskCacheKey(TOKENIZE_SCHEMA_VERSION, {",
    to: "  return diskCacheKey(0, {",
    test: "test/tokenize/cache.test.ts",
    name: "changes when TOKENIZE_SCHEMA_VERSION is bumped",
  },
  {
    row: 8,
    bug: 'the token view\'s "N tokens" label counts groups, not tokens',
    file: "src/report/assets/token-view.js",
    from: "        return n + g.tokens.length;",
    to: "        return n + 1;",
    // the page carries the script through the generated page-assets.ts
    regenerate: true,
    test: "test/report/report-browser.test.ts",
    name: "labels each tokenizer's row with its number of tokens",
  },
  {
    row: 9,
    bug: "Lorenz ties no longer ordered by language code",
    file: "src/metrics/lorenz.ts",
    from: "(a, b) => a.value - b.value || (a.language < b.language ? -1 : a.language > b.language ? 1 : 0),",
    to: "(a, b) => a.value - b.value,",
    test: "test/metrics/lorenz.test.ts",
    name: "order equal costs by language code",
  },
  {
    row: 10,
    bug: "the no-price warning fires once per row",
    file: "src/metrics/cost.ts",
    from: " && !unpriced.has(r.tokenizer)",
    to: "",
    test: "test/metrics/cost.test.ts",
    name: "warns once per unpriced tokenizer",
  },
  {
    row: 11,
    bug: "hidden entries such as .git not counted as foreign in an --out folder",
    file: "src/report/report-dir.ts",
    from: "const foreign = entries.filter((e) => !ours.has(e)).sort();",
    to: 'const foreign = entries.filter((e) => !ours.has(e) && !e.startsWith(".")).sort();',
    test: "test/report/report-dir.test.ts",
    name: "counts hidden entries",
  },
  {
    row: 12,
    bug: "a duplicate line in a counts file silently overwrites the first",
    file: "src/tokenize/counts.ts",
    from: "    if (byId.has(r.id)) twice.push(`${r.language} ${r.id} (line ${i + 1})`);\n",
    to: "",
    test: "test/tokenize/counts-file.test.ts",
    name: "given twice",
  },
];

/** Puts back every file saved in BACKUP and removes it. */
function restoreAll() {
  if (!existsSync(BACKUP)) return;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else copyFileSync(path, join(ROOT, relative(BACKUP, path)));
    }
  };
  visit(BACKUP);
  rmSync(BACKUP, { recursive: true, force: true });
}

function backUp(file) {
  const copy = join(BACKUP, file);
  if (existsSync(copy)) return;
  mkdirSync(dirname(copy), { recursive: true });
  copyFileSync(join(ROOT, file), copy);
}

/**
 * Runs a Node script in ROOT; resolves with its exit code. It runs in its own process group, which is killed whole
 * (vitest and its workers) if this process is interrupted.
 */
let child = null;
function run(args) {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], detached: true });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      child = null;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (child?.pid) process.kill(-child.pid, "SIGTERM");
    restoreAll();
    console.error(`\n${signal}: planted files restored.`);
    process.exit(130);
  });
}

/** Whether the named test failed in vitest's JSON report (a skipped or missing test is not a catch). */
function failedIn(report, name) {
  const data = JSON.parse(readFileSync(report, "utf8"));
  const results = data.testResults.flatMap((f) => f.assertionResults);
  const named = results.filter((a) => a.fullName.includes(name));
  return { found: named.length > 0, failed: named.some((a) => a.status === "failed") };
}

async function main() {
  if (existsSync(BACKUP)) {
    restoreAll();
    console.log(`Restored files left planted by an earlier run that was killed (${BACKUP}).`);
  }
  const rows = process.argv.slice(2).map(Number);
  const plants = rows.length > 0 ? PLANTS.filter((p) => rows.includes(p.row)) : PLANTS;
  const vitest = join(ROOT, "node_modules", "vitest", "vitest.mjs");
  const report = join(tmpdir(), `toklens-plant-bugs-${process.pid}.json`);
  let missed = 0;
  for (const p of plants) {
    const source = readFileSync(join(ROOT, p.file), "utf8");
    const count = source.split(p.from).length - 1;
    if (count !== 1) {
      console.log(`row ${p.row}: cannot plant (the text to replace occurs ${count} times in ${p.file}; update PLANTS)`);
      missed++;
      continue;
    }
    backUp(p.file);
    if (p.regenerate) backUp(ASSETS);
    try {
      writeFileSync(join(ROOT, p.file), source.replace(p.from, p.to));
      if (p.regenerate && (await run(["scripts/report-assets.mjs"])) !== 0)
        throw new Error("scripts/report-assets.mjs failed");
      rmSync(report, { force: true });
      await run([vitest, "run", p.test, "-t", p.name, "--reporter=json", `--outputFile=${report}`]);
      const { found, failed } = existsSync(report) ? failedIn(report, p.name) : { found: false, failed: false };
      const verdict = failed ? "caught" : found ? "NOT CAUGHT" : "NOT CAUGHT (test not found or not run)";
      if (!failed) missed++;
      console.log(`row ${p.row}: ${verdict} by ${p.test} "${p.name}" (${p.bug})`);
    } finally {
      restoreAll();
      rmSync(report, { force: true });
    }
  }
  console.log(missed === 0 ? `All ${plants.length} planted bugs caught.` : `${missed} not caught.`);
  process.exitCode = missed === 0 ? 0 : 1;
}

main().catch((err) => {
  restoreAll();
  console.error(err);
  process.exit(1);
});
