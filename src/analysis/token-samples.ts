// The token-boundary view's data: per language one sample segment as each tokenizer of the run splits it.
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Corpus } from "../corpus/open-corpus.js";
import {
  DiskCache,
  defaultCacheDir,
  invalidEntryWarning,
  isCount,
  isRecord,
  type UncheckedEntry,
} from "../disk-cache.js";
import { decodeUtf8 } from "../tokenizers/token-bytes.js";
import type { TokenGroup } from "../tokenizers/token-pieces.js";
import type { TokenizerSession } from "../tokenize/session.js";
import type { TokenSample, TokenSampleSection } from "../results/report-data.js";
import { tokenViews } from "../tokenizers/token-pieces.js";
import { packTokenSplit, STORED_SPELLINGS, unpackTokenSplit, type PackedTokenSplit } from "../results/packed-tokens.js";
import type { LanguageCode, Warning } from "../types.js";
import type { RunContext } from "./run-context.js";

/** Longest sample shown, in code points: a sample is the language's first segment, cut at a space before this. */
export const SAMPLE_MAX_CHARS = 300;

/** Longest sample in a report of more than `MANY_SAMPLE_LANGUAGES` languages: about one sentence, so the page stays small. */
export const SHORT_SAMPLE_MAX_CHARS = 150;

/** Above this many languages a report's samples default to `SHORT_SAMPLE_MAX_CHARS`. */
export const MANY_SAMPLE_LANGUAGES = 100;

/**
 * The default sample length for a run over `languages` languages: `SAMPLE_MAX_CHARS` (300) up to
 * `MANY_SAMPLE_LANGUAGES` (100) languages, `SHORT_SAMPLE_MAX_CHARS` (150) above, where the samples of every
 * language x tokenizer would otherwise be most of the page (all UDHR languages x 10 tokenizers: ~4 MB at 300).
 */
export function defaultSampleChars(languages: number): number {
  return languages > MANY_SAMPLE_LANGUAGES ? SHORT_SAMPLE_MAX_CHARS : SAMPLE_MAX_CHARS;
}

/** How a sample was cut from its segment: not at all, or as `TokenSample.cut` says. */
export type SampleCut = "whole" | NonNullable<TokenSample["cut"]>;

/**
 * Sentence ends: `.`, `!`, `?` and `;` (the Greek question mark) before white space or the end, and the full stops
 * and question marks of other scripts (Devanagari danda, Ethiopic, Arabic, Urdu, Armenian, Myanmar, Khmer, CJK),
 * each with the closing quotes or brackets after it. Thai and Lao end sentences with a space only: cut at a space.
 */
