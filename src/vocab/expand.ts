// Vocabulary expansion (Yamaguchi et al. 2024): add K target-language merges to a BPE tokenizer.json and measure held-out fertility and premium.
import { unmeasuredWords } from "../tokenize/language-counts.js";
import { columnSum, segmentTable } from "../tokenize/segment-table.js";
import { ConfigError } from "../errors.js";
import { segmentWords } from "../corpus/words.js";
import { fertility } from "../metrics/fertility.js";
import { premium } from "../metrics/premium.js";
import { resolveMetricOptions } from "../metrics/options.js";
import type { LanguageCode, Segment, SegmentCounts, TokenizedLanguage, Warning } from "../types.js";
import { continueBpe, type ContinueBpeOptions, type LearnedMerge } from "./bpe-continue.js";
import { jsonTokenizerEngine, type JsonTokenizerEngine } from "./json-engine.js";
import { definedIds, type TokenizerJson } from "./tokenizer-json.js";

/**
 * Deterministic train / held-out split of a language's segments: every `heldOutEvery`-th segment in
 * corpus order (the 5th, 10th, ...) is held out, the rest train. Interleaving spreads the held-out text
 * over the whole document (UDHR's later articles differ in topic from its first ones).
 */
export function splitSegments<T>(segments: readonly T[], heldOutEvery = 5): { train: T[]; heldOut: T[] } {
  if (!Number.isInteger(heldOutEvery) || heldOutEvery < 2) {
    throw new ConfigError(
      `Invalid held-out interval ${heldOutEvery}: use an integer >= 2 (5 holds out every 5th segment, 20%).`,
    );
  }
  const train: T[] = [];
  const heldOut: T[] = [];
  segments.forEach((s, i) => ((i + 1) % heldOutEvery === 0 ? heldOut : train).push(s));
  return { train, heldOut };
}

/** Counted BPE words (the base merges applied) of some texts: the starting point of continued BPE. */
export function countBpeWords(
  engine: JsonTokenizerEngine,
  texts: readonly string[],
): Array<{ symbols: string[]; count: number }> {
  const words = new Map<string, { symbols: string[]; count: number }>();
  for (const text of texts) {
    for (const line of text.split("\n")) {
      for (const symbols of engine.bpeWords(line)) {
        const key = symbols.join("\u0000");
        const w = words.get(key);
        if (w) w.count++;
        else words.set(key, { symbols, count: 1 });
      }
    }
  }
  return [...words.values()];
}

/** Learns merges from training text on top of a BPE tokenizer.json. */
export async function learnExpansion(
  base: TokenizerJson,
  trainTexts: readonly string[],
  options: ContinueBpeOptions = {},
): Promise<LearnedMerge[]> {
  if (base.model.type !== "BPE") {
    throw new ConfigError(
      `Vocabulary expansion adds BPE merges, so it needs a BPE tokenizer; this one is ${base.model.type}.`,
    );
  }
  const engine = await jsonTokenizerEngine(base);
  return continueBpe(countBpeWords(engine, trainTexts), (t) => engine.has(t), options);
}

/** The merges among the first `k` new tokens' steps (whole steps only: a step adding 2 tokens is not split). */
export function takeSteps(merges: readonly LearnedMerge[], k: number): LearnedMerge[] {
  const out: LearnedMerge[] = [];
  let n = 0;
  for (const m of merges) {
    if (n + m.newTokens.length > k) break;
    n += m.newTokens.length;
    out.push(m);
  }
  return out;
}

export interface ExpandedTokenizer {
  json: TokenizerJson;
  /** New entries with their ids, in the order added. */
  addedTokens: Array<{ token: string; id: number }>;
  mergesAdded: number;
}

/** The base tokenizer.json plus the first `k` new tokens (and their merges), new ids after the largest existing id. */
export function expandTokenizerJson(
  base: TokenizerJson,
  merges: readonly LearnedMerge[],
  k: number,
): ExpandedTokenizer {
  const m = base.model;
  if (m.type !== "BPE") throw new ConfigError(`Vocabulary expansion needs a BPE tokenizer; this one is ${m.type}.`);
  const steps = takeSteps(merges, k);
  let next = 0;
  for (const id of definedIds(base)) if (id >= next) next = id + 1;
  const vocab = { ...m.vocab };
  const addedTokens: ExpandedTokenizer["addedTokens"] = [];
  for (const s of steps) {
    for (const t of s.newTokens) {
      vocab[t] = next;
      addedTokens.push({ token: t, id: next++ });
    }
  }
  const pairs = steps.map((s) => [s.left, s.right] as [string, string]);
  const stringForm =
    m.merges.length > 0 &&
    typeof m.merges[0] === "string" &&
    pairs.every(([a, b]) => !a.includes(" ") && !b.includes(" "));
  const mergesOut = stringForm
    ? [...m.merges, ...pairs.map(([a, b]) => `${a} ${b}`)]
    : [
        ...m.merges.map((x) =>
          typeof x === "string" ? ([x.slice(0, x.indexOf(" ")), x.slice(x.indexOf(" ") + 1)] as [string, string]) : x,
        ),
        ...pairs,
      ];
  return { json: { ...base, model: { ...m, vocab, merges: mergesOut } }, addedTokens, mergesAdded: steps.length };
}

