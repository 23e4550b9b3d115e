// Runs the tokenize phase for tokenizers x languages: cache lookups, a worker-thread pool for the misses, atomic cache writes.
import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ConfigError, CorpusError, OutputError, TokenizerLoadError } from "../errors.js";
import { resolveTokenizerSpec, specSha256, type LoadTokenizerOptions } from "../tokenizers/load.js";
import type { TokenizerSpec } from "../tokenizers/tokenizer.js";
import type { TokenizedLanguage } from "../types.js";
import { PACKAGE_ROOT } from "../version.js";
import { TokenizeCache, cacheKey, defaultCacheDir, type TokenizerInfo } from "./tokenize-cache.js";
import type { PreparedLanguage } from "./tokenize-corpus.js";
import { TaskRunner, type TaskResult } from "./tokenize-task.js";
import type { WorkerRequest, WorkerResponse } from "./tokenize-worker.js";

export interface TokenizeProgress {
  tokenizer: string;
  language: string;
  /** Languages finished so far, over all tokenizers, and the total to compute. */
  done: number;
  total: number;
  /** Segments per second over the run so far. */
  segmentsPerSecond: number;
}

export interface TokenizeRunOptions {
  /** Tokenizer references: built-in ids, paths, or hf: ids. */
  tokenizers: readonly string[];
  languages: readonly PreparedLanguage[];
  /**
   * Worker threads for tokenizing (each loads a tokenizer once per task). 1 runs in-process.
   * @default the number of cores
   */
  workers?: number;
  /**
   * Tokenize in worker threads even with one worker (the benchmark compares 1 and 2 threads on equal terms).
   * @default workers > 1
   */
  threads?: boolean;
  /** Cache directory, or false to neither read nor write the cache. @default defaultCacheDir() */
  cache?: string | false;
  /** Passed to the tokenizer loader (hf: options). */
  load?: LoadTokenizerOptions;
  onProgress?: (progress: TokenizeProgress) => void;
}

export interface TokenizeRun {
  tokenizers: TokenizerInfo[];
  /** One per tokenizer x language, tokenizer-major in the order given. */
  results: TokenizedLanguage[];
  cacheHits: number;
  computed: number;
  /** Time spent in encode calls, summed over workers, per tokenizer id. */
  tokenizeMs: Record<string, number>;
  elapsedMs: number;
}

interface PlannedTask {
  tokenizerIndex: number;
  spec: TokenizerSpec;
  languages: PreparedLanguage[];
}

export async function runTokenize(options: TokenizeRunOptions): Promise<TokenizeRun> {
  const started = performance.now();
  const workers = options.workers ?? availableParallelism();
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new ConfigError(`Invalid number of workers ${String(options.workers)}. Use a whole number >= 1 (default: one per core).`);
  }
  const cache = options.cache === false ? null : new TokenizeCache(options.cache ?? defaultCacheDir());

  const specs: TokenizerSpec[] = [];
  const shas: string[] = [];
  for (const ref of options.tokenizers) {
    const spec = await resolveTokenizerSpec(ref, options.load);
    specs.push(spec);
    shas.push(await specSha256(spec));
  }

  const infos: Array<TokenizerInfo | null> = specs.map(() => null);
  const results = new Map<string, TokenizedLanguage>();
  const slot = (t: number, language: string) => `${t}\u0000${language}`;
  const missing: PreparedLanguage[][] = specs.map(() => []);
  let cacheHits = 0;
  for (let t = 0; t < specs.length; t++) {
    for (const prepared of options.languages) {
      const hit = cache ? await cache.get(cacheKey(shas[t]!, prepared.language, prepared.sha256)) : null;
      if (hit) {
        // a cached entry is keyed by content; the id is the one asked for this time
        results.set(slot(t, prepared.language), { ...hit.data, tokenizer: specs[t]!.id });
        infos[t] ??= { ...hit.tokenizer, id: specs[t]!.id };
        cacheHits++;
      } else {
        missing[t]!.push(prepared);
      }
    }
  }

  const tasks = planTasks(specs, missing, workers);
  const total = tasks.reduce((n, task) => n + task.languages.length, 0);
  let done = 0;
  let segments = 0;
  const progress = (tokenizer: string, language: string, n: number) => {
    done++;
    segments += n;
    options.onProgress?.({ tokenizer, language, done, total, segmentsPerSecond: segments / ((performance.now() - started) / 1000) });
  };
  const tokenizeMs: Record<string, number> = {};
  const onResult = async (task: PlannedTask, r: TaskResult) => {
    const t = task.tokenizerIndex;
    infos[t] ??= r.info;
    tokenizeMs[r.info.id] = (tokenizeMs[r.info.id] ?? 0) + r.tokenizeMs;
    for (const data of r.results) {
      results.set(slot(t, data.language), data);
      if (cache) {
        try {
          await cache.set(cacheKey(shas[t]!, data.language, options.languages.find((l) => l.language === data.language)!.sha256), r.info, data);
        } catch (err) {
          throw new OutputError(`Cannot write the tokenize cache in '${cache.dir}' (${(err as Error).message}). Set TOKLENS_CACHE_DIR to a writable directory or pass --no-cache.`, { cause: err });
        }
      }
    }
  };

  const workerFile = workerScript();
  if ((options.threads ?? workers > 1) && tasks.length > 0 && workerFile) {
    await runInPool(tasks, Math.min(workers, tasks.length), workerFile, onResult, progress);
  } else {
    const runner = new TaskRunner();
    try {
      for (const task of tasks) {
        const r = await runner.run(task.spec, task.languages, (language, n) => progress(task.spec.id, language, n));
        await onResult(task, r);
      }
    } finally {
      runner.dispose();
    }
  }

  const ordered: TokenizedLanguage[] = [];
  for (let t = 0; t < specs.length; t++) {
    for (const prepared of options.languages) ordered.push(results.get(slot(t, prepared.language))!);
  }
  return {
    tokenizers: infos.map((info, t) => info ?? unreachableInfo(specs[t]!)),
    results: ordered,
    cacheHits,
    computed: total,
    tokenizeMs,
    elapsedMs: performance.now() - started,
  };
}

