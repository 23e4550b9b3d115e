// Three or four plain-text headlines about a finished report, printed by `toklens run` and `toklens report`.
import { median as medianOf } from "../metrics/median.js";
import type { ReportData } from "../results/report-data.js";

const f2 = (x: number) => x.toFixed(2);

/**
 * Three or four lines: the cheapest tokenizer overall (fewest tokens summed over the languages, all of which read the
 * same parallel text), the language with the highest median premium over the tokenizers (the report's order),
 * and the most even tokenizer by Gini next to what it costs (a fourth line when the most even is the dearest).
 * A line says why when the numbers for it are missing.
 */
export function reportHeadlines(data: ReportData): string[] {
  const { compare } = data;
  const pivot = compare.pivot;
  const name = (code: string) => compare.languages.find((l) => l.code === code)?.name ?? code;

  // a language a tokenizer cannot measure (no text) would make its total look cheap: compare only complete columns
  const complete = compare.languages.filter((l) =>
    compare.tokenizers.every((t) =>
      compare.results.some((r) => r.tokenizer === t.id && r.language === l.code && r.segments > 0),
    ),
  );
  const totals = compare.tokenizers
    .map((t) => ({
      id: t.id,
      tokens: compare.results
        .filter((r) => r.tokenizer === t.id && complete.some((l) => l.code === r.language))
        .reduce((n, r) => n + r.tokens, 0),
    }))
    .sort((a, b) => a.tokens - b.tokens);
  const cheapest = totals[0];
  const dearest = totals.at(-1);
  const lines: string[] = [];
  if (cheapest && dearest && cheapest.tokens > 0) {
    lines.push(
      totals.length > 1
        ? `Cheapest tokenizer overall: ${cheapest.id}, ${cheapest.tokens.toLocaleString("en-US")} tokens for the same text in ${complete.length} languages (${dearest.id} needs ${f2(dearest.tokens / cheapest.tokens)}x as many).`
        : `Tokens: ${cheapest.id} needs ${cheapest.tokens.toLocaleString("en-US")} tokens for the text in ${complete.length} languages.`,
    );
  } else lines.push("Cheapest tokenizer overall: no text was measured.");

  // the most expensive language as the report ranks them: by median premium over the tokenizers
  let worst: {
    language: string;
    median: number;
    best: (typeof compare.results)[number];
    dearest: (typeof compare.results)[number];
  } | null = null;
  for (const lang of compare.languages) {
    if (lang.code === pivot) continue;
    const rows = compare.results
      .filter((r) => r.language === lang.code && r.premium !== null)
      .sort((a, b) => a.premium! - b.premium!);
    if (rows.length === 0) continue;
    const median = medianOf(rows.map((r) => r.premium!));
    if (!worst || median > worst.median) worst = { language: lang.code, median, best: rows[0]!, dearest: rows.at(-1)! };
  }
  lines.push(
    worst
      ? `Most expensive language: ${name(worst.language)} (${worst.language}), median premium ${f2(worst.median)}x ${name(pivot)}` +
          (worst.best === worst.dearest
            ? ` (${worst.best.tokenizer}).`
            : `: ${f2(worst.best.premium!)}x with ${worst.best.tokenizer} up to ${f2(worst.dearest.premium!)}x with ${worst.dearest.tokenizer}.`)
      : `Most expensive language: no premium computed (the pivot ${pivot} is missing or the text is not parallel).`,
  );

  lines.push(...evenness(compare.summary, totals));
  return lines;
}

/**
 * The most and least even tokenizer by Gini, each with what it costs (its total tokens ÷ the fewest total): Gini
 * measures the spread of the cost across languages, not its level, so the most even one can be the dearest, and a
 * second line says so when it is.
 */
function evenness(
  summary: ReportData["compare"]["summary"],
  totals: readonly { id: string; tokens: number }[],
): string[] {
  const ginis = summary.filter((s) => s.gini !== null).sort((a, b) => a.gini! - b.gini!);
  const fair = ginis[0];
  const unfair = ginis.at(-1);
  if (!fair || !unfair) return ["Evenness (Gini): not computed (it needs premiums for at least two languages)."];
  if (ginis.length === 1)
    return [`Gini of per-language cost for ${fair.tokenizer}: ${f2(fair.gini!)} (0 = every language pays the same).`];
  const fewest = totals[0];
  const dearest = totals.at(-1);
  const level = (id: string) => {
    const t = totals.find((x) => x.id === id);
    if (!fewest || !t || fewest.tokens <= 0 || totals.length < 2) return "";
    return t.id === fewest.id ? ", fewest tokens" : `, ${f2(t.tokens / fewest.tokens)}x the tokens of ${fewest.id}`;
  };
  const lines = [
    `Most even across languages: ${fair.tokenizer} (Gini of per-language cost ${f2(fair.gini!)}${level(fair.tokenizer)}); least even: ${unfair.tokenizer} (${f2(unfair.gini!)}${level(unfair.tokenizer)}).`,
  ];
  if (fewest && dearest && dearest.id === fair.tokenizer && dearest.tokens > fewest.tokens && fewest.tokens > 0)
    lines.push(
      `${fair.tokenizer} spreads its cost most evenly but is also the most expensive (${f2(dearest.tokens / fewest.tokens)}x the tokens of ${fewest.id}): Gini measures how evenly the cost is spread, not how high it is.`,
    );
  return lines;
}
