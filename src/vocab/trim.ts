// Vocabulary trimming (Ushio et al. 2023): how much of a vocabulary a language uses, and a trimmed tokenizer.json.
import { ConfigError } from "../errors.js";
import { usesByteLevel } from "../tokenizers/json-components.js";
import { BYTE_TO_UNICODE } from "../tokenizers/token-bytes.js";
import { mergePair, type TokenizerJson } from "./tokenizer-json.js";

/** Coverage targets reported by default: shares of token occurrences. */
export const COVERAGE_TARGETS = [0.9, 0.95, 0.99, 0.999, 1] as const;

export interface RankedToken {
  id: number;
  token: string;
  count: number;
  /** Share of all occurrences covered by this token and every more frequent one (0..1). */
  cumulativeShare: number;
}

export interface CoveragePoint {
  /** Share of token occurrences to cover (0..1). */
  target: number;
  /** The fewest most-frequent tokens whose occurrences reach the target. */
  tokens: number;
  /** tokens / vocabulary size (0..1). */
  shareOfVocab: number;
}

/** Frequency-ranked tokens (most frequent first, ties by id) with cumulative coverage. */
export function rankTokens(frequencies: ReadonlyMap<number, number>, tokenOf: (id: number) => string): RankedToken[] {
  const total = [...frequencies.values()].reduce((a, b) => a + b, 0);
  const sorted = [...frequencies.entries()].filter(([, c]) => c > 0).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  let cum = 0;
  return sorted.map(([id, count]) => {
    cum += count;
    return { id, token: tokenOf(id), count, cumulativeShare: total ? cum / total : 0 };
  });
}

/** How many of the most frequent tokens cover each target share of occurrences. */
export function coverageCurve(
  ranked: readonly RankedToken[],
  vocabSize: number,
  targets: readonly number[] = COVERAGE_TARGETS,
): CoveragePoint[] {
  const total = ranked.reduce((a, t) => a + t.count, 0);
  return targets.map((target) => {
    let tokens = 0;
    if (total > 0) {
      // an integer threshold, so rounding in target * total cannot demand one occurrence too many
      const need = Math.ceil(target * total - 1e-6);
      let cum = 0;
      for (const t of ranked) {
        if (cum >= need) break;
        cum += t.count;
        tokens++;
      }
    }
    return { target, tokens, shareOfVocab: vocabSize ? tokens / vocabSize : 0 };
  });
}

/** Tokens of a tokenizer.json by id (model vocabulary and added tokens). */
export function tokensById(json: TokenizerJson): Map<number, string> {
  const out = new Map<number, string>();
  const m = json.model;
  if (m.type === "Unigram") m.vocab.forEach(([piece], i) => out.set(i, piece));
  else for (const [t, id] of Object.entries(m.vocab)) out.set(id, t);
  for (const a of json.added_tokens) out.set(a.id, a.content);
  return out;
}

/**
 * The tokens every trimmed vocabulary keeps so any text stays encodable: the 256 byte tokens of a
 * byte-level vocabulary, the `<0xNN>` pieces of a byte-fallback one, and the unknown token.
 */
export function baseAlphabet(json: TokenizerJson): Set<string> {
  const out = new Set<string>();
  const m = json.model;
  const pieces = m.type === "Unigram" ? new Set(m.vocab.map(([p]) => p)) : new Set(Object.keys(m.vocab));
  const vocabHas = (t: string): boolean => pieces.has(t);
  if (usesByteLevel(json)) for (const ch of BYTE_TO_UNICODE) if (vocabHas(ch)) out.add(ch);
  for (let b = 0; b < 256; b++) {
    const piece = `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`;
    if (vocabHas(piece)) out.add(piece);
  }
  if (m.type === "BPE" && m.unk_token) out.add(m.unk_token);
  if (m.type === "Unigram" && m.unk_id !== null) {
    const unk = m.vocab[m.unk_id];
    if (unk) out.add(unk[0]);
  }
  if (m.type === "WordPiece" && typeof m.unk_token === "string") out.add(m.unk_token);
  return out;
}

type BpeModel = Extract<TokenizerJson["model"], { type: "BPE" }>;

/** Each merge of a BPE model with the token it produces (a continuing-subword prefix on the right part dropped). */
function* mergesWithResults(
  m: BpeModel,
): Generator<{ raw: BpeModel["merges"][number]; a: string; b: string; result: string }> {
  const prefix = m.continuing_subword_prefix ?? "";
  for (const raw of m.merges) {
    const [a, b] = mergePair(raw);
    yield { raw, a, b, result: a + (prefix && b.startsWith(prefix) ? b.slice(prefix.length) : b) };
  }
}

/**
 * Adds to `kept` every token a BPE merge path to a kept token can pass through: both parts of every merge
 * whose result is kept, recursively. BPE on a word applies the lowest-ranked applicable merge; with all
 * merges of the original path present and only other merges removed, each step picks the same merge, so
 * the kept tokens are produced exactly as before.
 */
