// Runs the tokenize phase for tokenizers x languages: cache lookups, then languages streamed chunk by chunk through
// the engines (native tokenizer.json in-process on its own threads, WASM engines in a worker pool), atomic cache writes.
import { isCountsRef, runTokenizeWithCounts } from "./counts-tokenize.js";
import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ConfigError, CorpusError, OutputError, TokenizerLoadError } from "../errors.js";
import { type LoadTokenizerOptions } from "../tokenizers/load.js";
import type { BatchEncoding, TokenizerSpec } from "../tokenizers/tokenizer.js";
import type { LanguageCode, Segment, TokenizedLanguage, Warning } from "../types.js";
import { PACKAGE_ROOT } from "../version.js";
import type { Corpus } from "./open-corpus.js";
import { TokenizeCache, cacheKey, defaultCacheDir, type TokenizerInfo } from "./tokenize-cache.js";
import { LanguageHasher, countEncoded, prepareLanguage, type PreparedLanguage } from "./tokenize-corpus.js";
import { TokenizerSession, tokenizerInfo } from "./tokenize-task.js";
import type { WorkerRequest, WorkerResponse } from "./tokenize-worker.js";

export interface TokenizeProgress {
  tokenizer: string;
  language: string;
  /** Tokenizer x language tasks finished so far, and the total to compute. */
  done: number;
  total: number;
  /** Segments per second over the run so far. */
  segmentsPerSecond: number;
}

/** One language to tokenize: its content hash (keys the cache) and its text as prepared chunks, read on demand. */
export interface LanguageInput {
  language: LanguageCode;
  /** sha256 of the segment ids and texts (see `LanguageHasher`). */
  sha256: string;
  /** UTF-16 code units of its text: the pool's estimate of the encoding work. */
  chars: number;
  /** The language's segments in prepared chunks, in corpus order. Called once per engine phase. */
  chunks(): AsyncIterable<PreparedLanguage>;
}

/** Texts per native encodeBatch call (the engine's threads share a batch). */
export const NATIVE_BATCH_PIECES = 2000;

/** Segments per prepared chunk, and the characters at which a chunk is closed early. */
export const CHUNK_SEGMENTS = 2000;
export const CHUNK_CHARS = 1_000_000;
/** Languages up to this many UTF-16 code units (UDHR's are 5-30 thousand) are prepared once per run and kept. */
export const KEEP_PREPARED_CHARS = 2_000_000;

/** A language already prepared in memory (tests, the bench, small corpora). */
export function preparedInput(prepared: PreparedLanguage): LanguageInput {
  return {
    language: prepared.language,
    sha256: prepared.sha256,
    chars: prepared.pieces.reduce((n, p) => n + p.length, 0),
    async *chunks() {
      yield prepared;
    },
  };
}

/**
 * A language of an open corpus, streamed: one pass hashes it now; `chunks()` reads it again and prepares
 * `CHUNK_SEGMENTS` segments (or `CHUNK_CHARS` characters) at a time, so memory does not grow with its size.
 * A language of at most `KEEP_PREPARED_CHARS` is kept once prepared, so every tokenizer of the run reads the
 * same prepared chunks instead of segmenting its words again.
 */
export async function corpusInput(corpus: Corpus, language: LanguageCode): Promise<LanguageInput & { segments: number }> {
  const hasher = new LanguageHasher();
  let segments = 0;
  let chars = 0;
  let kept: Segment[] | null = [];
  for await (const seg of corpus.segments(language)) {
    hasher.update(seg);
    segments++;
    chars += seg.text.length;
    if (kept && chars <= KEEP_PREPARED_CHARS) kept.push(seg);
    else kept = null;
  }
  const sha256 = hasher.digest();
  async function* stream(source: AsyncIterable<Segment> | Iterable<Segment>): AsyncGenerator<PreparedLanguage> {
    let batch: Segment[] = [];
    let size = 0;
    let yielded = false;
    for await (const seg of source) {
      batch.push(seg);
      size += seg.text.length;
      if (batch.length >= CHUNK_SEGMENTS || size >= CHUNK_CHARS) {
        yield prepareLanguage(language, batch, sha256);
        yielded = true;
        batch = [];
        size = 0;
      }
    }
    if (batch.length > 0 || !yielded) yield prepareLanguage(language, batch, sha256);
  }
  let prepared: PreparedLanguage[] | null = null;
  return {
    language,
    sha256,
    segments,
    chars,
    async *chunks() {
      if (!kept) {
        yield* stream(corpus.segments(language));
        return;
      }
      if (!prepared) {
        prepared = [];
        for await (const chunk of stream(kept)) prepared.push(chunk);
        kept = null;
      }
      yield* prepared;
    },
  };
}

