// Loaded tokenizers shared by every test file a vitest worker runs: a big tokenizer.json (gemma3, qwen3, llama3) takes
// seconds to load, and its JS engine seconds more to build, so each worker should pay that once, not once per file.
// vitest.config.ts runs most files with `isolate: false`, where this module (and its cache) lives as long as the
// worker process; in an isolated file it lives as long as the file. Callers must never dispose a shared tokenizer
// or session (a test of dispose() loads its own); the worker's exit frees them.
import type { LoadTokenizerOptions } from "../../src/tokenizers/load.js";
import type { Tokenizer } from "../../src/tokenizers/tokenizer.js";
import { TokenizerSession } from "../../src/tokenize/session.js";

const sessions = new Map<string, TokenizerSession>();

/**
 * One TokenizerSession per set of load options for every test file a worker runs, for library calls that take a
 * session (`tokenSamples`, `runCompare` and `runDiff` through their `session` option): each tokenizer it loads
 * stays loaded for the worker's life, and it is the same object sharedTokenizer gives. Its dispose() throws.
 */
export function sharedSession(options: LoadTokenizerOptions = {}): TokenizerSession {
  const key = JSON.stringify(options);
  let session = sessions.get(key);
  if (!session) {
    session = new TokenizerSession(options);
    session.dispose = () => {
      throw new Error("sharedSession() is shared by the worker's test files: make your own session to dispose it.");
    };
    sessions.set(key, session);
  }
  return session;
}

/**
 * loadTokenizer(ref, options), loaded on the first call in this worker and the same object after (a failed load is
 * not remembered: the session forgets it, so the next caller sees its own error).
 */
export async function sharedTokenizer(ref: string, options: LoadTokenizerOptions = {}): Promise<Tokenizer> {
  return guardDispose(await sharedSession(options).tokenizer(ref), ref);
}

/** A shared tokenizer whose dispose() throws: disposing it would break every later file of the worker. */
function guardDispose(t: Tokenizer, ref: string): Tokenizer {
  t.dispose = () => {
    throw new Error(`sharedTokenizer('${ref}') is shared by the worker's test files: load your own to dispose it.`);
  };
  return t;
}
