// Runs a bench step as a fresh Node process and returns its wall time and, on request, its own peak RSS.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** dist/cli/main.js: the `toklens` bin as a user runs it. */
export const CLI = fileURLToPath(new URL("../cli/main.js", import.meta.url));
/** A script next to this one in dist/bench/. */
export const benchScript = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url));

export interface ChildRun {
  ms: number;
  /** The child's own peak resident set (VmHWM), MiB; NaN when not asked for or not on Linux. */
  rssMb: number;
}

/** Spawns `node <args>`; stdout is discarded, a failure throws with the end of stderr. */
export function runNode(args: readonly string[], options: { rss?: boolean; env?: NodeJS.ProcessEnv } = {}): ChildRun {
  const dir = options.rss ? mkdtempSync(join(tmpdir(), "toklens-bench-rss-")) : undefined;
  const rssFile = dir ? join(dir, "rss") : undefined;
  const preload = rssFile ? ["--import", pathToFileURL(benchScript("peak-rss.js")).href] : [];
  try {
    const started = performance.now();
    const child = spawnSync(process.execPath, [...preload, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
      maxBuffer: 64 << 20,
      env: { ...process.env, ...options.env, ...(rssFile ? { TOKLENS_BENCH_RSS_FILE: rssFile } : {}) },
    });
    const ms = performance.now() - started;
    if (child.status !== 0) {
      throw new Error(
        `\`node ${args.join(" ")}\` failed (${child.status ?? child.signal}): ${child.stderr.slice(-2000)}`,
      );
    }
    const rssMb = rssFile ? Number(readFileSync(rssFile, "utf8")) / 1024 : NaN;
    return { ms, rssMb };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
