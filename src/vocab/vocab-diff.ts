// Vocabulary diff of two tokenizers by the exact bytes entries decode to, broken down by Qtok class and script.
import type { VocabEntry } from "../tokenizers/tokenizer.js";
import { classifyVocabulary, QTOK_CLASSES, type QtokClass, type QtokClassification } from "./qtok.js";

/** One side's counts. */
export interface VocabDiffSide {
  /** Non-special entries. */
  entries: number;
  /** Distinct byte strings among them (two entries decoding to the same bytes, e.g. `<0x41>` and `A`, count once). */
  distinct: number;
  /** Special (control) tokens, counted apart. */
  specials: number;
}

/** Shared / only-in counts of one group (a Qtok class or a script), with examples of what changed. */
export interface VocabDiffGroup {
  /** Qtok class name, or script name (`Latin`, ...; `(none)` for entries that are not letters of one script). */
  name: string;
  shared: number;
  onlyA: number;
  onlyB: number;
  /** Up to `examples` entries only in A, longest first, as text (or `0x` + hex for bytes that are not UTF-8). */
  examplesOnlyA: string[];
  examplesOnlyB: string[];
}

export interface VocabDiff {
  a: VocabDiffSide;
  b: VocabDiffSide;
  /** Distinct non-special byte strings in both vocabularies. */
  shared: number;
  onlyA: number;
  onlyB: number;
  /** Special tokens by their literal text: how many both have, and the ones only one has. */
  specials: { shared: number; onlyA: string[]; onlyB: string[] };
  /** By Qtok class (shared entries are classed as in A), in Qtok's order; classes with no entries are left out. */
  classes: VocabDiffGroup[];
  /** By script of `*_alpha` entries, most changed first; `(none)` collects the rest. */
  scripts: VocabDiffGroup[];
}

/** Examples listed per group and side when no number is given. */
export const DEFAULT_DIFF_EXAMPLES = 5;

export interface VocabDiffOptions {
  /** Examples listed per group and side. @default 5 */
  examples?: number;
}

/** The exact bytes as a string key (one char per byte): equal keys iff equal bytes. */
function bytesKey(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

/** How an entry is shown: its text when the bytes are complete UTF-8, else hex. */
function shown(e: VocabEntry): string {
  if (e.text !== null && !e.partialUtf8) return e.text;
  return "0x" + Buffer.from(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength).toString("hex");
}

interface Indexed {
  /** byte key -> first (lowest-id) non-special entry and its class */
  byKey: Map<string, { entry: VocabEntry; cls: QtokClassification }>;
  entries: number;
  specials: Set<string>;
}

function index(entries: readonly VocabEntry[]): Indexed {
  const classes = classifyVocabulary(entries);
  const byKey = new Map<string, { entry: VocabEntry; cls: QtokClassification }>();
  const specials = new Set<string>();
  let count = 0;
  entries.forEach((e, i) => {
    if (e.special) {
      specials.add(e.text ?? e.token);
      return;
    }
    count++;
    const key = bytesKey(e.bytes);
    const prev = byKey.get(key);
    if (!prev || e.id < prev.entry.id) byKey.set(key, { entry: e, cls: classes[i]! });
  });
  return { byKey, entries: count, specials };
}

function longestFirst(items: VocabEntry[], n: number): string[] {
  return items
    .sort((x, y) => y.bytes.length - x.bytes.length || x.id - y.id)
    .slice(0, n)
    .map(shown);
}

/**
 * Compares two vocabularies by the exact bytes their entries decode to (`VocabEntry.bytes`: byte-level
 * characters mapped back, `▁` as a space, `<0xNN>` as its byte), so `Ġthe` and `▁the` are the same entry.
 * Special tokens are compared by their literal text and counted apart.
 */
export function vocabDiff(
  a: readonly VocabEntry[],
  b: readonly VocabEntry[],
  options: VocabDiffOptions = {},
): VocabDiff {
  const k = options.examples ?? DEFAULT_DIFF_EXAMPLES;
  const A = index(a);
  const B = index(b);
  type Acc = { shared: number; onlyA: VocabEntry[]; onlyB: VocabEntry[] };
  const byClass = new Map<QtokClass, Acc>();
  const byScript = new Map<string, Acc>();
  const acc = <K>(m: Map<K, Acc>, key: K): Acc => {
    let v = m.get(key);
    if (!v) m.set(key, (v = { shared: 0, onlyA: [], onlyB: [] }));
    return v;
  };
  let shared = 0;
  let onlyA = 0;
  for (const [key, { entry, cls }] of A.byKey) {
    const script = cls.script ?? "(none)";
    if (B.byKey.has(key)) {
      shared++;
      acc(byClass, cls.class).shared++;
      acc(byScript, script).shared++;
    } else {
      onlyA++;
      acc(byClass, cls.class).onlyA.push(entry);
      acc(byScript, script).onlyA.push(entry);
    }
  }
  let onlyB = 0;
  for (const [key, { entry, cls }] of B.byKey) {
    if (A.byKey.has(key)) continue;
    onlyB++;
    acc(byClass, cls.class).onlyB.push(entry);
    acc(byScript, cls.script ?? "(none)").onlyB.push(entry);
  }
  const group = (name: string, v: Acc): VocabDiffGroup => ({
    name,
    shared: v.shared,
    onlyA: v.onlyA.length,
    onlyB: v.onlyB.length,
    examplesOnlyA: longestFirst(v.onlyA, k),
    examplesOnlyB: longestFirst(v.onlyB, k),
  });
  const classes = [...byClass.entries()]
    .sort((x, y) => QTOK_CLASSES.indexOf(x[0]) - QTOK_CLASSES.indexOf(y[0]))
    .map(([c, v]) => group(c, v));
  const scripts = [...byScript.entries()]
    .map(([s, v]) => group(s, v))
    .sort((x, y) => y.onlyA + y.onlyB - (x.onlyA + x.onlyB) || y.shared - x.shared || (x.name < y.name ? -1 : 1));
  return {
    a: { entries: A.entries, distinct: A.byKey.size, specials: A.specials.size },
    b: { entries: B.entries, distinct: B.byKey.size, specials: B.specials.size },
    shared,
    onlyA,
    onlyB,
    specials: {
      shared: [...A.specials].filter((s) => B.specials.has(s)).length,
      onlyA: [...A.specials].filter((s) => !B.specials.has(s)).sort(),
      onlyB: [...B.specials].filter((s) => !A.specials.has(s)).sort(),
    },
    classes,
    scripts,
  };
}
