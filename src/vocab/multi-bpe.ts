// Continued BPE for several languages at once under one token budget: global frequency, per-language
// proportional parts, or parity-aware (Foroutan, Meister et al. 2025) choice of the language each merge serves.
import { isOneOf, listChoices } from "../closed-set.js";
import { ConfigError } from "../errors.js";
import type { LanguageCode } from "../types.js";
import { PairHeap, PAIR_SEP, type LearnedMerge } from "./bpe-continue.js";

/** How a budget of new tokens is shared between the target languages. */
export const BUDGET_STRATEGIES = ["frequency", "proportional", "parity"] as const;
export type BudgetStrategy = (typeof BUDGET_STRATEGIES)[number];

export function isBudgetStrategy(value: unknown): value is BudgetStrategy {
  return isOneOf(BUDGET_STRATEGIES, value);
}

/** Checks a strategy name; `what` names the option in the message. */
export function parseBudgetStrategy(value: string, what = "--strategy"): BudgetStrategy {
  if (!isBudgetStrategy(value))
    throw new ConfigError(`Unknown ${what} '${value}': use ${listChoices(BUDGET_STRATEGIES)}.`);
  return value;
}

/** Words of one language: symbol sequences after the base merges, with counts. */
export type WordCounts = ReadonlyArray<{ symbols: readonly string[]; count: number }>;

/** A learned merge and the language whose statistics chose it (null: the union of the languages). */
export interface MultiMerge extends LearnedMerge {
  language: LanguageCode | null;
}

export interface ParityVariant {
  /** Moving-window variant: the last `window` choices; 0 = the base rule. @default 0 */
  window?: number;
  /** A language may take at most alpha/L of the window's choices (L languages). @default 2 */
  alpha?: number;
  /** Hybrid: the first M merges by the union's frequency, parity after. @default 0 */
  globalMerges?: number;
}

export interface MultiBpeInput {
  languages: readonly LanguageCode[];
  /** Training words per language. */
  train: ReadonlyMap<LanguageCode, WordCounts>;
  /** Multi-parallel dev words per language (parity only): the merge serves the language with most dev tokens. */
  dev?: ReadonlyMap<LanguageCode, WordCounts>;
  hasToken: (token: string) => boolean;
  maxNewTokens: number;
  /** @default 1 */
  minPairFrequency?: number;
  parity?: ParityVariant;
}

/** Pair counts with a max-heap (lazy deletion) over them. */
class PairCounter {
  readonly count = new Map<string, number>();
  private readonly heap = new PairHeap();
  add(key: string, delta: number): void {
    const c = (this.count.get(key) ?? 0) + delta;
    if (c <= 0) this.count.delete(key);
    else {
      this.count.set(key, c);
      this.heap.push([c, key]);
    }
  }
  /** The most frequent pair (ties: the smaller key), if seen at least `min` times; stays in the counter. */
  top(min: number): [number, string] | undefined {
    let t = this.heap.pop();
    while (t && this.count.get(t[1]) !== t[0]) t = this.heap.pop();
    if (!t) return undefined;
    this.heap.push(t);
    return t[0] >= min ? t : undefined;
  }
}

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/**
 * The words of one language, rewritten as merges are applied, with incremental pair counts (only the words that
 * contain a merged pair are touched). `tokens` is the length of the text in tokens, a symbol the vocabulary lacks
 * counting as its UTF-8 bytes (byte fallback).
 */
