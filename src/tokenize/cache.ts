// On-disk cache of tokenize results, keyed by tokenizer file hash, corpus text hash and toolkit version; writes are atomic.
import { LANGUAGE_COUNTS, languageCounts, type LanguageCounts } from "./language-counts.js";
import {
  DiskCache,
  diskCacheKey,
  entryProblem,
  entryText,
  isCount,
  parseEntry,
  type UncheckedEntry,
} from "../disk-cache.js";
import type { LanguageCode, TokenizedLanguage, TokenizerInfo } from "../types.js";
import { SEGMENT_COLUMNS, type SegmentColumn } from "./segment-table.js";
import { TOKENIZE_SCHEMA_VERSION } from "./tokenize-corpus.js";

export type { TokenizerInfo } from "../types.js";
export { defaultCacheDir } from "../disk-cache.js";

/**
 * The key of one tokenizer x language result. `tokenizerFingerprint` covers everything that changes encoding
 * (the tokenizer file, its tokenizer_config.json, the engine: see `specFingerprint`).
 */
export function cacheKey(
  tokenizerFingerprint: string,
  language: LanguageCode,
  corpusSha256: string,
  skipped: { wordsSkipped?: true; isolatedSkipped?: true } = {},
): string {
  return diskCacheKey(TOKENIZE_SCHEMA_VERSION, {
    tokenizer: tokenizerFingerprint,
    language,
    corpus: corpusSha256,
    // counts made without words never answer a run that reads words, nor counts without words encoded alone (their
    // isolated counts are 0) a run that reads strr_isolated
    ...(skipped.wordsSkipped ? { words: "skipped" } : skipped.isolatedSkipped ? { isolated: "skipped" } : {}),
  });
}

/** The cached form: columns instead of per-segment objects, frequencies as [id, count] pairs. */
interface CacheEntry {
  tokenizer: TokenizerInfo;
  data: {
    tokenizer: string;
    language: string;
    vocabSize: number;
    segmentIds: string[];
    columns: {
      tokens: number[];
      bytes: number[];
      chars: number[];
      words: number[];
      unk: number[];
      byteFallback: number[];
    };
    tokenFrequencies: Array<[number, number]>;
  } & LanguageCounts;
}

export function serialize(key: string, tokenizer: TokenizerInfo, t: TokenizedLanguage): string {
  return entryText(key, toEntry(tokenizer, t));
}

function toEntry(tokenizer: TokenizerInfo, t: TokenizedLanguage): CacheEntry {
  const col = (c: SegmentColumn) => Array.from(t.segments[c]);
  return {
    tokenizer,
    data: {
      tokenizer: t.tokenizer,
      language: t.language,
      vocabSize: t.vocabSize,
      segmentIds: [...t.segments.ids],
      columns: {
        tokens: col("tokens"),
        bytes: col("bytes"),
        chars: col("chars"),
        words: col("words"),
        unk: col("unk"),
        byteFallback: col("byteFallback"),
      },
      tokenFrequencies: [...t.tokenFrequencies.entries()],
      ...languageCounts(t),
    },
  };
}

const isCounts = (x: unknown, n: number): x is number[] => Array.isArray(x) && x.length === n && x.every(isCount);

/**
 * Why a parsed cache entry cannot be trusted, or null when it is whole and consistent: every field of the
 * right type, every count a non-negative integer, columns as long as the segment list, and the totals
 * agreeing with each other (token frequencies add up to the tokens, word counts stay within the words).
 */
export function cacheEntryProblem(file: unknown, key: string): string | null {
  return entryProblem(file, key, checkEntry);
}

