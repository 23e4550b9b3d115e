// Petrov et al. (2023)'s protocol: a language's segments joined by single spaces and tokenized as one string.
import { createHash } from "node:crypto";
import type { LanguageCode, Segment } from "../types.js";
import type { Corpus } from "../corpus/open-corpus.js";
import { keptChunks, type LanguageInput } from "./language-input.js";
import { wordSpans } from "../corpus/words.js";
import { utf16ToUtf8Offsets } from "./placement.js";
import { prepareLanguage, splitLongText, type PreparedLanguage } from "./tokenize-corpus.js";

const utf8 = new TextEncoder();

/** The id of the one segment a joined language has (the same in every language, so premiums align). */
export const JOINED_SEGMENT_ID = "joined";

/**
 * The longest joined text (UTF-16 code units) handed to a tokenizer as one string. A FLORES-200 language's
 * dev+devtest is about 0.3 million; WASM engines abort on tens of millions. Longer texts are tokenized in the
 * pieces `prepareLanguage` cuts at white space (word spans found per piece), and a warning says so.
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
 * One language of a corpus as a single segment `joined` whose text is its segments joined by single spaces, so the
 * tokenizer sees the whole string at once. One pass now hashes the joined text and counts it, keeping nothing;
 * `chunks()` reads the language again and prepares it (kept for a later tokenizer of the run as `corpusInput`
 * keeps a small language), so memory does not grow with the number of languages. Its word spans are the segments'
 * own, shifted by where each segment starts in the joined string (a single space is a word boundary), so no word
 * segmentation ever runs over the joined string. The hash that keys the tokenize cache differs from the
 * per-segment one, so the two protocols never share cached counts.
 */
export async function joinedInput(
  corpus: Corpus,
  language: LanguageCode,
): Promise<JoinedInput & { readonly keptChunks: number }> {
  const hash = createHash("sha256").update("toklens joined by single spaces\u0000");
  let segments = 0;
  let chars = 0;
  for await (const seg of corpus.segments(language)) {
    // the hash of the joined string, fed piece by piece
    if (segments > 0) hash.update(" ");
    hash.update(seg.text);
    chars += seg.text.length + (segments > 0 ? 1 : 0);
    segments++;
  }
  const sha256 = hash.digest("hex");
  const read = async () => {
    const all: Segment[] = [];
    for await (const seg of corpus.segments(language)) all.push(seg);
    return all;
  };
  // only a language over MAX_JOINED_CHARS is cut, and only then is its piece count worth a read now
  const pieces =
    segments === 0 ? 0 : chars <= MAX_JOINED_CHARS ? 1 : splitLongText(joinSegmentTexts(await read())).length;
  async function* stream(): AsyncGenerator<PreparedLanguage> {
    const all = await read();
    const text = joinSegmentTexts(all);
    if (all.length > 0 && text.length <= MAX_JOINED_CHARS) yield prepareJoined(language, all, text, sha256);
    else yield prepareLanguage(language, all.length === 0 ? [] : [{ id: JOINED_SEGMENT_ID, text }], sha256);
  }
  return Object.assign(keptChunks(chars, stream), { language, sha256, segments, pieces, chars });
}

/**
 * The word spans (UTF-16, flattened) of `segments` joined by single spaces: each segment's spans, shifted by the
 * segment's start in the joined string.
 */
export function joinedWordSpans(segments: readonly Segment[], language: LanguageCode): number[] {
  const spans: number[] = [];
  let offset = 0;
  for (const seg of segments) {
    for (const at of wordSpans(seg.text, language)) spans.push(at + offset);
    offset += seg.text.length + 1;
  }
  return spans;
}

/** `text` (the joined segments) prepared as one piece, its word spans taken from the segments. */
function prepareJoined(
  language: LanguageCode,
  segments: readonly Segment[],
  text: string,
  sha256: string,
): PreparedLanguage {
  const spans = joinedWordSpans(segments, language);
  const bytes = utf8.encode(text);
  let chars = 0;
  for (const _ of text) chars++;
  return {
    language,
    segmentIds: [JOINED_SEGMENT_ID],
    bytes: [bytes.length],
    chars: [chars],
    words: [spans.length / 2],
    pieces: [text],
    pieceSegment: [0],
    pieceBytes: [bytes],
    pieceWords: [utf16ToUtf8Offsets(text, spans)],
    sha256,
  };
}
