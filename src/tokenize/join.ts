// Petrov et al. (2023)'s protocol: a language's segments joined into one string and tokenized as one string.
import { createHash } from "node:crypto";
import type { LanguageCode, Segment } from "../types.js";
import type { Corpus } from "../corpus/open-corpus.js";
import { keptChunks, type LanguageInput } from "./language-input.js";
import { wordSpans } from "../corpus/words.js";
import { utf16ToUtf8Offsets } from "./placement.js";
import { prepareLanguage, splitLongText, wordFlags, type PreparedLanguage } from "./tokenize-corpus.js";
import type { JoinMode } from "../corpus/corpus-options.js";

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

/**
 * The elements a language's joined string is made of, in corpus order, to be joined by single spaces. `spaces`:
 * the segments' texts. `as-published`: Petrov et al.'s `dev.split("\n") + devtest.split("\n")`, so after each
 * file's last line an empty element (the text after its final newline). A file is a run of segments whose ids share
 * the part before their last `:` (FLORES: `dev:`, `devtest:`; a corpus with ids without `:` is one file), taken to
 * end with a newline, as every FLORES-200 file does.
 */
export function joinedElements(segments: readonly Segment[], mode: JoinMode = "spaces"): string[] {
  if (mode === "spaces") return segments.map((s) => s.text);
  const out: string[] = [];
  const fileOf = (id: string) => (id.includes(":") ? id.slice(0, id.lastIndexOf(":")) : "");
  segments.forEach((s, i) => {
    out.push(s.text);
    const next = segments[i + 1];
    if (!next || fileOf(next.id) !== fileOf(s.id)) out.push("");
  });
  return out;
}

/** Joins texts the way Petrov et al. did: `joinedElements`, separated by exactly one space. */
export function joinSegmentTexts(segments: readonly Segment[], mode: JoinMode = "spaces"): string {
  return joinedElements(segments, mode).join(" ");
}

/**
 * One language of a corpus as a single segment `joined` whose text is its segments joined by single spaces
 * (`joinedElements`: `spaces` or Petrov et al.'s exact string, `as-published`), so the tokenizer sees the whole string
 * at once. A first pass reads the language once to hash and measure the joined text, keeping nothing; `chunks()` reads
 * it again and prepares it (kept for a later tokenizer of the run as `corpusInput` keeps a small language), so memory
 * does not grow with the number of languages. Its word spans are the segments' own, shifted by where each segment
 * starts in the joined string (a single space is a word boundary), so no word segmentation ever runs over the joined
 * string; with `words` false none is found at all. The hash that keys the tokenize cache differs from the
 * per-segment one and between the two modes, so protocols never share cached counts.
 */
export async function joinedInput(
  corpus: Corpus,
  language: LanguageCode,
  mode: JoinMode = "spaces",
  words = true,
  isolated = words,
): Promise<JoinedInput & { readonly keptChunks: number }> {
  const read = async () => {
    const all: Segment[] = [];
    for await (const seg of corpus.segments(language)) all.push(seg);
    return all;
  };
  const { sha256, segments, chars, pieces } = measureJoined(await read(), mode);
  async function* stream(): AsyncGenerator<PreparedLanguage> {
    const all = await read();
    const text = joinSegmentTexts(all, mode);
    if (all.length > 0 && text.length <= MAX_JOINED_CHARS)
      yield prepareJoined(language, joinedElements(all, mode), text, sha256, words, isolated);
    else
      yield prepareLanguage(
        language,
        all.length === 0 ? [] : [{ id: JOINED_SEGMENT_ID, text }],
        sha256,
        words,
        isolated,
      );
  }
  // assigned onto the kept-chunks object, whose keptChunks getter a spread would freeze
  return Object.assign(keptChunks(chars, stream), {
    language,
    sha256,
    segments,
    pieces,
    chars,
    ...wordFlags(words, isolated),
  });
}

/** The hash, segment count, length and piece count of a language's joined text (the text itself is not kept). */
function measureJoined(
  all: readonly Segment[],
  mode: JoinMode,
): { sha256: string; segments: number; chars: number; pieces: number } {
  const text = all.length === 0 ? "" : joinSegmentTexts(all, mode);
  const sha256 = createHash("sha256")
    .update(mode === "spaces" ? "toklens joined by single spaces\u0000" : "toklens joined as published\u0000")
    .update(text)
    .digest("hex");
  // only a language over MAX_JOINED_CHARS is cut
  const pieces = all.length === 0 ? 0 : text.length <= MAX_JOINED_CHARS ? 1 : splitLongText(text).length;
  return { sha256, segments: all.length, chars: text.length, pieces };
}

/**
 * The word spans (UTF-16, flattened) of `elements` (`joinedElements`) joined by single spaces: each element's spans,
 * shifted by the element's start in the joined string.
 */
export function joinedWordSpans(elements: readonly string[], language: LanguageCode): number[] {
  const spans: number[] = [];
  let offset = 0;
  for (const text of elements) {
    for (const at of wordSpans(text, language)) spans.push(at + offset);
    offset += text.length + 1;
  }
  return spans;
}

/** `text` (the joined elements) prepared as one piece, its word spans taken from the elements. */
function prepareJoined(
  language: LanguageCode,
  elements: readonly string[],
  text: string,
  sha256: string,
  words: boolean,
  isolated: boolean,
): PreparedLanguage {
  const spans = words ? joinedWordSpans(elements, language) : [];
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
    ...wordFlags(words, isolated),
  };
}
