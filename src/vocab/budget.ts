// One budget of new tokens for several languages: splits, the strategies' merges, and held-out premiums with intervals.
import { countWords } from "../corpus/words.js";
import { ConfigError } from "../errors.js";
import { bootstrapRatio, type BootstrapSettings } from "../metrics/bootstrap.js";
import { giniCoefficient } from "../metrics/gini.js";
import { BYTE_TO_UNICODE, byteLevelToBytes, decodeUtf8OrNull, utf8, WORD_MARKER } from "../tokenizers/token-bytes.js";
import type { LanguageCode, Segment } from "../types.js";
import { countBpeWords, expandTokenizerJson, kneePoint, takeSteps } from "./expand.js";
import { jsonTokenizerEngine, type JsonTokenizerEngine } from "./json-engine.js";
import {
  combineProportional,
  learnAlone,
  learnShared,
  splitBudget,
  type BudgetStrategy,
  type MultiMerge,
  type ParityVariant,
  type WordCounts,
} from "./multi-bpe.js";
import { definedIds, type TokenizerJson } from "./tokenizer-json.js";

/** The three parts of each language's text: merges are learnt on `train`, parity chooses on `dev`, `test` measures. */
export interface BudgetSplits {
  train: Map<LanguageCode, Segment[]>;
  dev: Map<LanguageCode, Segment[]>;
  test: Map<LanguageCode, Segment[]>;
  /** How the parts were made, for the report. */
  description: string;
}

/**
 * FLORES-200 read as dev+devtest: dev (ids `dev:n`) trains and chooses, devtest (ids `devtest:n`) measures. Any
 * other corpus: interleaved thirds by segment id, the ids taken in the order the languages list them (targets,
 * then the pivot): the 1st, 4th, 7th... id trains, the 2nd, 5th... is dev, the 3rd, 6th... is held out; one id is in
 * the same part in every language, so the parts stay parallel.
 */
export function budgetSplits(segments: ReadonlyMap<LanguageCode, Segment[]>, flores: boolean): BudgetSplits {
  const part = new Map<string, 0 | 1 | 2>();
  if (flores) {
    for (const list of segments.values())
      for (const s of list) part.set(s.id, s.id.startsWith("devtest:") ? 2 : s.id.startsWith("dev:") ? 0 : 2);
  } else {
    for (const list of segments.values())
      for (const s of list) if (!part.has(s.id)) part.set(s.id, (part.size % 3) as 0 | 1 | 2);
  }
  const split = (want: (p: 0 | 1 | 2) => boolean): Map<LanguageCode, Segment[]> =>
    new Map([...segments].map(([l, list]) => [l, list.filter((s) => want(part.get(s.id)!))]));
  const train = split((p) => p === 0);
  return {
    train,
    dev: flores ? train : split((p) => p === 1),
    test: split((p) => p === 2),
    description: flores
      ? "FLORES-200: dev trains and chooses (parity), devtest measures"
      : "interleaved thirds by segment id: 1st, 4th, ... train; 2nd, 5th, ... dev (parity's choice); 3rd, 6th, ... measured",
  };
}

/** Refuses what expansion cannot work on, naming the fix. */
export function checkBpe(base: TokenizerJson): void {
  const type = base.model.type;
  if (type === "BPE") return;
  throw new ConfigError(
    `Choosing new tokens appends BPE merges, so the tokenizer must be BPE; this one is ${type}. ` +
      (type === "Unigram"
        ? "A Unigram vocabulary (T5, XLM-R, Gemma's SentencePiece Unigram) has no merges to extend: use a BPE tokenizer (gpt2, llama3, mistral-7b...)."
        : "WordPiece/WordLevel vocabularies have no merges to extend: use a BPE tokenizer (gpt2, llama3, mistral-7b...)."),
  );
}

export interface LearnBudgetOptions {
  languages: readonly LanguageCode[];
  /** Budgets K (new tokens), positive. */
  budgets: readonly number[];
  strategy: BudgetStrategy;
  parity?: ParityVariant;
  minPairFrequency?: number;
}

/** The merges of each budget, in rank order. */
export type MergesByBudget = Map<number, MultiMerge[]>;

/**
 * Learns one strategy's merges for every budget. `frequency` and `parity` are greedy, so the merges of a smaller
 * budget are the first ones of the largest; `proportional` splits each budget anew by the languages' shares of
 * the training text (UTF-8 bytes) and recombines the languages' own merges.
 */
