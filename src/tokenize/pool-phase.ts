// The worker-pool phase of the tokenize run: WASM engines (tiktoken, SentencePiece, the JS tokenizer.json engine)
// in worker threads, fed each language's chunks once, with a bounded queue per worker.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { errorFromTransport } from "../errors.js";
import type { TokenizerSpec } from "../tokenizers/tokenizer.js";
import type { TokenizedLanguage } from "../types.js";
import { PACKAGE_ROOT } from "../version.js";
import type { LanguageInput } from "./language-input.js";
import { assignWorkers } from "./pool-plan.js";
import type { TokenizerInfo } from "./cache.js";
import type { PreparedLanguage } from "./tokenize-corpus.js";
import type { WorkerRequest, WorkerResponse } from "./worker.js";

/** Where an engine phase delivers its results; chunk results may arrive out of order. */
export interface PhaseSink {
  onInfo: (t: number, info: TokenizerInfo) => void;
  add: (t: number, chunkIndex: number, part: TokenizedLanguage, ms: number) => void;
  finish: (t: number, input: LanguageInput) => Promise<void>;
}

/** The compiled worker script; under a TS test runner the compiled copy in dist/ is used. */
export function workerScript(): string | null {
  const here = fileURLToPath(new URL("./worker.js", import.meta.url));
  if (existsSync(here)) return here;
  const built = join(PACKAGE_ROOT, "dist", "tokenize", "worker.js");
  return existsSync(built) ? built : null;
}

/** Old-generation heap of a worker that runs only WASM engines (MiB): vocabulary tables plus a few chunks. */
const WASM_WORKER_HEAP_MB = 256;

/** Texts per message to a pool worker: several small languages travel together. */
const POOL_BATCH_PIECES = 500;

/** Batches a worker may have queued before the reader waits: enough to keep it busy, few enough to bound memory. */
const MAX_QUEUED_PER_WORKER = 2;

/**
 * Streams each language's chunks once to the pool, sending every chunk to one worker of each pooled tokenizer
 * that still needs the language, and adds the results as they come back.
 */
export async function runPool(
  specs: readonly TokenizerSpec[],
  pooled: readonly boolean[],
  missing: readonly LanguageInput[][],
  workers: number,
  languages: readonly LanguageInput[],
  sink: PhaseSink,
): Promise<void> {
  const assignment = assignWorkers(
    specs,
    pooled,
    workers,
    missing.map((m) => m.reduce((n, input) => n + input.chars, 0)),
  );
  const used = [...new Set(assignment.flat())].sort((a, b) => a - b);
  const file = workerScript()!;
  type Item = { input: LanguageInput; chunk: PreparedLanguage; index: number };
  const pool = new Map<number, { worker: Worker; queued: number; wake: (() => void) | null }>();
  const pending = new Map<number, { t: number; items: Item[] }>();
  // per tokenizer x language: chunks sent and not yet back, and whether the language has been read to its end
  const open = new Map<string, { outstanding: number; complete: boolean }>();
  const key = (t: number, input: LanguageInput) => `${t}\u0000${input.language}`;
  const finishing: Promise<void>[] = [];
  let failure: Error | null = null;
  const fail = (err: Error) => {
    failure ??= err;
    pending.clear();
    for (const slot of pool.values()) slot.wake?.();
  };
  const settle = (t: number, input: LanguageInput) => {
    const state = open.get(key(t, input))!;
    if (state.complete && state.outstanding === 0) {
      open.delete(key(t, input));
      const done = sink.finish(t, input);
      done.catch((err: Error) => fail(err));
      finishing.push(done);
    }
  };
  for (const w of used) {
    // A worker running only WASM engines keeps its model outside the JS heap and little in it between chunks:
    // a small heap makes it collect each chunk's garbage instead of growing with the corpus. The pure-JS
    // tokenizer.json engine keeps its model in the heap, so its workers keep V8's default limits.
    const wasmOnly = specs.every((spec, t) => !assignment[t]!.includes(w) || spec.kind !== "huggingface");
    const worker = new Worker(
      file,
      wasmOnly ? { resourceLimits: { maxOldGenerationSizeMb: WASM_WORKER_HEAP_MB } } : {},
    );
    const slot = { worker, queued: 0, wake: null as (() => void) | null };
    pool.set(w, slot);
    worker.on("message", (msg: WorkerResponse) => {
      const p = pending.get(msg.taskId);
      if (!p) return;
      pending.delete(msg.taskId);
      slot.queued--;
      slot.wake?.();
      if (msg.type === "error") {
        fail(errorFromTransport(msg.error));
        return;
      }
      sink.onInfo(p.t, msg.result.info);
      const ms = msg.result.tokenizeMs / p.items.length;
      p.items.forEach((item, i) => {
        sink.add(p.t, item.index, msg.result.results[i]!, ms);
        open.get(key(p.t, item.input))!.outstanding--;
        settle(p.t, item.input);
      });
    });
    worker.once("error", (err: Error) => fail(err));
  }
  let taskId = 0;
  const next = specs.map(() => 0);
  // chunks are sent in batches of about POOL_BATCH_PIECES texts, across languages, to keep messages few
  let batch: Item[] = [];
  let batchPieces = 0;
  const send = async () => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    batchPieces = 0;
    const chunks = items.map((i) => i.chunk);
    for (let t = 0; t < specs.length; t++) {
      const mine = items.filter((i) => pooled[t] && missing[t]!.includes(i.input));
      if (mine.length === 0) continue;
      const ws = assignment[t]!;
      const slot = pool.get(ws[next[t]!++ % ws.length]!)!;
      while (slot.queued >= MAX_QUEUED_PER_WORKER && !failure)
        await new Promise<void>((resolve) => (slot.wake = resolve));
      slot.wake = null;
      if (failure) throw failure;
      const id = taskId++;
      slot.queued++;
      for (const item of mine) open.get(key(t, item.input))!.outstanding++;
      pending.set(id, { t, items: mine });
      slot.worker.postMessage({
        type: "task",
        taskId: id,
        spec: specs[t]!,
        chunks: mine.length === items.length ? chunks : mine.map((i) => i.chunk),
      } satisfies WorkerRequest);
    }
  };
  try {
    for (const input of languages) {
      const wanted = specs.map((_, t) => t).filter((t) => pooled[t] && missing[t]!.includes(input));
      if (wanted.length === 0) continue;
      for (const t of wanted) open.set(key(t, input), { outstanding: 0, complete: false });
      let index = 0;
      for await (const chunk of input.chunks()) {
        batch.push({ input, chunk, index: index++ });
        batchPieces += chunk.pieces.length;
        if (batchPieces >= POOL_BATCH_PIECES) await send();
      }
      if (index === 0) throw new Error(`internal error: ${input.language} yielded no chunk to tokenize`);
      // the language is read; it finishes when its last chunk is back (a chunk still in `batch` counts once sent)
      await send();
      for (const t of wanted) {
        open.get(key(t, input))!.complete = true;
        settle(t, input);
      }
    }
    await send();
    while ((pending.size > 0 || open.size > 0) && !failure) {
      await new Promise<void>((resolve) => {
        for (const slot of pool.values()) slot.wake = resolve;
      });
    }
    if (failure) throw failure;
    await Promise.all(finishing);
  } finally {
    await Promise.all([...pool.values()].map((s) => s.worker.terminate()));
  }
}
