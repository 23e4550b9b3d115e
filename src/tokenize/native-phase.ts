// The in-process phase of the tokenize run: tokenizer.json on the native engine, which spreads each batch over
// its own threads; one tokenizer after the other, counting one batch while the engine encodes the next.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { BatchEncoding } from "../tokenizers/tokenizer.js";
import { CHUNK_BYTES, CHUNK_CHARS, type LanguageInput } from "./language-input.js";
import type { PhaseSink } from "./pool-phase.js";
import { countEncoded, countIsolated, isolatedCandidates, type PreparedLanguage } from "./tokenize-corpus.js";
import { tokenizerInfo, type TokenizerSession } from "./session.js";

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
): Promise<void> {
  let nextLoad = local.length > 0 ? session.loaded(refs[local[0]!]!) : null;
  for (const [k, t] of local.entries()) {
    const loaded = await nextLoad!;
    nextLoad = k + 1 < local.length ? session.loaded(refs[local[k + 1]!]!) : null;
    nextLoad?.catch(() => undefined); // its error surfaces when it is awaited
    sink.onInfo(t, tokenizerInfo(loaded.tokenizer));
    // Chunks are encoded in batches of about NATIVE_BATCH_PIECES texts, across languages: the native engine
    // spreads a batch over its threads, and small UDHR languages alone would leave them idle.
    // each item's words to encode alone for strr_isolated go in its batch's one engine call, after the pieces
    type Item = { chunk: PreparedLanguage; index: number; lastOf?: LanguageInput; isolated?: string[] | null };
    type Batch = { items: Item[]; encoded: Promise<BatchEncoding[]>; started: number };
    let open: Item[] = [];
    let openPieces = 0;
    let openChars = 0;
    let openBytes = 0;
    let inFlight: Batch | null = null;
    const collectEvery = nativeCollector();
    const flush = async (batch: Batch) => {
      const all = await batch.encoded;
      const ms = (performance.now() - batch.started) / batch.items.length;
      let offset = 0;
      let wordsAt = batch.items.reduce((n, item) => n + item.chunk.pieces.length, 0);
      for (const item of batch.items) {
        const n = item.chunk.pieces.length;
        let counted = countEncoded(loaded.tokenizer, item.chunk, all.slice(offset, offset + n), loaded.flags);
        offset += n;
        const words = item.isolated ?? null;
        if (words !== null) {
          counted = countIsolated(item.chunk, counted, words, all.slice(wordsAt, wordsAt + words.length));
          wordsAt += words.length;
        }
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
      for (const item of items) item.isolated = isolatedCandidates(loaded.tokenizer, item.chunk, loaded.flags);
      const texts = items.flatMap((i) => i.chunk.pieces);
      for (const item of items) if (item.isolated) for (const w of item.isolated) texts.push(w);
      const batch: Batch = { items, encoded: loaded.tokenizer.encodeBatch(texts), started: performance.now() };
      batch.encoded.catch(() => undefined); // awaited in flush
      // while the engine encodes this batch, count the previous one
      if (inFlight) await flush(inFlight);
      inFlight = batch;
    };
    const later = local.slice(k + 1);
    for (const input of missing[t]!) {
      let index = 0;
      let last: Item | null = null;
      // a later tokenizer of this phase reads the language again: its prepared chunks may be kept until then
      const keep = later.some((u) => missing[u]!.includes(input));
      for await (const chunk of input.chunks({ keep })) {
        last = { chunk, index: index++ };
        open.push(last);
        openPieces += chunk.pieces.length;
        for (const piece of chunk.pieces) openChars += piece.length;
        for (const bytes of chunk.pieceBytes) openBytes += bytes.length;
        if (openPieces >= NATIVE_BATCH_PIECES || openChars >= CHUNK_CHARS || openBytes >= CHUNK_BYTES) await dispatch();
      }
      if (!last) throw new Error(`internal error: ${input.language} yielded no chunk to tokenize`);
      // not yet counted: its batch is either still open or the one in flight
      last.lastOf = input;
    }
    await dispatch();
    if (inFlight) await flush(inFlight);
  }
}
