// On-disk cache of tokenize results, keyed by tokenizer file hash, corpus text hash and toolkit version; writes are atomic.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createHash, randomBytes } from "node:crypto";
import { homedir } from "node:os";
import { join } from "node:path";
import { TOOLKIT_VERSION } from "../version.js";
import type { LanguageCode, TokenizedLanguage } from "../types.js";
import type { CompareResult } from "../report/report-data.js";
import { TOKENIZE_SCHEMA_VERSION } from "./tokenize-corpus.js";

/** What a report needs to know about a tokenizer without loading it again (as `compare --json` lists it). */
export type TokenizerInfo = CompareResult["tokenizers"][number];

/** The cache directory: $TOKLENS_CACHE_DIR, else $XDG_CACHE_HOME/toklens, else ~/.cache/toklens. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env["TOKLENS_CACHE_DIR"]) return env["TOKLENS_CACHE_DIR"];
  const xdg = env["XDG_CACHE_HOME"];
  return join(xdg && xdg !== "" ? xdg : join(homedir(), ".cache"), "toklens");
}

export function cacheKey(tokenizerSha256: string, language: LanguageCode, corpusSha256: string): string {
  return createHash("sha256")
    .update(JSON.stringify({ toolkit: TOOLKIT_VERSION, schema: TOKENIZE_SCHEMA_VERSION, tokenizer: tokenizerSha256, language, corpus: corpusSha256 }))
    .digest("hex");
}

/** The cached form: columns instead of per-segment objects, frequencies as [id, count] pairs. */
interface CacheFile {
  key: string;
  tokenizer: TokenizerInfo;
  data: {
    tokenizer: string;
    language: string;
    vocabSize: number;
    segmentIds: string[];
    columns: { tokens: number[]; bytes: number[]; chars: number[]; words: number[]; unk: number[]; byteFallback: number[] };
    tokenFrequencies: Array<[number, number]>;
    wordOccurrences: number;
    wordAloneTokens: number;
    continuedWords: number;
  };
}

export function serialize(key: string, tokenizer: TokenizerInfo, t: TokenizedLanguage): string {
  const col = (f: (s: TokenizedLanguage["segments"][number]) => number) => t.segments.map(f);
  const file: CacheFile = {
    key,
    tokenizer,
    data: {
      tokenizer: t.tokenizer,
      language: t.language,
      vocabSize: t.vocabSize,
      segmentIds: t.segments.map((s) => s.id),
      columns: {
        tokens: col((s) => s.tokens),
        bytes: col((s) => s.bytes),
        chars: col((s) => s.chars),
        words: col((s) => s.words),
        unk: col((s) => s.unk),
        byteFallback: col((s) => s.byteFallback),
      },
      tokenFrequencies: [...t.tokenFrequencies.entries()],
      wordOccurrences: t.wordOccurrences,
      wordAloneTokens: t.wordAloneTokens,
      continuedWords: t.continuedWords,
    },
  };
  return JSON.stringify(file);
}

export function deserialize(text: string, key: string): { tokenizer: TokenizerInfo; data: TokenizedLanguage } | null {
  let file: CacheFile;
  try {
    file = JSON.parse(text) as CacheFile;
  } catch {
    return null;
  }
  if (!file || file.key !== key || !file.data?.columns) return null;
  const d = file.data;
  const c = d.columns;
  return {
    tokenizer: file.tokenizer,
    data: {
      tokenizer: d.tokenizer,
      language: d.language,
      vocabSize: d.vocabSize,
      segments: d.segmentIds.map((id, i) => ({
        id,
        tokens: c.tokens[i]!,
        bytes: c.bytes[i]!,
        chars: c.chars[i]!,
        words: c.words[i]!,
        unk: c.unk[i]!,
        byteFallback: c.byteFallback[i]!,
      })),
      tokenFrequencies: new Map(d.tokenFrequencies),
      wordOccurrences: d.wordOccurrences,
      wordAloneTokens: d.wordAloneTokens,
      continuedWords: d.continuedWords,
    },
  };
}

export class TokenizeCache {
  constructor(readonly dir: string) {}

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The cached result, or null on a miss or an unreadable/corrupted entry (which is then recomputed). */
  async get(key: string): Promise<{ tokenizer: TokenizerInfo; data: TokenizedLanguage } | null> {
    let text: string;
    try {
      text = await readFile(this.path(key), "utf8");
    } catch {
      return null;
    }
    return deserialize(text, key);
  }

  /** Writes to a unique temp file in the same directory, then renames: readers never see half a file. */
  async set(key: string, tokenizer: TokenizerInfo, data: TokenizedLanguage): Promise<void> {
    const target = this.path(key);
    const dir = join(this.dir, key.slice(0, 2));
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${key}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      await writeFile(tmp, serialize(key, tokenizer, data));
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }
}
