// Runs the tokenize phase for tokenizers x languages: cache lookups, then languages streamed chunk by chunk through
// the engines (native tokenizer.json in-process on its own threads, WASM engines in a worker pool), atomic cache writes.
import { isCountsRef, runTokenizeWithCounts } from "./counts.js";
import { availableParallelism } from "node:os";
import { ConfigError } from "../errors.js";
import { invalidEntryWarning } from "../disk-cache.js";
import type { FileHashCache } from "../file-sha256.js";
import { addLanguageCounts } from "./language-counts.js";
import { specSource, type TokenizerSpec } from "../tokenizers/tokenizer.js";
import type { SegmentTable, TokenizedLanguage, Warning } from "../types.js";
import { concatSegmentTables } from "./segment-table.js";
import { KEEP_RUN_CHARS, type LanguageInput } from "./language-input.js";
import { runInProcess } from "./native-phase.js";
import { runPool, workerScript, type PhaseSink } from "./pool-phase.js";
import { TokenizeCache, cacheKey, defaultCacheDir, type TokenizerInfo } from "./cache.js";
import type { TokenizeRun, TokenizeRunOptions } from "./run-types.js";
import { TokenizerSession } from "./session.js";

// the tokenize phase's pieces, importable from here as before the split
export type { TokenizeProgress, TokenizeRun, TokenizeRunOptions } from "./run-types.js";
export {
  CHUNK_BYTES,
  CHUNK_CHARS,
  CHUNK_SEGMENTS,
  KEEP_PREPARED_CHARS,
  KEEP_RUN_CHARS,
  corpusInput,
  preparedInput,
  type LanguageInput,
} from "./language-input.js";
export { NATIVE_BATCH_PIECES } from "./native-phase.js";
export { assignWorkers } from "./pool-plan.js";

/** The chunk results of one tokenizer x language so far: counts added in place, segment tables joined at the end. */
interface ChunkSum {
  sum: TokenizedLanguage;
  segments: SegmentTable[];
}

/** Adds the chunk result `part` (every count is additive). */
function accumulate(into: ChunkSum | undefined, part: TokenizedLanguage): ChunkSum {
  if (!into) return { sum: { ...part, tokenFrequencies: new Map(part.tokenFrequencies) }, segments: [part.segments] };
  into.segments.push(part.segments);
  addLanguageCounts(into.sum, part);
  return into;
}

/** Whether a spec runs in this process (the native engine, multi-threaded by itself) or in the worker pool. */
export function runsInProcess(spec: TokenizerSpec): boolean {
  return spec.kind === "huggingface" && spec.engine !== "js";
}

/** Key of one tokenizer x language in the maps of a run. */
function slot(t: number, language: string): string {
  return `${t}\u0000${language}`;
}

function workerCount(options: TokenizeRunOptions): number {
  const workers = options.workers ?? availableParallelism();
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new ConfigError(
      `Invalid number of workers ${String(options.workers)}. Use a whole number >= 1 (default: one per core).`,
    );
  }
  return workers;
}

/** The tokenizers of a run, resolved once: spec and cache fingerprint per reference, in the order given. */
interface ResolvedTokenizers {
  specs: TokenizerSpec[];
  fingerprints: string[];
}

async function resolveTokenizers(
  session: TokenizerSession,
  refs: readonly string[],
  hashes: FileHashCache,
): Promise<ResolvedTokenizers> {
  const specs: TokenizerSpec[] = [];
  const fingerprints: string[] = [];
  for (const ref of refs) {
    specs.push(await session.spec(ref));
    fingerprints.push(await session.fingerprint(ref, hashes));
  }
  return { specs, fingerprints };
}

/** What the cache already holds, and per tokenizer the languages still to compute. */
interface CacheLookup {
  infos: Array<TokenizerInfo | null>;
  results: Map<string, TokenizedLanguage>;
  missing: LanguageInput[][];
  cacheHits: number;
}

/**
 * The tokenizer info of a cache hit under the id asked for. The entry may have been written by another tokenizer
 * with the same files (gpt2 and r50k_base): its name and source are that tokenizer's unless it was loaded from the
 * same place as this one.
 */
function infoOfHit(cached: TokenizerInfo, spec: TokenizerSpec): TokenizerInfo {
  const sameSource = cached.source === specSource(spec);
  return { ...cached, id: spec.id, ...(sameSource ? {} : { name: spec.name, source: specSource(spec) }) };
}

