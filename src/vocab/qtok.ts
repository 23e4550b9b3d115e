// Qtok vocabulary classes (Chelombitko & Komissarov 2024): what kind of string each vocabulary entry is.
import type { VocabEntry } from "../tokenizers/tokenizer.js";
import { scriptOfCodePoint, type ScriptName } from "./scripts.js";

/**
 * The Qtok classes, in Qtok's table order. Position: `char` (one character), `spaced` (starts with a
 * space or word marker), `inner` (anything else). `alpha`: every character after the leading space is a
 * letter (or combining mark) of one and the same script; `other`: anything else; `errors`: contains a
 * character Unicode gives no name (C0/C1 controls such as `\n`, unassigned, private use). `control` are
 * special tokens, `pure_unicode` the byte tokens (`<0xNN>` or the 256 single-byte tokens of a byte-level
 * vocabulary), `partial_utf8` multi-byte entries that are not complete UTF-8 (Qtok: "unicode flanks").
 */
export const QTOK_CLASSES = [
  "control",
  "pure_unicode",
  "char_alpha",
  "spaced_alpha",
  "inner_alpha",
  "char_other",
  "spaced_other",
  "inner_other",
  "partial_utf8",
  "char_errors",
  "spaced_errors",
  "inner_errors",
] as const;

export type QtokClass = (typeof QTOK_CLASSES)[number];

/** Where the entry sits in a word, as Qtok names it. */
export type QtokPosition = "char" | "spaced" | "inner";

export interface QtokClassification {
  class: QtokClass;
  /** The script of an `*_alpha` entry; null for every other class. */
  script: ScriptName | null;
  /** null for control, pure_unicode and partial_utf8 entries. */
  position: QtokPosition | null;
}

export interface QtokOptions {
  /**
   * The vocabulary is byte-level (GPT-2 style): its single-byte entries are the 256 byte tokens, so
   * printable ASCII ones (`a`, `!`) are `pure_unicode` too, as in Qtok. Detected from the entries by
   * `classifyVocabulary` and `vocabComposition` when not given.
   * @default false
   */
  byteLevel?: boolean;
  /**
   * Also count non-special entries that look like markup placeholders (`<unk>`-like `<...>` or `[...]`,
   * except common HTML tags) as `control`, as Qtok's code does for inner entries.
   * @default true
   */
  bracketedAsControl?: boolean;
}

// Qtok treats these bracketed strings as ordinary text, not control tokens
const HTML_TAGS = new Set([
  "br",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "b",
  "img",
  "li",
  "tr",
  "td",
  "p",
  "th",
  "u",
  "em",
]);

// Characters Python's unicodedata.name() has no name for: Qtok files tokens containing them as "errors".
const UNNAMED = /[\p{Cc}\p{Cn}\p{Co}\p{Cs}]/u;
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
const NON_SCRIPTS = new Set(["Common", "Inherited", "Unknown"]);

/** Whether `text` is one or more ASCII letters (Latin letters, the commonest entries, told apart without a regex). */
function asciiLetters(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

/** The single script all characters of `text` are letters of, or null. */
export function alphaScript(text: string): ScriptName | null {
  if (asciiLetters(text)) return "Latin";
  let script: ScriptName | null = null;
  for (const ch of text) {
    if (!LETTER_OR_MARK.test(ch)) return null;
    const s = scriptOfCodePoint(ch.codePointAt(0)!);
    if (NON_SCRIPTS.has(s)) return null;
    if (script === null) script = s;
    else if (s !== script) return null;
  }
  return script;
}

function isBracketedPlaceholder(text: string): boolean {
  const bracketed = (text.startsWith("<") && text.endsWith(">")) || (text.startsWith("[") && text.endsWith("]"));
  if (!bracketed || text.length < 2) return false;
  return !HTML_TAGS.has(text.slice(1, -1).toLowerCase().replaceAll("/", ""));
}

/** `[...text].length` without the array: code points, a lone surrogate counting as one. */
export function codePointCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++, n++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}

/** Classifies one vocabulary entry by its decoded text, following Qtok's decision order. */
export function classifyEntry(entry: VocabEntry, options: QtokOptions = {}): QtokClassification {
  if (entry.special) return { class: "control", script: null, position: null };
  if (entry.byteFallback || (options.byteLevel && entry.bytes.length === 1))
    return { class: "pure_unicode", script: null, position: null };
  const text = entry.text;
  if (text === null || entry.partialUtf8) return { class: "partial_utf8", script: null, position: null };
  if (codePointCount(text) === 1) {
    if (UNNAMED.test(text)) return { class: "char_errors", script: null, position: "char" };
    const script = alphaScript(text);
    return script
      ? { class: "char_alpha", script, position: "char" }
      : { class: "char_other", script: null, position: "char" };
  }
  // A WordPiece word-initial piece carries its word marker as the absence of `##`, not as a space.
  const leadingSpace = text.startsWith(" ");
  if (leadingSpace || entry.wordInitial) {
    if (UNNAMED.test(text)) return { class: "spaced_errors", script: null, position: "spaced" };
    const script = alphaScript(leadingSpace ? text.slice(1) : text);
    return script
      ? { class: "spaced_alpha", script, position: "spaced" }
      : { class: "spaced_other", script: null, position: "spaced" };
  }
  if ((options.bracketedAsControl ?? true) && isBracketedPlaceholder(text)) {
    return { class: "control", script: null, position: null };
  }
  if (UNNAMED.test(text)) return { class: "inner_errors", script: null, position: "inner" };
  const script = alphaScript(text);
  return script
    ? { class: "inner_alpha", script, position: "inner" }
    : { class: "inner_other", script: null, position: "inner" };
}

const BYTE_PIECE = /^<0x[0-9A-Fa-f]{2}>$/;

/** A byte-level vocabulary marks its raw high bytes (0x80-0xFF) as byte tokens without `<0xNN>` pieces. */
export function isByteLevelVocabulary(entries: readonly VocabEntry[]): boolean {
  return entries.some((e) => e.byteFallback && !e.special && !BYTE_PIECE.test(e.token));
}

/** Every entry's class, in vocabulary order. */
export function classifyVocabulary(entries: readonly VocabEntry[], options: QtokOptions = {}): QtokClassification[] {
  const resolved = { ...options, byteLevel: options.byteLevel ?? isByteLevelVocabulary(entries) };
  return entries.map((e) => classifyEntry(e, resolved));
}
