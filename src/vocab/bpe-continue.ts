// Continued BPE training: learns new merges on top of an existing BPE vocabulary from a target language's text.

/** One learned merge, in the order training found it (most frequent pair first). */
export interface LearnedMerge {
  left: string;
  right: string;
  /** left + right. */
  token: string;
  /** Occurrences of the pair in the training words when it was merged. */
  frequency: number;
  /** Tokens this step adds to the vocabulary: parts the base lacks (characters it had only as bytes), then `token` unless it already exists. */
  newTokens: string[];
}

export interface ContinueBpeOptions {
  /**
   * Stop after this many new vocabulary entries.
   * @default 5000
   */
  maxNewTokens?: number;
  /**
   * A pair must occur at least this often in the training words to be merged. 1 merges until every training
   * word is one token (like the `tokenizers` trainer's default); raise it on large corpora to skip rare pairs.
   * @default 1
   */
  minPairFrequency?: number;
}

/** Separates the two parts in a pair key (a character no vocabulary token contains). */
export const PAIR_SEP = "\uffff";
const SEP = PAIR_SEP;

/** Max-heap of (count, key) with lazy deletion: stale entries are skipped when popped. */
export class PairHeap {
  private items: Array<[number, string]> = [];
  private better(a: [number, string], b: [number, string]): boolean {
    return a[0] > b[0] || (a[0] === b[0] && a[1] < b[1]);
  }
  push(item: [number, string]): void {
    const h = this.items;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.better(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop(): [number, string] | undefined {
    const h = this.items;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.better(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.better(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Greedy BPE training that starts from the base tokenizer's own segmentation of each training word
 * (`words`: symbol sequences with counts) and repeatedly merges the most frequent adjacent pair (ties:
 * the lexicographically smaller pair). Appended after the base merges, these merges reproduce exactly this
 * segmentation, because every base merge has already been applied when the new ones start.
 */
export function continueBpe(
  words: ReadonlyArray<{ symbols: readonly string[]; count: number }>,
  hasToken: (token: string) => boolean,
  options: ContinueBpeOptions = {},
): LearnedMerge[] {
  const maxNew = options.maxNewTokens ?? 5000;
  const minFreq = Math.max(1, options.minPairFrequency ?? 1);
  const syms = words.map((w) => [...w.symbols]);
  const counts = words.map((w) => w.count);
  const pairCount = new Map<string, number>();
  const pairWords = new Map<string, Set<number>>();
  const heap = new PairHeap();
  const bump = (key: string, wi: number, delta: number): void => {
    const c = (pairCount.get(key) ?? 0) + delta;
    if (c <= 0) pairCount.delete(key);
    else pairCount.set(key, c);
    if (delta > 0) {
      let s = pairWords.get(key);
      if (!s) pairWords.set(key, (s = new Set()));
      s.add(wi);
    }
    if (c > 0) heap.push([c, key]);
  };
  syms.forEach((s, wi) => {
    for (let i = 0; i + 1 < s.length; i++) bump(s[i]! + SEP + s[i + 1]!, wi, counts[wi]!);
  });
  const added = new Set<string>();
  const out: LearnedMerge[] = [];
  let newCount = 0;
  while (newCount < maxNew) {
    let top = heap.pop();
    while (top && pairCount.get(top[1]) !== top[0]) top = heap.pop();
    if (!top || top[0] < minFreq) break;
    const [freq, key] = top;
    const sep = key.indexOf(SEP);
    const left = key.slice(0, sep);
    const right = key.slice(sep + 1);
    const token = left + right;
    const known = (t: string): boolean => added.has(t) || hasToken(t);
    const newTokens: string[] = [];
    for (const part of left === right ? [left] : [left, right]) if (!known(part)) newTokens.push(part);
    if (!known(token)) newTokens.push(token);
    if (newCount + newTokens.length > maxNew) break;
    for (const t of newTokens) added.add(t);
    newCount += newTokens.length;
    out.push({ left, right, token, frequency: freq, newTokens });
    for (const wi of [...(pairWords.get(key) ?? [])]) {
      const s = syms[wi]!;
      const c = counts[wi]!;
      for (let i = 0; i + 1 < s.length; i++) bump(s[i]! + SEP + s[i + 1]!, wi, -c);
      const merged: string[] = [];
      for (let i = 0; i < s.length; i++) {
        if (i + 1 < s.length && s[i] === left && s[i + 1] === right) {
          merged.push(token);
          i++;
        } else merged.push(s[i]!);
      }
      syms[wi] = merged;
      for (let i = 0; i + 1 < merged.length; i++) bump(merged[i]! + SEP + merged[i + 1]!, wi, c);
    }
    pairCount.delete(key);
  }
  return out;
}
