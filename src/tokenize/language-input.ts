// A language as the tokenize phase reads it: its content hash and its text in prepared chunks, streamed from a
// corpus (or kept in memory when small) so that memory does not grow with the corpus.
import type { LanguageCode, Segment } from "../types.js";
import type { Corpus } from "../corpus/open-corpus.js";
import { LanguageHasher, prepareLanguage, type PreparedLanguage } from "./tokenize-corpus.js";

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
export async function corpusInput(
  corpus: Corpus,
  language: LanguageCode,
): Promise<LanguageInput & { segments: number }> {
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
