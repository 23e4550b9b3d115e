// How prepared chunks and their counts travel between the main thread and the pool workers: a chunk's per-piece
// byte and word arrays packed into one buffer each, a result's per-segment counts and token frequencies into typed
// arrays. Structured cloning of thousands of small arrays and objects cost more than the counting they feed.
import type { SegmentTable, TokenizedLanguage } from "../types.js";
import { SEGMENT_COLUMNS, type SegmentColumn } from "./segment-table.js";
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

/**
 * A TokenizedLanguage without its segment ids (the receiver has them: they are the chunk's), the segments' counts as
 * their columns (`SEGMENT_COLUMNS` order, each a buffer of its own, transferred) and the token frequencies as ids and
 * counts in the map's order.
 */
export interface WireResult extends Omit<TokenizedLanguage, "segments" | "tokenFrequencies"> {
  segmentColumns: Uint32Array[];
  frequencyIds: Int32Array;
  frequencyCounts: Float64Array;
}

/** A column that owns its whole buffer (a view into a larger buffer is copied, so the transfer moves only it). */
const owned = (column: Uint32Array): Uint32Array =>
  column.byteOffset === 0 && column.byteLength === column.buffer.byteLength ? column : column.slice();

export function resultToWire(result: TokenizedLanguage): WireResult {
  const { segments, tokenFrequencies, ...rest } = result;
  const segmentColumns = SEGMENT_COLUMNS.map((c) => owned(segments[c]));
  const frequencyIds = new Int32Array(tokenFrequencies.size);
  const frequencyCounts = new Float64Array(tokenFrequencies.size);
  let i = 0;
  for (const [id, n] of tokenFrequencies) {
    frequencyIds[i] = id;
    frequencyCounts[i++] = n;
  }
  return { ...rest, segmentColumns, frequencyIds, frequencyCounts };
}

/** The buffers of a wire result, to transfer instead of copying. */
export function wireTransfer(result: WireResult): ArrayBuffer[] {
  return [...result.segmentColumns, result.frequencyIds, result.frequencyCounts].map((a) => a.buffer as ArrayBuffer);
}

export function resultFromWire(wire: WireResult, segmentIds: readonly string[]): TokenizedLanguage {
  const { segmentColumns, frequencyIds, frequencyCounts, ...rest } = wire;
  if (
    segmentColumns.length !== SEGMENT_COLUMNS.length ||
    segmentColumns.some((column) => column.length !== segmentIds.length)
  )
    throw new Error(
      `internal error: segment counts back for ${segmentIds.length} segments in columns of ` +
        `${segmentColumns.map((c) => c.length).join("/")}`,
    );
  const column = (c: SegmentColumn) => segmentColumns[SEGMENT_COLUMNS.indexOf(c)]!;
  const segments: SegmentTable = {
    ids: segmentIds,
    tokens: column("tokens"),
    bytes: column("bytes"),
    chars: column("chars"),
    words: column("words"),
    unk: column("unk"),
    byteFallback: column("byteFallback"),
  };
  const tokenFrequencies = new Map<number, number>();
  for (let i = 0; i < frequencyIds.length; i++) tokenFrequencies.set(frequencyIds[i]!, frequencyCounts[i]!);
  return { ...rest, segments, tokenFrequencies };
}
