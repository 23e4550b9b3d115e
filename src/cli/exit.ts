// What the `toklens` binary does with an error that ends a command: its exit code and the line for stderr. main.ts
// applies it; the tests that call the CLI in their own process (test/cli/run-cli.ts) apply the same mapping.
import { ConfigError, ToklensError } from "../errors.js";
import { terminalSafeLines } from "./output.js";

/** Exit code of usage errors: the same as ConfigError's (bad options). */
const USAGE_ERROR_EXIT = new ConfigError("").exitCode;

/** The exit code `err` ends the process with, and what to write on stderr first ("" when commander printed it). */
export function exitFor(err: unknown): { code: number; stderr: string } {
  // commander's own exits have printed already: --help and --version exit 0; every usage error (unknown option
  // or command, missing argument, invalid choice, no command given) is an option error, exit 2 like ConfigError
  if (
    err &&
    typeof err === "object" &&
    "code" in err &&
    typeof (err as { code: unknown }).code === "string" &&
    String((err as { code: string }).code).startsWith("commander.")
  ) {
    return { code: (err as { exitCode?: number }).exitCode === 0 ? 0 : USAGE_ERROR_EXIT, stderr: "" };
  }
  if (err instanceof ToklensError)
    return { code: err.exitCode, stderr: `toklens: ${terminalSafeLines(err.message)}\n` };
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return { code: 70, stderr: `toklens: internal error (please report it): ${detail}\n` };
}