function checkEntry(entry: UncheckedEntry<CacheEntry>): string | null {
  const f = entry as Partial<CacheEntry>;
  const t = f.tokenizer as Partial<TokenizerInfo> | undefined;
  if (
    !t ||
    typeof t.id !== "string" ||
    typeof t.name !== "string" ||
    typeof t.sha256 !== "string" ||
    !isCount(t.vocabSize)
  )
    return "bad tokenizer record";
  const d = f.data;
  if (!d || typeof d !== "object") return "no data";
  if (typeof d.tokenizer !== "string" || typeof d.language !== "string" || !isCount(d.vocabSize) || d.vocabSize === 0)
    return "bad header";
  if (!Array.isArray(d.segmentIds) || !d.segmentIds.every((id) => typeof id === "string")) return "bad segment ids";
  if (new Set(d.segmentIds).size !== d.segmentIds.length) return "repeated segment ids";
  const n = d.segmentIds.length;
  if (!d.columns || typeof d.columns !== "object") return "no columns";
  // a count of one segment is below 2^32 (segment-table.ts): a bigger one was not written by this toolkit
  for (const c of SEGMENT_COLUMNS)
    if (!isCounts(d.columns[c], n) || d.columns[c].some((x) => x > 0xffffffff))
      return `column '${c}' is not ${n} counts`;
  if (!Array.isArray(d.tokenFrequencies)) return "no token frequencies";
  let frequencySum = 0;
  const ids = new Set<number>();
  for (const pair of d.tokenFrequencies) {
    if (
      !Array.isArray(pair) ||
      pair.length !== 2 ||
      !isCount(pair[0]) ||
      !isCount(pair[1]) ||
      pair[0] >= d.vocabSize ||
      pair[1] === 0
    )
      return "bad token frequency";
    // one id twice would make the distinct ids (unique_tokens) too few
    if (ids.has(pair[0])) return `token id ${pair[0]} has two frequencies`;
    ids.add(pair[0]);
    frequencySum += pair[1];
  }
  const sum = (c: SegmentColumn) => d.columns[c].reduce((a, b) => a + b, 0);
  const tokens = sum("tokens");
  if (frequencySum !== tokens) return `token frequencies add up to ${frequencySum}, not the ${tokens} tokens`;
  if (sum("unk") > tokens || sum("byteFallback") > tokens) return "more unknown or byte-fallback tokens than tokens";
  for (const k of LANGUAGE_COUNTS) if (!isCount(d[k])) return `bad '${k}'`;
  if (d.lossyChars + d.lossUnmeasuredChars > sum("chars")) return "more lost characters than characters";
  if (d.wordOccurrences !== sum("words")) return "word occurrences disagree with the words column";
  if (d.measuredWords > d.wordOccurrences || d.continuedWords + d.singleTokenWords > d.measuredWords)
    return "word counts out of range";
  if (d.isolatedSingleTokenWords > d.isolatedWords) return "isolated word counts out of range";
  return null;
}

/**
 * The entry in `text`, or why it is unusable (`problem`), for entries that exist but cannot be trusted.
 * A file that is not JSON (a torn write from another tool) is a problem too.
 */
export function deserialize(
  text: string,
  key: string,
): { tokenizer: TokenizerInfo; data: TokenizedLanguage } | { problem: string } {
  const entry = parseEntry(text, key, checkEntry);
  return "problem" in entry ? entry : fromEntry(entry);
}

function fromEntry(entry: CacheEntry): { tokenizer: TokenizerInfo; data: TokenizedLanguage } {
  const d = entry.data;
  const c = d.columns;
  return {
    tokenizer: entry.tokenizer,
    data: {
      tokenizer: d.tokenizer,
      language: d.language,
      vocabSize: d.vocabSize,
      segments: {
        ids: d.segmentIds,
        tokens: Uint32Array.from(c.tokens),
        bytes: Uint32Array.from(c.bytes),
        chars: Uint32Array.from(c.chars),
        words: Uint32Array.from(c.words),
        unk: Uint32Array.from(c.unk),
        byteFallback: Uint32Array.from(c.byteFallback),
      },
      tokenFrequencies: new Map(d.tokenFrequencies),
      ...languageCounts(d),
    },
  };
}

/** The tokenize results under `<dir>/<first two hex digits of the key>/<key>.json`. */
export class TokenizeCache {
  private readonly store: DiskCache<CacheEntry>;

  constructor(readonly dir: string) {
    this.store = new DiskCache<CacheEntry>(dir, { schema: TOKENIZE_SCHEMA_VERSION, shard: true, check: checkEntry });
  }

  /**
   * The cached result, or null on a miss. An entry that exists but fails validation is a miss too, reported
   * through `onInvalid` (the caller warns and recomputes, and the new result replaces it).
   */
  async get(
    key: string,
    onInvalid?: (path: string, problem: string) => void,
  ): Promise<{ tokenizer: TokenizerInfo; data: TokenizedLanguage } | null> {
    const entry = await this.store.get(key, onInvalid);
    return entry && fromEntry(entry);
  }

  /** Atomic (temp file, then rename): readers never see half a file. A failed write throws. */
  async set(key: string, tokenizer: TokenizerInfo, data: TokenizedLanguage): Promise<void> {
    await this.store.set(key, toEntry(tokenizer, data));
  }
}