export interface TokenizeRunOptions {
  /** Tokenizer references: built-in ids, paths, or hf: ids. */
  tokenizers: readonly string[];
  languages: readonly LanguageInput[];
  /**
   * Threads for the WASM engines (tiktoken, SentencePiece, the JS tokenizer.json engine), and the thread count
   * the native engine may use. 1 runs everything in-process.
   * @default the number of cores
   */
  workers?: number;
  /**
   * Run WASM engines in worker threads even with one worker (the benchmark compares 1 and 2 threads on equal terms).
   * @default workers > 1
   */
  threads?: boolean;
  /** Cache directory, or false to neither read nor write the cache. @default defaultCacheDir() */
  cache?: string | false;
  /** Passed to the tokenizer loader (hf: options, engine). */
  load?: LoadTokenizerOptions;
  /**
   * Tokenizers loaded in this process are kept here, so a caller that needs them afterwards (the vocabulary
   * phase of a report) does not load them again. The caller disposes it. @default a session of this run
   */
  session?: TokenizerSession;
  onProgress?: (progress: TokenizeProgress) => void;
}

export interface TokenizeRun {
  tokenizers: TokenizerInfo[];
  /** One per tokenizer x language, tokenizer-major in the order given. */
  results: TokenizedLanguage[];
  cacheHits: number;
  computed: number;
  /** Time spent in encode calls, summed over threads, per tokenizer id. */
  tokenizeMs: Record<string, number>;
  elapsedMs: number;
  /** Cache entries that failed validation and were recomputed, or a cache that could not be written. */
  warnings: Warning[];
}

/** Adds chunk results of one tokenizer x language in place (every count is additive). */
function accumulate(into: TokenizedLanguage | undefined, part: TokenizedLanguage): TokenizedLanguage {
  if (!into) return { ...part, segments: [...part.segments], tokenFrequencies: new Map(part.tokenFrequencies) };
  for (const s of part.segments) into.segments.push(s);
  for (const [id, n] of part.tokenFrequencies) into.tokenFrequencies.set(id, (into.tokenFrequencies.get(id) ?? 0) + n);
  into.wordOccurrences += part.wordOccurrences;
  into.measuredWords += part.measuredWords;
  into.wordTokens += part.wordTokens;
  into.continuedWords += part.continuedWords;
  into.singleTokenWords += part.singleTokenWords;
  into.lossyChars += part.lossyChars;
  into.lossUnmeasuredChars += part.lossUnmeasuredChars;
  return into;
}

/** Whether a spec runs in this process (the native engine, multi-threaded by itself) or in the worker pool. */
function runsInProcess(spec: TokenizerSpec): boolean {
  return spec.kind === "huggingface" && spec.engine !== "js";
}