class WordTable {
  private readonly syms: string[][];
  private readonly counts: number[];
  private readonly pairWords = new Map<string, Set<number>>();
  private readonly symOcc = new Map<string, number>();
  /** Pair counts of this table alone; null when no step reads them (dev text, or frequency's languages). */
  readonly pairs: PairCounter | null;
  tokens = 0;
  constructor(
    words: WordCounts,
    known: (t: string) => boolean,
    counted: boolean,
    private readonly total: PairCounter | null,
  ) {
    this.pairs = counted ? new PairCounter() : null;
    this.syms = words.map((w) => [...w.symbols]);
    this.counts = words.map((w) => w.count);
    const delta = new Map<string, number>();
    this.syms.forEach((s, wi) => {
      const c = this.counts[wi]!;
      for (const x of s) {
        this.symOcc.set(x, (this.symOcc.get(x) ?? 0) + c);
        this.tokens += c * (known(x) ? 1 : utf8Length(x));
      }
      this.addPairs(s, wi, c, delta);
    });
    this.apply(delta);
  }
  private addPairs(s: readonly string[], wi: number, delta: number, into: Map<string, number>): void {
    for (let i = 0; i + 1 < s.length; i++) {
      const key = s[i]! + PAIR_SEP + s[i + 1]!;
      into.set(key, (into.get(key) ?? 0) + delta);
      if (delta > 0) {
        let set = this.pairWords.get(key);
        if (!set) this.pairWords.set(key, (set = new Set()));
        set.add(wi);
      }
    }
  }
  /** Net changes only: pairs a merge leaves as they were never touch the heaps. */
  private apply(delta: ReadonlyMap<string, number>): void {
    for (const [key, d] of delta) {
      if (d === 0) continue;
      this.pairs?.add(key, d);
      this.total?.add(key, d);
    }
  }
  /** A symbol became a vocabulary entry: its standalone occurrences now cost one token instead of their bytes. */
  nowKnown(symbol: string): void {
    this.tokens -= (this.symOcc.get(symbol) ?? 0) * (utf8Length(symbol) - 1);
  }
  /** Applies a merge (both parts already known) to every word holding the pair. */
  merge(left: string, right: string): void {
    const key = left + PAIR_SEP + right;
    const token = left + right;
    const delta = new Map<string, number>();
    for (const wi of [...(this.pairWords.get(key) ?? [])]) {
      const s = this.syms[wi]!;
      const c = this.counts[wi]!;
      const merged: string[] = [];
      for (let i = 0; i < s.length; i++) {
        if (i + 1 < s.length && s[i] === left && s[i + 1] === right) {
          merged.push(token);
          i++;
        } else merged.push(s[i]!);
      }
      if (merged.length === s.length) continue;
      const n = s.length - merged.length;
      this.symOcc.set(left, this.symOcc.get(left)! - n * c);
      this.symOcc.set(right, this.symOcc.get(right)! - n * c);
      this.symOcc.set(token, (this.symOcc.get(token) ?? 0) + n * c);
      this.tokens -= n * c;
      this.addPairs(s, wi, -c, delta);
      this.syms[wi] = merged;
      this.addPairs(merged, wi, c, delta);
    }
    this.pairWords.delete(key);
    this.apply(delta);
  }
}

/** Splits a pair key and lists the tokens a merge adds (parts the vocabulary lacks, then the result if new). */
function stepOf(key: string, known: (t: string) => boolean): { left: string; right: string; newTokens: string[] } {
  const sep = key.indexOf(PAIR_SEP);
  const left = key.slice(0, sep);
  const right = key.slice(sep + 1);
  const newTokens: string[] = [];
  for (const part of left === right ? [left] : [left, right]) if (!known(part)) newTokens.push(part);
  if (!known(left + right)) newTokens.push(left + right);
  return { left, right, newTokens };
}

/**
 * `frequency` and `parity`: one continued-BPE run over all the languages' words. Each step picks a pair by the
 * union's counts (frequency, and parity's first `globalMerges` steps) or by the counts of the language with the most
 * dev tokens (parity; with a window, a language already chosen more than alpha/L of the last `window` times
 * gives way to the next), and applies it to every language's words.
 */
