// The bench's closed set of parts, its command line, and one printed line per figure with its target from issue 19.
import { parseArgs } from "node:util";

/** The parts `npm run bench` can run, in the order it runs them. */
export const BENCH_PARTS = [
  "udhr",
  "flores",
  "joined",
  "load",
  "report",
  "serve",
  "size",
  "budget",
  "parquet",
] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];
/** The parts run without --only: `parquet` writes 220 MB of Parquet and reads it for minutes, so it runs when asked. */
export const DEFAULT_BENCH_PARTS: readonly BenchPart[] = BENCH_PARTS.filter((p) => p !== "parquet");
export function isBenchPart(value: string): value is BenchPart {
  return (BENCH_PARTS as readonly string[]).includes(value);
}

export interface BenchOptions {
  parts: BenchPart[];
  /** A FLORES-200 folder to use instead of the generated FLORES-sized corpus. */
  flores?: string;
}

/** `--only udhr,load` and `--flores DIR` (or $TOKLENS_BENCH_FLORES); the default parts when `--only` is absent. */
export function parseBenchArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: { only: { type: "string" }, flores: { type: "string" } },
    strict: true,
  });
  const parts: BenchPart[] = [];
  for (const name of (values.only ?? DEFAULT_BENCH_PARTS.join(",")).split(",").map((s) => s.trim())) {
    if (!isBenchPart(name)) throw new Error(`Unknown bench part '${name}'. Use --only with ${BENCH_PARTS.join(",")}.`);
    if (!parts.includes(name)) parts.push(name);
  }
  const flores = values.flores ?? env["TOKLENS_BENCH_FLORES"];
  return { parts: BENCH_PARTS.filter((p) => parts.includes(p)), ...(flores ? { flores } : {}) };
}

/** A figure with its target: `value` must be `<=` (or `<`) `limit`. */
export interface Check {
  label: string;
  /** What was measured, e.g. "baseline 12.1 s, toolkit 25.3 s". */
  detail: string;
  value: number;
  unit: "x" | "s" | "ms" | "MB";
  target: { op: "<=" | "<"; limit: number };
}

export function checkMet(check: Check): boolean {
  return check.target.op === "<=" ? check.value <= check.target.limit : check.value < check.target.limit;
}

function formatValue(value: number, unit: Check["unit"]): string {
  if (unit === "x") return `${value.toFixed(2)}x`;
  if (unit === "s") return `${value.toFixed(1)} s`;
  if (unit === "ms") return `${value.toFixed(1)} ms`;
  return `${value.toFixed(0)} MB`;
}

/** One aligned line: label, what was measured, the figure, its target and whether it is met. */
export function formatCheck(check: Check): string {
  const { op, limit } = check.target;
  const target = `target ${op} ${check.unit === "x" ? `${limit}x` : `${limit} ${check.unit}`}`;
  return (
    `${check.label.padEnd(46)} ${check.detail.padEnd(40)} ${formatValue(check.value, check.unit).padStart(8)}  ` +
    `${target.padEnd(17)} ${checkMet(check) ? "met" : "NOT met"}`
  );
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
