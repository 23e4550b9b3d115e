#!/usr/bin/env node
// Entry point of the `toklens` binary: one top-level handler maps error classes to exit codes.
import { ConfigError, ToklensError } from "../errors.js";
import { terminalSafeLines } from "./output.js";
import { buildProgram } from "./program.js";

/** Exit code of usage errors: the same as ConfigError's (bad options). */
const USAGE_ERROR_EXIT = new ConfigError("").exitCode;

async function main(): Promise<void> {
  // `toklens ... | head` closes stdout early: that is the reader's choice, not an error
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  const program = await buildProgram(process.argv.slice(2));
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    handleError(err);
  }
}

function handleError(err: unknown): never {
  // commander's own exits have printed already: --help and --version exit 0; every usage error (unknown option
  // or command, missing argument, invalid choice, no command given) is an option error, exit 2 like ConfigError
  if (
    err &&
    typeof err === "object" &&
    "code" in err &&
    typeof (err as { code: unknown }).code === "string" &&
    String((err as { code: string }).code).startsWith("commander.")
  ) {
    process.exit((err as { exitCode?: number }).exitCode === 0 ? 0 : USAGE_ERROR_EXIT);
  }
  if (err instanceof ToklensError) {
    process.stderr.write(`toklens: ${terminalSafeLines(err.message)}\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(
    `toklens: internal error (please report it): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(70);
}

void main().catch(handleError);
