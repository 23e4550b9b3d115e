// Entropies of a token frequency distribution and the efficiency denominator shared by the two efficiency metrics.
import type { TokenizedLanguage, Warning } from "../types.js";
import type { EfficiencyVocabSize } from "./types.js";
import { metricWarning } from "./outcome.js";
import { distinctTokens } from "./unique-tokens.js";

/** Positive counts of a frequency table and their total. */
function positiveCounts(frequencies: Iterable<number>): { counts: number[]; total: number; max: number } {
  const counts: number[] = [];
  let total = 0;
  let max = 0;
  for (const c of frequencies) {
    if (c > 0) {
      counts.push(c);
      total += c;
      if (c > max) max = c;
    }
  }
  return { counts, total, max };
}

/** Shannon entropy H = -sum p log p in nats, p = count / total; 0 for an empty table. */
export function shannonEntropy(frequencies: Iterable<number>): number {
  const { counts, total } = positiveCounts(frequencies);
  let h = 0;
  for (const c of counts) {
    const p = c / total;
    h -= p * Math.log(p);
  }
  return h;
}

/**
 * Rényi entropy of order alpha in nats: H_a = log(sum p^a) / (1 - a); the limit a -> 1 is Shannon
 * entropy and a = Infinity gives -log max p. 0 for an empty table.
 */
export function renyiEntropy(frequencies: Iterable<number>, alpha: number): number {
  if (alpha === 1) return shannonEntropy(frequencies);
  const { counts, total, max } = positiveCounts(frequencies);
  if (counts.length === 0) return 0;
  if (alpha === Infinity) return -Math.log(max / total);
  // log sum p^a = a log p_max + log sum (p / p_max)^a: the scaled terms are <= 1 with one equal to 1,
  // so a large order cannot underflow the sum to 0 (which would give log 0 = -Infinity).
  let s = 0;
  for (const c of counts) s += (c / max) ** alpha;
  return (alpha * Math.log(max / total) + Math.log(s)) / (1 - alpha);
}

/**
 * log of the vocabulary size that divides an entropy to give an efficiency, or a warning when it is
 * not positive (a one-type text under the "observed" convention, or a bad vocabSize).
 */
export function logVocabularySize(
  data: TokenizedLanguage,
  convention: EfficiencyVocabSize,
  metric: string,
): { logSize: number } | { failure: Warning } {
  const observed = distinctTokens(data.tokenFrequencies);
  if (convention === "observed") {
    if (observed < 2) {
      return {
        failure: metricWarning(
          data,
          "single-type",
          `${metric} for ${data.tokenizer} on ${data.language} is undefined under the "observed" vocabulary convention: the text uses ${observed} distinct token(s), and log(${observed}) = 0.`,
        ),
      };
    }
    return { logSize: Math.log(observed) };
  }
  if (!(data.vocabSize >= 2) || data.vocabSize < observed) {
    return {
      failure: metricWarning(
        data,
        "invalid-vocab-size",
        `${metric} for ${data.tokenizer} is undefined: its vocabulary size ${data.vocabSize} is below 2 or below the ${observed} distinct ids observed; the tokenizer adapter must report the full vocabulary size.`,
      ),
    };
  }
  return { logSize: Math.log(data.vocabSize) };
}
