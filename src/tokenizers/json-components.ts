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

/** An added token as a tokenizer.json lists it (fields the engine defaults are optional). */
export interface AddedTokenJson {
  id: number;
  content: string;
  special?: boolean;
  normalized?: boolean;
  single_word?: boolean;
  lstrip?: boolean;
  rstrip?: boolean;
}

/** Whether a proper prefix of `a` is a suffix of `b` (the two can overlap in a text without either holding the other). */
function overlaps(a: string, b: string): boolean {
  for (let k = 1; k < a.length && k < b.length + 1; k++) if (b.endsWith(a.slice(0, k))) return true;
  return false;
}

/** Special tokens `isolatingSeparator` checks against the others before it gives up. */
const MAX_SEPARATOR_CANDIDATES = 16;

/**
 * A special added token that cuts a text into parts the engine encodes as if each were a text alone: `[id, content]`,
 * or null. The engine finds a non-normalized added token in the raw text before anything else and runs the
 * normalizer, pre-tokenizer and model on each part between two of them on its own; the words of `strr_isolated`,
 * joined by such a token, then come back as each word's tokens alone, separated by its id (one engine call and one
 * encoding for thousands of words). Null where some step could tell the parts apart or the token might not be found
 * exactly where it was put: a Metaspace pre-tokenizer that marks only the text's first part (`prepend_scheme:
 * "first"`), BPE dropout (random), or no special token that is matched as written (not normalized, no single-word or
 * strip rule), holds no white space, is not the unknown token, has no prefix that is also its suffix (so it cannot be
 * found starting inside a word) and neither holds, sits inside, nor overlaps any other added token. The caller still
 * checks each joined encoding's separators and compares one probe with the words encoded alone.
 */
export function isolatingSeparator(
  tj: { model: object; pre_tokenizer?: unknown; added_tokens?: readonly AddedTokenJson[] },
  unkId: number | null,
): [number, string] | null {
  const dropout = (tj.model as Record<string, unknown>)["dropout"];
  if (typeof dropout === "number" && dropout > 0) return null;
  if (anyComponent(tj.pre_tokenizer, (c) => c["type"] === "Metaspace" && c["prepend_scheme"] === "first")) return null;
  const added = tj.added_tokens ?? [];
  // each candidate is checked against every added token: a file with thousands of them (Gemma 3: 6,415) where no
  // early candidate is apart gets no separator rather than a check of seconds
  let tried = 0;
  for (const t of added) {
    const s = t.content;
    if (
      t.special !== true ||
      t.normalized !== false ||
      t.single_word === true ||
      t.lstrip === true ||
      t.rstrip === true
    )
      continue;
    if (t.id === unkId || s.length === 0 || /\s/u.test(s) || overlaps(s, s)) continue;
    if (++tried > MAX_SEPARATOR_CANDIDATES) return null;
    const apart = added.every(
      (o) =>
        o === t ||
        (!o.content.includes(s) && !s.includes(o.content) && !overlaps(s, o.content) && !overlaps(o.content, s)),
    );
    if (apart) return [t.id, s];
  }
  return null;
}
