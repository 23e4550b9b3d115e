// Group statistics over a run's rows: per tokenizer and group of languages the median premium with a bootstrap
// interval over the group's languages and the group's share of the token bill; and the Lorenz curves of premiums.
import { quantileSorted } from "./bootstrap.js";
import { lorenzCurve, type LorenzPoint } from "./lorenz.js";
import { median } from "./median.js";
import { mulberry32, randomIndex } from "./prng.js";
import type { ResolvedMetricOptions } from "./types.js";

/** language code -> group name. */
export type LanguageGroups = ReadonlyMap<string, string>;

/** What the group statistics read of a tokenizer x language row. */
export interface GroupInputRow {
  tokenizer: string;
  language: string;
  tokens: number;
  premium: number | null;
}

/** One tokenizer x group. */
export interface GroupRow {
  tokenizer: string;
  group: string;
  /** The group's languages in the run (codes), the pivot included when it belongs to the group. */
  languages: string[];
  /** Median premium over the group's languages with a premium, the pivot left out; null when there are none. */
  median_premium: number | null;
  /** Percentile bootstrap interval of the median, resampling the group's languages (seeded); null below 2 languages. */
  median_premium_ci: [number, number] | null;
  /** The group's tokens / the tokens of every language in the run, for this tokenizer (0..1). */
  token_share: number | null;
}

/** The Lorenz curve of one tokenizer's premiums across the run's languages, pivot left out. */
export interface TokenizerLorenzCurve {
  tokenizer: string;
  /** The origin, then one point per language, cheapest first; empty when no language has a premium. */
  points: LorenzPoint[];
}

/**
 * Percentile bootstrap interval of the median: `resamples` draws of n values with replacement (mulberry32 from
 * `seed`), the median of each, and the (1-level)/2 and (1+level)/2 quantiles (type 7) of those medians.
 * Null for fewer than two values: one language has no spread to resample.
 */
export function bootstrapMedian(
  values: readonly number[],
  settings: { resamples: number; level: number; seed: number },
): [number, number] | null {
  const n = values.length;
  if (n < 2) return null;
  const next = mulberry32(settings.seed);
  const medians = new Float64Array(settings.resamples);
  const draw = new Array<number>(n);
  for (let b = 0; b < settings.resamples; b++) {
    for (let i = 0; i < n; i++) draw[i] = values[randomIndex(next, n)]!;
    medians[b] = median(draw);
  }
  medians.sort();
  return [quantileSorted(medians, (1 - settings.level) / 2), quantileSorted(medians, (1 + settings.level) / 2)];
}

/** Groups by script: each language's script code, as `CompareResult.languages[].script` gives it. */
export function scriptGroups(languages: readonly { code: string; script: string }[]): LanguageGroups {
  return new Map(languages.map((l) => [l.code, l.script || "unknown"]));
}

/** A stable 32-bit offset of the seed per tokenizer and group, so each interval has its own stream. */
function seedFor(seed: number, key: string): number {
  let h = seed >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Per tokenizer (in `tokenizers` order) and group (by name): the languages, the median premium over those with one
 * (the pivot left out, as in the gini) with its bootstrap interval, and the group's share of the tokenizer's tokens
 * over every language of the run.
 */
export function groupRows(
  rows: readonly GroupInputRow[],
  tokenizers: readonly string[],
  groups: LanguageGroups,
  pivot: string,
  options: Pick<ResolvedMetricOptions, "bootstrapResamples" | "confidenceLevel" | "seed">,
): GroupRow[] {
  const names = [...new Set(groups.values())].sort();
  const out: GroupRow[] = [];
  for (const tokenizer of tokenizers) {
    const mine = rows.filter((r) => r.tokenizer === tokenizer);
    const bill = mine.reduce((n, r) => n + r.tokens, 0);
    for (const group of names) {
      const members = mine.filter((r) => groups.get(r.language) === group);
      if (members.length === 0) continue;
      const premiums = members.flatMap((r) => (r.language !== pivot && r.premium !== null ? [r.premium] : []));
      out.push({
        tokenizer,
        group,
        languages: members.map((r) => r.language),
        median_premium: premiums.length > 0 ? median(premiums) : null,
        median_premium_ci: bootstrapMedian(premiums, {
          resamples: options.bootstrapResamples,
          level: options.confidenceLevel,
          seed: seedFor(options.seed, `${tokenizer}\u0000${group}`),
        }),
        token_share: bill > 0 ? members.reduce((n, r) => n + r.tokens, 0) / bill : null,
      });
    }
  }
  return out;
}

/** Per tokenizer, the Lorenz curve of its premiums across the run's languages other than the pivot. */
export function lorenzCurves(
  rows: readonly GroupInputRow[],
  tokenizers: readonly string[],
  pivot: string,
): TokenizerLorenzCurve[] {
  return tokenizers.map((tokenizer) => ({
    tokenizer,
    points:
      lorenzCurve(
        rows.flatMap((r) =>
          r.tokenizer === tokenizer && r.language !== pivot && r.premium !== null
            ? [{ language: r.language, value: r.premium }]
            : [],
        ),
      ) ?? [],
  }));
}