export function learnShared(input: MultiBpeInput, strategy: "frequency" | "parity"): MultiMerge[] {
  const { languages } = input;
  const minFreq = Math.max(1, input.minPairFrequency ?? 1);
  const added = new Set<string>();
  const known = (t: string): boolean => added.has(t) || input.hasToken(t);
  const total = new PairCounter();
  const parity = strategy === "parity";
  const train = languages.map((l) => new WordTable(input.train.get(l) ?? [], known, parity, total));
  const dev = parity ? languages.map((l) => new WordTable(input.dev?.get(l) ?? [], known, false, null)) : [];
  const variant = input.parity ?? {};
  const window = variant.window ?? 0;
  const share = (variant.alpha ?? 2) / languages.length;
  const recent: number[] = [];
  const exhausted = new Set<number>();
  const out: MultiMerge[] = [];
  let newCount = 0;
  while (newCount < input.maxNewTokens) {
    let chosen: number | null = null;
    let top: [number, string] | undefined;
    if (strategy === "frequency" || out.length < (variant.globalMerges ?? 0)) top = total.top(minFreq);
    else {
      const order = languages
        .map((_, i) => i)
        .filter((i) => !exhausted.has(i))
        .sort((a, b) => dev[b]!.tokens - dev[a]!.tokens || a - b);
      const eligible = order.filter((i) => window <= 0 || recent.filter((r) => r === i).length / window <= share);
      for (const i of eligible.length > 0 ? eligible : order) {
        top = train[i]!.pairs!.top(minFreq);
        if (top) {
          chosen = i;
          break;
        }
        exhausted.add(i);
      }
    }
    if (!top) break;
    const step = stepOf(top[1], known);
    if (newCount + step.newTokens.length > input.maxNewTokens) break;
    for (const t of step.newTokens) {
      added.add(t);
      for (const table of [...train, ...dev]) table.nowKnown(t);
    }
    newCount += step.newTokens.length;
    for (const table of [...train, ...dev]) table.merge(step.left, step.right);
    const language = chosen === null ? null : languages[chosen]!;
    out.push({ ...step, token: step.left + step.right, frequency: top[0], language });
    if (chosen !== null && window > 0) {
      recent.push(chosen);
      if (recent.length > window) recent.shift();
    }
  }
  return out;
}

/** Largest-remainder split of `budget` by `weights` (non-negative, not all 0). */
export function splitBudget(budget: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return weights.map(() => 0);
  const exact = weights.map((w) => (budget * w) / sum);
  const parts = exact.map(Math.floor);
  let left = budget - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}

/**
 * `proportional`: each language's merges learnt alone on its own words (`perLanguage`, from `learnAlone`), its part
 * of the budget `quotas[i]`; the parts are interleaved (next the language furthest behind its part) so no language's
 * merges all rank after another's, a merge another language already brought is skipped, and each step's new
 * tokens are counted against what the earlier steps added.
 */
export function combineProportional(
  languages: readonly LanguageCode[],
  perLanguage: readonly LearnedMerge[][],
  quotas: readonly number[],
  hasToken: (token: string) => boolean,
): MultiMerge[] {
  const added = new Set<string>();
  const known = (t: string): boolean => added.has(t) || hasToken(t);
  const seen = new Set<string>();
  const next = languages.map(() => 0);
  const taken = languages.map(() => 0);
  const done = languages.map((_, i) => quotas[i]! <= 0);
  const out: MultiMerge[] = [];
  for (;;) {
    let pick = -1;
    for (let i = 0; i < languages.length; i++) {
      if (done[i]) continue;
      if (pick < 0 || taken[i]! / quotas[i]! < taken[pick]! / quotas[pick]!) pick = i;
    }
    if (pick < 0) break;
    const m = perLanguage[pick]![next[pick]!++];
    if (!m) {
      done[pick] = true;
      continue;
    }
    const key = m.left + PAIR_SEP + m.right;
    if (seen.has(key)) continue;
    const step = stepOf(key, known);
    if (taken[pick]! + step.newTokens.length > quotas[pick]!) {
      done[pick] = true;
      continue;
    }
    seen.add(key);
    for (const t of step.newTokens) added.add(t);
    taken[pick]! += step.newTokens.length;
    out.push({ ...step, token: m.token, frequency: m.frequency, language: languages[pick]! });
  }
  return out;
}

/** Each language's merges learnt alone (its own words only), up to `maxNewTokens[i]` new tokens. */
export function learnAlone(input: MultiBpeInput, maxNewTokens: readonly number[]): LearnedMerge[][] {
  return input.languages.map((l, i) =>
    learnShared(
      {
        languages: [l],
        train: new Map([[l, input.train.get(l) ?? []]]),
        hasToken: input.hasToken,
        maxNewTokens: maxNewTokens[i]!,
        ...(input.minPairFrequency !== undefined ? { minPairFrequency: input.minPairFrequency } : {}),
      },
      "frequency",
    ),
  );
}
