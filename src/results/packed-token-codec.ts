// The packed-token decoder, one implementation for Node (unpackTokenSplit) and the report page (token-view.js, where
// scripts/report-assets.mjs inlines this file transpiled): so it imports nothing at run time and needs only
// TextEncoder and TextDecoder. The id reader is the one thing that differs: decimal ids in Node, base 64 in the page.
import type { TokenGroup, ViewToken } from "../tokenizers/token-pieces.js";

/** How a tokenizer's vocabulary spells a token's bytes. */
export const STORED_SPELLINGS = ["byte-level", "metaspace", "utf8"] as const;
export type StoredSpelling = (typeof STORED_SPELLINGS)[number];

/** A packed split without its ids (see PackedTokenSplit in packed-tokens.ts for the fields). */
export interface PackedGroups {
  tokenizer: string;
  text?: string;
  groups: string;
  stored: StoredSpelling;
  storedExceptions?: [number, string][];
  hexExceptions?: [number, string][];
}

/** GPT-2's byte -> character map (BYTE_TO_UNICODE in token-bytes.ts; a test checks they agree). */
const BYTE_LEVEL: readonly string[] = (() => {
  const map: string[] = [];
  let next = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    map.push(String.fromCharCode(printable ? b : 256 + next++));
  }
  return map;
})();

const encoder = new TextEncoder();
// ignoreBOM: a leading U+FEFF is real content of a token or a text (decodeUtf8 in token-bytes.ts does the same)
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

export function hexOf(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += (i > 0 ? " " : "") + HEX_PAIRS[bytes[i]!]!;
  return out;
}
export const bytesOfHex = (hex: string): Uint8Array =>
  hex === "" ? new Uint8Array(0) : Uint8Array.from(hex.split(" "), (h) => Number.parseInt(h, 16));

/** The stored string a spelling rule gives for a token's bytes (`inHexGroup`: the token is shown as hex bytes). */
export function spellToken(rule: StoredSpelling, bytes: Uint8Array, inHexGroup: boolean): string {
  switch (rule) {
    case "byte-level": {
      let s = "";
      for (const b of bytes) s += BYTE_LEVEL[b]!;
      return s;
    }
    case "metaspace":
      if (inHexGroup && bytes.length === 1) return `<0x${bytes[0]!.toString(16).toUpperCase().padStart(2, "0")}>`;
      return decoder.decode(bytes).replaceAll(" ", "\u2581");
    case "utf8":
      return decoder.decode(bytes);
    default: {
      const never: never = rule;
      throw new Error(`internal error: unknown spelling ${String(never)}`);
    }
  }
}

/** Ids written in decimal, separated by spaces (PackedTokenSplit.ids). */
export const decimalIds = (ids: string): number[] => (ids === "" ? [] : ids.split(" ").map(Number));

/** The digits of the page's token ids: base 64, URL-safe (nothing JSON or HTML escapes). */
export const ID_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Ids written as `width` base-64 digits each, without separators (the page's `ids64`, toPageSplit). */
export function base64Ids(ids64: string, width: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < ids64.length; i += width) {
    let v = 0;
    for (let j = i; j < i + width; j++) v = v * 64 + ID_DIGITS.indexOf(ids64.charAt(j));
    ids.push(v);
  }
  return ids;
}

/** The groups of a packed split whose ids were read by `decimalIds` or `base64Ids` (the inverse of packTokenSplit). */
export function unpackGroups(sampleText: string, split: PackedGroups, ids: readonly number[]): TokenGroup[] {
  const text = split.text ?? sampleText;
  const stored = new Map(split.storedExceptions ?? []);
  const hexes = new Map(split.hexExceptions ?? []);
  const groups: TokenGroup[] = [];
  let pos = 0;
  let k = 0;
  for (const g of split.groups === "" ? [] : split.groups.split(" ")) {
    const [length, ...counts] = g.split(":").map(Number);
    const inHexGroup = g.includes(":");
    const gtext = text.slice(pos, pos + length!);
    pos += length!;
    const all = encoder.encode(gtext);
    const sizes = inHexGroup ? counts : [all.length];
    let at = 0;
    const tokens: ViewToken[] = sizes.map((size) => {
      const explicit = hexes.get(k);
      const bytes = explicit !== undefined ? bytesOfHex(explicit) : all.slice(at, at + size);
      at += size;
      const id = ids[k];
      if (id === undefined || !Number.isInteger(id))
        throw new Error(
          `packed split of ${split.tokenizer}: more tokens in its groups than ids, or an id that is not a number`,
        );
      const token = stored.get(k) ?? spellToken(split.stored, bytes, inHexGroup);
      k++;
      return { id, token, hex: explicit ?? hexOf(bytes) };
    });
    groups.push({ text: gtext, tokens, bytes: inHexGroup });
  }
  if (k !== ids.length)
    throw new Error(`packed split of ${split.tokenizer}: ${ids.length} ids for ${k} tokens in its groups`);
  return groups;
}
