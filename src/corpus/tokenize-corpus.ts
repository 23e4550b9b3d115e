// The tokenize phase: the only code that calls `encode` on corpus text; everything downstream reads its counts.
import { createHash } from "node:crypto";
import type { LanguageCode, Segment, SegmentCounts, TokenizedLanguage } from "../types.js";
import type { Corpus } from "./open-corpus.js";
import type { Tokenizer } from "../tokenizers/tokenizer.js";
import { segmentWords } from "./words.js";

/**
 * A language's text with everything that does not depend on the tokenizer computed once:
 * word units per segment, the word types with their frequencies, sizes, and a content hash.
 */
export interface PreparedLanguage {
  language: LanguageCode;
  segments: Segment[];
  /** Word units per segment (same order as `segments`). */
  words: number[];
  bytes: number[];
  chars: number[];
  /** Distinct word units and how often each occurs over the whole language. */
  wordTypes: string[];
  wordTypeCounts: number[];
  /** sha256 of the segment ids and texts: a changed text is never served from a stale cache. */
  sha256: string;
}

const utf8 = new TextEncoder();

/** Bump when the meaning of cached counts changes (word units, counting rules). */
export const TOKENIZE_SCHEMA_VERSION = 1;

export function prepareLanguage(language: LanguageCode, segments: readonly Segment[]): PreparedLanguage {
  const hash = createHash("sha256");
  const words: number[] = [];
  const bytes: number[] = [];
  const chars: number[] = [];
  const typeCounts = new Map<string, number>();
  for (const seg of segments) {
    hash.update(seg.id).update("\u0000").update(seg.text).update("\u0001");
    const units = segmentWords(seg.text, language);
    words.push(units.length);
    for (const w of units) typeCounts.set(w, (typeCounts.get(w) ?? 0) + 1);
    bytes.push(utf8.encode(seg.text).length);
    let n = 0;
    for (const _ of seg.text) n++;
    chars.push(n);
  }
  return {
    language,
    segments: [...segments],
    words,
    bytes,
    chars,
    wordTypes: [...typeCounts.keys()],
    wordTypeCounts: [...typeCounts.values()],
    sha256: hash.digest("hex"),
  };
}

/** Reads one language of an open corpus and prepares it (segments are small: UDHR articles, FLORES sentences). */
export async function prepareCorpusLanguage(corpus: Corpus, language: LanguageCode): Promise<PreparedLanguage> {
  const segments: Segment[] = [];
  for await (const seg of corpus.segments(language)) segments.push(seg);
  return prepareLanguage(language, segments);
}

/** Per-id flags the counting loop needs, built once per tokenizer. */
export interface TokenFlags {
  unkId: number | null;
  /** 1 where the id is a byte-fallback piece. */
  byteFallback: Uint8Array;
}

export function tokenFlags(tokenizer: Tokenizer): TokenFlags {
  const byteFallback = new Uint8Array(tokenizer.vocabSize);
  for (const e of tokenizer.vocabulary()) if (e.byteFallback) byteFallback[e.id] = 1;
  return { unkId: tokenizer.unkId, byteFallback };
}

/**
 * Tokenizes one language with one tokenizer: every segment once for the running-text counts, and every
 * distinct word once on its own for continued words and word fertility (Rust et al. 2021).
 */
export function tokenizeLanguage(tokenizer: Tokenizer, prepared: PreparedLanguage, flags: TokenFlags = tokenFlags(tokenizer)): TokenizedLanguage {
  const frequencies = new Map<number, number>();
  const segments: SegmentCounts[] = new Array(prepared.segments.length);
  const { unkId, byteFallback } = flags;
  let wordOccurrences = 0;
  for (let s = 0; s < prepared.segments.length; s++) {
    const seg = prepared.segments[s]!;
    const ids = tokenizer.encodeIds(seg.text);
    let unk = 0;
    let fallback = 0;
    for (const id of ids) {
      frequencies.set(id, (frequencies.get(id) ?? 0) + 1);
      if (id === unkId) unk++;
      if (byteFallback[id] === 1) fallback++;
    }
    const words = prepared.words[s]!;
    wordOccurrences += words;
    segments[s] = { id: seg.id, tokens: ids.length, bytes: prepared.bytes[s]!, chars: prepared.chars[s]!, words, unk, byteFallback: fallback };
  }
  let wordAloneTokens = 0;
  let continuedWords = 0;
  for (let w = 0; w < prepared.wordTypes.length; w++) {
    const n = tokenizer.encodeIds(prepared.wordTypes[w]!).length;
    const count = prepared.wordTypeCounts[w]!;
    wordAloneTokens += n * count;
    if (n >= 2) continuedWords += count;
  }
  return {
    tokenizer: tokenizer.id,
    language: prepared.language,
    vocabSize: tokenizer.vocabSize,
    segments,
    tokenFrequencies: frequencies,
    wordOccurrences,
    wordAloneTokens,
    continuedWords,
  };
}
