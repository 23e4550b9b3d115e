// The token view's storage format: a split as token ids and span lengths over the text, with the stored strings and
// bytes spelled from the text by a rule, and only what the rule cannot give kept verbatim. Lossless: unpackTokenSplit
// decodes with packed-token-codec.ts, the decoder the report page runs too.
import { utf8 } from "../tokenizers/token-bytes.js";
import type { TokenGroup } from "../tokenizers/token-pieces.js";
import {
  bytesOfHex,
  decimalIds,
  hexOf,
  spellToken,
  STORED_SPELLINGS,
  unpackGroups,
  type StoredSpelling,
} from "./packed-token-codec.js";

export { spellToken, STORED_SPELLINGS, type StoredSpelling };

/**
 * One tokenizer's split of a sample text, packed. A full `TokenGroup[]` costs ~70 bytes of JSON per token; this
 * costs ~8, so a report can hold every UDHR language x every built-in tokenizer. `unpackTokenSplit` restores it.
 */
export interface PackedTokenSplit {
  tokenizer: string;
  /** The text the tokens spell, only when it differs from the sample's text (e.g. SentencePiece's leading space). */
  text?: string;
  /** Token ids in order, in decimal, separated by spaces (a string, so pretty-printed JSON keeps it on one line). */
  ids: string;
  /**
   * The groups of the view, in order over the text, separated by spaces. `n`: one token spelling the next n UTF-16
   * code units of the text, its bytes their UTF-8. `n:b1:...:bk`: k tokens shown as hex bytes under the next n code
   * units (byte fallback, partial UTF-8), token i holding the next bi bytes of their UTF-8.
   */
  groups: string;
  /**
   * How the stored string of a token follows from its bytes: `byte-level` (GPT-2's byte-to-character map),
   * `metaspace` (UTF-8 with ▁ for a space; a lone byte in a hex group as `<0xNN>`) or `utf8` (the text itself).
   */
  stored: StoredSpelling;
  /** [token index, stored string] for the tokens the spelling rule gets wrong. */
  storedExceptions?: [number, string][];
  /** [token index, hex] for tokens whose bytes are not their share of the group's UTF-8 (a group closed incomplete). */
  hexExceptions?: [number, string][];
}

/** Packs one split; `sampleText` is the sample's text (the split stores its own only when it differs). */
export function packTokenSplit(tokenizer: string, sampleText: string, groups: readonly TokenGroup[]): PackedTokenSplit {
  const text = groups.map((g) => g.text).join("");
  const ids: number[] = [];
  const shape: string[] = [];
  const hexExceptions: [number, string][] = [];
  const tokens: { token: string; bytes: Uint8Array; inHexGroup: boolean }[] = [];
  for (const g of groups) {
    const all = utf8(g.text);
    let at = 0;
    const counts: number[] = [];
    for (const t of g.tokens) {
      const bytes = bytesOfHex(t.hex);
      const derived = all.subarray(at, at + bytes.length);
      if (hexOf(derived) !== t.hex) hexExceptions.push([ids.length, t.hex]);
      at += bytes.length;
      counts.push(bytes.length);
      ids.push(t.id);
      tokens.push({ token: t.token, bytes, inHexGroup: g.bytes });
    }
    // one plain token is a bare length; its bytes are the text's UTF-8 unless an exception says otherwise
    shape.push(g.bytes || g.tokens.length !== 1 ? [g.text.length, ...counts].join(":") : String(g.text.length));
  }
  let best: { rule: StoredSpelling; misses: [number, string][] } | undefined;
  for (const rule of STORED_SPELLINGS) {
    const misses: [number, string][] = [];
    // a rule with as many misses as the best so far loses (ties go to the earlier rule): stop counting it
    for (let i = 0; i < tokens.length && !(best && misses.length >= best.misses.length); i++) {
      const t = tokens[i]!;
      if (spellToken(rule, t.bytes, t.inHexGroup) !== t.token) misses.push([i, t.token]);
    }
    if (!best || misses.length < best.misses.length) best = { rule, misses };
    if (best.misses.length === 0) break; // no later rule can do better
  }
  return {
    tokenizer,
    ...(text !== sampleText ? { text } : {}),
    ids: ids.join(" "),
    groups: shape.join(" "),
    stored: best!.rule,
    ...(best!.misses.length > 0 ? { storedExceptions: best!.misses } : {}),
    ...(hexExceptions.length > 0 ? { hexExceptions } : {}),
  };
}

/** The groups of a packed split, exactly as packed (the inverse of packTokenSplit; the page decodes with the same unpackGroups). */
export function unpackTokenSplit(sampleText: string, split: PackedTokenSplit): TokenGroup[] {
  return unpackGroups(sampleText, split, decimalIds(split.ids));
}
