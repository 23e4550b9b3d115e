#!/usr/bin/env node
// Entry point of the `toklens` binary: one top-level handler maps error classes to exit codes (exit.ts).
import { exitFor } from "./exit.js";
import { buildProgram } from "./program.js";

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
  const { code, stderr } = exitFor(err);
  if (stderr) process.stderr.write(stderr);
  process.exit(code);
}

void main().catch(handleError);
