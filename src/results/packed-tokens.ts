// The token view's storage format: a split as token ids and span lengths over the text, with the stored strings and
// bytes spelled from the text by a rule, and only what the rule cannot give kept verbatim. Lossless (see unpack).
import { BYTE_TO_UNICODE, decodeUtf8, utf8, WORD_MARKER } from "../tokenizers/token-bytes.js";
import type { TokenGroup, ViewToken } from "../tokenizers/token-pieces.js";

/** How a tokenizer's vocabulary spells a token's bytes. */
export const STORED_SPELLINGS = ["byte-level", "metaspace", "utf8"] as const;
export type StoredSpelling = (typeof STORED_SPELLINGS)[number];

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

const hexOf = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");
const bytesOfHex = (hex: string): Uint8Array =>
  hex === "" ? new Uint8Array(0) : Uint8Array.from(hex.split(" "), (h) => Number.parseInt(h, 16));

/** The stored string a spelling rule gives for a token's bytes (`inHexGroup`: the token is shown as hex bytes). */
export function spellToken(rule: StoredSpelling, bytes: Uint8Array, inHexGroup: boolean): string {
  switch (rule) {
    case "byte-level": {
      let s = "";
      for (const b of bytes) s += BYTE_TO_UNICODE[b]!;
      return s;
    }
    case "metaspace":
      if (inHexGroup && bytes.length === 1) return `<0x${bytes[0]!.toString(16).toUpperCase().padStart(2, "0")}>`;
      return decodeUtf8(bytes).replaceAll(" ", WORD_MARKER);
    case "utf8":
      return decodeUtf8(bytes);
    default: {
      const never: never = rule;
      throw new Error(`internal error: unknown spelling ${String(never)}`);
    }
  }
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
    tokens.forEach((t, i) => {
      if (spellToken(rule, t.bytes, t.inHexGroup) !== t.token) misses.push([i, t.token]);
    });
    if (!best || misses.length < best.misses.length) best = { rule, misses };
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

/** The groups of a packed split, exactly as packed (the inverse of packTokenSplit). */
export function unpackTokenSplit(sampleText: string, split: PackedTokenSplit): TokenGroup[] {
  const text = split.text ?? sampleText;
  const stored = new Map(split.storedExceptions ?? []);
  const hexes = new Map(split.hexExceptions ?? []);
  const ids = split.ids === "" ? [] : split.ids.split(" ").map(Number);
  const groups: TokenGroup[] = [];
  let pos = 0;
  let k = 0;
  for (const g of split.groups === "" ? [] : split.groups.split(" ")) {
    const [length, ...counts] = g.split(":").map(Number);
    const inHexGroup = g.includes(":");
    const gtext = text.slice(pos, pos + length!);
    pos += length!;
    const all = utf8(gtext);
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
