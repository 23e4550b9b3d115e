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
import { chunkToWire, resultFromWire } from "./wire.js";
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

/**
 * What a worker may have queued before the reader waits for it: at least `MIN_QUEUED_PER_WORKER` batches, and more
 * while their text is under `MAX_QUEUED_CHARS` (UTF-16 code units). The reader feeds every worker, so a worker it waits
 * for holds back the others: with a deep queue, a worker slowed a moment (a load, a script its engine is slow on)
 * does not leave the others idle. The character bound keeps memory bounded for large chunks (a joined language).
 */
const MIN_QUEUED_PER_WORKER = 2;
const MAX_QUEUED_CHARS = 2_000_000;

/** One chunk of a language on its way to the pool; `index` orders the chunk's result within its language. */
interface Item {
  input: LanguageInput;
  chunk: PreparedLanguage;
  index: number;
}

/** A pool worker and the batches it has queued; `wake` resumes a sender (or the final wait) blocked on it. */
interface PoolWorker {
  worker: Worker;
  queued: number;
  /** UTF-16 code units of the chunks of the queued batches. */
  queuedChars: number;
  wake: (() => void) | null;
}

/** One pool run: the workers, the batches in flight, and what each tokenizer x language still waits for. */
class PoolRun {
  private readonly assignment: number[][];
  private readonly pool = new Map<number, PoolWorker>();
  // per task: the tokenizers it runs, each with the items it counts
  private readonly pending = new Map<number, { parts: Array<{ t: number; items: Item[] }>; chars: number }>();
  // per tokenizer x language: chunks sent and not yet back, and whether the language has been read to its end
  private readonly open = new Map<string, { outstanding: number; complete: boolean }>();
  private readonly finishing: Promise<void>[] = [];
  private failure: Error | null = null;
  private taskId = 0;
  private readonly next: number[];
  // chunks are sent in batches of about POOL_BATCH_PIECES texts, across languages, to keep messages few
  private batch: Item[] = [];
  private batchPieces = 0;

  constructor(
    private readonly specs: readonly TokenizerSpec[],
    private readonly pooled: readonly boolean[],
    private readonly missing: readonly LanguageInput[][],
    workers: number,
    private readonly sink: PhaseSink,
    /** Whether a later phase reads the language again (its prepared chunks may be kept for it). */
    private readonly readAgain: (input: LanguageInput) => boolean,
  ) {
    this.assignment = assignWorkers(
      specs,
      pooled,
      workers,
      missing.map((m) => m.reduce((n, input) => n + input.chars, 0)),
    );
    this.next = specs.map(() => 0);
  }

  private key(t: number, input: LanguageInput): string {
    return `${t}\u0000${input.language}`;
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.pending.clear();
    for (const slot of this.pool.values()) slot.wake?.();
  }

  /** Hands a tokenizer x language to the sink once it is read to its end and its last chunk is back. */
  private settle(t: number, input: LanguageInput): void {
    const state = this.open.get(this.key(t, input))!;
    if (state.complete && state.outstanding === 0) {
      this.open.delete(this.key(t, input));
      const done = this.sink.finish(t, input);
      done.catch((err: Error) => this.fail(err));
      this.finishing.push(done);
    }
  }

  startWorkers(): void {
    const used = [...new Set(this.assignment.flat())].sort((a, b) => a - b);
    const file = workerScript()!;
    for (const w of used) {
      // A worker running only WASM engines keeps its model outside the JS heap and little in it between chunks:
      // a small heap makes it collect each chunk's garbage instead of growing with the corpus. The pure-JS
      // tokenizer.json engine keeps its model in the heap, so its workers keep V8's default limits.
      const wasmOnly = this.specs.every((spec, t) => !this.assignment[t]!.includes(w) || spec.kind !== "huggingface");
      const worker = new Worker(
        file,
        wasmOnly ? { resourceLimits: { maxOldGenerationSizeMb: WASM_WORKER_HEAP_MB } } : {},
      );
      const slot: PoolWorker = { worker, queued: 0, queuedChars: 0, wake: null };
      this.pool.set(w, slot);
      worker.on("message", (msg: WorkerResponse) => this.receive(slot, msg));
      worker.once("error", (err: Error) => this.fail(err));
      // each worker loads its tokenizers while the first languages are read
      const specs = this.specs.filter((_, t) => this.assignment[t]!.includes(w));
      worker.postMessage({ type: "load", specs } satisfies WorkerRequest);
    }
  }

