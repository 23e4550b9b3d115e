// The vocab phase of an analysis: per-tokenizer composition and pairwise overlap, one vocabulary in memory at a time, cached by file hash.
import { join } from "node:path";
import {
  DiskCache,
  defaultCacheDir,
  invalidEntryWarning,
  isCount,
  isRecord,
  type UncheckedEntry,
} from "../disk-cache.js";
import type { Warning } from "../types.js";
import { compositionToReport } from "../report/from-vocab.js";
import type { VocabOverlap, VocabReportSection, VocabTokenizerReport } from "../results/report-data.js";
import type { TokenizerSession } from "../tokenize/session.js";
import { loadTokenizer, type LoadTokenizerOptions } from "../tokenizers/load.js";
import { DEFAULT_EXAMPLES_PER_CLASS, DEFAULT_LONGEST_ENTRIES, vocabComposition } from "../vocab/composition.js";
import { averageLinkage, decodedKey } from "../vocab/overlap.js";
import type { VocabEntry } from "../tokenizers/tokenizer.js";
import { definedFields, type RunContext } from "./run-context.js";

/** Bump when the cached shapes or their computation change (2: keys from `diskCacheKey`, entries checked). */
const VOCAB_CACHE_VERSION = 2;

export interface VocabSectionOptions {
  /** Example entries per class. @default 5 */
  examples?: number;
  /** Longest entries listed. @default 10 */
  longest?: number;
  /** Cache directory, or false to neither read nor write it. @default defaultCacheDir() */
  cache?: string | false;
  load?: LoadTokenizerOptions;
  /** Tokenizers the compare phase already loaded in this process; used instead of loading them again. */
  session?: TokenizerSession;
  /** Called after each tokenizer (computed or from the cache), for a progress display. */
  onProgress?: ((progress: { tokenizer: string; done: number; total: number }) => void) | undefined;
}

export interface VocabSectionResult {
  section: VocabReportSection;
  /** Tokenizers loaded (the rest came from the cache). */
  loaded: string[];
  /** Cache entries that were ignored and recomputed (`cache-entry-invalid`). */
  warnings: Warning[];
}

interface CompositionEntry {
  report: VocabTokenizerReport;
  /** Decoded entries, special tokens excluded (the overlap's set size). */
  decodedSize: number;
}

/** A cache entry: a composition or a pair's shared entries, under `value` as before. */
interface VocabCacheEntry {
  value: CompositionEntry | { shared: number };
}

const isText = (x: unknown): x is string => typeof x === "string";
const isExample = (x: unknown) => isRecord(x) && isCount(x["id"]) && isText(x["text"]) && isCount(x["chars"]);
const isShare = (x: unknown) => typeof x === "number" && x >= 0 && x <= 1;
const isClassCount = (x: unknown) => isRecord(x) && isCount(x["count"]) && isShare(x["share"]);
const isScriptCount = (x: unknown) =>
  isRecord(x) && isText(x["script"]) && isText(x["position"]) && isCount(x["count"]);
const isExampleList = (x: unknown) => Array.isArray(x) && x.every(isExample);

function isReport(r: unknown): boolean {
  return (
    isRecord(r) &&
    isText(r["tokenizer"]) &&
    isCount(r["vocabSize"]) &&
    isRecord(r["classes"]) &&
    Object.values(r["classes"]).every(isClassCount) &&
    Array.isArray(r["scripts"]) &&
    r["scripts"].every(isScriptCount) &&
    isExampleList(r["longest"]) &&
    isRecord(r["examples"]) &&
    Object.values(r["examples"]).every(isExampleList)
  );
}

/** A composition entry (a report and a decoded size) or a pair entry (a shared count), whole. */
function vocabEntryProblem(entry: UncheckedEntry<VocabCacheEntry>): string | null {
  const v = entry.value;
  if (!isRecord(v)) return "no value";
  if ("shared" in v) return isCount(v["shared"]) ? null : "bad shared count";
  if (!isCount(v["decodedSize"]) || !isReport(v["report"])) return "bad composition";
  const report = v["report"] as VocabTokenizerReport;
  return v["decodedSize"] <= report.vocabSize ? null : "more decoded entries than the vocabulary has";
}

/** The cache's entries under `<dir>/<key>.json`; a failed write only costs time, so it is ignored. */
class VocabCache {
  private readonly store: DiskCache<VocabCacheEntry>;
  /** Entries ignored because they failed a check, as warnings. */
  readonly warnings: Warning[] = [];
  private readonly onInvalid = (path: string, problem: string) =>
    this.warnings.push(invalidEntryWarning(path, problem));

  constructor(dir: string | null) {
    this.store = new DiskCache(dir, { schema: VOCAB_CACHE_VERSION, quietWrites: true, check: vocabEntryProblem });
  }

