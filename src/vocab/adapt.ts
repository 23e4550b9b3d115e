// The vocabulary work of adapting one tokenizer to a target language: the trimming plan, the expansion plan, and the
// expanded tokenizers; the caller (analysis/adapt.ts) reads the corpus, writes the files and words the advice.
import type { LanguageCode, Segment } from "../types.js";
import type { LearnedMerge } from "./bpe-continue.js";
import {
  expandTokenizerJson,
  expansionCurve,
  splitSegments,
  type ExpandedTokenizer,
  type ExpansionCurve,
} from "./expand.js";
import type { TokenizerJson } from "./tokenizer-json.js";
import { trimForTexts, type TrimmedTokenizer, type TrimReport, type TrimVerification } from "./trim.js";

/** Every n-th segment of the target language is held out from expansion training when no n is given. */
export const DEFAULT_HELD_OUT_EVERY = 5;

/** The trimming table of the target text, with its check that the trimmed tokenizer tokenizes it identically. */
export type TrimmingPlan = TrimReport & { verification: TrimVerification; segments: number };

export interface TrimmingOptions {
  /** Keep tokens used at least this many times (tokenization stays identical only at 1). @default 1 */
  minFrequency?: number;
  /** Model hidden size, for embedding parameters saved by trimming. */
  hiddenSize?: number;
  /** Tokenizer reference, recorded in the trimmed tokenizer.json. */
  owner: string;
}

/** Trims `base` to what the target texts use; `trimmed` is the tokenizer.json to write and its id map. */
export async function planTrimming(
  base: TokenizerJson,
  texts: readonly string[],
  options: TrimmingOptions,
): Promise<{ trimming: TrimmingPlan; trimmed: TrimmedTokenizer }> {
  const { report, trimmed, verification } = await trimForTexts(base, texts, {
    ...(options.minFrequency !== undefined ? { minFrequency: options.minFrequency } : {}),
    ...(options.hiddenSize !== undefined ? { hiddenSize: options.hiddenSize } : {}),
    owner: options.owner,
  });
  return { trimming: { ...report, verification, segments: texts.length }, trimmed };
}

export interface ExpansionPlanOptions {
  /** New-token counts K to evaluate (0 = the base tokenizer). */
  ks: readonly number[];
  tokenizer: string;
  language: LanguageCode;
  pivot: LanguageCode;
  /** Every n-th target segment is held out from training. @default DEFAULT_HELD_OUT_EVERY */
  heldOutEvery?: number;
  /** Minimum pair frequency for expansion merges. @default 1 */
  minPairFrequency?: number;
}

/** The expansion curve of `base` on held-out target text, the merges learned, and the sizes of the split. */
export interface ExpansionPlan {
  curve: ExpansionCurve;
  merges: LearnedMerge[];
  heldOutEvery: number;
  train: number;
  heldOut: number;
}

/**
 * Learns merges on the training part of the target segments and measures each K on the held-out part; premium is
 * measured on the pivot segments with the same ids as the held-out ones, so both sides say the same thing.
 */
export async function planExpansion(
  base: TokenizerJson,
  targetSegments: readonly Segment[],
  pivotSegments: readonly Segment[],
  options: ExpansionPlanOptions,
): Promise<ExpansionPlan> {
  const heldOutEvery = options.heldOutEvery ?? DEFAULT_HELD_OUT_EVERY;
  const { train, heldOut } = splitSegments(targetSegments, heldOutEvery);
  const heldIds = new Set(heldOut.map((s) => s.id));
  const pivotHeldOut = pivotSegments.filter((s) => heldIds.has(s.id));
  const { curve, merges } = await expansionCurve(base, train, heldOut, pivotHeldOut, {
    ks: options.ks,
    tokenizer: options.tokenizer,
    language: options.language,
    pivot: options.pivot,
    ...(options.minPairFrequency !== undefined ? { minPairFrequency: options.minPairFrequency } : {}),
  });
  return { curve, merges, heldOutEvery, train: train.length, heldOut: heldOut.length };
}

/**
 * The expanded tokenizer of every distinct K above 0, in the order first asked for (K = 0 is the base); one at a
 * time, so a caller that writes each before asking for the next holds a single copy of the vocabulary.
 */
export function* expandedTokenizers(
  base: TokenizerJson,
  merges: readonly LearnedMerge[],
  ks: readonly number[],
): Generator<ExpandedTokenizer & { k: number }> {
  for (const k of [...new Set(ks)].filter((k) => k > 0)) yield { k, ...expandTokenizerJson(base, merges, k) };
}
