// Overlap of decoded vocabularies: pairwise Jaccard, an average-linkage clustering order, shared and unique entries.
import type { VocabEntry } from "../tokenizers/tokenizer.js";

/**
 * The key two vocabularies are compared on: the decoded text (so `Ġthe`, `▁the` and ` the` are the same
 * entry), or `0x` + hex bytes for partial-UTF-8 entries.
 */
export function decodedKey(e: VocabEntry): string {
  if (e.text !== null && !e.partialUtf8) return e.text;
  let hex = "0x";
  for (const b of e.bytes) hex += b.toString(16).padStart(2, "0");
  return hex;
}

export interface DecodedSetOptions {
  /**
   * Include special tokens (`<s>`, `<|endoftext|>`); they name model plumbing, not text.
   * @default false
   */
  includeSpecial?: boolean;
}

/** The set of decoded entries of a vocabulary. */
export function decodedSet(entries: readonly VocabEntry[], options: DecodedSetOptions = {}): Set<string> {
  const out = new Set<string>();
  for (const e of entries) if (options.includeSpecial || !e.special) out.add(decodedKey(e));
  return out;
}

/** |A ∩ B| / |A ∪ B|; 1 for two empty sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 1 : inter / union;
}

export interface LinkageStep {
  /** Cluster ids merged: 0..n-1 are the inputs, n+i is the cluster made at step i (scipy's convention). */
  left: number;
  right: number;
  /** Average 1 - Jaccard between the two clusters' members. */
  distance: number;
  size: number;
}

/**
 * Average-linkage (UPGMA) agglomerative clustering of a distance matrix, and the dendrogram's leaf order
 * (left subtree before right, the cluster with the smaller id on the left) for a clustermap's rows and columns.
 * Ties merge the pair with the smallest ids first, so the result is deterministic.
 */
export function averageLinkage(distance: readonly (readonly number[])[]): { order: number[]; steps: LinkageStep[] } {
  const n = distance.length;
  if (n === 0) return { order: [], steps: [] };
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) members.set(i, [i]);
  const children = new Map<number, [number, number]>();
  const steps: LinkageStep[] = [];
  const avg = (a: number[], b: number[]): number => {
    let s = 0;
    for (const i of a) for (const j of b) s += distance[i]![j]!;
    return s / (a.length * b.length);
  };
  let next = n;
  while (members.size > 1) {
    const ids = [...members.keys()].sort((x, y) => x - y);
    let best: { a: number; b: number; d: number } | null = null;
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        const d = avg(members.get(ids[x]!)!, members.get(ids[y]!)!);
        if (best === null || d < best.d - 1e-12) best = { a: ids[x]!, b: ids[y]!, d };
      }
    }
    const { a, b, d } = best!;
    const merged = [...members.get(a)!, ...members.get(b)!];
    members.delete(a);
    members.delete(b);
    members.set(next, merged);
    children.set(next, [a, b]);
    steps.push({ left: a, right: b, distance: d, size: merged.length });
    next++;
  }
  const order: number[] = [];
  const walk = (id: number): void => {
    const c = children.get(id);
    if (!c) order.push(id);
    else {
      walk(c[0]);
      walk(c[1]);
    }
  };
  walk(next - 1);
  return { order, steps };
}

export interface OverlapReport {
  tokenizers: string[];
  /** Decoded entries per tokenizer (specials excluded unless asked). */
  sizes: number[];
  /** jaccard[i][j] between tokenizers i and j (1 on the diagonal). */
  jaccard: number[][];
  /** intersection[i][j] = number of decoded entries both have. */
  intersection: number[][];
  pairs: Array<{ a: string; b: string; jaccard: number; shared: number }>;
  /** Tokenizer names in dendrogram leaf order (average linkage on 1 - Jaccard). */
  clusterOrder: string[];
  linkage: LinkageStep[];
  /** Entries every tokenizer has. */
  sharedByAll: { count: number; examples: string[] };
  /** Per tokenizer: entries no other analysed tokenizer has. */
  uniqueTo: Array<{ tokenizer: string; count: number; examples: string[] }>;
}

/** Shared / unique entries listed as examples when no number is given. */
export const DEFAULT_OVERLAP_EXAMPLES = 10;

export interface OverlapOptions extends DecodedSetOptions {
  /**
   * Examples listed for shared / unique entries (the longest first).
   * @default 10
   */
  examples?: number;
}

function longestFirst(items: Iterable<string>, n: number): string[] {
  return [...items].sort((a, b) => [...b].length - [...a].length || (a < b ? -1 : a > b ? 1 : 0)).slice(0, n);
}

/** Pairwise overlap of several vocabularies, compared by decoded text. */
export function vocabOverlap(
  vocabularies: ReadonlyArray<{ tokenizer: string; entries: readonly VocabEntry[] }>,
  options: OverlapOptions = {},
): OverlapReport {
  const k = options.examples ?? DEFAULT_OVERLAP_EXAMPLES;
  const names = vocabularies.map((v) => v.tokenizer);
  const sets = vocabularies.map((v) => decodedSet(v.entries, options));
  const n = sets.length;
  const jac: number[][] = [];
  const inter: number[][] = [];
  const pairs: OverlapReport["pairs"] = [];
  for (let i = 0; i < n; i++) {
    jac.push(new Array<number>(n).fill(1));
    inter.push(new Array<number>(n).fill(0));
  }
  for (let i = 0; i < n; i++) {
    inter[i]![i] = sets[i]!.size;
    for (let j = i + 1; j < n; j++) {
      const a = sets[i]!;
      const b = sets[j]!;
      let shared = 0;
      for (const x of a) if (b.has(x)) shared++;
      const union = a.size + b.size - shared;
      const J = union === 0 ? 1 : shared / union;
      jac[i]![j] = jac[j]![i] = J;
      inter[i]![j] = inter[j]![i] = shared;
      pairs.push({ a: names[i]!, b: names[j]!, jaccard: J, shared });
    }
  }
  const { order, steps } = averageLinkage(jac.map((row) => row.map((x) => 1 - x)));
  const counts = new Map<string, number>();
  for (const s of sets) for (const x of s) counts.set(x, (counts.get(x) ?? 0) + 1);
  const all: string[] = [];
  for (const [x, c] of counts) if (c === n) all.push(x);
  const uniqueTo = sets.map((s, i) => {
    const only: string[] = [];
    for (const x of s) if (counts.get(x) === 1) only.push(x);
    return { tokenizer: names[i]!, count: only.length, examples: longestFirst(only, k) };
  });
  return {
    tokenizers: names,
    sizes: sets.map((s) => s.size),
    jaccard: jac,
    intersection: inter,
    pairs,
    clusterOrder: order.map((i) => names[i]!),
    linkage: steps,
    sharedByAll: { count: n === 0 ? 0 : all.length, examples: longestFirst(all, k) },
    uniqueTo,
  };
}
