// Runs the tokenize phase for tokenizers x languages: cache lookups, then languages streamed chunk by chunk through
// the engines (native tokenizer.json in-process on its own threads, WASM engines in a worker pool), atomic cache writes.
import { isCountsRef, runTokenizeWithCounts } from "./counts.js";
import { availableParallelism } from "node:os";
import { ConfigError } from "../errors.js";
import { addLanguageCounts } from "./language-counts.js";
import { specSource, type TokenizerSpec } from "../tokenizers/tokenizer.js";
import type { TokenizedLanguage, Warning } from "../types.js";
import type { LanguageInput } from "./language-input.js";
import { runInProcess } from "./native-phase.js";
import { runPool, workerScript, type PhaseSink } from "./pool-phase.js";
import { TokenizeCache, cacheKey, defaultCacheDir, type TokenizerInfo } from "./cache.js";
import type { TokenizeRun, TokenizeRunOptions } from "./run-types.js";
import { TokenizerSession } from "./session.js";

// the tokenize phase's pieces, importable from here as before the split
export type { TokenizeProgress, TokenizeRun, TokenizeRunOptions } from "./run-types.js";
export {
  CHUNK_CHARS,
  CHUNK_SEGMENTS,
  KEEP_PREPARED_CHARS,
  corpusInput,
  preparedInput,
  type LanguageInput,
} from "./language-input.js";
export { NATIVE_BATCH_PIECES } from "./native-phase.js";
export { assignWorkers } from "./pool-plan.js";

/** Adds chunk results of one tokenizer x language in place (every count is additive). */
function accumulate(into: TokenizedLanguage | undefined, part: TokenizedLanguage): TokenizedLanguage {
  if (!into) return { ...part, segments: [...part.segments], tokenFrequencies: new Map(part.tokenFrequencies) };
  for (const s of part.segments) into.segments.push(s);
  addLanguageCounts(into, part);
  return into;
}

/** Whether a spec runs in this process (the native engine, multi-threaded by itself) or in the worker pool. */
function runsInProcess(spec: TokenizerSpec): boolean {
  return spec.kind === "huggingface" && spec.engine !== "js";
}

export async function runTokenize(options: TokenizeRunOptions): Promise<TokenizeRun> {
  // counts: tokenizers (per-segment counts from a file) are read apart; see counts.ts
  if (options.tokenizers.some(isCountsRef)) return runTokenizeWithCounts(options, runTokenize);
  const started = performance.now();
  const workers = options.workers ?? availableParallelism();
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new ConfigError(
      `Invalid number of workers ${String(options.workers)}. Use a whole number >= 1 (default: one per core).`,
    );
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
      warnings.push({
        code: "cache-entry-invalid",
        message: `Ignored the cache entry '${path}' (${problem}) and recomputed it.`,
      });
    for (let t = 0; t < specs.length; t++) {
      for (const input of options.languages) {
        const hit = cache ? await cache.get(cacheKey(fingerprints[t]!, input.language, input.sha256), onInvalid) : null;
        if (hit && hit.data.language === input.language) {
          // a cached entry is keyed by content; the id is the one asked for this time
          results.set(slot(t, input.language), { ...hit.data, tokenizer: specs[t]!.id });
          // the entry may have been written by another tokenizer with the same files (gpt2 and r50k_base): its
          // name and source are that tokenizer's unless it was loaded from the same place as this one
          const spec = specs[t]!;
          const sameSource = hit.tokenizer.source === specSource(spec);
          infos[t] ??= {
            ...hit.tokenizer,
            id: spec.id,
            ...(sameSource ? {} : { name: spec.name, source: specSource(spec) }),
          };
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
    const partial = new Map<
      string,
      { sum: TokenizedLanguage | undefined; next: number; early: Map<number, TokenizedLanguage> }
    >();
    const finish = async (t: number, input: LanguageInput) => {
      const state = partial.get(slot(t, input.language));
      partial.delete(slot(t, input.language));
      const data = state?.sum;
      if (!data || state.early.size > 0)
        throw new Error(`internal error: the chunks of ${input.language} under ${specs[t]!.id} did not all arrive`);
      results.set(slot(t, input.language), data);
      done++;
      segments += data.segments.length;
      options.onProgress?.({
        tokenizer: specs[t]!.id,
        language: input.language,
        done,
        total,
        segmentsPerSecond: segments / ((performance.now() - started) / 1000),
      });
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
    const sink: PhaseSink = { onInfo: (t, info) => (infos[t] ??= { ...info, id: specs[t]!.id }), add, finish };
    if (pooled.some(Boolean)) await runPool(specs, pooled, missing, workers, options.languages, sink);
    await runInProcess(
      options.tokenizers,
      specs.map((_, t) => t).filter((t) => inProcess[t]),
      missing,
      session,
      sink,
    );

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
