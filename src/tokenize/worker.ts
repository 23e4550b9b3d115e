// Worker-thread entry: keeps each tokenizer it is sent loaded, and tokenizes the chunks it receives.
import { parentPort } from "node:worker_threads";
import { errorToTransport, type ErrorTransport } from "../errors.js";
import type { TokenizerSpec } from "../tokenizers/tokenizer.js";
import type { TokenizerInfo } from "./cache.js";
import { TokenizerSession, tokenizerInfo } from "./session.js";
import { chunkFromWire, resultToWire, wireTransfer, type WireChunk, type WireResult } from "./wire.js";

/**
 * `load`: the tokenizers this worker will run, loaded before the first chunk arrives. `task`: some chunks, each
 * sent once to the worker, and per tokenizer the indexes of the chunks it counts (so every tokenizer of the worker
 * shares one copy of a chunk and the words found in it).
 */
export type WorkerRequest =
  | { type: "load"; specs: TokenizerSpec[] }
  | { type: "task"; taskId: number; specs: TokenizerSpec[]; chunks: WireChunk[]; wanted: number[][] };

export type WorkerResponse =
  | {
      type: "result";
      taskId: number;
      /** Per tokenizer of the task: its info, its results (in the order of `wanted`) and its encoding time. */
      result: { infos: TokenizerInfo[]; results: WireResult[][]; tokenizeMs: number[] };
    }
  | { type: "error"; taskId: number; error: ErrorTransport };

const port = parentPort;
if (port) {
  const session = new TokenizerSession();
  // messages are handled one at a time, in the order they arrive
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (msg: WorkerRequest) => {
    queue = queue.then(async () => {
      if (msg.type === "load") {
        // a failed load is not kept by the session: the task that needs it loads again and reports the error
        for (const spec of msg.specs) await session.loadedSpec(spec).catch(() => undefined);
        return;
      }
      try {
        const chunks = msg.chunks.map(chunkFromWire);
        const infos: TokenizerInfo[] = [];
        const results: WireResult[][] = [];
        const tokenizeMs: number[] = [];
        for (const [k, spec] of msg.specs.entries()) {
          const loaded = await session.loadedSpec(spec);
          const started = performance.now();
          const mine: WireResult[] = [];
          for (const c of msg.wanted[k]!) mine.push(resultToWire(await loaded.tokenize(chunks[c]!)));
          infos.push(tokenizerInfo(loaded.tokenizer));
          results.push(mine);
          tokenizeMs.push(performance.now() - started);
        }
        port.postMessage(
          { type: "result", taskId: msg.taskId, result: { infos, results, tokenizeMs } } satisfies WorkerResponse,
          results.flat().flatMap(wireTransfer),
        );
      } catch (err: unknown) {
        port.postMessage({ type: "error", taskId: msg.taskId, error: errorToTransport(err) } satisfies WorkerResponse);
      }
    });
  });
}