export async function learnBudget(
  base: TokenizerJson,
  splits: BudgetSplits,
  options: LearnBudgetOptions,
): Promise<MergesByBudget> {
  checkBpe(base);
  const engine = await jsonTokenizerEngine(base);
  const wordsOf = (m: Map<LanguageCode, Segment[]>): Map<LanguageCode, WordCounts> =>
    new Map(
      options.languages.map((l) => [
        l,
        countBpeWords(
          engine,
          (m.get(l) ?? []).map((s) => s.text),
        ),
      ]),
    );
  const maxK = Math.max(...options.budgets);
  const input = {
    languages: options.languages,
    train: wordsOf(splits.train),
    hasToken: (t: string) => engine.has(t),
    maxNewTokens: maxK,
    ...(options.minPairFrequency !== undefined ? { minPairFrequency: options.minPairFrequency } : {}),
    ...(options.parity ? { parity: options.parity } : {}),
  };
  const out: MergesByBudget = new Map();
  if (options.strategy === "proportional") {
    const bytes = options.languages.map((l) =>
      (splits.train.get(l) ?? []).reduce((n, s) => n + utf8(s.text).length, 0),
    );
    // a language's own merges beyond its part fill in for merges another language brought first
    const alone = learnAlone(
      input,
      splitBudget(maxK, bytes).map((q) => Math.min(maxK, Math.ceil(q * 1.25) + 32)),
    );
    for (const k of options.budgets)
      out.set(k, combineProportional(options.languages, alone, splitBudget(k, bytes), input.hasToken));
    return out;
  }
  const devSegments = parallelOnly(splits.dev, options.languages);
  // FLORES trains and chooses on the same text: count its words once
  const same =
    splits.dev === splits.train &&
    options.languages.every((l) => devSegments.get(l)!.length === (splits.train.get(l) ?? []).length);
  const dev = options.strategy === "parity" ? { dev: same ? input.train : wordsOf(devSegments) } : {};
  const merges = learnShared({ ...input, ...dev }, options.strategy);
  for (const k of options.budgets) out.set(k, takeSteps(merges, k) as MultiMerge[]);
  return out;
}

/** The dev segments whose id every target language has (parity compares token counts of the same sentences). */
function parallelOnly(
  dev: ReadonlyMap<LanguageCode, Segment[]>,
  languages: readonly LanguageCode[],
): Map<LanguageCode, Segment[]> {
  const lists = languages.map((l) => dev.get(l) ?? []);
  const common = lists.reduce<Set<string> | null>(
    (acc, list) => new Set(list.map((s) => s.id).filter((id) => acc === null || acc.has(id))),
    null,
  );
  return new Map(languages.map((l, i) => [l, lists[i]!.filter((s) => common?.has(s.id))]));
}

/** One language's held-out figures under one tokenizer. */
export interface HeldOutLanguage {
  language: LanguageCode;
  /** Held-out segments aligned with the pivot. */
  segments: number;
  tokens: number;
  pivotTokens: number;
  words: number;
  premium: number | null;
  premiumCi: [number, number] | null;
  fertility: number | null;
  fertilityCi: [number, number] | null;
}

/** The held-out figures of one tokenizer (the base, or one strategy at one budget). */
export interface BudgetPoint {
  strategy: BudgetStrategy | "base";
  requested: number;
  addedTokens: number;
  mergesAdded: number;
  vocabSize: number;
  languages: HeldOutLanguage[];
  /** The pivot's tokens on all its held-out segments (new merges can change it too). */
  pivotTokens: number;
  maxPremium: number | null;
  meanPremium: number | null;
  /** Gini of the target languages' premiums. */
  gini: number | null;
  /** New tokens per language whose statistics chose them (null key: the union, for frequency). */
  newTokensBy: Record<string, number>;
}

const sum = (xs: ArrayLike<number>): number => {
  let n = 0;
  for (let i = 0; i < xs.length; i++) n += xs[i]!;
  return n;
};

/** Tokens of each segment, in order. */
export function segmentTokens(engine: JsonTokenizerEngine, segments: readonly Segment[]): number[] {
  return segments.map((s) => engine.encode(s.text).ids.length);
}

/** Held-out premium and fertility with paired bootstrap intervals (segments resampled with their pivot translation). */
export function heldOutLanguage(
  language: LanguageCode,
  segments: readonly Segment[],
  tokens: readonly number[],
  pivotTokenOf: ReadonlyMap<string, number>,
  bootstrap: BootstrapSettings,
): HeldOutLanguage {
  const aligned = segments
    .map((s, i) => ({ s, t: tokens[i]!, p: pivotTokenOf.get(s.id) }))
    .filter((x) => x.p !== undefined);
  const t = Float64Array.from(aligned, (x) => x.t);
  const p = Float64Array.from(aligned, (x) => x.p!);
  const w = Float64Array.from(aligned, (x) => countWords(x.s.text, language));
  const [st, sp, sw] = [sum(t), sum(p), sum(w)];
  return {
    language,
    segments: aligned.length,
    tokens: st,
    pivotTokens: sp,
    words: sw,
    premium: sp > 0 ? st / sp : null,
    premiumCi: sp > 0 ? bootstrapRatio(t, p, bootstrap).interval : null,
    fertility: sw > 0 ? st / sw : null,
    fertilityCi: sw > 0 ? bootstrapRatio(t, w, bootstrap).interval : null,
  };
}