  key(parts: Record<string, unknown>): string {
    return this.store.key(parts);
  }

  async composition(k: string): Promise<CompositionEntry | null> {
    const v = (await this.store.get(k, this.onInvalid))?.value;
    if (!v) return null;
    if ("report" in v) return v;
    this.onInvalid(this.store.path(k), "a pair's count where a composition belongs");
    return null;
  }

  /**
   * A pair's shared count, trusted only when it fits both decoded sets (`sizes`, from their compositions): more
   * shared entries than either has would give a Jaccard outside [0, 1]. Without both sizes the pair is recomputed.
   */
  async pair(k: string, sizes: readonly [number | undefined, number | undefined]): Promise<{ shared: number } | null> {
    const v = (await this.store.get(k, this.onInvalid))?.value;
    if (!v) return null;
    if (!("shared" in v)) {
      this.onInvalid(this.store.path(k), "a composition where a pair's count belongs");
      return null;
    }
    const [a, b] = sizes;
    if (a === undefined || b === undefined) return null;
    if (v.shared > Math.min(a, b)) {
      this.onInvalid(
        this.store.path(k),
        `${v.shared} shared entries, more than the ${Math.min(a, b)} of the smaller set`,
      );
      return null;
    }
    return v;
  }

  async set(k: string, value: VocabCacheEntry["value"]): Promise<void> {
    await this.store.set(k, { value });
  }
}

/**
 * Composition of each tokenizer and the Jaccard overlap of their decoded vocabularies (specials excluded, as
 * `vocabOverlap`). `tokenizers` pairs each reference with the sha256 of its file (from the compare run), so a
 * repeated run answers from the cache without loading any tokenizer. Vocabularies are loaded one at a time and a
 * decoded set is kept only while a pair that needs it is still uncomputed.
 */
export async function vocabSection(
  tokenizers: ReadonlyArray<{ id: string; sha256: string }>,
  options: VocabSectionOptions = {},
): Promise<VocabSectionResult> {
  const examples = options.examples ?? DEFAULT_EXAMPLES_PER_CLASS;
  const longest = options.longest ?? DEFAULT_LONGEST_ENTRIES;
  const cache = new VocabCache(options.cache === false ? null : join(options.cache ?? defaultCacheDir(), "vocab"));
  const n = tokenizers.length;
  const compositionKey = (i: number) =>
    cache.key({ kind: "composition", sha256: tokenizers[i]!.sha256, examples, longest });
  const pairKey = (i: number, j: number) =>
    cache.key({ kind: "overlap", shas: [tokenizers[i]!.sha256, tokenizers[j]!.sha256].sort() });

  const { compositions, shared } = await fromCache(cache, tokenizers, compositionKey, pairKey);
  const missingPair = (i: number, j: number) =>
    i !== j && tokenizers[i]!.sha256 !== tokenizers[j]!.sha256 && shared[i]![j]! < 0;
  const needsLoad = (i: number) => compositions[i] === null || tokenizers.some((_, j) => missingPair(i, j));

  // decoded entries interned to numbers: a pair's shared count is then a pass over two arrays of ids, not a
  // hash lookup of every string of the smaller vocabulary in the larger one; a tokenizer whose pairs are all cached
  // is interned too (its decoded size is the composition's), which only grows the map
  const interned = new Map<string, number>();
  const stamps = { last: new Int32Array(1 << 16).fill(-1) };
  const sets = new Map<number, Uint32Array>();
  const loaded: string[] = [];
  const progress = (i: number) => options.onProgress?.({ tokenizer: tokenizers[i]!.id, done: i + 1, total: n });
  for (let i = 0; i < n; i++) {
    if (!needsLoad(i)) {
      progress(i);
      continue;
    }
    const ref = tokenizers[i]!.id;
    const tokenizer = options.session
      ? await options.session.tokenizer(ref)
      : await loadTokenizer(ref, options.load ?? {});
    let ids: Uint32Array;
    try {
      const entries = tokenizer.vocabulary();
      ids = internDecoded(entries, interned, stamps, i);
      if (compositions[i] === null) {
        const composition = vocabComposition(ref, entries, { examplesPerClass: examples, longest });
        const entry = { report: compositionToReport(composition, tokenizer.vocabSize), decodedSize: ids.length };
        compositions[i] = entry;
        await cache.set(compositionKey(i), entry);
      }
    } finally {
      // a session's tokenizers belong to the session
      if (!options.session) tokenizer.dispose();
    }
    loaded.push(ref);
    for (const [h, other] of sets) {
      if (!missingPair(h, i)) continue;
      const count = sharedCount(other, ids, interned.size);
      shared[h]![i] = shared[i]![h] = count;
      await cache.set(pairKey(h, i), { shared: count });
    }
    // keep this set only if a later tokenizer still has to be compared with it; drop earlier ones that are done
    for (const h of [...sets.keys()]) if (!tokenizers.some((_, j) => j > i && missingPair(h, j))) sets.delete(h);
    if (tokenizers.some((_, j) => j > i && missingPair(i, j))) sets.set(i, ids);
    progress(i);
  }

  const done = compositions.map((c) => c!);
  const section: VocabReportSection = {
    // a cached report carries the id it was computed under; this run's reference names it
    tokenizers: done.map((c, i) => ({ ...c.report, tokenizer: tokenizers[i]!.id })),
  };
  if (n >= 2)
    section.overlap = overlapFrom(
      tokenizers.map((t) => t.id),
      tokenizers.map((t) => t.sha256),
      done.map((c) => c.decodedSize),
      shared,
    );
  return { section, loaded, warnings: cache.warnings };
}