const SENTENCE_END = /(?:[.!?;](?=[\p{Pf}\p{Pe}"'»]*(?:\s|$))|[।॥።፧؟۔։။។。！？])[\p{Pf}\p{Pe}"'»」』）]*/gu;

/**
 * The first `max` code points of `text` and how they were cut: after its last sentence end there when that keeps
 * at least a third of `max`, else at its last white space when there is one past the middle, else inside a word.
 */
export function cutSampleAt(text: string, max = SAMPLE_MAX_CHARS): { text: string; cut: SampleCut } {
  const cps = [...text];
  if (cps.length <= max) return { text, cut: "whole" };
  const head = cps.slice(0, max).join("");
  let sentence = -1;
  for (const m of head.matchAll(SENTENCE_END)) sentence = m.index + m[0].length;
  if (sentence >= 0 && [...head.slice(0, sentence)].length >= max / 3)
    return { text: head.slice(0, sentence), cut: "sentence" };
  const space = head.search(/\s\S*$/u);
  return space > head.length / 2 ? { text: head.slice(0, space), cut: "space" } : { text: head, cut: "char" };
}

/** The sample `cutSampleAt` cuts from `text`: its text only. */
export function cutSample(text: string, max = SAMPLE_MAX_CHARS): string {
  return cutSampleAt(text, max).text;
}

/**
 * Bump when the cached splits' shape or their computation changes (1: the first with a schema in the key; 2: the
 * split packed, as the page stores it, so a warm run neither parses full token groups nor packs them again).
 */
const SAMPLE_CACHE_VERSION = 2;

/** A packed split without its tokenizer id (entries are shared by tokenizers with the same files), and its text. */
type CachedSplit = Omit<PackedTokenSplit, "tokenizer">;

interface SampleCacheEntry {
  /** The sample text the split was packed against (`PackedTokenSplit.text` is kept only when it differs). */
  text: string;
  split: CachedSplit;
}

/** Bytes as lower-case hex pairs separated by spaces (`e0 a4`), or "" for none. */
const HEX_BYTES = /^(?:[0-9a-f]{2}(?: [0-9a-f]{2})*)?$/;
const isViewToken = (x: unknown) =>
  isRecord(x) &&
  isCount(x["id"]) &&
  typeof x["token"] === "string" &&
  typeof x["hex"] === "string" &&
  HEX_BYTES.test(x["hex"]);
const isGroup = (x: unknown) =>
  isRecord(x) &&
  typeof x["text"] === "string" &&
  typeof x["bytes"] === "boolean" &&
  Array.isArray(x["tokens"]) &&
  x["tokens"].every(isViewToken);

const isException = (x: unknown) => Array.isArray(x) && x.length === 2 && isCount(x[0]) && typeof x[1] === "string";
const isExceptions = (x: unknown) => x === undefined || (Array.isArray(x) && x.every(isException));
const isCachedSplit = (x: unknown): x is CachedSplit =>
  isRecord(x) &&
  (x["text"] === undefined || typeof x["text"] === "string") &&
  typeof x["ids"] === "string" &&
  /^(?:\d+(?: \d+)*)?$/.test(x["ids"]) &&
  typeof x["groups"] === "string" &&
  /^(?:\d+(?::\d+)*(?: \d+(?::\d+)*)*)?$/.test(x["groups"]) &&
  (STORED_SPELLINGS as readonly unknown[]).includes(x["stored"]) &&
  isExceptions(x["storedExceptions"]) &&
  isExceptions(x["hexExceptions"]);

/** UTF-8 bytes of a string without lone surrogates, counted without encoding it. */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Whether `text` has no lone surrogate (String.prototype.isWellFormed, which ES2023's lib does not type). */
function wellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHighSurrogate(c) && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    else if (isHighSurrogate(c) || isLowSurrogate(c)) return false;
  }
  return true;
}

/**
 * Whether a packed split of the right shape passes `fullSampleEntryProblem` for certain, read without unpacking
 * it: no hex exceptions (every token's bytes are then its share of its group's UTF-8), a text without lone
 * surrogates, group lengths covering exactly the text and never cutting a surrogate pair, each hex group's byte
 * counts adding up to its text's UTF-8, as many safe-integer ids as tokens. Its tokens then spell the text; a split
 * this cannot vouch for gets the full check, which decodes every token.
 */
function plainlyConsistent(sampleText: string, split: CachedSplit): boolean {
  if (split.hexExceptions) return false;
  const text = split.text ?? sampleText;
  if (!wellFormed(text)) return false;
  let pos = 0;
  let tokens = 0;
  for (const g of split.groups === "" ? [] : split.groups.split(" ")) {
    const colon = g.indexOf(":");
    if (colon < 0) {
      pos += Number(g);
      tokens++;
    } else {
      const [length, ...counts] = g.split(":").map(Number);
      const bytes = counts.reduce((a, b) => a + b, 0);
      if (utf8Length(text.slice(pos, pos + length!)) !== bytes) return false;
      pos += length!;
      tokens += counts.length;
    }
    if (pos > text.length) return false;
    if (isHighSurrogate(text.charCodeAt(pos - 1)) && isLowSurrogate(text.charCodeAt(pos))) return false;
  }
  if (pos !== text.length) return false;
  const ids = split.ids === "" ? [] : split.ids.split(" ");
  return ids.length === tokens && ids.every((id) => Number.isSafeInteger(Number(id)));
}

/**
 * A packed split of the right shape that unpacks into token groups whose texts are what their tokens' bytes spell
 * (as `groupTokens` made them): a group whose text its tokens do not give is not a split of any tokenizer, and must
 * not be shown. Most entries are vouched for by `plainlyConsistent` without decoding their tokens (a warm report
 * checks about 450); the rest get the full check.
 */
export function sampleEntryProblem(entry: UncheckedEntry<SampleCacheEntry>): string | null {
  if (typeof entry.text !== "string" || !isCachedSplit(entry.split)) return "bad packed split";
  return plainlyConsistent(entry.text, entry.split) ? null : fullSampleEntryProblem(entry.text, entry.split);
}

/** Why a packed split of the right shape does not spell `sampleText`, found by unpacking and decoding every token. */
export function fullSampleEntryProblem(sampleText: string, split: CachedSplit): string | null {
  const entry = { text: sampleText, split };
  let groups: TokenGroup[];
  try {
    groups = unpackTokenSplit(entry.text, { tokenizer: "cached", ...entry.split });
  } catch {
    return "its groups and ids do not match";
  }
  if (!groups.every(isGroup)) return "bad token groups";
  const spelled = groups.map((g) => g.text).join("");
  if (spelled !== (entry.split.text ?? entry.text)) return "its groups do not cover its text";
  const hex = groups.flatMap((g) => g.tokens.map((t) => t.hex)).filter((h) => h !== "");
  const bytes = Uint8Array.from(hex.join(" ").split(" ").filter(Boolean), (h) => parseInt(h, 16));
  return decodeUtf8(bytes) === spelled ? null : "its tokens do not spell its text";
}

/**
 * Splits already computed, under `<cache>/samples/<key>.json`, keyed by the tokenizer fingerprint and the text;
 * a failed write only costs time, so it is ignored.
 */
function sampleCache(dir: string | null): DiskCache<SampleCacheEntry> {
  return new DiskCache(dir, { schema: SAMPLE_CACHE_VERSION, quietWrites: true, check: sampleEntryProblem });
}

/** A cached split under `tokenizer`, its fields in the order packTokenSplit gives them (the page's bytes follow it). */
function withTokenizer(tokenizer: string, s: CachedSplit): PackedTokenSplit {
  return {
    tokenizer,
    ...(s.text !== undefined ? { text: s.text } : {}),
    ids: s.ids,
    groups: s.groups,
    stored: s.stored,
    ...(s.storedExceptions ? { storedExceptions: s.storedExceptions } : {}),
    ...(s.hexExceptions ? { hexExceptions: s.hexExceptions } : {}),
  };
}

/** Bump when a sample set entry's shape changes (1: the first). */
const SAMPLE_SET_CACHE_VERSION = 1;

/** Every split of a run's samples in one entry, so a warm report reads one file instead of one per split. */
interface SampleSetEntry {
  /** sha256 of `splits`: an entry whose text was damaged without breaking its JSON is a miss too. */
  sha256: string;
  /** JSON of the splits, per sample then per tokenizer (`CachedSplit[][]`), as the check hashes it. */
  splits: string;
}

function sampleSetProblem(entry: UncheckedEntry<SampleSetEntry>): string | null {
  if (typeof entry.sha256 !== "string" || typeof entry.splits !== "string") return "bad sample set";
  return createHash("sha256").update(entry.splits).digest("hex") === entry.sha256
    ? null
    : "its splits do not match their hash";
}

/** `<cache>/sample-sets/<key>.json`, keyed by the tokenizers' fingerprints and the sample texts, in order. */
function sampleSetCache(dir: string | null): DiskCache<SampleSetEntry> {
  return new DiskCache(dir, { schema: SAMPLE_SET_CACHE_VERSION, quietWrites: true, check: sampleSetProblem });
}

/** A language's sample: its first non-empty segment, cut. */
interface Picked {
  language: LanguageCode;
  segment: { id: string; text: string };
  text: string;
  cut: SampleCut;
}

/** Each language's first non-empty segment, cut to `maxChars`; languages without text are left out. */
async function pickSamples(
  corpus: Pick<Corpus, "segments">,
  languages: readonly LanguageCode[],
  maxChars: number,
): Promise<Picked[]> {
  const picked: Picked[] = [];
  for (const language of languages) {
    for await (const segment of corpus.segments(language)) {
      if (segment.text.trim() === "") continue;
      picked.push({ language, segment, ...cutSampleAt(segment.text, maxChars) });
      break;
    }
  }
  return picked;
}

/** The set's splits from its entry if it is whole and has `samples` x `tokenizers` packed splits, else null. */
function cachedSampleSet(
  store: DiskCache<SampleSetEntry>,
  key: string,
  samples: number,
  tokenizers: number,
  onInvalid: (path: string, problem: string) => void,
): CachedSplit[][] | null {
  const entry = store.dir ? store.getSync(key, onInvalid) : null;
  if (!entry) return null;
  const splits = JSON.parse(entry.splits) as unknown;
  const whole =
    Array.isArray(splits) &&
    splits.length === samples &&
    splits.every((row) => Array.isArray(row) && row.length === tokenizers && row.every(isCachedSplit));
  if (whole) return splits as CachedSplit[][];
  onInvalid(store.path(key), `not ${samples} x ${tokenizers} packed splits`);
  return null;
}

/**
 * One tokenizer's splits of `texts`: each from its cache entry when that is whole, the rest encoded in one batch
 * (one call into the engine, not one per language) and cached.
 */
async function splitsOf(
  session: TokenizerSession,
  tokenizer: string,
  fingerprint: string,
  texts: readonly string[],
  store: DiskCache<SampleCacheEntry>,
  onInvalid: (path: string, problem: string) => void,
): Promise<CachedSplit[]> {
  const splits: (CachedSplit | undefined)[] = [];
  const missing: number[] = [];
  for (const [s, text] of texts.entries()) {
    const k = store.key({ fingerprint, text });
    const hit = await store.get(k, onInvalid);
    // the key holds the text, so another text in the entry is a forgery (or a hash collision): recomputed
    if (hit && hit.text !== text) onInvalid(store.path(k), "its text is not the sample's");
    else if (hit) {
      splits.push(hit.split);
      continue;
    }
    splits.push(undefined);
    missing.push(s);
  }
  if (missing.length === 0) return splits as CachedSplit[];
  const views = await tokenViews(
    await session.tokenizer(tokenizer),
    missing.map((s) => texts[s]!),
  );
  for (const [m, s] of missing.entries()) {
    const text = texts[s]!;
    const groups = views[m];
    if (!groups) throw new Error(`internal error: no token view of a sample for ${tokenizer}`);
    const { tokenizer: _id, ...packed } = packTokenSplit(tokenizer, text, groups);
    await store.set(store.key({ fingerprint, text }), { text, split: packed });
    splits[s] = packed;
  }
  return splits as CachedSplit[];
}

/**
 * Reads each language's first non-empty segment and encodes it with the session's loaded tokenizers (the ones the
 * tokenize phase used: nothing is loaded twice). The whole set of splits is cached in one entry, and each split in
 * its own (shared by runs with other languages or tokenizers), so a repeated run loads no tokenizer for its samples.
 * Languages without text are left out. A cache entry that fails its check is recomputed, with a
 * `cache-entry-invalid` warning pushed to `warnings`.
 */
export async function tokenSamples(
  corpus: Pick<Corpus, "segments">,
  languages: readonly LanguageCode[],
  tokenizers: readonly string[],
  session: TokenizerSession,
  maxChars = SAMPLE_MAX_CHARS,
  cache?: string | false,
  warnings?: Warning[],
): Promise<TokenSampleSection> {
  const dir = cache === false ? null : (cache ?? defaultCacheDir());
  const store = sampleCache(dir === null ? null : join(dir, "samples"));
  const sets = sampleSetCache(dir === null ? null : join(dir, "sample-sets"));
  const onInvalid = (path: string, problem: string) => warnings?.push(invalidEntryWarning(path, problem));
  const hashes = { dir, onWarning: (w: Warning) => warnings?.push(w) };
  const fingerprints = await Promise.all(tokenizers.map((ref) => session.fingerprint(ref, hashes)));
  const picked = await pickSamples(corpus, languages, maxChars);
  const setKey = sets.key({ fingerprints, texts: picked.map((p) => p.text) });
  let splits = cachedSampleSet(sets, setKey, picked.length, tokenizers.length, onInvalid);
  if (!splits) {
    const texts = picked.map((p) => p.text);
    const columns: CachedSplit[][] = [];
    for (let i = 0; i < tokenizers.length; i++)
      columns.push(await splitsOf(session, tokenizers[i]!, fingerprints[i]!, texts, store, onInvalid));
    splits = picked.map((_, s) => columns.map((column) => column[s]!));
    const json = JSON.stringify(splits);
    await sets.set(setKey, { sha256: createHash("sha256").update(json).digest("hex"), splits: json });
  }
  const samples = picked.map(({ language, segment, text, cut }, s): TokenSample => {
    const sample: TokenSample = {
      language,
      segment: segment.id,
      text,
      splits: splits[s]!.map((packed, i) => withTokenizer(tokenizers[i]!, packed)),
    };
    if (cut !== "whole") Object.assign(sample, { cut, segmentChars: [...segment.text].length });
    return sample;
  });
  return { samples };
}

/** `tokenSamples` in a run's context: its corpus (already open), session and cache; cache warnings go to `warnings`. */
export function samplesWithContext(
  ctx: Pick<RunContext, "corpus" | "session" | "cache">,
  languages: readonly LanguageCode[],
  tokenizers: readonly string[],
  maxChars: number,
  warnings?: Warning[],
): Promise<TokenSampleSection> {
  return tokenSamples(ctx.corpus, languages, tokenizers, ctx.session, maxChars, ctx.cache, warnings);
}
