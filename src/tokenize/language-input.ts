// A language as the tokenize phase reads it: its content hash and its text in prepared chunks, streamed from a
// corpus (or kept in memory when small) so that memory does not grow with the corpus.
import type { LanguageCode, Segment } from "../types.js";
import type { Corpus } from "../corpus/open-corpus.js";
import { LanguageHasher, prepareLanguage, wordFlags, type PreparedLanguage } from "./tokenize-corpus.js";

/** One language to tokenize: its content hash (keys the cache) and its text as prepared chunks, read on demand. */
export interface LanguageInput {
  language: LanguageCode;
  /** sha256 of the segment ids and texts (see `LanguageHasher`). */
  sha256: string;
  /** UTF-16 code units of its text: the pool's estimate of the encoding work. */
  chars: number;
  /** Its chunks carry no word counts (`PreparedLanguage.wordsSkipped`): cached apart from counted ones. */
  wordsSkipped?: true;
  /** Its chunks carry no isolated-word counts (`PreparedLanguage.isolatedSkipped`): cached apart from those that do. */
  isolatedSkipped?: true;
  /**
   * The language's segments in prepared chunks, in corpus order. Called once per engine phase. `keep` says that
   * another phase reads the language after this one, so a small language may keep its prepared chunks for it;
   * without it, whatever was kept is released once yielded.
   */
  chunks(options?: ChunkOptions): AsyncIterable<PreparedLanguage>;
}

export interface ChunkOptions {
  /** Another read of this language follows: keep the prepared chunks if the language is small. @default false */
  keep?: boolean;
}

/** Segments per prepared chunk, and the characters at which a chunk is closed early. */
export const CHUNK_SEGMENTS = 2000;
export const CHUNK_CHARS = 1_000_000;
/**
 * The UTF-8 bytes at which a chunk is closed early too, and a native batch dispatched (native-phase.ts): what the
 * engine holds for a batch grows with its tokens, which follow bytes more than characters. 2,000 FLORES segments are
 * about 260 KB in English but 1.3 MB in Kannada or Tamil (several hundred thousand llama3 tokens); on the
 * FLORES-sized bench corpus such a batch raised the peak RSS of `compare llama3` by about 80 MB.
 */
export const CHUNK_BYTES = 512 * 1024;
/** Languages up to this many UTF-16 code units (UDHR's are 5-30 thousand) are prepared once per run and kept. */
export const KEEP_PREPARED_CHARS = 2_000_000;
/**
 * UTF-16 code units of a run's languages in all above which it keeps none prepared between two reads (run.ts), so
 * its memory does not grow with the corpus. UDHR (3.8 million) is kept: the four tokenizer.json built-ins take 8.5 s
 * with it kept, 9.8 s without. A FLORES-sized corpus (about 55 million) is not: `compare gpt2 llama3` on it took 40.7
 * s at a peak of 977 MB with every language kept, 39.5 s at 532 MB with none; llama3 and gemma3, 50.0 s at 1.11 GB
 * against 47.9 s at 930 MB (a heap that large made every full collection slower than the reads it saved).
 */
export const KEEP_RUN_CHARS = 16_000_000;

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
 * A language of an open corpus, streamed: one pass hashes it now, keeping nothing; `chunks()` reads it again and
 * prepares `CHUNK_SEGMENTS` segments (or `CHUNK_CHARS` characters) at a time, so memory does not grow with its
 * size nor with the number of languages. A language of at most `KEEP_PREPARED_CHARS` read with `keep` (another
 * tokenizer of the run reads it next) keeps its prepared chunks until the last read, so the tokenizers of a run
 * share them instead of segmenting its words again; the last read releases them.
 *
 * With `hashWhileReading` (a run that looks nothing up in a cache, with one tokenizer whose engine runs in this
 * process, so nothing plans work by `chars` and nothing reads the language twice) there is no first pass: the language is hashed by the first read of `chunks()` that reaches
 * its end, `sha256` is known from then on (reading it before is an internal error, as is reading `chars`), and its
 * number of segments is the corpus' own count (`Corpus.segmentCount`). Its chunks' `sha256` is then "".
 */
