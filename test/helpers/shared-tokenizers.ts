// Loaded tokenizers shared by every test file a vitest worker runs: a big tokenizer.json (gemma3, qwen3, llama3) takes
// seconds to load, and its JS engine seconds more to build, so each worker should pay that once, not once per file.
// vitest.config.ts runs most files with `isolate: false`, where this module (and its cache) lives as long as the
// worker process; in an isolated file it lives as long as the file. Callers must never dispose a shared tokenizer
// or session (a test of dispose() loads its own); the worker's exit frees them.
import { loadTokenizer, type LoadTokenizerOptions } from "../../src/tokenizers/load.js";
import type { Tokenizer } from "../../src/tokenizers/tokenizer.js";
import { TokenizerSession } from "../../src/tokenize/session.js";
import rust from "tokenizers";

const loads = new Map<string, Promise<Tokenizer>>();

/**
 * loadTokenizer(ref, options), loaded on the first call in this worker and the same object after. Without options it
 * is the tokenizer of `sharedSession()`, which loads a reference exactly as `loadTokenizer(ref)` does: a worker then
 * holds one copy of each built-in, not one for the tests that encode and another for the runs that take the session
 * (gemma3 was loaded twice in each worker, 1.3 s each, and both copies stayed in the heap every collection scans).
 */
export function sharedTokenizer(ref: string, options: LoadTokenizerOptions = {}): Promise<Tokenizer> {
  const key = JSON.stringify([ref, options]);
  let p = loads.get(key);
  if (!p) {
    const load = Object.keys(options).length === 0 ? sharedSession().tokenizer(ref) : loadTokenizer(ref, options);
    p = load.then((t) => guardDispose(t, ref));
    loads.set(key, p);
    // a failed load is not remembered, so the next caller sees its own error
    p.catch(() => loads.delete(key));
  }
  return p;
}

/** A shared tokenizer whose dispose() throws: disposing it would break every later file of the worker. */
function guardDispose(t: Tokenizer, ref: string): Tokenizer {
  t.dispose = () => {
    throw new Error(`sharedTokenizer('${ref}') is shared by the worker's test files: load your own to dispose it.`);
  };
  return t;
}

let session: TokenizerSession | undefined;

/**
 * One TokenizerSession for every test file a worker runs, for library calls that take a session (`tokenSamples`;
 * `runCompare` and `runDiff` through their `session` option): each tokenizer it loads stays loaded for the worker's
 * life, and `sharedTokenizer(ref)` without options returns the same object. Its dispose() throws.
 */
export function sharedSession(): TokenizerSession {
  if (!session) {
    session = new TokenizerSession();
    session.dispose = () => {
      throw new Error("sharedSession() is shared by the worker's test files: make your own session to dispose it.");
    };
  }
  return session;
}

type RustTokenizer = InstanceType<typeof rust.Tokenizer>;
const references = new Map<string, RustTokenizer>();

/**
 * Hugging Face's Rust `tokenizers` reading `path` directly (the independent reference of the tokenizer.json checks),
 * parsed once per worker: registry-and-vocabulary and cross-implementation both read the big built-ins' files
 * (gemma3's is 33 MB), and the tests only encode and decode with it.
 */
export function sharedRustTokenizer(path: string): RustTokenizer {
  let t = references.get(path);
  if (!t) {
    t = rust.Tokenizer.fromFile(path);
    references.set(path, t);
  }
  return t;
}
