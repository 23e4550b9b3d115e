// How a tokenizer split one text, ready to show: tokens with their ids, stored strings and bytes, grouped so that
// byte-fallback and partial-UTF-8 tokens stand under the character(s) their bytes build together.
import type { Tokenizer, VocabEntry } from "./tokenizer.js";
import { byteFallbackValue, decodeUtf8, decodeUtf8OrNull, utf8 } from "./token-bytes.js";

/** One token as shown. */
export interface ViewToken {
  id: number;
  /** The token exactly as stored in the vocabulary (`Ġthe`, `▁the`, `<0xE0>`). */
  token: string;
  /** The bytes it contributes to the text, as lower-case hex pairs separated by spaces (`e0 a4`). */
  hex: string;
}

/**
 * One unit of the view: a token whose bytes are a complete text of their own, or a run of tokens whose bytes only
 * together make complete UTF-8 (the character(s) they build is `text`).
 */
export interface TokenGroup {
  /** The text the group's bytes spell (invalid leftovers at the end of a text as U+FFFD). */
  text: string;
  tokens: ViewToken[];
  /** Show the tokens as hex bytes under `text`: a byte-fallback piece, a partial-UTF-8 token, or a run of them. */
  bytes: boolean;
}

/**
 * A run of tokens whose bytes do not end on a character boundary is closed after this many bytes (no UTF-8
 * character is longer than 4): tokens that straddle characters (byte-level BPE on Burmese) could otherwise chain
 * into one long group.
 */
const MAX_GROUP_BYTES = 16;

/**
 * Where the complete characters of `bytes` end when the rest is the valid start of one more character (at most 3
 * bytes, cut by a token boundary); null when the bytes are invalid UTF-8 anyway.
 */
function completePrefix(bytes: Uint8Array): number | null {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: its lead is further back
    const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    if (need <= back) return null;
    const at = bytes.length - back;
    return decodeUtf8OrNull(bytes.subarray(0, at)) !== null ? at : null;
  }
  return null;
}

const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

function hexOf(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += (i > 0 ? " " : "") + HEX_PAIRS[bytes[i]!]!;
  return out;
}

/** Groups the tokens of an encoding for display (see TokenGroup). */
export function groupTokens(
  ids: readonly number[],
  tokens: readonly string[],
  entry: (id: number) => VocabEntry | undefined,
): TokenGroup[] {
  const groups: TokenGroup[] = [];
  let members: ViewToken[] = [];
  // the start of a character whose last bytes are in the next token: a closed group spells the characters it
  // completes, and the next group's text begins with the character these bytes start
  let carry: Uint8Array = new Uint8Array(0);
  let parts: Uint8Array[] = [];
  let size = 0;
  let raw = false;
  const close = (text: string, rest: Uint8Array = new Uint8Array(0)) => {
    groups.push({ text, tokens: members, bytes: raw || members.length > 1 });
    members = [];
    carry = rest;
    parts = [];
    size = 0;
    raw = false;
  };
  const joined = () => {
    const out = new Uint8Array(carry.length + size);
    out.set(carry);
    let at = carry.length;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  ids.forEach((id, i) => {
    const e = entry(id);
    const stored = e?.token ?? tokens[i] ?? "";
    const bytes = e?.bytes ?? utf8(stored);
    members.push({ id, token: stored, hex: hexOf(bytes) });
    parts.push(bytes);
    size += bytes.length;
    // a `<0xNN>` piece is shown as its byte even when the byte is a whole character (a newline)
    if (byteFallbackValue(stored) !== null || e?.partialUtf8) raw = true;
    const all = joined();
    const text = decodeUtf8OrNull(all);
    if (text !== null) close(text);
    else if (size >= MAX_GROUP_BYTES) {
      const end = completePrefix(all);
      if (end === null) close(decodeUtf8(all));
      else close(decodeUtf8(all.subarray(0, end)), all.slice(end));
    }
  });
  if (members.length > 0) close(decodeUtf8(joined()));
  // a character begun by the last group and never finished: its bytes spell U+FFFD there, as a text's end would
  else if (carry.length > 0 && groups.length > 0) groups[groups.length - 1]!.text += decodeUtf8(carry);
  return groups;
}

/**
 * Encodes `text` with a loaded tokenizer (no special tokens unless asked), by the engine the tokenize phase uses
 * (`encodeAsync`), and groups the tokens for display.
 */
export async function tokenView(tokenizer: Tokenizer, text: string, addSpecialTokens = false): Promise<TokenGroup[]> {
  const { ids, tokens } = await tokenizer.encodeAsync(text, { addSpecialTokens });
  return groupTokens(ids, tokens, (id) => tokenizer.entry(id));
}

/**
 * The token view of texts as the tokenize phase encodes them (`encodeBatch`, no special tokens): on the native
 * engine this needs no second, synchronous engine. Token strings are the vocabulary's stored tokens of the ids.
 */
export async function tokenViews(tokenizer: Tokenizer, texts: readonly string[]): Promise<TokenGroup[][]> {
  const lookup = (id: number) => tokenizer.entry(id);
  const encoded = await tokenizer.encodeBatch(texts);
  return encoded.map((enc) => {
    const ids = Array.from(enc.ids);
    return groupTokens(
      ids,
      ids.map((id) => lookup(id)?.token ?? ""),
      lookup,
    );
  });
}

/** Whitespace and controls made visible for the token view: `·` space, `→` tab, `↵` newline, `\u{…}` for the rest. */
export function visibleWhitespace(text: string): string {
  return text.replace(
    /[\u0000-\u0020\u007f-\u00a0\u00ad\u061c\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u2069\u3000\ufeff]/gu,
    (c) => {
      if (c === " ") return "·";
      if (c === "\t") return "→";
      if (c === "\n") return "↵";
      if (c === "\r") return "␍";
      if (c === "\u00a0") return "⍽";
      return `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`;
    },
  );
}
