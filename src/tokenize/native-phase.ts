// The in-process phase of the tokenize run: tokenizer.json on the native engine, which spreads each batch over
// its own threads; one tokenizer after the other, counting one batch while the engine encodes the next.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { BatchEncoding } from "../tokenizers/tokenizer.js";
import type { TokenizedLanguage } from "../types.js";
import { CHUNK_BYTES, CHUNK_CHARS, type LanguageInput } from "./language-input.js";
import type { PhaseSink } from "./pool-phase.js";
import {
  countEncoded,
  countIsolated,
  isolatedCandidates,
  isolatedLengthsOrAlone,
  isolatedPlan,
  trustedSeparator,
  type IsolatedCandidates,
  type IsolatedPlan,
  type PreparedLanguage,
} from "./tokenize-corpus.js";
import { tokenizerInfo, type LoadedTokenizer, type TokenizerSession } from "./session.js";

/** Texts per native encodeBatch call (the engine's threads share a batch). */
export const NATIVE_BATCH_PIECES = 2000;

/**
 * Tokens encoded by the native engine between two full garbage collections, once the process is above
 * `NATIVE_COLLECT_RSS`. Each encoding the engine returns holds about 100 bytes per token outside the JS heap, freed
 * only when the small JS object around it is collected in a full collection (the encodings of a batch outlive the
 * young generation while the next batch is prepared); the collector does not see that memory, so without these
 * collections it piles up (over a gigabyte on FLORES). At 2M tokens the garbage reached 200 MB; at 500k, peak RSS
 * on the FLORES-sized corpus fell from 644 to 554 MB.
 */
export const NATIVE_COLLECT_TOKENS = 500_000;
/**
 * Resident memory (bytes) under which the native phase never forces a collection: a run with one small tokenizer
 * pays for none. Runs whose engines alone weigh more pay for one every `NATIVE_COLLECT_TOKENS` (UDHR under the four
 * tokenizer.json built-ins: 11 collections, peak RSS 996 MB; gating on growth since each tokenizer's turn began
 * instead gave 7 collections but 1,198 MB there, and a higher peak on the FLORES-sized corpus, 498,228 KB against
 * 483,176 KB, so it was not kept).
 */
export const NATIVE_COLLECT_RSS = 384 * 1024 * 1024;

let fullCollection: (() => void) | null | undefined;

/** Runs a full garbage collection, which frees the native encodings no longer referenced (nothing when unavailable). */
export function collectNativeEncodings(): void {
  if (fullCollection === undefined) {
    try {
      // the way to reach gc() without --expose-gc on the command line (as jest's leak detector does)
      setFlagsFromString("--expose-gc");
      fullCollection = runInNewContext("gc") as () => void;
      setFlagsFromString("--no-expose-gc");
    } catch {
      fullCollection = null;
    }
  }
  fullCollection?.();
}

/**
 * Counts the tokens of each batch counted and runs a full collection every `NATIVE_COLLECT_TOKENS` once the
 * process holds over `NATIVE_COLLECT_RSS`.
 */
function nativeCollector(): (encoded: readonly BatchEncoding[]) => void {
  let uncollected = 0;
  return (encoded) => {
    for (const e of encoded) uncollected += e.ids.length;
    if (uncollected < NATIVE_COLLECT_TOKENS || process.memoryUsage.rss() < NATIVE_COLLECT_RSS) return;
    uncollected = 0;
    collectNativeEncodings();
  };
}

/**
 * A chunk of a native batch: its pieces, then the words of strr_isolated, are encoded in its batch's one engine call
 * (the words joined by the tokenizer's separator where it has one the probe agrees with).
 */
type Item = {
  chunk: PreparedLanguage;
  index: number;
  lastOf?: LanguageInput;
  isolated?: { plan: IsolatedPlan; candidates: IsolatedCandidates } | null;
};

/** The counts of one item from the encodings of its pieces and of its plan's texts. */
async function countItem(
  loaded: LoadedTokenizer,
  item: Item,
  pieces: readonly BatchEncoding[],
  words: readonly BatchEncoding[],
): Promise<TokenizedLanguage> {
  const counted = countEncoded(loaded.tokenizer, item.chunk, pieces, loaded.flags);
  if (!item.isolated) return counted;
  const { plan, candidates } = item.isolated;
  return countIsolated(item.chunk, counted, candidates, await isolatedLengthsOrAlone(loaded.tokenizer, plan, words));
}

/**
 * Tokenizes the languages `missing[t]` under each tokenizer `t` of `local` (indexes into `refs`) in this process.
 * While the native engine encodes a chunk on its own threads, this thread counts the previous chunk and loads
 * the next tokenizer.
 */