export async function corpusInput(
  corpus: Corpus,
  language: LanguageCode,
  words = true,
  isolated = words,
  { hashWhileReading = false }: { hashWhileReading?: boolean } = {},
): Promise<LanguageInput & { segments: number; readonly keptChunks: number }> {
  if (hashWhileReading) return hashedWhileReading(corpus, language, words, isolated);
  const hasher = new LanguageHasher();
  let segments = 0;
  let chars = 0;
  for await (const seg of corpus.segments(language)) {
    hasher.update(seg);
    segments++;
    chars += seg.text.length;
  }
  const sha256 = hasher.digest();
  // assigned onto the kept-chunks object, whose keptChunks getter a spread would freeze
  return Object.assign(
    keptChunks(chars, () => streamChunks(corpus, language, sha256, words, isolated)),
    {
      language,
      sha256,
      segments,
      chars,
      ...wordFlags(words, isolated),
    },
  );
}

/** `corpusInput` with `hashWhileReading`. */
function hashedWhileReading(
  corpus: Corpus,
  language: LanguageCode,
  words: boolean,
  isolated: boolean,
): LanguageInput & { segments: number; readonly keptChunks: number } {
  const segments = corpus.segmentCount(language);
  let sha256: string | null = null;
  async function* stream(): AsyncGenerator<PreparedLanguage> {
    const hasher = sha256 === null ? new LanguageHasher() : null;
    let read = 0;
    const hashed = async function* () {
      for await (const seg of corpus.segments(language)) {
        hasher?.update(seg);
        read++;
        yield seg;
      }
    };
    yield* streamChunks({ segments: hashed }, language, "", words, isolated);
    if (read !== segments) {
      throw new Error(`internal error: ${language} has ${read} segments, but the corpus counted ${segments}`);
    }
    if (hasher) sha256 = hasher.digest();
  }
  // never kept: a run hashing while it reads has one tokenizer (see compare.ts), so no later read needs the chunks
  const input = Object.assign(keptChunks(Infinity, stream), { language, segments, ...wordFlags(words, isolated) });
  return Object.defineProperties(input, {
    sha256: {
      enumerable: true,
      get() {
        if (sha256 === null) throw new Error(`internal error: the hash of ${language} was read before its text`);
        return sha256;
      },
    },
    chars: {
      enumerable: true,
      get() {
        throw new Error(`internal error: the size of ${language}, hashed while it is read, was asked for`);
      },
    },
  }) as typeof input & { sha256: string; chars: number };
}

/** The prepared chunks of a language's segments (see `corpusInput`). */
async function* streamChunks(
  corpus: Pick<Corpus, "segments">,
  language: LanguageCode,
  sha256: string,
  words: boolean,
  isolated: boolean,
): AsyncGenerator<PreparedLanguage> {
  let batch: Segment[] = [];
  let size = 0;
  let bytes = 0;
  let yielded = false;
  for await (const seg of corpus.segments(language)) {
    batch.push(seg);
    size += seg.text.length;
    bytes += Buffer.byteLength(seg.text);
    if (batch.length >= CHUNK_SEGMENTS || size >= CHUNK_CHARS || bytes >= CHUNK_BYTES) {
      yield prepareLanguage(language, batch, sha256, words, isolated);
      yielded = true;
      batch = [];
      size = 0;
      bytes = 0;
    }
  }
  if (batch.length > 0 || !yielded) yield prepareLanguage(language, batch, sha256, words, isolated);
}

/**
 * `chunks()` and `keptChunks` of a language whose prepared chunks `stream()` makes afresh on each call: a language
 * of at most `KEEP_PREPARED_CHARS` read with `keep` keeps what it prepared until the read without `keep`, which
 * releases it; any other read streams, keeping nothing.
 */
export function keptChunks(
  chars: number,
  stream: () => AsyncIterable<PreparedLanguage>,
): Pick<LanguageInput, "chunks"> & { readonly keptChunks: number } {
  let prepared: PreparedLanguage[] | null = null;
  return {
    get keptChunks() {
      return prepared?.length ?? 0;
    },
    async *chunks(options: ChunkOptions = {}) {
      const kept = prepared;
      if (!options.keep) prepared = null;
      if (kept) {
        yield* kept;
        return;
      }
      if (!options.keep || chars > KEEP_PREPARED_CHARS) {
        yield* stream();
        return;
      }
      const collected: PreparedLanguage[] = [];
      for await (const chunk of stream()) {
        collected.push(chunk);
        yield chunk;
      }
      prepared = collected;
    },
  };
}
