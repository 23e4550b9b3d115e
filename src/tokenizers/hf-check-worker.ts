// Worker-thread entry of hf-check.ts: checks one tokenizer.json and replies with what it concludes, or the refusal.
import { parentPort, workerData } from "node:worker_threads";
import { errorToTransport } from "../errors.js";
import type { CheckReply } from "./hf-check.js";
import { checkedFacts } from "./huggingface.js";

const { path } = workerData as { path: string };
let reply: CheckReply;
let transfer: ArrayBuffer[] = [];
try {
  reply = { ok: true, ...(await checkedFacts(path)) };
  const { data, start, end, byteFallback } = reply.entryBytes;
  transfer = [data, start, end, byteFallback].map((a) => a.buffer as ArrayBuffer);
} catch (err: unknown) {
  reply = { ok: false, error: errorToTransport(err) };
}
parentPort?.postMessage(reply, transfer);
