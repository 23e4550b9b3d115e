// Checks a tokenizer.json in a worker thread (read, parse, validate, derive its facts, hash it) while the calling
// thread loads the native engine: the two are the bulk of a load, and the check alone blocked a thread that could
// keep the engine busy (a run's next tokenizer loads while the current one encodes).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { errorFromTransport, type ErrorTransport } from "../errors.js";
import { PACKAGE_ROOT } from "../version.js";
import type { PackedEntryBytes, TokenizerJsonFacts } from "./hf-vocabulary.js";

/** What a check concludes from a file that passes: its facts, its sha256 and the bytes of every entry. */
export interface CheckedFacts {
  facts: TokenizerJsonFacts;
  sha256: string;
  entryBytes: PackedEntryBytes;
}

/** What the check worker sends back. */
export type CheckReply = ({ ok: true } & CheckedFacts) | { ok: false; error: ErrorTransport };

/**
 * The compiled worker script; under a TS test runner the compiled copy in dist/. Null when there is none (a bundled
 * copy of toolkit code): the check then runs on the calling thread.
 */
function checkWorkerScript(): string | null {
  const here = fileURLToPath(new URL("./hf-check-worker.js", import.meta.url));
  if (existsSync(here)) return here;
  const built = join(PACKAGE_ROOT, "dist", "tokenizers", "hf-check-worker.js");
  return existsSync(built) ? built : null;
}

/**
 * Starts checking the tokenizer.json at `path` in a worker thread: resolves to its facts, sha256 and entry bytes, or
 * rejects with the refusal a check on this thread would give (same class and message). Null when no worker script is
 * found, or when `TOKLENS_CHECK_IN_THREAD=1` asks for the check on this thread (tests compare the two).
 */
export function checkAside(path: string): Promise<CheckedFacts> | null {
  if (process.env["TOKLENS_CHECK_IN_THREAD"] === "1") return null;
  const script = checkWorkerScript();
  if (!script) return null;
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { path } });
    worker.once("message", (reply: CheckReply) => {
      void worker.terminate();
      if (reply.ok) resolve({ facts: reply.facts, sha256: reply.sha256, entryBytes: reply.entryBytes });
      else reject(errorFromTransport(reply.error));
    });
    worker.once("error", reject);
    // a worker that ends without replying (it cannot once it has replied: this is then a no-op)
    worker.once("exit", (code) =>
      reject(new Error(`internal error: the tokenizer.json check of '${path}' exited (${code})`)),
    );
  });
}
