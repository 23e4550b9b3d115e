#!/usr/bin/env node
// Entry point of the `toklens` binary: one top-level handler maps error classes to exit codes.
import { ToklensError } from "../errors.js";
import { buildProgram } from "./program.js";

async function main(): Promise<void> {
  // `toklens ... | head` closes stdout early: that is the reader's choice, not an error
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  const program = await buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    handleError(err);
  }
}

function handleError(err: unknown): never {
  // commander's own exits (help, version, usage errors) carry a code and have printed already
  if (err && typeof err === "object" && "code" in err && typeof (err as { code: unknown }).code === "string" &&
      String((err as { code: string }).code).startsWith("commander.")) {
    const exitCode = (err as { exitCode?: number }).exitCode ?? 1;
    process.exit(exitCode);
  }
  if (err instanceof ToklensError) {
    process.stderr.write(`toklens: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(`toklens: internal error (please report it): ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(70);
}

void main().catch(handleError);