async function lookUpCache(
  cache: TokenizeCache | null,
  { specs, fingerprints }: ResolvedTokenizers,
  languages: readonly LanguageInput[],
  warnings: Warning[],
): Promise<CacheLookup> {
  const lookup: CacheLookup = {
    infos: specs.map(() => null),
    results: new Map(),
    missing: specs.map(() => []),
    cacheHits: 0,
  };
  const onInvalid = (path: string, problem: string) => warnings.push(invalidEntryWarning(path, problem));
  for (let t = 0; t < specs.length; t++) {
    for (const input of languages) {
      const hit = cache
        ? await cache.get(cacheKey(fingerprints[t]!, input.language, input.sha256, input), onInvalid)
        : null;
      if (hit && hit.data.language === input.language) {
        // a cached entry is keyed by content; the id is the one asked for this time
        lookup.results.set(slot(t, input.language), { ...hit.data, tokenizer: specs[t]!.id });
        lookup.infos[t] ??= infoOfHit(hit.tokenizer, specs[t]!);
        lookup.cacheHits++;
      } else {
        lookup.missing[t]!.push(input);
      }
    }
  }
  return lookup;
}

/** What the engine phases report into; `cache` is shared by overlapping finishes and turned off by the first failed write. */
interface CollectorContext extends ResolvedTokenizers, CacheLookup {
  cache: { current: TokenizeCache | null };
  warnings: Warning[];
  total: number;
  started: number;
  onProgress: TokenizeRunOptions["onProgress"];
}

/**
 * Chunk results per tokenizer x language are added in chunk order as soon as the next one is in (pool results
 * can arrive out of order), so only the running sum and the few early arrivals are held.
 */
class ChunkCollector implements PhaseSink {
  readonly tokenizeMs: Record<string, number> = {};
  private readonly partial = new Map<
    string,
    { sum: ChunkSum | undefined; next: number; early: Map<number, TokenizedLanguage> }
  >();
  private done = 0;
  private segments = 0;
  /**
   * The segment ids of the first language finished, by themselves: the equal ids of later languages are stored as
   * these strings (a parallel corpus gives every language the same ids; FLORES: 2,009 strings instead of 410k).
   */
  private sharedIds: Map<string, string> | null = null;

  constructor(private readonly run: CollectorContext) {}

  onInfo = (t: number, info: TokenizerInfo): void => {
    this.run.infos[t] ??= { ...info, id: this.run.specs[t]!.id };
  };

  add = (t: number, chunkIndex: number, part: TokenizedLanguage, ms: number): void => {
    const key = slot(t, part.language);
    let state = this.partial.get(key);
    if (!state) this.partial.set(key, (state = { sum: undefined, next: 0, early: new Map() }));
    state.early.set(chunkIndex, part);
    for (let p = state.early.get(state.next); p; p = state.early.get(state.next)) {
      state.sum = accumulate(state.sum, p);
      state.early.delete(state.next);
      state.next++;
    }
    const id = this.run.specs[t]!.id;
    this.tokenizeMs[id] = (this.tokenizeMs[id] ?? 0) + ms;
  };

  finish = async (t: number, input: LanguageInput): Promise<void> => {
    const { run } = this;
    const state = this.partial.get(slot(t, input.language));
    this.partial.delete(slot(t, input.language));
    if (!state?.sum || state.early.size > 0)
      throw new Error(`internal error: the chunks of ${input.language} under ${run.specs[t]!.id} did not all arrive`);
    const data = { ...state.sum.sum, segments: this.shareIds(concatSegmentTables(state.sum.segments)) };
    run.results.set(slot(t, input.language), data);
    this.done++;
    this.segments += data.segments.ids.length;
    run.onProgress?.({
      tokenizer: run.specs[t]!.id,
      language: input.language,
      done: this.done,
      total: run.total,
      segmentsPerSecond: this.segments / ((performance.now() - run.started) / 1000),
    });
    await this.store(t, input, data);
  };

  private shareIds(table: SegmentTable): SegmentTable {
    if (!this.sharedIds) {
      this.sharedIds = new Map(table.ids.map((id) => [id, id]));
      return table;
    }
    const shared = this.sharedIds;
    return { ...table, ids: table.ids.map((id) => shared.get(id) ?? id) };
  }

  private async store(t: number, input: LanguageInput, data: TokenizedLanguage): Promise<void> {
    const { run } = this;
    const store = run.cache.current;
    if (!store) return;
    try {
      await store.set(cacheKey(run.fingerprints[t]!, input.language, input.sha256, input), run.infos[t]!, data);
    } catch (err) {
      // finishes of several languages can overlap: only the first failed write warns
      if (run.cache.current) {
        run.warnings.push({
          code: "cache-unwritable",
          message: `Cannot write the tokenize cache in '${store.dir}' (${(err as Error).message}); this run goes on without it. Set TOKLENS_CACHE_DIR to a writable directory, or pass --no-cache to silence this.`,
        });
      }
      run.cache.current = null;
    }
  }
}

