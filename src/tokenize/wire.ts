// How prepared chunks and their counts travel between the main thread and the pool workers: a chunk's per-piece
// byte and word arrays packed into one buffer each, a result's per-segment counts and token frequencies into typed
// arrays. Structured cloning of thousands of small arrays and objects cost more than the counting they feed.
import type { SegmentCounts, TokenizedLanguage } from "../types.js";
import type { PreparedLanguage } from "./tokenize-corpus.js";

/** A PreparedLanguage with `pieceBytes` and `pieceWords` each packed into one array (`*Ends[i]`: where piece i ends). */
export interface WireChunk extends Omit<PreparedLanguage, "pieceBytes" | "pieceWords"> {
  pieceBytes: Uint8Array;
  pieceBytesEnds: Int32Array;
  pieceWords: Int32Array;
  pieceWordsEnds: Int32Array;
}

function pack<T extends Uint8Array | Int32Array>(
  parts: readonly T[],
  make: (n: number) => T,
): { packed: T; ends: Int32Array } {
  const ends = new Int32Array(parts.length);
  let n = 0;
  parts.forEach((p, i) => (ends[i] = n += p.length));
  const packed = make(n);
  parts.forEach((p, i) => packed.set(p, ends[i]! - p.length));
  return { packed, ends };
}

function unpack<T extends Uint8Array | Int32Array>(packed: T, ends: Int32Array): T[] {
  const parts: T[] = new Array<T>(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    parts[i] = packed.subarray(start, ends[i]!) as T;
    start = ends[i]!;
  }
  return parts;
}

const packedChunks = new WeakMap<PreparedLanguage, WireChunk>();

/** The wire form of a chunk, made once per chunk (a chunk goes to every worker that runs one of its tokenizers). */
export function chunkToWire(chunk: PreparedLanguage): WireChunk {
  let wire = packedChunks.get(chunk);
  if (!wire) {
    const { pieceBytes, pieceWords, ...rest } = chunk;
    const bytes = pack(pieceBytes, (n) => new Uint8Array(n));
    const words = pack(pieceWords, (n) => new Int32Array(n));
    wire = {
      ...rest,
      pieceBytes: bytes.packed,
      pieceBytesEnds: bytes.ends,
      pieceWords: words.packed,
      pieceWordsEnds: words.ends,
    };
    packedChunks.set(chunk, wire);
  }
  return wire;
}

/** The chunk a worker counts, its per-piece arrays views into the packed ones. */
export function chunkFromWire(wire: WireChunk): PreparedLanguage {
  const { pieceBytes, pieceBytesEnds, pieceWords, pieceWordsEnds, ...rest } = wire;
  return { ...rest, pieceBytes: unpack(pieceBytes, pieceBytesEnds), pieceWords: unpack(pieceWords, pieceWordsEnds) };
}

/** The numeric fields of a segment's counts, in the order a wire result stores them. */
const SEGMENT_NUMBERS = ["tokens", "bytes", "chars", "words", "unk", "byteFallback"] as const satisfies ReadonlyArray<
  keyof SegmentCounts
>;
// every field of SegmentCounts but its id is in the list: a new field fails to compile here until it is added
type Unlisted = Exclude<keyof SegmentCounts, "id" | (typeof SEGMENT_NUMBERS)[number]>;
const everyFieldListed: [Unlisted] extends [never] ? true : never = true;
void everyFieldListed;

/**
 * A TokenizedLanguage without its segment ids (the receiver has them: they are the chunk's), the segments' numbers
 * in one Float64Array (`SEGMENT_NUMBERS` per segment) and the token frequencies as ids and counts in the map's order.
 */
export interface WireResult extends Omit<TokenizedLanguage, "segments" | "tokenFrequencies"> {
  segmentNumbers: Float64Array;
  frequencyIds: Int32Array;
  frequencyCounts: Float64Array;
}

export function resultToWire(result: TokenizedLanguage): WireResult {
  const { segments, tokenFrequencies, ...rest } = result;
  const k = SEGMENT_NUMBERS.length;
  const segmentNumbers = new Float64Array(segments.length * k);
  segments.forEach((s, i) => SEGMENT_NUMBERS.forEach((f, j) => (segmentNumbers[i * k + j] = s[f])));
  const frequencyIds = new Int32Array(tokenFrequencies.size);
  const frequencyCounts = new Float64Array(tokenFrequencies.size);
  let i = 0;
  for (const [id, n] of tokenFrequencies) {
    frequencyIds[i] = id;
    frequencyCounts[i++] = n;
  }
  return { ...rest, segmentNumbers, frequencyIds, frequencyCounts };
}

/** The buffers of a wire result, to transfer instead of copying. */
export function wireTransfer(result: WireResult): ArrayBuffer[] {
  return [result.segmentNumbers.buffer, result.frequencyIds.buffer, result.frequencyCounts.buffer] as ArrayBuffer[];
}

export function resultFromWire(wire: WireResult, segmentIds: readonly string[]): TokenizedLanguage {
  const { segmentNumbers, frequencyIds, frequencyCounts, ...rest } = wire;
  const k = SEGMENT_NUMBERS.length;
  if (segmentNumbers.length !== segmentIds.length * k)
    throw new Error(
      `internal error: ${segmentNumbers.length / k} segment counts back for ${segmentIds.length} segments`,
    );
  const segments: SegmentCounts[] = new Array<SegmentCounts>(segmentIds.length);
  for (let i = 0; i < segmentIds.length; i++) {
    // built in SegmentCounts' field order (id first), as countEncoded builds them
    const s = { id: segmentIds[i]! } as SegmentCounts;
    SEGMENT_NUMBERS.forEach((f, j) => (s[f] = segmentNumbers[i * k + j]!));
    segments[i] = s;
  }
  const tokenFrequencies = new Map<number, number>();
  for (let i = 0; i < frequencyIds.length; i++) tokenFrequencies.set(frequencyIds[i]!, frequencyCounts[i]!);
  return { ...rest, segments, tokenFrequencies };
}
