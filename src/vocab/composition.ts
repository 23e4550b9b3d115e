// What a vocabulary is made of: Qtok class shares, script x position table, lengths, specials, examples.
import type { VocabEntry } from "../tokenizers/tokenizer.js";
import {
  classifyEntry,
  codePointCount,
  isByteLevelVocabulary,
  QTOK_CLASSES,
  type QtokClass,
  type QtokOptions,
  type QtokPosition,
} from "./qtok.js";

export interface ClassShare {
  count: number;
  /** count / number of entries classified (0..1). */
  share: number;
}

export interface ScriptPositionRow {
  script: string;
  char: number;
  spaced: number;
  inner: number;
  total: number;
  /** total / number of alpha entries (0..1), as in Qtok's unicode table. */
  shareOfAlpha: number;
  /** total / number of entries (0..1). */
  shareOfVocab: number;
}

export interface EntrySummary {
  id: number;
  token: string;
  /** Decoded text, null for partial UTF-8. */
  text: string | null;
}

export interface VocabComposition {
  tokenizer: string;
  /** Entries classified (every id the vocabulary defines). */
  entries: number;
  classes: Record<QtokClass, ClassShare>;
  /** Alpha entries by script and position, largest first. */
  scriptPositions: ScriptPositionRow[];
  /** Entries by decoded length in characters (a leading space counts); partial-UTF-8 entries by byte length under `partialUtf8Bytes`. */
  lengthDistribution: Array<{ length: number; count: number }>;
  partialUtf8Bytes: Array<{ length: number; count: number }>;
  /** Mean decoded length in characters over entries with text, special tokens excluded. */
  meanLength: number;
  specialTokens: EntrySummary[];
  /** The longest non-special entries by decoded characters. */
  longest: Array<EntrySummary & { length: number }>;
  /** A few entries per class, spread over the id range. */
  examples: Record<QtokClass, EntrySummary[]>;
  /** Share of entries (specials included) whose bytes are complete, valid UTF-8 (0..1). */
  validUtf8Share: number;
}

/** Example entries kept per Qtok class when none is given. */
export const DEFAULT_EXAMPLES_PER_CLASS = 5;
/** Longest entries listed when none is given. */
export const DEFAULT_LONGEST_ENTRIES = 10;

export interface CompositionOptions extends QtokOptions {
  /**
   * Examples kept per class.
   * @default 5
   */
  examplesPerClass?: number;
  /**
   * Longest entries listed.
   * @default 10
   */
  longest?: number;
}

function summary(e: VocabEntry): EntrySummary {
  return { id: e.id, token: e.token, text: e.text };
}

/** Spread picks: up to n items at evenly spaced positions of the list, so examples are not all from one id range. */
function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(items[Math.floor((i * items.length) / n)]!);
  return out;
}

function histogram(values: Iterable<number>): Array<{ length: number; count: number }> {
  const m = new Map<number, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([length, count]) => ({ length, count }));
}

/**
 * The `keep` longest entries by decoded characters, longest first, then by id, kept as they come: the same list as
 * sorting every entry and taking the first `keep` (an entry tied with one already kept comes after it), without
 * sorting a vocabulary of 262k entries.
 */
class LongestEntries {
  private readonly kept: Array<EntrySummary & { length: number }> = [];
  constructor(private readonly keep: number) {}

  /** Whether `a` goes before `b`. */
  private static before(a: { length: number; id: number }, b: { length: number; id: number }): boolean {
    return b.length - a.length < 0 || (b.length === a.length && a.id - b.id < 0);
  }

  offer(e: VocabEntry, length: number): void {
    const kept = this.kept;
    const entry = { id: e.id, length };
    if (this.keep <= 0 || (kept.length >= this.keep && !LongestEntries.before(entry, kept[kept.length - 1]!))) return;
    let at = kept.length;
    while (at > 0 && LongestEntries.before(entry, kept[at - 1]!)) at--;
    kept.splice(at, 0, { ...summary(e), length });
    if (kept.length > this.keep) kept.pop();
  }

  list(): Array<EntrySummary & { length: number }> {
    return this.kept;
  }
}

/** Classifies every entry and summarises the vocabulary (Qtok's basic and unicode tables, plus lengths). */
export function vocabComposition(
  tokenizer: string,
  entries: readonly VocabEntry[],
  options: CompositionOptions = {},
): VocabComposition {
  const examplesPerClass = options.examplesPerClass ?? DEFAULT_EXAMPLES_PER_CLASS;
  const qtok = { ...options, byteLevel: options.byteLevel ?? isByteLevelVocabulary(entries) };
  const n = entries.length;
  const byClass = new Map<QtokClass, VocabEntry[]>(QTOK_CLASSES.map((c) => [c, []]));
  const scripts = new Map<string, Record<QtokPosition, number>>();
  let alpha = 0;
  let valid = 0;
  const lengths: number[] = [];
  const partialLengths: number[] = [];
  const specials: VocabEntry[] = [];
  const longest = new LongestEntries(options.longest ?? DEFAULT_LONGEST_ENTRIES);
  for (const e of entries) {
    const c = classifyEntry(e, qtok);
    byClass.get(c.class)!.push(e);
    if (c.script !== null && c.position !== null) {
      alpha++;
      let row = scripts.get(c.script);
      if (!row) scripts.set(c.script, (row = { char: 0, spaced: 0, inner: 0 }));
      row[c.position]++;
    }
    if (e.text !== null && !e.partialUtf8) valid++;
    if (e.special) specials.push(e);
    else if (e.text !== null) {
      const length = codePointCount(e.text);
      lengths.push(length);
      longest.offer(e, length);
    } else partialLengths.push(e.bytes.length);
  }
  const classes = Object.fromEntries(
    QTOK_CLASSES.map((c) => {
      const count = byClass.get(c)!.length;
      return [c, { count, share: n === 0 ? 0 : count / n }];
    }),
  ) as Record<QtokClass, ClassShare>;
  const examples = Object.fromEntries(
    QTOK_CLASSES.map((c) => [c, spread(byClass.get(c)!, examplesPerClass).map(summary)]),
  ) as Record<QtokClass, EntrySummary[]>;
  const scriptPositions = [...scripts.entries()]
    .map(([script, r]) => {
      const total = r.char + r.spaced + r.inner;
      return { script, ...r, total, shareOfAlpha: alpha ? total / alpha : 0, shareOfVocab: n ? total / n : 0 };
    })
    .sort((a, b) => b.total - a.total || a.script.localeCompare(b.script));
  return {
    tokenizer,
    entries: n,
    classes,
    scriptPositions,
    lengthDistribution: histogram(lengths),
    partialUtf8Bytes: histogram(partialLengths),
    meanLength: lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : 0,
    specialTokens: specials.map(summary),
    longest: longest.list(),
    examples,
    validUtf8Share: n ? valid / n : 0,
  };
}