/** Counts of one segment under a tokenizer engine, in the shape the metrics read. */
export function tokenizeSegments(
  engine: JsonTokenizerEngine,
  tokenizer: string,
  language: LanguageCode,
  segments: readonly Segment[],
  vocabSize: number,
): TokenizedLanguage {
  const enc = new TextEncoder();
  const freq = new Map<number, number>();
  const out: SegmentCounts[] = [];
  let words = 0;
  for (const s of segments) {
    const { ids, tokens } = engine.encode(s.text);
    for (const id of ids) freq.set(id, (freq.get(id) ?? 0) + 1);
    const w = segmentWords(s.text, language).length;
    words += w;
    out.push({
      id: s.id,
      tokens: ids.length,
      bytes: enc.encode(s.text).length,
      chars: [...s.text].length,
      words: w,
      unk: 0,
      byteFallback: tokens.filter((t) => /^<0x[0-9A-Fa-f]{2}>$/.test(t)).length,
    });
  }
  // fertility and premium read only tokens and words: unk and the in-context word counts are not measured here
  return {
    tokenizer,
    language,
    vocabSize,
    segments: segmentTable(out),
    tokenFrequencies: freq,
    ...unmeasuredWords(words),
    lossyChars: 0,
    lossUnmeasuredChars: 0,
  };
}

export interface ExpansionPoint {
  /** New vocabulary entries actually added (can stop short of the K asked for when training runs out of pairs). */
  added_tokens: number;
  /** The K asked for. */
  requested: number;
  merges_added: number;
  vocab_size: number;
  /** Held-out tokens per held-out word. */
  fertility: number | null;
  /** Held-out tokens / pivot tokens on the same held-out segments, both with the expanded tokenizer. */
  premium: number | null;
  held_out_tokens: number;
}

export interface ExpansionCurve {
  language: LanguageCode;
  pivot: LanguageCode;
  points: ExpansionPoint[];
  /** The first K whose premium is at most 1 (parity with the pivot), or null. */
  parityAt: number | null;
  /** The knee of fertility against added tokens (Kneedle: farthest point above the chord), or null with fewer than 3 points. */
  diminishingReturnsAt: number | null;
  /** Merges the trainer could learn in total (pairs seen at least `minPairFrequency` times). */
  learnedMerges: number;
  trainSegments: number;
  heldOutSegments: number;
  warnings: Warning[];
}

export interface ExpansionOptions extends ContinueBpeOptions {
  /** Ks to evaluate (new tokens), 0 = the base tokenizer. */
  ks: readonly number[];
  tokenizer: string;
  language: LanguageCode;
  pivot: LanguageCode;
}

/**
 * Kneedle (Satopää et al. 2011) on a decreasing curve: both axes scaled to 0..1, the point with the largest
 * drop below the straight line from first to last point. Null when there are fewer than 3 points or no drop.
 */
export function kneePoint(points: ReadonlyArray<{ x: number; y: number }>): number | null {
  if (points.length < 3) return null;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x0 = Math.min(...xs),
    x1 = Math.max(...xs),
    y0 = Math.min(...ys),
    y1 = Math.max(...ys);
  if (x1 === x0 || y1 === y0) return null;
  let best: number | null = null;
  let bestGap = 0;
  for (const p of points) {
    const xn = (p.x - x0) / (x1 - x0);
    const gain = (y1 - p.y) / (y1 - y0); // 0 at the start, 1 at the lowest fertility
    const gap = gain - xn;
    if (gap > bestGap + 1e-12) {
      bestGap = gap;
      best = p.x;
    }
  }
  return best;
}

/**
 * Expands `base` with merges learned on `train` target segments and, for each K, tokenizes the held-out
 * target segments and the pivot's segments with the same ids. Training text is never evaluated on.
 */
export async function expansionCurve(
  base: TokenizerJson,
  train: readonly Segment[],
  heldOut: readonly Segment[],
  pivotHeldOut: readonly Segment[],
  options: ExpansionOptions,
): Promise<{ curve: ExpansionCurve; merges: LearnedMerge[] }> {
  const trainIds = new Set(train.map((s) => s.id));
  const leaked = heldOut.filter((s) => trainIds.has(s.id));
  if (leaked.length)
    throw new ConfigError(
      `Segments ${leaked.map((s) => s.id).join(", ")} are in both the training and the held-out split; split by segment id.`,
    );
  const maxK = Math.max(0, ...options.ks);
  const merges = await learnExpansion(
    base,
    train.map((s) => s.text),
    { ...options, maxNewTokens: maxK },
  );
  const metricOptions = resolveMetricOptions();
  const points: ExpansionPoint[] = [];
  const warnings: Warning[] = [];
  for (const k of [...new Set(options.ks)].sort((a, b) => a - b)) {
    const expanded = expandTokenizerJson(base, merges, k);
    const engine = await jsonTokenizerEngine(expanded.json);
    const vocabSize = definedIds(expanded.json).size;
    const name = `${options.tokenizer}+${expanded.addedTokens.length}`;
    const target = tokenizeSegments(engine, name, options.language, heldOut, vocabSize);
    const pivot = tokenizeSegments(engine, name, options.pivot, pivotHeldOut, vocabSize);
    const f = fertility.compute(target, { options: metricOptions });
    const p = premium.compute(target, { pivot, options: metricOptions });
    warnings.push(...f.warnings, ...p.warnings);
    points.push({
      added_tokens: expanded.addedTokens.length,
      requested: k,
      merges_added: expanded.mergesAdded,
      vocab_size: vocabSize,
      fertility: f.value,
      premium: p.value,
      held_out_tokens: columnSum(target.segments, "tokens"),
    });
  }
  const parity = points.find((p) => p.premium !== null && p.premium <= 1);
  const knee = kneePoint(
    points.filter((p) => p.fertility !== null).map((p) => ({ x: p.added_tokens, y: p.fertility! })),
  );
  return {
    merges,
    curve: {
      language: options.language,
      pivot: options.pivot,
      points,
      parityAt: parity ? parity.added_tokens : null,
      diminishingReturnsAt: knee,
      learnedMerges: merges.length,
      trainSegments: train.length,
      heldOutSegments: heldOut.length,
      warnings,
    },
  };
}
