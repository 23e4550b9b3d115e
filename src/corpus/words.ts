// Word units for fertility: white-space words for spaced scripts, ICU word segmentation or syllables otherwise.
import type { LanguageCode } from "../types.js";
import { languageScript } from "./languages.js";
import { scriptInfo, type WordUnit } from "./scripts.js";

/** A unit is a word when it holds at least one letter or number; punctuation-only units are not words. */
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
/** Leading and trailing characters that are not letters, marks or numbers ("(a)," -> "a"). */
const LEADING_NON_WORD = /^[^\p{L}\p{M}\p{N}]+/u;
const TRAILING_NON_WORD = /[^\p{L}\p{M}\p{N}]+$/u;
/** Runs between white space or the Ethiopic word space U+1361, which Amharic UDHR text uses instead of spaces. */
const NON_SEPARATORS = /[^\s\u1361]+/gu;
/** Runs between Tibetan syllable delimiters: tsheg (U+0F0B, U+0F0C) and the shad family (U+0F0D-U+0F14). */
const NON_TIBETAN_SEPARATORS = /[^\s\u0F0B-\u0F14]+/gu;

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
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

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
 * or number are dropped. The text is processed one line at a time (`Intl.Segmenter` is quadratic
 * on long strings).
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
          splitAndKeep(line, lineStart, NON_SEPARATORS, spans);
          break;
        case "tsheg":
          splitAndKeep(line, lineStart, NON_TIBETAN_SEPARATORS, spans);
          break;
        case "segmenter":
          for (const s of wordSegmenter(locale).segment(line)) {
            if (HAS_WORD_CHAR.test(s.segment)) spans.push(lineStart + s.index, lineStart + s.index + s.segment.length);
          }
          break;
        case "syllable":
          for (const s of wordSegmenter(locale).segment(line)) {
            if (!HAS_WORD_CHAR.test(s.segment)) continue;
            const at = lineStart + s.index;
            if (scriptRe && scriptRe.test(s.segment)) {
              for (const g of graphemes.segment(s.segment))
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

/** Pushes the span of each run between separators that holds a word character, trimmed of edge punctuation. */
function splitAndKeep(line: string, offset: number, runs: RegExp, out: number[]): void {
  runs.lastIndex = 0;
  for (let m = runs.exec(line); m !== null; m = runs.exec(line)) {
    const raw = m[0];
    if (!HAS_WORD_CHAR.test(raw)) continue;
    const lead = LEADING_NON_WORD.exec(raw)?.[0].length ?? 0;
    const trail = TRAILING_NON_WORD.exec(raw)?.[0].length ?? 0;
    out.push(offset + m.index + lead, offset + m.index + raw.length - trail);
  }
}