  private receive(slot: PoolWorker, msg: WorkerResponse): void {
    const p = this.pending.get(msg.taskId);
    if (!p) return;
    this.pending.delete(msg.taskId);
    slot.queued--;
    slot.queuedChars -= p.chars;
    slot.wake?.();
    if (msg.type === "error") {
      this.fail(errorFromTransport(msg.error));
      return;
    }
    p.parts.forEach(({ t, items }, k) => {
      this.sink.onInfo(t, msg.result.infos[k]!);
      const ms = msg.result.tokenizeMs[k]! / items.length;
      items.forEach((item, i) => {
        this.sink.add(t, item.index, resultFromWire(msg.result.results[k]![i]!, item.chunk.segmentIds), ms);
        this.open.get(this.key(t, item.input))!.outstanding--;
        this.settle(t, item.input);
      });
    });
  }

  /**
   * Sends the batch to one worker of each pooled tokenizer that needs some of its languages: one message per
   * worker, naming the tokenizers it runs on the batch, so a worker gets each chunk once.
   */
  private async send(): Promise<void> {
    if (this.batch.length === 0) return;
    const items = this.batch;
    this.batch = [];
    this.batchPieces = 0;
    const byWorker = new Map<number, Array<{ t: number; items: Item[] }>>();
    for (let t = 0; t < this.specs.length; t++) {
      const mine = items.filter((i) => this.pooled[t] && this.missing[t]!.includes(i.input));
      if (mine.length === 0) continue;
      const ws = this.assignment[t]!;
      const w = ws[this.next[t]!++ % ws.length]!;
      byWorker.set(w, [...(byWorker.get(w) ?? []), { t, items: mine }]);
    }
    for (const [w, parts] of byWorker) {
      const slot = this.pool.get(w)!;
      // the chunks any of its tokenizers needs, each once, in batch order
      const sent = items.filter((i) => parts.some((p) => p.items.includes(i)));
      const chars = sent.reduce((n, i) => n + i.chunk.pieces.reduce((m, piece) => m + piece.length, 0), 0);
      while (slot.queued >= MIN_QUEUED_PER_WORKER && slot.queuedChars + chars > MAX_QUEUED_CHARS && !this.failure)
        await new Promise<void>((resolve) => (slot.wake = resolve));
      slot.wake = null;
      if (this.failure) throw this.failure;
      const id = this.taskId++;
      slot.queued++;
      slot.queuedChars += chars;
      for (const { t, items: mine } of parts)
        for (const item of mine) this.open.get(this.key(t, item.input))!.outstanding++;
      this.pending.set(id, { parts, chars });
      slot.worker.postMessage({
        type: "task",
        taskId: id,
        specs: parts.map((p) => this.specs[p.t]!),
        chunks: sent.map((i) => chunkToWire(i.chunk)),
        wanted: parts.map((p) => p.items.map((i) => sent.indexOf(i))),
      } satisfies WorkerRequest);
    }
  }

  /** Reads one language's chunks once into the batches of every pooled tokenizer that still needs it. */
  private async readLanguage(input: LanguageInput): Promise<void> {
    const wanted = this.specs.map((_, t) => t).filter((t) => this.pooled[t] && this.missing[t]!.includes(input));
    if (wanted.length === 0) return;
    for (const t of wanted) this.open.set(this.key(t, input), { outstanding: 0, complete: false });
    let index = 0;
    for await (const chunk of input.chunks({ keep: this.readAgain(input) })) {
      this.batch.push({ input, chunk, index: index++ });
      this.batchPieces += chunk.pieces.length;
      if (this.batchPieces >= POOL_BATCH_PIECES) await this.send();
    }
    if (index === 0) throw new Error(`internal error: ${input.language} yielded no chunk to tokenize`);
    // the language is read; it finishes when its last chunk is back (a chunk still in `batch` counts once sent)
    await this.send();
    for (const t of wanted) {
      this.open.get(this.key(t, input))!.complete = true;
      this.settle(t, input);
    }
  }

  /** Reads and sends every language, calls `onRead`, then waits for the workers' results. */
  async run(languages: readonly LanguageInput[], onRead: () => void): Promise<void> {
    try {
      for (const input of languages) await this.readLanguage(input);
      await this.send();
      onRead();
      while ((this.pending.size > 0 || this.open.size > 0) && !this.failure) {
        await new Promise<void>((resolve) => {
          for (const slot of this.pool.values()) slot.wake = resolve;
        });
      }
      if (this.failure) throw this.failure;
      await Promise.all(this.finishing);
    } finally {
      await Promise.all([...this.pool.values()].map((s) => s.worker.terminate()));
    }
  }
}

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
  readAgain: (input: LanguageInput) => boolean = () => false,
  onRead: () => void = () => undefined,
): Promise<void> {
  const run = new PoolRun(specs, pooled, missing, workers, sink, readAgain);
  run.startWorkers();
  await run.run(languages, onRead);
}
