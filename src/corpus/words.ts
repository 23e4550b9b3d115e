// Word units for fertility: white-space words for spaced scripts, ICU word segmentation or syllables otherwise.
import type { LanguageCode } from "../types.js";
import { languageScript } from "./languages.js";
import { scriptInfo, type WordUnit } from "./scripts.js";

/** A unit is a word when it holds at least one letter or number; punctuation-only units are not words. */
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

const segmenters = new Map<string, Intl.Segmenter>();
function wordSegmenter(locale: string): Intl.Segmenter {
  let seg = segmenters.get(locale);
  if (!seg) {
    // ICU picks its dictionaries by script, not locale; the locale only matters for a few tailorings.
    seg = new Intl.Segmenter(safeLocale(locale), { granularity: "word" });
    segmenters.set(locale, seg);
  }
  return seg;
}
// made on first use: building a segmenter loads ICU data (about 25 ms), which a command that segments nothing skips
let graphemes: Intl.Segmenter | null = null;

function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? "en";
  } catch {
    return "en";
  }
}

const unitCache = new Map<LanguageCode, { unit: WordUnit; locale: string; scriptRe: RegExp | null }>();
function unitFor(language: LanguageCode): { unit: WordUnit; locale: string; scriptRe: RegExp | null } {
  let u = unitCache.get(language);
  if (!u) {
    const script = scriptInfo(languageScript(language));
    const props = script.unicode.map((p) => `\\p{Script=${p}}`).join("");
    u = {
      unit: script.wordUnit,
      locale: language.split("_")[0] ?? "en",
      scriptRe: props ? new RegExp(`[${props}]`, "u") : null,
    };
    unitCache.set(language, u);
  }
  return u;
}

/**
 * The word units of one segment of text in `language` (a FLORES-style code, see `resolveLanguage`), as
 * `[start, end)` pairs of UTF-16 indices into `text`, flattened (`[s0, e0, s1, e1, ...]`), in text order.
 * Spaced scripts: white-space separated, with punctuation trimmed from both ends of each unit.
 * Han, Japanese, Thai, Lao, Khmer, Myanmar: `Intl.Segmenter` word granularity (ICU dictionaries).
 * Tibetan: syllables between tsheg marks. Yi, Javanese, Balinese, Tai Tham: grapheme clusters of
 * the script (orthographic syllables), since ICU has no dictionary for them. Units without a letter
 * or number are dropped. The text is processed one line at a time, and `Intl.Segmenter` sees a long line in
 * pieces of at most `MAX_SEGMENTER_CHARS` (see `segmenterCuts`): ICU word segmentation is quadratic on long strings.
 */
