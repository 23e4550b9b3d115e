// Worker-thread entry: keeps each tokenizer it is sent loaded, and tokenizes the chunks it receives.
import { parentPort } from "node:worker_threads";
import { errorToTransport, type ErrorTransport } from "../errors.js";
import type { TokenizerSpec } from "../tokenizers/tokenizer.js";
import type { TokenizedLanguage } from "../types.js";
import type { TokenizerInfo } from "./cache.js";
import type { PreparedLanguage } from "./tokenize-corpus.js";
import { TokenizerSession, tokenizerInfo } from "./session.js";

export type WorkerRequest = { type: "task"; taskId: number; spec: TokenizerSpec; chunks: PreparedLanguage[] };

export type WorkerResponse =
  | {
      type: "result";
      taskId: number;
      result: { info: TokenizerInfo; results: TokenizedLanguage[]; tokenizeMs: number };
    }
  | { type: "error"; taskId: number; error: ErrorTransport };

const port = parentPort;
if (port) {
  const session = new TokenizerSession();
  // tasks run one at a time, in the order they arrive
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (msg: WorkerRequest) => {
    queue = queue.then(async () => {
      try {
        const loaded = await session.loadedSpec(msg.spec);
        const started = performance.now();
        const results: TokenizedLanguage[] = [];
        for (const chunk of msg.chunks) results.push(await loaded.tokenize(chunk));
        port.postMessage({
          type: "result",
          taskId: msg.taskId,
          result: { info: tokenizerInfo(loaded.tokenizer), results, tokenizeMs: performance.now() - started },
        } satisfies WorkerResponse);
      } catch (err: unknown) {
        port.postMessage({ type: "error", taskId: msg.taskId, error: errorToTransport(err) } satisfies WorkerResponse);
      }
    });
  });
}