export async function runTokenize(options: TokenizeRunOptions): Promise<TokenizeRun> {
  // counts: tokenizers (per-segment counts from a file) are read apart; see counts-tokenize.ts
  if (options.tokenizers.some(isCountsRef)) return runTokenizeWithCounts(options, runTokenize);
  const started = performance.now();
  const workers = options.workers ?? availableParallelism();
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new ConfigError(`Invalid number of workers ${String(options.workers)}. Use a whole number >= 1 (default: one per core).`);
  }
  const warnings: Warning[] = [];
  let cache = options.cache === false ? null : new TokenizeCache(options.cache ?? defaultCacheDir());
  const session = options.session ?? new TokenizerSession(options.load);
  const ownSession = !options.session;

  try {
    const specs: TokenizerSpec[] = [];
    const fingerprints: string[] = [];
    for (const ref of options.tokenizers) {
      specs.push(await session.spec(ref));
      fingerprints.push(await session.fingerprint(ref));
    }

    const infos: Array<TokenizerInfo | null> = specs.map(() => null);
    const results = new Map<string, TokenizedLanguage>();
    const slot = (t: number, language: string) => `${t}\u0000${language}`;
    const missing: LanguageInput[][] = specs.map(() => []);
    let cacheHits = 0;
    const onInvalid = (path: string, problem: string) =>
      warnings.push({ code: "cache-entry-invalid", message: `Ignored the cache entry '${path}' (${problem}) and recomputed it.` });
    for (let t = 0; t < specs.length; t++) {
      for (const input of options.languages) {
        const hit = cache ? await cache.get(cacheKey(fingerprints[t]!, input.language, input.sha256), onInvalid) : null;
        if (hit && hit.data.language === input.language) {
          // a cached entry is keyed by content; the id is the one asked for this time
          results.set(slot(t, input.language), { ...hit.data, tokenizer: specs[t]!.id });
          infos[t] ??= { ...hit.tokenizer, id: specs[t]!.id };
          cacheHits++;
        } else {
          missing[t]!.push(input);
        }
      }
    }

    const total = missing.reduce((n, m) => n + m.length, 0);
    let done = 0;
    let segments = 0;
    const tokenizeMs: Record<string, number> = {};
    // chunk results per tokenizer x language: added in chunk order as soon as the next one is in (pool results
    // can arrive out of order), so only the running sum and the few early arrivals are held
    const partial = new Map<string, { sum: TokenizedLanguage | undefined; next: number; early: Map<number, TokenizedLanguage> }>();
    const finish = async (t: number, input: LanguageInput) => {
      const state = partial.get(slot(t, input.language));
      partial.delete(slot(t, input.language));
      const data = state?.sum;
      if (!data || state.early.size > 0) throw new Error(`internal error: the chunks of ${input.language} under ${specs[t]!.id} did not all arrive`);
      results.set(slot(t, input.language), data);
      done++;
      segments += data.segments.length;
      options.onProgress?.({ tokenizer: specs[t]!.id, language: input.language, done, total, segmentsPerSecond: segments / ((performance.now() - started) / 1000) });
      // finishes of several languages can overlap: the first failed write turns the cache off for the rest
      const store = cache;
      if (store) {
        try {
          await store.set(cacheKey(fingerprints[t]!, input.language, input.sha256), infos[t]!, data);
        } catch (err) {
          if (cache) {
            warnings.push({
              code: "cache-unwritable",
              message: `Cannot write the tokenize cache in '${store.dir}' (${(err as Error).message}); this run goes on without it. Set TOKLENS_CACHE_DIR to a writable directory, or pass --no-cache to silence this.`,
            });
          }
          cache = null;
        }
      }
    };
    const add = (t: number, chunkIndex: number, part: TokenizedLanguage, ms: number) => {
      const key = slot(t, part.language);
      let state = partial.get(key);
      if (!state) partial.set(key, (state = { sum: undefined, next: 0, early: new Map() }));
      state.early.set(chunkIndex, part);
      for (let p = state.early.get(state.next); p; p = state.early.get(state.next)) {
        state.sum = accumulate(state.sum, p);
        state.early.delete(state.next);
        state.next++;
      }
      tokenizeMs[specs[t]!.id] = (tokenizeMs[specs[t]!.id] ?? 0) + ms;
    };

    const useThreads = (options.threads ?? workers > 1) && workerScript() !== null;
    const inProcess = specs.map((spec, t) => (!useThreads || runsInProcess(spec)) && missing[t]!.length > 0);
    const pooled = specs.map((_, t) => !inProcess[t] && missing[t]!.length > 0);

    // Phase 1: WASM engines in the worker pool. Phase 2: in-process engines. One after the other, so the
    // native engine's threads and the pool's never compete for the same cores.
    if (pooled.some(Boolean)) {
      await runPool(specs, pooled, missing, workers, options.languages, {
        onInfo: (t, info) => (infos[t] ??= { ...info, id: specs[t]!.id }),
        add,
        finish,
      });
    }
    // In-process engines, one tokenizer after the other. While the native engine encodes a chunk on its own
    // threads, this thread counts the previous chunk and loads the next tokenizer.
    const local = specs.map((_, t) => t).filter((t) => inProcess[t]);
    let nextLoad = local.length > 0 ? session.loaded(options.tokenizers[local[0]!]!) : null;
    for (const [k, t] of local.entries()) {
      const loaded = await nextLoad!;
      nextLoad = k + 1 < local.length ? session.loaded(options.tokenizers[local[k + 1]!]!) : null;
      nextLoad?.catch(() => undefined); // its error surfaces when it is awaited
      infos[t] ??= { ...tokenizerInfo(loaded.tokenizer), id: specs[t]!.id };
      // Chunks are encoded in batches of about NATIVE_BATCH_PIECES texts, across languages: the native engine
      // spreads a batch over its threads, and small UDHR languages alone would leave them idle.
      type Item = { chunk: PreparedLanguage; index: number; lastOf?: LanguageInput };
      type Batch = { items: Item[]; encoded: Promise<BatchEncoding[]>; started: number };
      let open: Item[] = [];
      let openPieces = 0;
      let openChars = 0;
      let inFlight: Batch | null = null;
      const flush = async (batch: Batch) => {
        const all = await batch.encoded;
        const ms = (performance.now() - batch.started) / batch.items.length;
        let offset = 0;
        for (const item of batch.items) {
          const n = item.chunk.pieces.length;
          add(t, item.index, countEncoded(loaded.tokenizer, item.chunk, all.slice(offset, offset + n), loaded.flags), ms);
          offset += n;
          if (item.lastOf) await finish(t, item.lastOf);
        }
      };
      const dispatch = async () => {
        if (open.length === 0) return;
        const items = open;
        open = [];
        openPieces = 0;
        openChars = 0;
        const batch: Batch = { items, encoded: loaded.tokenizer.encodeBatch(items.flatMap((i) => i.chunk.pieces)), started: performance.now() };
        batch.encoded.catch(() => undefined); // awaited in flush
        // while the engine encodes this batch, count the previous one
        if (inFlight) await flush(inFlight);
        inFlight = batch;
      };
      for (const input of missing[t]!) {
        let index = 0;
        let last: Item | null = null;
        for await (const chunk of input.chunks()) {
          last = { chunk, index: index++ };
          open.push(last);
          openPieces += chunk.pieces.length;
          for (const piece of chunk.pieces) openChars += piece.length;
          if (openPieces >= NATIVE_BATCH_PIECES || openChars >= CHUNK_CHARS) await dispatch();
        }
        if (!last) throw new Error(`internal error: ${input.language} yielded no chunk to tokenize`);
        // not yet counted: its batch is either still open or the one in flight
        last.lastOf = input;
      }
      await dispatch();
      if (inFlight) await flush(inFlight);
    }

    const ordered: TokenizedLanguage[] = [];
    for (let t = 0; t < specs.length; t++) {
      for (const input of options.languages) ordered.push(results.get(slot(t, input.language))!);
    }
    return {
      tokenizers: infos.map((info, t) => info ?? unreachableInfo(specs[t]!)),
      results: ordered,
      cacheHits,
      computed: total,
      tokenizeMs,
      elapsedMs: performance.now() - started,
      warnings,
    };
  } finally {
    if (ownSession) session.dispose();
  }
}