/**
 * The decoded set of `entries` (`decodedSet`: specials left out, each decoded key once) as the numbers of its keys
 * in `interned` (new keys numbered on), in the order first met: one map lookup per entry, no set of strings built.
 * `stamps.last[id]` is the tokenizer that last took key `id` (`tokenizer`, distinct per call), so a key that two
 * entries decode to is taken once.
 */
function internDecoded(
  entries: readonly VocabEntry[],
  interned: Map<string, number>,
  stamps: { last: Int32Array },
  tokenizer: number,
): Uint32Array {
  const ids = new Uint32Array(entries.length);
  let k = 0;
  for (const e of entries) {
    if (e.special) continue;
    const key = decodedKey(e);
    let id = interned.get(key);
    if (id === undefined) {
      interned.set(key, (id = interned.size));
      if (id >= stamps.last.length) {
        const grown = new Int32Array(stamps.last.length * 2).fill(-1);
        grown.set(stamps.last);
        stamps.last = grown;
      }
    }
    if (stamps.last[id] === tokenizer) continue;
    stamps.last[id] = tokenizer;
    ids[k++] = id;
  }
  return ids.slice(0, k);
}

/** Entries two interned sets share (each set's ids distinct, all below `universe`). */
function sharedCount(a: Uint32Array, b: Uint32Array, universe: number): number {
  const inA = new Uint8Array(universe);
  for (let k = 0; k < a.length; k++) inA[a[k]!] = 1;
  let count = 0;
  for (let k = 0; k < b.length; k++) count += inA[b[k]!]!;
  return count;
}

/** What the cache already holds: compositions (null where missing) and shared-entry counts (-1 where missing). */
async function fromCache(
  cache: VocabCache,
  tokenizers: ReadonlyArray<{ id: string; sha256: string }>,
  compositionKey: (i: number) => string,
  pairKey: (i: number, j: number) => string,
): Promise<{ compositions: (CompositionEntry | null)[]; shared: number[][] }> {
  const n = tokenizers.length;
  const compositions = await Promise.all(tokenizers.map((_, i) => cache.composition(compositionKey(i))));
  const shared: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(-1));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (tokenizers[i]!.sha256 === tokenizers[j]!.sha256) continue; // same file: filled in once its size is known
      const hit = await cache.pair(pairKey(i, j), [compositions[i]?.decodedSize, compositions[j]?.decodedSize]);
      if (hit) shared[i]![j] = shared[j]![i] = hit.shared;
    }
  }
  return { compositions, shared };
}

/** `vocabSection` in a run's context: the run's session (no tokenizer loaded twice) and cache. */
export function vocabWithContext(
  ctx: Pick<RunContext, "session" | "cache">,
  tokenizers: ReadonlyArray<{ id: string; sha256: string }>,
  options: Pick<VocabSectionOptions, "examples" | "longest" | "onProgress">,
): Promise<VocabSectionResult> {
  return vocabSection(tokenizers, { ...options, ...definedFields({ cache: ctx.cache }), session: ctx.session });
}

/** Jaccard from set sizes and intersections, and the average-linkage leaf order. */
function overlapFrom(ids: string[], shas: string[], sizes: number[], shared: number[][]): VocabOverlap {
  const n = ids.length;
  const jaccard = ids.map((_, i) =>
    ids.map((__, j) => {
      if (i === j || shas[i] === shas[j]) return 1;
      const inter = shared[i]![j]!;
      const union = sizes[i]! + sizes[j]! - inter;
      return union === 0 ? 1 : inter / union;
    }),
  );
  const { order } = averageLinkage(jaccard.map((row) => row.map((x) => 1 - x)));
  return { tokenizers: [...ids], jaccard, order: order.slice(0, n).map((i) => ids[i]!) };
}
