// Languages grouped by script or by a user's language,group table: per tokenizer and group the median premium with a
// bootstrap interval over the group's languages and the group's share of the token bill; and the Lorenz curves.
import { readFile } from "node:fs/promises";
import { ConfigError } from "../errors.js";
import { resolveCorpusLanguage } from "../corpus/languages.js";
import { quantileSorted } from "../metrics/bootstrap.js";
import { lorenzCurve } from "../metrics/lorenz.js";
import { median } from "../metrics/median.js";
import { mulberry32, randomIndex } from "../metrics/prng.js";
import type { ResolvedMetricOptions } from "../metrics/types.js";
import type { CompareGroupRow, CompareLorenzCurve, CompareResultRow } from "../report/report-data.js";
import type { Warning } from "../types.js";

/** The `--group-by` value that groups languages by their script (the corpus layer's ISO 15924 code). */
export const GROUP_BY_SCRIPT = "script";

/** language code -> group name. */
export type LanguageGroups = Map<string, string>;

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

/**
 * Reads a `language,group` CSV (a header row naming both columns; other columns are ignored; quoted fields as in
 * RFC 4180). Codes may be any form `toklens languages` accepts (`deu_Latn`, `deu`, `de`); they are resolved
 * against the run's languages, and rows for languages not in the run are counted in a warning.
 */
export async function readGroupCsv(
  file: string,
  runLanguages: readonly string[],
): Promise<{ groups: LanguageGroups; warnings: Warning[] }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new ConfigError(
      `Cannot read --group-by file '${file}' (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Give "script" or a CSV with columns language,group.`,
    );
  }
  const aq = await import("arquero");
  let rows: Record<string, unknown>[];
  try {
    rows = aq.fromCSV(text.replace(/^\uFEFF/, ""), { parse: { language: String, group: String } }).objects() as Record<
      string,
      unknown
    >[];
  } catch (err) {
    throw new ConfigError(
      `--group-by file '${file}' is not valid CSV (${(err as Error).message}). Write one row per language: language,group.`,
    );
  }
  const columns =
    rows.length > 0
      ? Object.keys(rows[0]!)
      : text
          .split(/\r?\n/, 1)[0]!
          .split(",")
          .map((c) => c.trim());
  if (!columns.includes("language") || !columns.includes("group")) {
    throw new ConfigError(
      `--group-by file '${file}' has columns ${columns.map((c) => `'${c}'`).join(", ") || "(none)"}; it needs a header row with 'language' and 'group', e.g. "language,group".`,
    );
  }
  const groups: LanguageGroups = new Map();
  const outside: string[] = [];
  rows.forEach((row, i) => {
    const raw = String(row["language"] ?? "").trim();
    const group = String(row["group"] ?? "").trim();
    if (!raw && !group) return;
    if (!raw || !group)
      throw new ConfigError(
        `--group-by file '${file}', row ${i + 2}: both language and group are needed, got '${raw}','${group}'.`,
      );
    let code: string | null = runLanguages.includes(raw) ? raw : null;
    if (code === null) {
      try {
        const resolved = resolveCorpusLanguage(raw, runLanguages).info.code;
        code = runLanguages.includes(resolved) ? resolved : null;
      } catch {
        code = null;
      }
    }
    if (code === null) {
      outside.push(raw);
      return;
    }
    const before = groups.get(code);
    if (before !== undefined && before !== group) {
      throw new ConfigError(
        `--group-by file '${file}' puts ${code} in two groups ('${before}' and '${group}', row ${i + 2}); give each language one group.`,
      );
    }
    groups.set(code, group);
  });
  const warnings: Warning[] = [];
  if (outside.length > 0) {
    warnings.push({
      code: "group-language-not-in-run",
      message: `${outside.length} language(s) of '${file}' are not in this run and were ignored (${outside.slice(0, 5).join(", ")}${outside.length > 5 ? ", ..." : ""}).`,
    });
  }
  const missing = runLanguages.filter((l) => !groups.has(l));
  if (missing.length > 0) {
    warnings.push({
      code: "language-without-group",
      message: `${missing.length} language(s) of the run have no group in '${file}' and are left out of the groups (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", ..." : ""}). Add rows for them to include them.`,
    });
  }
  return { groups, warnings };
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
  rows: readonly CompareResultRow[],
  tokenizers: readonly string[],
  groups: LanguageGroups,
  pivot: string,
  options: Pick<ResolvedMetricOptions, "bootstrapResamples" | "confidenceLevel" | "seed">,
): CompareGroupRow[] {
  const names = [...new Set(groups.values())].sort();
  const out: CompareGroupRow[] = [];
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
  rows: readonly CompareResultRow[],
  tokenizers: readonly string[],
  pivot: string,
): CompareLorenzCurve[] {
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