export function addMergeAncestors(json: TokenizerJson, kept: Set<string>): number {
  const m = json.model;
  if (m.type !== "BPE") return 0;
  const producers = new Map<string, Array<[string, string]>>();
  for (const { a, b, result } of mergesWithResults(m)) {
    let list = producers.get(result);
    if (!list) producers.set(result, (list = []));
    list.push([a, b]);
  }
  let added = 0;
  const stack = [...kept];
  while (stack.length) {
    const t = stack.pop()!;
    for (const [a, b] of producers.get(t) ?? []) {
      for (const part of [a, b]) {
        if (!kept.has(part)) {
          kept.add(part);
          added++;
          stack.push(part);
        }
      }
    }
  }
  return added;
}

export interface TrimSelection {
  /** Token strings the trimmed vocabulary keeps. */
  kept: Set<string>;
  used: number;
  special: number;
  base: number;
  ancestors: number;
}

/**
 * Chooses what a trimmed vocabulary keeps: added/special tokens, the base alphabet, every token used at
 * least `minFrequency` times, and (BPE) the merge ancestors of those.
 */
export function selectTrimmedTokens(
  json: TokenizerJson,
  frequencies: ReadonlyMap<number, number>,
  minFrequency = 1,
): TrimSelection {
  if (json.model.type === "WordPiece" || json.model.type === "WordLevel") {
    throw new ConfigError(
      `Trimming supports BPE and Unigram tokenizer.json files, not ${json.model.type}: greedy WordPiece matching can ` +
        "change when unused longer pieces are removed. Use a BPE or Unigram tokenizer.",
    );
  }
  const byId = tokensById(json);
  const kept = new Set<string>();
  let used = 0;
  for (const [id, count] of frequencies) {
    const t = byId.get(id);
    if (t !== undefined && count >= Math.max(1, minFrequency) && !kept.has(t)) {
      kept.add(t);
      used++;
    }
  }
  let special = 0;
  for (const a of json.added_tokens) {
    if (!kept.has(a.content)) {
      kept.add(a.content);
      special++;
    }
  }
  let base = 0;
  for (const t of baseAlphabet(json)) {
    if (!kept.has(t)) {
      kept.add(t);
      base++;
    }
  }
  const ancestors = addMergeAncestors(json, kept);
  return { kept, used, special, base, ancestors };
}

export interface TrimmedTokenizer {
  json: TokenizerJson;
  /** [old id, new id] for every kept id, in old-id order: row `new` of the new embedding matrix is row `old` of the old. */
  idMap: Array<[number, number]>;
  /** Merges kept (BPE). */
  merges: number;
}

/** Rewrites ids inside a post-processor (TemplateProcessing's special_tokens, Bert/Roberta cls/sep). */
function remapPostProcessor(node: unknown, remap: (id: number) => number | undefined, owner: string): unknown {
  if (Array.isArray(node)) return node.map((n) => remapPostProcessor(n, remap, owner));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === "ids" && Array.isArray(v)) {
      out[k] = v.map((id: number) => {
        const n = remap(id);
        if (n === undefined)
          throw new ConfigError(
            `The post-processor of ${owner} uses id ${id}, which trimming removed; keep it with the added tokens.`,
          );
        return n;
      });
    } else if ((k === "cls" || k === "sep") && Array.isArray(v) && v.length === 2 && typeof v[1] === "number") {
      out[k] = [v[0], remap(v[1]) ?? v[1]];
    } else out[k] = remapPostProcessor(v, remap, owner);
  }
  return out;
}

/**
 * A tokenizer.json holding only `kept` tokens, ids renumbered densely in old-id order, merges filtered to
 * those whose parts and result are kept, added tokens and post-processor ids remapped.
 */
export function trimTokenizerJson(
  json: TokenizerJson,
  kept: ReadonlySet<string>,
  owner = "the tokenizer",
): TrimmedTokenizer {
  const byId = tokensById(json);
  const oldIds = [...byId.keys()].filter((id) => kept.has(byId.get(id)!)).sort((a, b) => a - b);
  const newOf = new Map<number, number>();
  oldIds.forEach((old, i) => newOf.set(old, i));
  const idMap: Array<[number, number]> = oldIds.map((old, i) => [old, i]);
  const m = json.model;
  let model: TokenizerJson["model"];
  let merges = 0;
  if (m.type === "Unigram") {
    const vocab = m.vocab.filter(([piece]) => kept.has(piece));
    const unk = m.unk_id === null ? null : (newOf.get(m.unk_id) ?? null);
    model = { ...m, vocab, unk_id: unk };
  } else if (m.type === "BPE") {
    const vocab: Record<string, number> = {};
    for (const [t, id] of Object.entries(m.vocab)) {
      const n = newOf.get(id);
      if (n !== undefined) vocab[t] = n;
    }
    const kept2 = [...mergesWithResults(m)]
      .filter(({ a, b, result }) => kept.has(a) && kept.has(b) && kept.has(result))
      .map(({ raw }) => raw);
    merges = kept2.length;
    model = { ...m, vocab, merges: kept2 };
  } else {
    throw new ConfigError(`Trimming supports BPE and Unigram tokenizer.json files, not ${m.type}.`);
  }
  const added_tokens = json.added_tokens.filter((a) => newOf.has(a.id)).map((a) => ({ ...a, id: newOf.get(a.id)! }));
  const post_processor = remapPostProcessor(json.post_processor, (id) => newOf.get(id), owner);
  return { json: { ...json, added_tokens, post_processor, model }, idMap, merges };
}

