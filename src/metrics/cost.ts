// Cost and context per tokenizer x language: pure arithmetic over compare rows and a price table.
import type { Warning } from "../types.js";

/** What `costAndContext` reads from a compare row. */
export interface CostInputRow {
  tokenizer: string;
  language: string;
  tokens: number;
  /** null when words were not counted: the per-word costs are then null too. */
  words: number | null;
  chars: number;
  premium: number | null;
  premium_ci: [number, number] | null;
}

/** USD per million input and (optionally) output tokens. */
export interface CostPrice {
  input: number;
  output?: number;
}

/** Cost and context of one tokenizer x language. Money in USD; `null` where a price or a count is missing. */
export interface CostRow {
  tokenizer: string;
  language: string;
  /** USD per million input tokens used (null: no price for this tokenizer). */
  input_price: number | null;
  /** USD per million output tokens used (null: none given). */
  output_price: number | null;
  /** USD to send one million characters (code points) of this language as input. */
  input_usd_per_million_chars: number | null;
  /** The premium's 95% interval carried over: `input_usd_per_million_chars × premium_ci / premium`. */
  input_usd_per_million_chars_ci: [number, number] | null;
  /** USD to send one thousand words of this language as input. */
  input_usd_per_thousand_words: number | null;
  input_usd_per_thousand_words_ci: [number, number] | null;
  /** USD for the model to write one million characters of this language (output price). */
  output_usd_per_million_chars: number | null;
  output_usd_per_million_chars_ci: [number, number] | null;
  /** USD for the model to write one thousand words of this language. */
  output_usd_per_thousand_words: number | null;
  output_usd_per_thousand_words_ci: [number, number] | null;
  /** The context window asked for (tokens), when one was. */
  context_tokens: number | null;
  /** Words of this language that fit in `context_tokens` tokens (rounded down). */
  words_in_context: number | null;
  /** Characters (code points) of this language that fit in `context_tokens` tokens (rounded down). */
  chars_in_context: number | null;
}

export interface CostOptions {
  /** Price per tokenizer id; tokenizers absent from the map get null costs and one warning each. */
  prices?: ReadonlyMap<string, CostPrice>;
  /** Context window in tokens. */
  context?: number;
}

/** `value × [lo, hi] / premium`: the premium's relative uncertainty applied to a cost. */
function scaleInterval(
  value: number | null,
  premium: number | null,
  ci: [number, number] | null,
): [number, number] | null {
  if (value === null || premium === null || ci === null || !(premium > 0)) return null;
  return [(value * ci[0]) / premium, (value * ci[1]) / premium];
}

/** Floors a count that should be whole, forgiving binary rounding just below an integer. */
function floorCount(x: number): number {
  return Math.floor(x + 1e-9);
}

/**
 * Per row:
 * - cost of a million characters = tokens / chars × 10^6 × price / 10^6 = tokens / chars × price (price in USD per
 *   million tokens);
 * - cost of a thousand words = tokens / words × 1000 × price / 10^6;
 * - words in N tokens = floor(N × words / tokens), characters likewise.
 * Costs carry the premium's 95% interval by scaling its bounds the same way: a cost is proportional to the language's
 * tokens, and so is the premium, so cost × premium_ci / premium is the cost at the interval's ends (the pivot's
 * token count held fixed). No interval without a premium.
 */
export function costAndContext(
  rows: readonly CostInputRow[],
  options: CostOptions,
): { rows: CostRow[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const unpriced = new Set<string>();
  const out = rows.map((r): CostRow => {
    const price = options.prices?.get(r.tokenizer);
    if (options.prices && !price && !unpriced.has(r.tokenizer)) {
      unpriced.add(r.tokenizer);
      warnings.push({
        code: "no-price",
        tokenizer: r.tokenizer,
        message: `No price for ${r.tokenizer} in the prices file, so its costs are null. Add it under "prices" by its id or name.`,
      });
    }
    const perChar = r.chars > 0 ? r.tokens / r.chars : null;
    const perWord = r.words !== null && r.words > 0 ? r.tokens / r.words : null;
    const money = (usdPerMillionTokens: number | undefined) => {
      if (usdPerMillionTokens === undefined) return { chars: null, charsCi: null, words: null, wordsCi: null };
      const chars = perChar === null ? null : perChar * usdPerMillionTokens;
      const words = perWord === null ? null : (perWord * 1000 * usdPerMillionTokens) / 1e6;
      return {
        chars,
        charsCi: scaleInterval(chars, r.premium, r.premium_ci),
        words,
        wordsCi: scaleInterval(words, r.premium, r.premium_ci),
      };
    };
    const input = money(price?.input);
    const output = money(price?.output);
    const context = options.context;
    return {
      tokenizer: r.tokenizer,
      language: r.language,
      input_price: price?.input ?? null,
      output_price: price?.output ?? null,
      input_usd_per_million_chars: input.chars,
      input_usd_per_million_chars_ci: input.charsCi,
      input_usd_per_thousand_words: input.words,
      input_usd_per_thousand_words_ci: input.wordsCi,
      output_usd_per_million_chars: output.chars,
      output_usd_per_million_chars_ci: output.charsCi,
      output_usd_per_thousand_words: output.words,
      output_usd_per_thousand_words_ci: output.wordsCi,
      context_tokens: context ?? null,
      words_in_context:
        context !== undefined && r.tokens > 0 && r.words !== null ? floorCount((context * r.words) / r.tokens) : null,
      chars_in_context: context !== undefined && r.tokens > 0 ? floorCount((context * r.chars) / r.tokens) : null,
    };
  });
  return { rows: out, warnings };
}