function unreachableInfo(spec: TokenizerSpec): never {
  throw new Error(`no result for tokenizer ${spec.id}: every language must be cached or computed`);
}

/**
 * Rough costs, from `npm run bench` on a 2-core machine (only their ratios matter): encoding time per
 * character by engine, loading time per byte of tokenizer file.
 */
const ENCODE_SECONDS_PER_CHAR: Record<TokenizerSpec["kind"], number> = { tiktoken: 0.7e-6, sentencepiece: 1.4e-6, huggingface: 3e-6 };
const LOAD_SECONDS_PER_BYTE = 1e-7;

/**
 * Splits the work into tasks for the pool, heaviest first (longest-processing-time-first). A tokenizer
 * stays one task, loaded once, unless encoding its text costs more than loading it: then its languages are
 * dealt out to every worker, which loads it once each. Chunks of one tokenizer stay adjacent in the queue,
 * so a worker keeps the tokenizer it has loaded.
 */
export function planTasks(specs: readonly TokenizerSpec[], missing: readonly PreparedLanguage[][], workers: number): PlannedTask[] {
  const groups = specs
    .map((spec, t) => {
      const languages = missing[t]!;
      const chars = languages.reduce((n, p) => n + p.chars.reduce((a, b) => a + b, 0), 0);
      const load = Math.max(0.05, loadBytes(spec) * LOAD_SECONDS_PER_BYTE);
      const encode = chars * ENCODE_SECONDS_PER_CHAR[spec.kind];
      return { t, spec, languages, load, encode };
    })
    .filter((g) => g.languages.length > 0)
    .sort((a, b) => b.load + b.encode - (a.load + a.encode));
  const tasks: PlannedTask[] = [];
  for (const g of groups) {
    const n = workers > 1 && g.encode > g.load ? Math.min(workers, g.languages.length) : 1;
    for (let c = 0; c < n; c++) {
      tasks.push({ tokenizerIndex: g.t, spec: g.spec, languages: g.languages.filter((_, i) => i % n === c) });
    }
  }
  return tasks;
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
      return spec.path ? size(spec.path) : spec.encoding === "o200k_base" ? 3e6 : spec.encoding === "cl100k_base" ? 1.5e6 : 7e5;
    case "sentencepiece":
      return spec.path ? size(spec.path) : 5e5;
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

async function runInPool(
  tasks: PlannedTask[],
  size: number,
  workerFile: string,
  onResult: (task: PlannedTask, r: TaskResult) => Promise<void>,
  progress: (tokenizer: string, language: string, segments: number) => void,
): Promise<void> {
  const queue = tasks.map((task, taskId) => ({ task, taskId }));
  const pool: Worker[] = [];
  let failure: Error | null = null;
  const pending: Promise<void>[] = [];
  try {
    await Promise.all(
      Array.from({ length: size }, async () => {
        const worker = new Worker(workerFile);
        pool.push(worker);
        for (;;) {
          const next = queue.shift();
          if (!next || failure) break;
          const result = await new Promise<TaskResult>((resolve, reject) => {
            const onMessage = (msg: WorkerResponse) => {
              if (msg.taskId !== next.taskId) return;
              if (msg.type === "progress") progress(next.task.spec.id, msg.language, msg.segments);
              else {
                worker.off("message", onMessage);
                worker.off("error", onError);
                if (msg.type === "result") resolve(msg.result);
                else {
                  const Cls = ERROR_CLASSES[msg.error.name] ?? Error;
                  reject(new Cls(msg.error.message));
                }
              }
            };
            const onError = (err: Error) => reject(err);
            worker.on("message", onMessage);
            worker.once("error", onError);
            worker.postMessage({ type: "task", taskId: next.taskId, spec: next.task.spec, languages: next.task.languages } satisfies WorkerRequest);
          }).catch((err: Error) => {
            failure ??= err;
            return null;
          });
          if (result) {
            const p = onResult(next.task, result).catch((err: Error) => {
              failure ??= err;
            });
            pending.push(p);
            await p;
          }
        }
      }),
    );
    await Promise.all(pending);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  if (failure) throw failure;
}
