// Word units for fertility: white-space words for spaced scripts, ICU word segmentation or syllables otherwise.
import type { LanguageCode } from "../types.js";
import { languageScript } from "./languages.js";
import { scriptInfo, type WordUnit } from "./scripts.js";

/** A unit is a word when it holds at least one letter or number; punctuation-only units are not words. */
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
/** Leading and trailing characters that are not letters, marks or numbers ("(a)," -> "a"). */
const EDGE_NON_WORD = /^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu;
/** White space plus the Ethiopic word space U+1361, which Amharic UDHR text uses instead of spaces. */
const WORD_SEPARATORS = /[\s\u1361]+/u;
/** Tibetan syllable delimiters: tsheg (U+0F0B, U+0F0C) and the shad family (U+0F0D-U+0F14). */
const TIBETAN_SEPARATORS = /[\s\u0F0B-\u0F14]+/u;

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
 * The word units of one segment of text in `language` (a FLORES-style code, see `resolveLanguage`).
 * Spaced scripts: white-space separated, with punctuation trimmed from both ends of each unit.
 * Han, Japanese, Thai, Lao, Khmer, Myanmar: `Intl.Segmenter` word granularity (ICU dictionaries).
 * Tibetan: syllables between tsheg marks. Yi, Javanese, Balinese, Tai Tham: grapheme clusters of
 * the script (orthographic syllables), since ICU has no dictionary for them. Units without a letter
 * or number are dropped. The text is processed one line at a time (`Intl.Segmenter` is quadratic
 * on long strings).
 */
export function segmentWords(text: string, language: LanguageCode): string[] {
  const { unit, locale, scriptRe } = unitFor(language);
  const words: string[] = [];
  for (const line of text.split("\n")) {
    if (!HAS_WORD_CHAR.test(line)) continue;
    switch (unit) {
      case "whitespace":
        splitAndKeep(line, WORD_SEPARATORS, words);
        break;
      case "tsheg":
        splitAndKeep(line, TIBETAN_SEPARATORS, words);
        break;
      case "segmenter":
        for (const s of wordSegmenter(locale).segment(line)) {
          if (HAS_WORD_CHAR.test(s.segment)) words.push(s.segment);
        }
        break;
      case "syllable":
        for (const s of wordSegmenter(locale).segment(line)) {
          if (!HAS_WORD_CHAR.test(s.segment)) continue;
          if (scriptRe && scriptRe.test(s.segment)) {
            for (const g of graphemes.segment(s.segment)) if (HAS_WORD_CHAR.test(g.segment)) words.push(g.segment);
          } else {
            words.push(s.segment);
          }
        }
        break;
      default: {
        const never: never = unit;
        throw new Error(`unhandled word unit ${String(never)}`);
      }
    }
  }
  return words;
}

/** The number of word units in `text`; equal to `segmentWords(text, language).length`. */
export function countWords(text: string, language: LanguageCode): number {
  return segmentWords(text, language).length;
}

/** How words are counted for `language`, for documentation and reports. */
export function wordUnitOf(language: LanguageCode): WordUnit {
  return unitFor(language).unit;
}

function splitAndKeep(line: string, separators: RegExp, out: string[]): void {
  for (const raw of line.split(separators)) {
    if (!HAS_WORD_CHAR.test(raw)) continue;
    out.push(raw.replace(EDGE_NON_WORD, ""));
  }
}