export function wordSpans(text: string, language: LanguageCode): number[] {
  const { unit, locale, scriptRe } = unitFor(language);
  const spans: number[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (HAS_WORD_CHAR.test(line)) {
      switch (unit) {
        case "whitespace":
          splitAndKeep(line, lineStart, "white-space", spans);
          break;
        case "tsheg":
          splitAndKeep(line, lineStart, "tsheg", spans);
          break;
        case "segmenter":
          for (const s of segmentBounded(wordSegmenter(locale), line)) {
            if (HAS_WORD_CHAR.test(s.segment)) spans.push(lineStart + s.index, lineStart + s.index + s.segment.length);
          }
          break;
        case "syllable":
          for (const s of segmentBounded(wordSegmenter(locale), line)) {
            if (!HAS_WORD_CHAR.test(s.segment)) continue;
            const at = lineStart + s.index;
            if (scriptRe && scriptRe.test(s.segment)) {
              for (const g of (graphemes ??= new Intl.Segmenter("en", { granularity: "grapheme" })).segment(s.segment))
                if (HAS_WORD_CHAR.test(g.segment)) spans.push(at + g.index, at + g.index + g.segment.length);
            } else {
              spans.push(at, at + s.segment.length);
            }
          }
          break;
        default: {
          const never: never = unit;
          throw new Error(`unhandled word unit ${String(never)}`);
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  return spans;
}

/**
 * The longest string (UTF-16 code units) handed to `Intl.Segmenter` at once. ICU word segmentation takes time
 * quadratic in the length of a run without spaces; pieces of about a thousand code units are the fastest.
 */
export const MAX_SEGMENTER_CHARS = 1000;

/** A cut after white space is a word boundary unless what follows is more white space, a mark or a format character. */
const WHITE_SPACE = /\s/u;
const GLUES_LEFT = /[\s\p{M}\p{Cf}\p{Pc}]/u;
/**
 * Terminators after which a word boundary is certain (none is in a MidLetter, MidNum or MidNumLet class, so no
 * rule of UAX #29 joins them to what follows): ideographic and fullwidth stops, ! ?, dandas, Myanmar and Khmer
 * sections, the Ideographic comma and closing brackets.
 */
const TERMINATOR = /[\u3001\u3002\uFF01\uFF1F!?\u0964\u0965\u104A\u104B\u17D4\u17D5\u300D\u300F\u3011\u3015\uFF09)\]]/u;

/**
 * Where `segmentBounded` cuts `text`: ascending offsets, each at most `max` after the one before (0 and
 * `text.length` included). A cut goes after the last white space of the window, else after its last terminator,
 * so the pieces segment as the whole line does; only a window with neither is cut between code points.
 */
export function segmenterCuts(text: string, max = MAX_SEGMENTER_CHARS): number[] {
  const cuts = [0];
  let start = 0;
  while (text.length - start > max) {
    const low = start + Math.floor(max / 2);
    let cut = lastCut(text, low, start + max, (c) => WHITE_SPACE.test(c));
    if (cut === -1) cut = lastCut(text, low, start + max, (c) => TERMINATOR.test(c));
    if (cut === -1) {
      cut = start + max;
      if (/[\uDC00-\uDFFF]/.test(text[cut] ?? "")) cut--; // never between the halves of a surrogate pair
    }
    cuts.push(cut);
    start = cut;
  }
  cuts.push(text.length);
  return cuts;
}

/** The largest `i` in `(low, high]` where `before(text[i - 1])` holds and `text[i]` does not glue to it, or -1. */
function lastCut(text: string, low: number, high: number, before: (c: string) => boolean): number {
  for (let i = high; i > low; i--) {
    if (before(text[i - 1]!) && !GLUES_LEFT.test(text[i] ?? "")) return i;
  }
  return -1;
}

/** `segmenter.segment(text)` in the pieces `segmenterCuts` gives, with indices into `text`. */
function* segmentBounded(segmenter: Intl.Segmenter, text: string): Generator<{ segment: string; index: number }> {
  const cuts = segmenterCuts(text);
  for (let k = 0; k + 1 < cuts.length; k++) {
    const from = cuts[k]!;
    const piece = cuts.length === 2 ? text : text.slice(from, cuts[k + 1]!);
    for (const s of segmenter.segment(piece)) yield { segment: s.segment, index: from + s.index };
  }
}

/** The word units of one segment as strings (see `wordSpans`). */
export function segmentWords(text: string, language: LanguageCode): string[] {
  const spans = wordSpans(text, language);
  const words: string[] = [];
  for (let i = 0; i < spans.length; i += 2) words.push(text.slice(spans[i]!, spans[i + 1]!));
  return words;
}

/** The number of word units in `text`; equal to `segmentWords(text, language).length`. */
export function countWords(text: string, language: LanguageCode): number {
  return wordSpans(text, language).length / 2;
}

/** How words are counted for `language`, for documentation and reports. */
export function wordUnitOf(language: LanguageCode): WordUnit {
  return unitFor(language).unit;
}

/**
 * The separators of `splitAndKeep` besides white space: the Ethiopic word space U+1361 (which Amharic UDHR text uses
 * instead of spaces), or the Tibetan syllable delimiters, tsheg (U+0F0B, U+0F0C) and the shad family (U+0F0D-U+0F14).
 */
type Separators = "white-space" | "tsheg";

/**
 * Pushes the span of each run between separators (white space, and U+1361 or the Tibetan delimiters) that holds a
 * letter or number (`HAS_WORD_CHAR`), trimmed of the characters at either end that are not letters, marks or numbers.
 * One walk over the code points, their classes looked up in a table (a regular expression per word took about a
 * tenth of a FLORES run's main thread); a test checks it against the regular expressions.
 */
function splitAndKeep(line: string, offset: number, separators: Separators, out: number[]): void {
  const n = line.length;
  let first = -1; // where the run's first letter, mark or number starts (-1: none yet)
  let last = -1; // where its last one ends
  let hasWord = false;
  for (let i = 0; i < n;) {
    let cp = line.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const low = line.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        width = 2;
      }
    }
    const cls = classOf(cp);
    if (isSeparator(cp, cls, separators)) {
      if (hasWord) out.push(offset + first, offset + last);
      first = last = -1;
      hasWord = false;
    } else {
      if ((cls & LMN) !== 0) {
        if (first === -1) first = i;
        last = i + width;
      }
      if ((cls & WORD) !== 0) hasWord = true;
    }
    i += width;
  }
  if (hasWord) out.push(offset + first, offset + last);
}

/** Class bits of a code point: known (the table entry is filled), white space (`\s`), letter or number, letter, mark or number. */
const KNOWN = 1;
const SPACE = 2;
const WORD = 4;
const LMN = 8;
const SPACE_RE = /^\s$/u;
const LMN_RE = /^[\p{L}\p{M}\p{N}]$/u;
const WORD_RE = /^[\p{L}\p{N}]$/u;
/** The classes of the BMP's code points, each found by the regular expressions on first sight. */
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

function classOf(cp: number): number {
  if (cp < 0x10000) {
    const c = bmpClasses[cp]!;
    return c !== 0 ? c : (bmpClasses[cp] = computeClass(cp));
  }
  let c = astralClasses.get(cp);
  if (c === undefined) astralClasses.set(cp, (c = computeClass(cp)));
  return c;
}

function computeClass(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return KNOWN | (SPACE_RE.test(ch) ? SPACE : 0) | (WORD_RE.test(ch) ? WORD : 0) | (LMN_RE.test(ch) ? LMN : 0);
}

function isSeparator(cp: number, cls: number, separators: Separators): boolean {
  if ((cls & SPACE) !== 0) return true;
  return separators === "white-space" ? cp === 0x1361 : cp >= 0x0f0b && cp <= 0x0f14;
}