function unreachableInfo(spec: TokenizerSpec): never {
  throw new Error(`no result for tokenizer ${spec.id}: every language must be cached or computed`);
}

/** Rough costs, from `npm run bench` on a 2-core machine (only their ratios matter). */
const ENCODE_SECONDS_PER_CHAR: Record<TokenizerSpec["kind"], number> = { tiktoken: 0.7e-6, sentencepiece: 1.4e-6, huggingface: 3e-6 };
const LOAD_SECONDS_PER_BYTE = 1e-7;
/** The smallest load cost counted, and the rank-file sizes of tiktoken's bundled encodings. */
const MIN_LOAD_SECONDS = 0.05;
const TIKTOKEN_BUNDLED_BYTES: Record<string, number> = { o200k_base: 3e6, cl100k_base: 1.5e6 };
const DEFAULT_BUNDLED_BYTES = 7e5;

/**
 * Which pool workers run each pooled tokenizer. With at least as many tokenizers as workers, each tokenizer
 * goes to one worker (heaviest first, to the least loaded), so each is loaded once; with fewer, each tokenizer
 * gets its share of the workers and its chunks are dealt out among them.
 */
export function assignWorkers(specs: readonly TokenizerSpec[], pooled: readonly boolean[], workers: number, chars: readonly number[] = specs.map(() => 0)): number[][] {
  const list = specs.map((spec, t) => ({ t, spec })).filter(({ t }) => pooled[t]);
  const assignment: number[][] = specs.map(() => []);
  if (list.length === 0) return assignment;
  const size = Math.max(1, workers);
  if (list.length >= size) {
    const load = new Array<number>(size).fill(0);
    const cost = (t: number) => Math.max(MIN_LOAD_SECONDS, loadBytes(specs[t]!) * LOAD_SECONDS_PER_BYTE) + (chars[t] ?? 0) * ENCODE_SECONDS_PER_CHAR[specs[t]!.kind];
    for (const { t } of [...list].sort((a, b) => cost(b.t) - cost(a.t))) {
      const w = load.indexOf(Math.min(...load));
      assignment[t]!.push(w);
      load[w]! += cost(t);
    }
  } else {
    for (let w = 0; w < size; w++) assignment[list[w % list.length]!.t]!.push(w);
  }
  return assignment;
}

