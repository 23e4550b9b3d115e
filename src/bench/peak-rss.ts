// Preloaded into a bench child (`node --import`): on exit, writes the process's own peak RSS (KiB) to $TOKLENS_BENCH_RSS_FILE.
import { readFileSync, writeFileSync } from "node:fs";

process.on("exit", () => {
  const file = process.env["TOKLENS_BENCH_RSS_FILE"];
  if (!file) return;
  let kib: number;
  try {
    // VmHWM is this process's own peak (worker threads included); getrusage's maxRSS may keep a forking parent's
    kib = Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1]);
  } catch {
    kib = process.resourceUsage().maxRSS;
  }
  writeFileSync(file, String(kib));
});
