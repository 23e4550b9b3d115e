// Worker-thread entry: loads a tokenizer once and tokenizes the languages it is sent.
import { parentPort } from "node:worker_threads";
import type { TokenizerSpec } from "../tokenizers/tokenizer.js";
import type { PreparedLanguage } from "./tokenize-corpus.js";
import { TaskRunner } from "./tokenize-task.js";

export type WorkerRequest = { type: "task"; taskId: number; spec: TokenizerSpec; languages: PreparedLanguage[] } | { type: "exit" };

export type WorkerResponse =
  | { type: "result"; taskId: number; result: import("./tokenize-task.js").TaskResult }
  | { type: "progress"; taskId: number; language: string; segments: number }
  | { type: "error"; taskId: number; error: { name: string; message: string; stack?: string } };

const port = parentPort;
if (port) {
  const runner = new TaskRunner();
  port.on("message", (msg: WorkerRequest) => {
    if (msg.type === "exit") {
      runner.dispose();
      port.close();
      return;
    }
    runner
      .run(msg.spec, msg.languages, (language, segments) => port.postMessage({ type: "progress", taskId: msg.taskId, language, segments } satisfies WorkerResponse))
      .then((result) => port.postMessage({ type: "result", taskId: msg.taskId, result } satisfies WorkerResponse))
      .catch((err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        port.postMessage({ type: "error", taskId: msg.taskId, error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } } satisfies WorkerResponse);
      });
  });
}
