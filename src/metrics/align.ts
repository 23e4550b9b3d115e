// Pairs the token counts of two tokenized texts by segment id, for the ratio metrics (premium, nsl).
import type { SegmentTable, TokenizedLanguage, Warning } from "../types.js";
import { metricWarning, missing, ok } from "./outcome.js";
import type { MetricOutcome } from "./types.js";

/** Token counts of the segments present in both texts, ordered by segment id. */
export interface AlignedTokens {
  /** Segment ids present in both, sorted by UTF-16 code units (so order never depends on sharding). */
  ids: string[];
  /** Tokens of the measured text per aligned segment. */
  tokens: Float64Array;
  /** Tokens of the other text (pivot or reference) per aligned segment. */
  baseTokens: Float64Array;
  /** Segments of the measured text with no counterpart. */
  onlyInMeasured: number;
  /** Segments of the other text with no counterpart. */
  onlyInBase: number;
}

function tokensById(segments: SegmentTable): Map<string, number> {
  const byId = new Map<string, number>();
  const { ids, tokens } = segments;
  // A repeated id (should not happen) adds up, like any other count.
  for (let i = 0; i < ids.length; i++) byId.set(ids[i]!, (byId.get(ids[i]!) ?? 0) + tokens[i]!);
  return byId;
}

/** UTF-16 code-unit order, the order of `AlignedTokens.ids`. */
const byCodeUnits = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * A base side's counts by id and its ids in order, per segment table: every language of a run is aligned with the
 * same pivot, whose map and sort are made once. A segment table is not changed once made (its typed columns cannot
 * grow).
 */
const baseIndex = new WeakMap<SegmentTable, { byId: Map<string, number>; ids: string[] }>();

function indexedBase(base: SegmentTable): { byId: Map<string, number>; ids: string[] } {
  let hit = baseIndex.get(base);
  if (!hit) {
    const byId = tokensById(base);
    hit = { byId, ids: [...byId.keys()].sort(byCodeUnits) };
    baseIndex.set(base, hit);
  }
  return hit;
}

/** Align `measured` with `base` on segment ids. */
export function alignTokens(measured: SegmentTable, base: SegmentTable): AlignedTokens {
  const m = tokensById(measured);
  const b = indexedBase(base);
  // the base's sorted ids that the measured side has: the shared ids, already in order
  const ids = b.ids.filter((id) => m.has(id));
  const tokens = new Float64Array(ids.length);
  const baseTokens = new Float64Array(ids.length);
  ids.forEach((id, i) => {
    tokens[i] = m.get(id)!;
    baseTokens[i] = b.byId.get(id)!;
  });
  return { ids, tokens, baseTokens, onlyInMeasured: m.size - ids.length, onlyInBase: b.byId.size - ids.length };
}

/** Sum of a typed array. */
export function sum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}

/**
 * Tokens summed over the aligned segments over the same sum on the base side (pivot or reference); null with a
 * `zero-denominator` warning saying `undefinedBecause` when the base side has no tokens there.
 */
export function alignedRatio(
  data: Pick<TokenizedLanguage, "tokenizer" | "language">,
  aligned: AlignedTokens,
  undefinedBecause: string,
  warnings: Warning[] = [],
): MetricOutcome<number> {
  const base = sum(aligned.baseTokens);
  if (base <= 0) return missing(metricWarning(data, "zero-denominator", undefinedBecause), warnings);
  return ok(sum(aligned.tokens) / base, warnings);
}
