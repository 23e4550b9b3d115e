// Two ways to run `toklens`: runCli spawns the real binary (dist/cli/main.js, built by `npm run build`); callCli runs
// the same command in the test's own process, through the program main.ts builds and main's exit mapping.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { exitFor } from "../../src/cli/exit.js";
import { buildProgram } from "../../src/cli/program.js";
import { enableLoadNotices } from "../../src/tokenizers/load-notice.js";

const bin = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Added to the environment (a key set to undefined is removed for the call). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** runCli only: the child is killed after this long. */
  timeoutMs?: number;
}

/**
 * Spawns the binary: for what only a process shows (start-up, the bin itself, signals, the exit of a process whose
 * stdout closes early). A spawn costs about 0.3 s of CPU before any work; callCli does not.
 */
export function runCli(args: string[], options: CliOptions = {}): CliResult {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first (npm test does).`);
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
    timeout: options.timeoutMs ?? 300_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI's standard streams as a spawned child sees them through pipes: no terminal, no width. */
const STREAM_PROPS = ["write", "isTTY", "columns"] as const;

/**
 * Runs `toklens <args>` in this process, as the binary would with its output piped: the program of src/cli/program.ts
 * parses `args`, stdout and stderr are captured (neither is a terminal, neither has a width), an error ends the call
 * with the exit code and message main.ts gives it. process.argv is the binary's for the call. The environment, the
 * working folder, process.argv, process.exitCode and the load-notice sink are restored afterwards. Calls must not overlap (the streams are the process's own); vitest runs a
 * file's tests one at a time.
 */
export async function callCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const argv = process.argv;
  const env = { ...process.env };
  const cwd = process.cwd();
  const exitCode = process.exitCode;
  const out: string[] = [];
  const err: string[] = [];
  const saved = [process.stdout, process.stderr].map((s) =>
    STREAM_PROPS.map((p) => [p, Object.getOwnPropertyDescriptor(s, p)] as const),
  );
  capture(process.stdout, out);
  capture(process.stderr, err);
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  let code: number;
  try {
    if (options.cwd) process.chdir(options.cwd);
    process.exitCode = undefined;
    // as main.ts parses it: the command line is also the provenance a report records (commandLine in run.ts)
    process.argv = [process.execPath, bin, ...args];
    await (await buildProgram(args)).parseAsync(process.argv);
    code = typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    const exit = exitFor(e);
    err.push(exit.stderr);
    code = exit.code;
  } finally {
    [process.stdout, process.stderr].forEach((s, i) => {
      for (const [p, d] of saved[i]!) {
        if (d) Object.defineProperty(s, p, d);
        else delete (s as unknown as Record<string, unknown>)[p];
      }
    });
    for (const k of Object.keys(process.env)) if (!(k in env)) delete process.env[k];
    Object.assign(process.env, env);
    process.chdir(cwd);
    process.argv = argv;
    process.exitCode = exitCode;
    enableLoadNotices(null);
  }
  return { code, stdout: out.join(""), stderr: err.join("") };
}

function capture(stream: NodeJS.WriteStream, into: string[]): void {
  Object.defineProperty(stream, "isTTY", { value: undefined, configurable: true, writable: true });
  Object.defineProperty(stream, "columns", { value: undefined, configurable: true, writable: true });
  const write = (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
    into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") queueMicrotask(() => (done as () => void)());
    return true;
  };
  Object.defineProperty(stream, "write", { value: write, configurable: true, writable: true });
}
