// Three plain-text headlines about a finished report, printed by `toklens run` and `toklens report`.
import type { ReportData } from "../report/report-data.js";

const f2 = (x: number) => x.toFixed(2);

/**
 * Three lines: the cheapest tokenizer overall (fewest tokens summed over the languages, all of which read the
 * same parallel text), the language that pays most even with its best tokenizer, and the fairest tokenizer by Gini.
 * A line says why when the numbers for it are missing.
 */
export function reportHeadlines(data: ReportData): string[] {
  const { compare } = data;
  const pivot = compare.pivot;
  const name = (code: string) => compare.languages.find((l) => l.code === code)?.name ?? code;

  // a language a tokenizer cannot measure (no text) would make its total look cheap: compare only complete columns
  const complete = compare.languages.filter((l) => compare.tokenizers.every((t) => compare.results.some((r) => r.tokenizer === t.id && r.language === l.code && r.segments > 0)));
  const totals = compare.tokenizers
    .map((t) => ({ id: t.id, tokens: compare.results.filter((r) => r.tokenizer === t.id && complete.some((l) => l.code === r.language)).reduce((n, r) => n + r.tokens, 0) }))
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

  // the highest premium a language pays even with the tokenizer that serves it best
  let worst: { language: string; best: number; tokenizer: string; max: number } | null = null;
  for (const lang of compare.languages) {
    if (lang.code === pivot) continue;
    const rows = compare.results.filter((r) => r.language === lang.code && r.premium !== null);
    if (rows.length === 0) continue;
    const best = rows.reduce((a, b) => (b.premium! < a.premium! ? b : a));
    const max = Math.max(...rows.map((r) => r.premium!));
    if (!worst || best.premium! > worst.best) worst = { language: lang.code, best: best.premium!, tokenizer: best.tokenizer, max };
  }
  lines.push(
    worst
      ? `Highest premium: ${name(worst.language)} (${worst.language}) needs ${f2(worst.best)}x the tokens of ${name(pivot)} even with its best tokenizer (${worst.tokenizer})` +
          (worst.max > worst.best ? `, up to ${f2(worst.max)}x.` : ".")
      : `Highest premium: none computed (the pivot ${pivot} is missing or the text is not parallel).`,
  );

  const ginis = compare.summary.filter((s) => s.gini !== null).sort((a, b) => a.gini! - b.gini!);
  const fair = ginis[0];
  const unfair = ginis.at(-1);
  lines.push(
    fair && unfair
      ? ginis.length > 1
        ? `Fairest tokenizer: ${fair.tokenizer} (Gini of per-language cost ${f2(fair.gini!)}); least fair: ${unfair.tokenizer} (${f2(unfair.gini!)}).`
        : `Gini of per-language cost for ${fair.tokenizer}: ${f2(fair.gini!)} (0 = every language pays the same).`
      : "Fairness (Gini): not computed (it needs premiums for at least two languages).",
  );
  return lines;
}