export async function runInProcess(
  refs: readonly string[],
  local: readonly number[],
  missing: readonly LanguageInput[][],
  session: TokenizerSession,
  sink: PhaseSink,
  keepChunks = true,
): Promise<void> {
  let nextLoad = local.length > 0 ? session.loaded(refs[local[0]!]!) : null;
  for (const [k, t] of local.entries()) {
    const loaded = await nextLoad!;
    nextLoad = null;
    // The next tokenizer loads once this one's first batch is with the engine: a native load holds this thread
    // (0.1-1.3 s for the built-ins), and started before that first batch it left the engine with nothing to do.
    const loadNext = () => {
      if (nextLoad || k + 1 >= local.length) return;
      nextLoad = session.loaded(refs[local[k + 1]!]!);
      nextLoad.catch(() => undefined); // its error surfaces when it is awaited
    };
    sink.onInfo(t, tokenizerInfo(loaded.tokenizer));
    // a later tokenizer of this phase reads a language again: its prepared chunks may be kept until then
    const later = local.slice(k + 1);
    const keep = (input: LanguageInput) => keepChunks && later.some((u) => missing[u]!.includes(input));
    const ahead = k + 1 < local.length ? LOAD_AHEAD_BATCHES : 1;
    await turn(loaded, t, missing[t]!, keep, sink, { ahead, dispatched: loadNext });
  }
}

/**
 * How many batches' worth a turn's first batch holds when another tokenizer loads after it. That load starts once
 * the batch is with the engine and holds this thread (gemma3: 1.3 s) while the engine encodes the batch; with a
 * batch of the usual size the engine sat idle for most of each load. One large batch, not several: each engine call
 * holds a thread of libuv's pool (4 threads) until it is done, and the load reads its files through that pool, so
 * with four batches queued it waited for them (0.6-0.75 s between asking for the load and the engine building it).
 * The four tokenizer.json built-ins x UDHR, three runs each: 8.0-8.2 s with 6, 8.4-8.8 s with 4 (peak RSS 1.09 GB
 * against 1.05 GB), the same 8.1 s with 8 but 1.3 GB at the end.
 */
export const LOAD_AHEAD_BATCHES = 6;

/**
 * One tokenizer's turn: its languages' chunks encoded in batches of about NATIVE_BATCH_PIECES texts, across
 * languages (the native engine spreads a batch over its threads, and small UDHR languages alone would leave them
 * idle), each batch counted while the engine encodes the next. The first batch is `ahead` times larger; `dispatched`
 * is called once it is with the engine.
 */
async function turn(
  loaded: LoadedTokenizer,
  t: number,
  inputs: readonly LanguageInput[],
  keep: (input: LanguageInput) => boolean,
  sink: PhaseSink,
  { ahead, dispatched }: { ahead: number; dispatched: () => void },
): Promise<void> {
  type Batch = { items: Item[]; encoded: Promise<BatchEncoding[]>; started: number };
  let open: Item[] = [];
  let openPieces = 0;
  let openChars = 0;
  let openBytes = 0;
  let inFlight: Batch | null = null;
  let scale = ahead;
  const collectEvery = nativeCollector();
  const flush = async (batch: Batch) => {
    const all = await batch.encoded;
    const ms = (performance.now() - batch.started) / batch.items.length;
    let offset = 0;
    let wordsAt = batch.items.reduce((n, item) => n + item.chunk.pieces.length, 0);
    for (const item of batch.items) {
      const pieces = all.slice(offset, (offset += item.chunk.pieces.length));
      const words = all.slice(wordsAt, (wordsAt += item.isolated?.plan.texts.length ?? 0));
      const counted = await countItem(loaded, item, pieces, words);
      sink.add(t, item.index, counted, ms);
      if (item.lastOf) await sink.finish(t, item.lastOf);
    }
    collectEvery(all);
  };
  const dispatch = async () => {
    if (open.length === 0) return;
    const items = open;
    open = [];
    openPieces = openChars = openBytes = 0;
    for (const item of items) {
      const candidates = isolatedCandidates(loaded.tokenizer, item.chunk, loaded.flags);
      const separator = candidates && (await trustedSeparator(loaded.tokenizer, loaded.flags));
      item.isolated = candidates && { plan: isolatedPlan(candidates.words, separator), candidates };
    }
    const texts = items.flatMap((i) => i.chunk.pieces);
    for (const item of items) if (item.isolated) for (const w of item.isolated.plan.texts) texts.push(w);
    const batch: Batch = { items, encoded: loaded.tokenizer.encodeBatch(texts), started: performance.now() };
    batch.encoded.catch(() => undefined); // awaited in flush
    if (scale !== 1) dispatched();
    scale = 1;
    // while the engine encodes this batch, count the previous one
    if (inFlight) await flush(inFlight);
    inFlight = batch;
  };
  for (const input of inputs) {
    let index = 0;
    let last: Item | null = null;
    for await (const chunk of input.chunks({ keep: keep(input) })) {
      last = { chunk, index: index++ };
      open.push(last);
      openPieces += chunk.pieces.length;
      for (const piece of chunk.pieces) openChars += piece.length;
      for (const bytes of chunk.pieceBytes) openBytes += bytes.length;
      const full = openPieces >= NATIVE_BATCH_PIECES * scale || openChars >= CHUNK_CHARS * scale;
      if (full || openBytes >= CHUNK_BYTES * scale) await dispatch();
    }
    if (!last) throw new Error(`internal error: ${input.language} yielded no chunk to tokenize`);
    // not yet counted: its batch is either still open or the one in flight
    last.lastOf = input;
  }
  await dispatch();
  if (scale !== 1) dispatched();
  if (inFlight) await flush(inFlight);
}