/**
 * Phase 1: WASM engines in the worker pool. Phase 2: in-process engines, from when the pool has read every language
 * (its workers then only finish their queues, and towards the end one of them often idles while the other works).
 * The phases' tokenizers differ, and no language is read by both at once: each is read whole by the pool first.
 */
async function runEngines(
  options: TokenizeRunOptions,
  workers: number,
  session: TokenizerSession,
  { specs, missing }: ResolvedTokenizers & CacheLookup,
  sink: PhaseSink,
): Promise<void> {
  const useThreads = (options.threads ?? workers > 1) && workerScript() !== null;
  const inProcess = specs.map((spec, t) => (!useThreads || runsInProcess(spec)) && missing[t]!.length > 0);
  const pooled = specs.map((_, t) => !inProcess[t] && missing[t]!.length > 0);
  const keep = keepsBetweenReads(missing, options.languages);
  // the in-process phase reads a language again when one of its tokenizers still needs it
  const readAgain = (input: LanguageInput) => keep && specs.some((_, t) => inProcess[t] && missing[t]!.includes(input));
  const local = () =>
    runInProcess(
      options.tokenizers,
      specs.map((_, t) => t).filter((t) => inProcess[t]),
      missing,
      session,
      sink,
      keep,
    );
  if (!pooled.some(Boolean)) return local();
  // the in-process phase's first tokenizer loads while the pool runs (the phase gets the same load from the session)
  // instead of when the pool is done; its error surfaces when the phase awaits it
  const first = inProcess.indexOf(true);
  if (first !== -1) session.loaded(options.tokenizers[first]!).catch(() => undefined);
  let read!: () => void;
  const allRead = new Promise<void>((resolve) => (read = resolve));
  const pool = runPool(specs, pooled, missing, workers, options.languages, sink, readAgain, read);
  await Promise.race([allRead, pool]);
  // both run to their end before an error of either is thrown: a failed phase never leaves the other one running
  const [p, l] = await Promise.allSettled([pool, local()]);
  if (p.status === "rejected") throw p.reason;
  if (l.status === "rejected") throw l.reason;
}

/**
 * Whether the languages of a run may keep their prepared chunks between two reads (`LanguageInput.chunks`'s `keep`):
 * when more than one tokenizer reads them and they hold at most KEEP_RUN_CHARS in all. A language read by one
 * tokenizer is read once, and its input may not know its size (hashed while it is read): it is not asked.
 */
export function keepsBetweenReads(
  missing: readonly (readonly LanguageInput[])[],
  languages: readonly LanguageInput[],
): boolean {
  if (missing.filter((m) => m.length > 0).length < 2) return false;
  return languages.reduce((n, input) => n + input.chars, 0) <= KEEP_RUN_CHARS;
}

export async function runTokenize(options: TokenizeRunOptions): Promise<TokenizeRun> {
  // counts: tokenizers (per-segment counts from a file) are read apart; see counts.ts
  if (options.tokenizers.some(isCountsRef)) return runTokenizeWithCounts(options, runTokenize);
  const started = performance.now();
  const workers = workerCount(options);
  const warnings: Warning[] = [];
  const cache = { current: options.cache === false ? null : new TokenizeCache(options.cache ?? defaultCacheDir()) };
  const session = options.session ?? new TokenizerSession({ cache: options.cache, ...options.load });
  const ownSession = !options.session;

  try {
    const hashes = { dir: cache.current?.dir ?? null, onWarning: (w: Warning) => warnings.push(w) };
    const resolved = await resolveTokenizers(session, options.tokenizers, hashes);
    const lookup = await lookUpCache(cache.current, resolved, options.languages, warnings);
    const total = lookup.missing.reduce((n, m) => n + m.length, 0);
    const collector = new ChunkCollector({
      ...resolved,
      ...lookup,
      cache,
      warnings,
      total,
      started,
      onProgress: options.onProgress,
    });
    await runEngines(options, workers, session, { ...resolved, ...lookup }, collector);

    const { specs } = resolved;
    const ordered: TokenizedLanguage[] = [];
    for (let t = 0; t < specs.length; t++) {
      for (const input of options.languages) ordered.push(lookup.results.get(slot(t, input.language))!);
    }
    return {
      tokenizers: lookup.infos.map((info, t) => info ?? unreachableInfo(specs[t]!)),
      results: ordered,
      cacheHits: lookup.cacheHits,
      computed: total,
      tokenizeMs: collector.tokenizeMs,
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