export interface TrimReport {
  /** Entries the original vocabulary defines. */
  vocabSize: number;
  occurrences: number;
  /** Distinct tokens the corpus uses. */
  usedTokens: number;
  coverage: CoveragePoint[];
  /** The most frequent tokens (up to `top`). */
  ranked: RankedToken[];
  minFrequency: number;
  /** Size of the trimmed vocabulary and what it is made of. */
  trimmedSize: number;
  keptUsed: number;
  keptSpecial: number;
  keptBase: number;
  keptAncestors: number;
  removed: number;
  /** Hidden size the savings are computed for, or null. */
  hiddenSize: number | null;
  /** removed x hidden size: rows dropped from the input embedding (double it for an untied output layer). */
  embeddingParametersSaved: number | null;
}

export interface TrimOptions {
  /**
   * Keep tokens used at least this many times in the target corpus.
   * @default 1
   */
  minFrequency?: number;
  /** Model hidden size (embedding width), for the parameter savings. */
  hiddenSize?: number;
  /**
   * Ranked tokens listed in the report.
   * @default 50
   */
  top?: number;
}

/** The trimming table of one tokenizer.json for the token frequencies of a target corpus. */
export function trimReport(
  json: TokenizerJson,
  frequencies: ReadonlyMap<number, number>,
  options: TrimOptions = {},
): { report: TrimReport; selection: TrimSelection } {
  const byId = tokensById(json);
  const minFrequency = options.minFrequency ?? 1;
  const ranked = rankTokens(frequencies, (id) => byId.get(id) ?? `<id ${id}>`);
  const selection = selectTrimmedTokens(json, frequencies, minFrequency);
  const vocabSize = byId.size;
  let trimmedSize = 0;
  for (const t of byId.values()) if (selection.kept.has(t)) trimmedSize++;
  const removed = vocabSize - trimmedSize;
  const hidden = options.hiddenSize ?? null;
  return {
    selection,
    report: {
      vocabSize,
      occurrences: ranked.reduce((a, t) => a + t.count, 0),
      usedTokens: ranked.length,
      coverage: coverageCurve(ranked, vocabSize),
      ranked: ranked.slice(0, options.top ?? 50),
      minFrequency,
      trimmedSize,
      keptUsed: selection.used,
      keptSpecial: selection.special,
      keptBase: selection.base,
      keptAncestors: selection.ancestors,
      removed,
      hiddenSize: hidden,
      embeddingParametersSaved: hidden === null ? null : removed * hidden,
    },
  };
}

export interface TrimVerification {
  /** Texts compared. */
  texts: number;
  /** Texts whose token strings differ between the original and the trimmed tokenizer. */
  mismatches: number;
  /** True when every text tokenizes to the same token strings. */
  identical: boolean;
  /** The first differing text, for debugging. */
  firstMismatch: { index: number; original: string[]; trimmed: string[] } | null;
}

/** Token frequencies of texts under a tokenizer.json (no special tokens added). */
export async function tokenFrequencies(json: TokenizerJson, texts: readonly string[]): Promise<Map<number, number>> {
  const { jsonTokenizerEngine } = await import("./json-engine.js");
  const engine = await jsonTokenizerEngine(json);
  const freq = new Map<number, number>();
  for (const t of texts) for (const id of engine.encode(t).ids) freq.set(id, (freq.get(id) ?? 0) + 1);
  return freq;
}

/** Tokenizes every text with both tokenizers and compares the token strings. */
export async function verifyTrimmed(
  original: TokenizerJson,
  trimmed: TokenizerJson,
  texts: readonly string[],
): Promise<TrimVerification> {
  const { jsonTokenizerEngine } = await import("./json-engine.js");
  const a = await jsonTokenizerEngine(original);
  const b = await jsonTokenizerEngine(trimmed);
  let mismatches = 0;
  let firstMismatch: TrimVerification["firstMismatch"] = null;
  texts.forEach((text, index) => {
    const x = a.encode(text).tokens;
    const y = b.encode(text).tokens;
    if (x.length !== y.length || x.some((t, i) => t !== y[i])) {
      mismatches++;
      firstMismatch ??= { index, original: x, trimmed: y };
    }
  });
  return { texts: texts.length, mismatches, identical: mismatches === 0, firstMismatch };
}

/** Trimming end to end on a target corpus: the table, the trimmed tokenizer.json and the identity check. */
export async function trimForTexts(
  json: TokenizerJson,
  texts: readonly string[],
  options: TrimOptions & { owner?: string } = {},
): Promise<{ report: TrimReport; trimmed: TrimmedTokenizer; verification: TrimVerification }> {
  const freq = await tokenFrequencies(json, texts);
  const { report, selection } = trimReport(json, freq, options);
  const trimmed = trimTokenizerJson(json, selection.kept, options.owner);
  const verification = await verifyTrimmed(json, trimmed.json, texts);
  return { report, trimmed, verification };
}
