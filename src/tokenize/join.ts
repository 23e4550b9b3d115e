// Petrov et al. (2023)'s protocol: a language's segments joined by single spaces and tokenized as one string.
import { createHash } from "node:crypto";
import type { LanguageCode, Segment } from "../types.js";
import type { Corpus } from "../corpus/open-corpus.js";
import type { LanguageInput } from "./language-input.js";
import { prepareLanguage, type PreparedLanguage } from "./tokenize-corpus.js";

/** The id of the one segment a joined language has (the same in every language, so premiums align). */
export const JOINED_SEGMENT_ID = "joined";

/**
 * The longest joined text (UTF-16 code units) handed to a tokenizer as one string. A FLORES-200 language's
 * dev+devtest is about 0.3 million; WASM engines abort on tens of millions. Longer texts are tokenized in the
 * pieces `prepareLanguage` cuts at white space, and a warning says so.
 */
export const MAX_JOINED_CHARS = 4_000_000;

/** A language joined into one segment, ready for `runTokenize`, with what the caller reports about it. */
export interface JoinedInput extends LanguageInput {
  /** Segments that were joined (0 when the language has no text: then it has no segment at all). */
  segments: number;
  /** Strings the tokenizer sees: 1, or more when the joined text is over `MAX_JOINED_CHARS`. */
  pieces: number;
}

/** Joins texts the way Petrov et al. did: in corpus order, separated by exactly one space. */
export function joinSegmentTexts(segments: readonly Segment[]): string {
  return segments.map((s) => s.text).join(" ");
}

/**
 * Reads one language of a corpus and prepares it as a single segment `joined` whose text is its segments joined
 * by single spaces. Word spans are found per cut of at most 100k code units (word segmentation is quadratic on
 * long lines) and then merged, so the tokenizer sees the whole string at once. The hash that keys the tokenize
 * cache differs from the per-segment one, so the two protocols never share cached counts.
 */
export async function joinedInput(corpus: Corpus, language: LanguageCode): Promise<JoinedInput> {
  const segments: Segment[] = [];
  for await (const seg of corpus.segments(language)) segments.push(seg);
  const joined = segments.length === 0 ? [] : [{ id: JOINED_SEGMENT_ID, text: joinSegmentTexts(segments) }];
  const hash = createHash("sha256").update("toklens joined by single spaces\u0000");
  for (const s of joined) hash.update(s.text);
  const sha256 = hash.digest("hex");
  let prepared = prepareLanguage(language, joined, sha256);
  if (prepared.pieces.length > 1 && joined[0]!.text.length <= MAX_JOINED_CHARS) prepared = mergePieces(prepared);
  return {
    language,
    sha256,
    segments: segments.length,
    pieces: prepared.pieces.length,
    chars: joined[0]?.text.length ?? 0,
    async *chunks() {
      yield prepared;
    },
  };
}

/** One piece from the cuts of a single segment: texts and bytes concatenated, word spans shifted. */
function mergePieces(p: PreparedLanguage): PreparedLanguage {
  const total = p.pieceBytes.reduce((n, b) => n + b.length, 0);
  const bytes = new Uint8Array(total);
  const words: number[] = [];
  let offset = 0;
  p.pieceBytes.forEach((b, i) => {
    bytes.set(b, offset);
    for (const w of p.pieceWords[i]!) words.push(w + offset);
    offset += b.length;
  });
  return {
    ...p,
    pieces: [p.pieces.join("")],
    pieceSegment: [0],
    pieceBytes: [bytes],
    pieceWords: [Int32Array.from(words)],
  };
}