/** Measures one tokenizer on the held-out split of the targets and the pivot. */
export async function measureHeldOut(
  json: TokenizerJson,
  test: ReadonlyMap<LanguageCode, Segment[]>,
  targets: readonly LanguageCode[],
  pivot: LanguageCode,
  bootstrap: BootstrapSettings,
): Promise<Pick<BudgetPoint, "languages" | "pivotTokens" | "maxPremium" | "meanPremium" | "gini">> {
  const engine = await jsonTokenizerEngine(json);
  const pivotSegments = test.get(pivot) ?? [];
  const pivotCounts = segmentTokens(engine, pivotSegments);
  const pivotOf = new Map(pivotSegments.map((s, i) => [s.id, pivotCounts[i]!]));
  const languages = targets.map((l) => {
    const segs = test.get(l) ?? [];
    return heldOutLanguage(l, segs, segmentTokens(engine, segs), pivotOf, bootstrap);
  });
  const premiums = languages.map((x) => x.premium).filter((x): x is number => x !== null);
  const complete = premiums.length === languages.length && premiums.length > 0;
  return {
    languages,
    pivotTokens: sum(pivotCounts),
    maxPremium: complete ? Math.max(...premiums) : null,
    meanPremium: complete ? sum(premiums) / premiums.length : null,
    gini: complete ? giniCoefficient(premiums) : null,
  };
}

/** The point where a strategy's max-premium curve flattens (the knee rule of `adapt --expand`), or null. */
export function budgetKnee(points: readonly BudgetPoint[]): number | null {
  return kneePoint(points.filter((p) => p.maxPremium !== null).map((p) => ({ x: p.addedTokens, y: p.maxPremium! })));
}

/** The expanded tokenizer.json of some merges (all of them), new ids after the largest. */
export function expandWith(base: TokenizerJson, merges: readonly MultiMerge[]) {
  const k = merges.reduce((n, m) => n + m.newTokens.length, 0);
  return expandTokenizerJson(base, merges, k);
}

export function vocabSizeOf(json: TokenizerJson): number {
  return definedIds(json).size;
}

/** One line of added-tokens.json: what a trainer needs to initialise the new embedding row. */
export interface AddedTokenInfo {
  id: number;
  token: string;
  /** The token's bytes as hex. */
  bytes: string;
  /** The decoded text, or null when the bytes are not complete UTF-8. */
  text: string | null;
  /** The language whose statistics chose the merge (null: the union of the languages). */
  chosenFor: LanguageCode | null;
  /** Occurrences in each target language's training text under the expanded tokenizer (languages using it). */
  frequency: Record<string, number>;
}

/** Bytes of a vocabulary string: byte-level (GPT-2 alphabet) or SentencePiece (`▁` = space). */
export function tokenBytesOf(base: TokenizerJson, token: string): Uint8Array {
  const vocab = base.model.type === "BPE" ? base.model.vocab : {};
  const byteLevel =
    base.model.type === "BPE" && base.model.byte_fallback !== true && BYTE_TO_UNICODE.every((c) => c in vocab);
  return (byteLevel ? byteLevelToBytes(token) : null) ?? utf8(token.replaceAll(WORD_MARKER, " "));
}

/** The added-tokens.json rows of an expanded tokenizer: ids, bytes, who chose each token and who uses it. */
export async function addedTokenInfo(
  base: TokenizerJson,
  expanded: TokenizerJson,
  added: ReadonlyArray<{ token: string; id: number }>,
  merges: readonly MultiMerge[],
  train: ReadonlyMap<LanguageCode, Segment[]>,
  targets: readonly LanguageCode[],
): Promise<AddedTokenInfo[]> {
  const engine = await jsonTokenizerEngine(expanded);
  const newIds = new Set(added.map((a) => a.id));
  const use = new Map<number, Record<string, number>>();
  for (const l of targets) {
    for (const s of train.get(l) ?? []) {
      for (const id of engine.encode(s.text).ids) {
        if (!newIds.has(id)) continue;
        const r = use.get(id) ?? {};
        r[l] = (r[l] ?? 0) + 1;
        use.set(id, r);
      }
    }
  }
  const chooser = new Map<string, LanguageCode | null>();
  for (const m of merges) for (const t of m.newTokens) if (!chooser.has(t)) chooser.set(t, m.language);
  return added.map(({ token, id }) => {
    const bytes = tokenBytesOf(base, token);
    return {
      id,
      token,
      bytes: Buffer.from(bytes).toString("hex"),
      text: decodeUtf8OrNull(bytes),
      chosenFor: chooser.get(token) ?? null,
      frequency: use.get(id) ?? {},
    };
  });
}
