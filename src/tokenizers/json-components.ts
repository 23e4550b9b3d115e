// Questions about a tokenizer.json's pipeline (normalizer, pre-tokenizer, decoder), looking through Sequence nesting.

/** Does any component (recursively through Sequence) satisfy `pred`? */
export function anyComponent(component: unknown, pred: (c: Record<string, unknown>) => boolean): boolean {
  if (!component || typeof component !== "object") return false;
  if (Array.isArray(component)) return component.some((c) => anyComponent(c, pred));
  const c = component as Record<string, unknown>;
  if (pred(c)) return true;
  for (const key of ["normalizers", "pretokenizers", "pre_tokenizers", "decoders", "processors"]) {
    if (Array.isArray(c[key]) && anyComponent(c[key], pred)) return true;
  }
  return false;
}

/**
 * Whether the tokenizer maps bytes to printable characters (GPT-2's ByteLevel) in its pre-tokenizer or decoder:
 * its vocabulary is then written in that 256-character alphabet.
 */
export function usesByteLevel(tj: { pre_tokenizer?: unknown; decoder?: unknown }): boolean {
  const byteLevel = (c: Record<string, unknown>) => c["type"] === "ByteLevel";
  return anyComponent(tj.pre_tokenizer, byteLevel) || anyComponent(tj.decoder, byteLevel);
}

const WORD_MARKER_CHAR = "\u2581";

/** A normalizer that leaves a word (a text without white space) as it is, or NFC-normalizes it, or puts a marker before it. */
function keepsWords(c: Record<string, unknown>): boolean {
  switch (c["type"]) {
    case "Sequence":
      return Array.isArray(c["normalizers"]) && c["normalizers"].every((n) => isObject(n) && keepsWords(n));
    case "NFC":
      return true;
    case "Prepend":
      return c["prepend"] === WORD_MARKER_CHAR;
    case "Replace": {
      const pattern = c["pattern"];
      return isObject(pattern) && pattern["String"] === " " && c["content"] === WORD_MARKER_CHAR;
    }
    default:
      return false;
  }
}

/** A pre-tokenizer that only splits a text, maps its bytes (ByteLevel), or marks its start (Metaspace). */
function onlySplits(c: Record<string, unknown>): boolean {
  switch (c["type"]) {
    case "Sequence":
      return Array.isArray(c["pretokenizers"]) && c["pretokenizers"].every((p) => isObject(p) && onlySplits(p));
    case "ByteLevel":
    case "Digits":
    case "UnicodeScripts":
      return true;
    case "Metaspace":
      return (c["replacement"] ?? WORD_MARKER_CHAR) === WORD_MARKER_CHAR;
    case "Split":
    case "Punctuation":
      return c["behavior"] !== "Removed";
    default:
      return false;
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * Whether a tokenizer.json's pipeline, run on a word without white space, keeps its text: no normalizer but NFC or
 * a word marker before it (Prepend, or Replace of a space), pre-tokenizers that only split (or map bytes, or add
 * the marker), and a BPE model without dropout or affixes that falls back to bytes (ByteLevel or `byte_fallback`).
 * Its tokens then spell the word (NFC-normalized, maybe after one marker space), unless a byte has no token; that
 * last condition the caller checks on the vocabulary (see `Tokenizer.keepsText`).
 */
export function keepsText(tj: {
  model: object;
  normalizer?: unknown;
  pre_tokenizer?: unknown;
  decoder?: unknown;
}): boolean {
  const m = tj.model as Record<string, unknown>;
  const empty = (x: unknown) => x === undefined || x === null || x === "";
  return (
    m["type"] === "BPE" &&
    (empty(m["dropout"]) || m["dropout"] === 0) &&
    empty(m["continuing_subword_prefix"]) &&
    empty(m["end_of_word_suffix"]) &&
    (usesByteLevel(tj) || m["byte_fallback"] === true) &&
    (empty(tj.normalizer) || (isObject(tj.normalizer) && keepsWords(tj.normalizer))) &&
    (empty(tj.pre_tokenizer) || (isObject(tj.pre_tokenizer) && onlySplits(tj.pre_tokenizer)))
  );
}