/** Bytes of the file a tokenizer loads from (a proxy for its load time). */
function loadBytes(spec: TokenizerSpec): number {
  const size = (path: string | undefined) => {
    try {
      return path ? statSync(path).size : 0;
    } catch {
      return 0;
    }
  };
  switch (spec.kind) {
    case "huggingface":
      return size(spec.path);
    case "tiktoken":
      return spec.path ? size(spec.path) : TIKTOKEN_BUNDLED_BYTES[spec.encoding ?? ""] ?? DEFAULT_BUNDLED_BYTES;
    case "sentencepiece":
      return spec.path ? size(spec.path) : DEFAULT_BUNDLED_BYTES;
  }
}

/** The compiled worker script; under a TS test runner the compiled copy in dist/ is used. */
function workerScript(): string | null {
  const here = fileURLToPath(new URL("./tokenize-worker.js", import.meta.url));
  if (existsSync(here)) return here;
  const built = join(PACKAGE_ROOT, "dist", "corpus", "tokenize-worker.js");
  return existsSync(built) ? built : null;
}

const ERROR_CLASSES: Record<string, new (message: string) => Error> = { TokenizerLoadError, CorpusError, ConfigError, OutputError };

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
async function runPool(
  specs: readonly TokenizerSpec[],
  pooled: readonly boolean[],
  missing: readonly LanguageInput[][],
  workers: number,
  languages: readonly LanguageInput[],
  sink: {
    onInfo: (t: number, info: TokenizerInfo) => void;
    add: (t: number, chunkIndex: number, part: TokenizedLanguage, ms: number) => void;
    finish: (t: number, input: LanguageInput) => Promise<void>;
  },
): Promise<void> {
  const assignment = assignWorkers(specs, pooled, workers, missing.map((m) => m.reduce((n, input) => n + input.chars, 0)));
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
    const worker = new Worker(file, wasmOnly ? { resourceLimits: { maxOldGenerationSizeMb: WASM_WORKER_HEAP_MB } } : {});
    const slot = { worker, queued: 0, wake: null as (() => void) | null };
    pool.set(w, slot);
    worker.on("message", (msg: WorkerResponse) => {
      const p = pending.get(msg.taskId);
      if (!p) return;
      pending.delete(msg.taskId);
      slot.queued--;
      slot.wake?.();
      if (msg.type === "error") {
        const Cls = ERROR_CLASSES[msg.error.name] ?? Error;
        fail(new Cls(msg.error.message));
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
      while (slot.queued >= MAX_QUEUED_PER_WORKER && !failure) await new Promise<void>((resolve) => (slot.wake = resolve));
      slot.wake = null;
      if (failure) throw failure;
      const id = taskId++;
      slot.queued++;
      for (const item of mine) open.get(key(t, item.input))!.outstanding++;
      pending.set(id, { t, items: mine });
      slot.worker.postMessage({ type: "task", taskId: id, spec: specs[t]!, chunks: mine.length === items.length ? chunks : mine.map((i) => i.chunk) } satisfies WorkerRequest);
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
