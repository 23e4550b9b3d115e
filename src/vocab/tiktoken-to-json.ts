// Converts a tiktoken encoding (byte ranks) into an equivalent byte-level BPE tokenizer.json, recovering the merges.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { ConfigError } from "../errors.js";
import { TIKTOKEN_ENCODINGS, type TiktokenEncodingName } from "../tokenizers/tokenizer.js";
import { bytesToByteLevel } from "../tokenizers/token-bytes.js";
import type { AddedTokenJson, TokenizerJson } from "./tokenizer-json.js";

/** A tiktoken encoding as its files describe it (field names as in tiktoken's encoders/<name>.json). */
export interface TiktokenEncoding {
  /** Token bytes by rank (rank = id). */
  ranks: Uint8Array[];
  special_tokens: Record<string, number>;
  pat_str: string;
}

const require = createRequire(import.meta.url);

/** Reads a built-in encoding from the tiktoken package (`bpe_ranks` lines are `<prefix> <first rank> <base64>...`). */
export async function readTiktokenEncoding(name: TiktokenEncodingName): Promise<TiktokenEncoding> {
  let path: string;
  try {
    path = require.resolve(`tiktoken/encoders/${name}.json`);
  } catch (err) {
    throw new ConfigError(
      `tiktoken encoding '${name}' is not available; use one of ${TIKTOKEN_ENCODINGS.join(", ")}.`,
      { cause: err },
    );
  }
  const data = JSON.parse(await readFile(path, "utf8")) as {
    bpe_ranks: string;
    special_tokens: Record<string, number>;
    pat_str: string;
  };
  const ranks: Uint8Array[] = [];
  for (const line of data.bpe_ranks.split("\n")) {
    if (!line) continue;
    const [, offsetStr, ...tokens] = line.split(" ");
    const offset = Number.parseInt(offsetStr!, 10);
    tokens.forEach((t, i) => {
      ranks[offset + i] = Uint8Array.from(Buffer.from(t, "base64"));
    });
  }
  return { ranks, special_tokens: data.special_tokens, pat_str: data.pat_str };
}

/** Latin-1 string of bytes: a cheap, exact Map key. */
function key(bytes: Uint8Array | readonly number[]): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/**
 * The two parts a token is made from: BPE on its bytes using only lower-ranked tokens ends in exactly two
 * pieces for every token BPE can build (tiktoken merges the lowest-ranked adjacent pair first, leftmost on
 * ties, as Hugging Face's BPE does with merge ranks). Null for a token BPE cannot build (reachable only as a
 * whole pre-token, which `ignore_merges` preserves).
 */
function recoverMerge(bytes: Uint8Array, rank: number, rankOf: ReadonlyMap<string, number>): [string, string] | null {
  let parts = Array.from(bytes, (b) => String.fromCharCode(b));
  for (;;) {
    let best = -1;
    let bestRank = rank;
    for (let i = 0; i + 1 < parts.length; i++) {
      const r = rankOf.get(parts[i]! + parts[i + 1]!);
      if (r !== undefined && r < bestRank) {
        bestRank = r;
        best = i;
      }
    }
    if (best < 0) break;
    parts = [...parts.slice(0, best), parts[best]! + parts[best + 1]!, ...parts.slice(best + 2)];
  }
  return parts.length === 2 ? [parts[0]!, parts[1]!] : null;
}

export interface ConvertedTiktoken {
  json: TokenizerJson;
  /** Tokens longer than one byte that no merge sequence builds (kept in the vocabulary). */
  unreachable: number;
}

/**
 * A byte-level BPE tokenizer.json with the same ids as the tiktoken encoding: vocabulary = ranks shown with
 * GPT-2's byte-to-unicode map, merges recovered from the ranks in rank order, the encoding's split pattern,
 * specials as added tokens. `ignore_merges` mirrors tiktoken's shortcut of returning a whole pre-token that
 * is itself a token.
 */
export function tiktokenToTokenizerJson(enc: TiktokenEncoding): ConvertedTiktoken {
  const rankOf = new Map<string, number>();
  enc.ranks.forEach((b, r) => rankOf.set(key(b), r));
  const vocab: Record<string, number> = {};
  const merges: [string, string][] = [];
  let unreachable = 0;
  const latin1ToByteLevel = (s: string): string => bytesToByteLevel(Uint8Array.from(s, (c) => c.charCodeAt(0)));
  enc.ranks.forEach((bytes, rank) => {
    vocab[bytesToByteLevel(bytes)] = rank;
    if (bytes.length < 2) return;
    const pair = recoverMerge(bytes, rank, rankOf);
    if (pair) merges.push([latin1ToByteLevel(pair[0]), latin1ToByteLevel(pair[1])]);
    else unreachable++;
  });
  const added_tokens: AddedTokenJson[] = Object.entries(enc.special_tokens)
    .sort((a, b) => a[1] - b[1])
    .map(([content, id]) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    }));
  const json: TokenizerJson = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens,
    normalizer: null,
    pre_tokenizer: {
      type: "Sequence",
      pretokenizers: [
        { type: "Split", pattern: { Regex: enc.pat_str }, behavior: "Isolated", invert: false },
        { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: { type: "ByteLevel", add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: true,
      vocab,
      merges,
    },
  };
  return { json, unreachable };
}
