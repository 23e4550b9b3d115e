// What the report's summary says about a set of tokenizers (the findings, the cheapest tokenizer per language and its
// wins): computed here once, by findings.ts for the page as written and by the page itself (scripts/report-assets.mjs
// inlines this file into assets/set-summary.js) when the reader unchecks a tokenizer or switches the pivot. It
// imports nothing at run time.

/** One result row as the summary reads it (the fields of `ResultView` it needs). */
export interface SetRow {
  tokenizer_label: string;
  language_label: string;
  tokens: number;
  bytes: number;
  premium: number | null;
}

/** What the summary is computed over, besides the rows. */
export interface SetMeta {
  pivot: { code: string; name: string };
  /** In the report's order, with their Gini of premiums (null: none). */
  tokenizers: { label: string; gini: number | null }[];
  /** In the report's order (by median premium; the pivot first); `label` is unique, `name` reads in a sentence. */
  languages: { code: string; label: string; name: string }[];
}

/** The rows as matrices, [tokenizer][language] in the orders of `SetMeta` (null: no row, or no value). */
export interface SetData extends SetMeta {
  tokens: (number | null)[][];
  bytes: (number | null)[][];
  premium: (number | null)[][];
}

/** A sentence: text, and parts shown in bold. */
export type Sentence = (string | { b: string })[];

/** The cheapest shown tokenizer of one language, and the shown runner-up (indexes into `SetMeta`). */
export interface SetCheapest {
  language: number;
  tokenizer: number;
  runnerUp: number | null;
  /** How many times more tokens per byte the runner-up needs (>= 1). */
  ratio: number | null;
}

export interface SetSummary {
  /** Per tokenizer: languages it is the cheapest shown tokenizer for (0 for a hidden one). */
  wins: number[];
  cheapest: SetCheapest[];
  /** Per language: tokens per byte of the cheapest shown tokenizer (null: none measured it). */
  minCost: (number | null)[];
  /** Per tokenizer: tokens over the languages every shown tokenizer measured, ÷ the fewest (null: hidden). */
  level: (number | null)[];
  findings: Sentence[];
}

/** `SetData` from result rows (rows naming a tokenizer or language not in `meta` are left out). */
export function setData(meta: SetMeta, rows: readonly SetRow[]): SetData {
  const t = new Map(meta.tokenizers.map((x, i) => [x.label, i]));
  const l = new Map(meta.languages.map((x, i) => [x.label, i]));
  const grid = () => meta.tokenizers.map(() => meta.languages.map((): number | null => null));
  const out: SetData = { ...meta, tokens: grid(), bytes: grid(), premium: grid() };
  for (const r of rows) {
    const i = t.get(r.tokenizer_label);
    const j = l.get(r.language_label);
    if (i === undefined || j === undefined) continue;
    out.tokens[i]![j] = r.tokens;
    out.bytes[i]![j] = r.bytes;
    out.premium[i]![j] = typeof r.premium === "number" && isFinite(r.premium) ? r.premium : null;
  }
  return out;
}

/**
 * Premiums against another pivot language, as the page's pivot switch draws them: tokens of the language ÷ tokens of
 * the pivot, per tokenizer (null where either has none).
 */
export function repivot(data: SetData, pivot: { code: string; name: string }): SetData {
  const p = data.languages.findIndex((l) => l.code === pivot.code);
  if (p < 0 || pivot.code === data.pivot.code) return data;
  // only where the run had a premium for both (as the pivot switch): text not aligned has none against any pivot
  const premium = data.tokens.map((row, i) =>
    row.map((n, j) => {
      const base = row[p];
      const had = data.premium[i]![j] !== null && data.premium[i]![p] !== null;
      return had && typeof n === "number" && typeof base === "number" && base > 0 ? n / base : null;
    }),
  );
  return { ...data, pivot, premium };
}

// Cheapest = fewest tokens per UTF-8 byte (report-model.ts): the same as fewest tokens on the same text, and fair if
// a tokenizer skipped a segment.
const costAt = (d: SetData, i: number, j: number): number | null => {
  const n = d.tokens[i]![j],
    b = d.bytes[i]![j];
  return typeof n === "number" && typeof b === "number" && n > 0 && b > 0 ? n / b : null;
};

/** The median of a non-empty sample (as metrics/median.ts: the mean of the two middle values for an even count). */
function medianOf(values: readonly number[]): number {
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function cheapestPerLanguage(d: SetData, shown: readonly number[]) {
  const wins = d.tokenizers.map(() => 0);
  const cheapest: SetCheapest[] = [];
  const minCost = d.languages.map((): number | null => null);
  d.languages.forEach((_, j) => {
    const ranked = shown
      .filter((i) => costAt(d, i, j) !== null)
      .sort((a, b) => costAt(d, a, j)! - costAt(d, b, j)! || a - b);
    const best = ranked[0];
    if (best === undefined) return;
    const second = ranked[1];
    wins[best]!++;
    minCost[j] = costAt(d, best, j);
    cheapest.push({
      language: j,
      tokenizer: best,
      runnerUp: second ?? null,
      ratio: second === undefined ? null : costAt(d, second, j)! / costAt(d, best, j)!,
    });
  });
  return { wins, cheapest, minCost };
}

/** Tokens over the languages every shown tokenizer has tokens for, ÷ the fewest such total. */
function costLevel(d: SetData, shown: readonly number[]): (number | null)[] {
  const complete = d.languages.map((_, j) => j).filter((j) => shown.every((i) => (d.tokens[i]![j] ?? 0) > 0));
  const totals = d.tokenizers.map((_, i) =>
    shown.includes(i) && complete.length > 0 ? complete.reduce((n, j) => n + d.tokens[i]![j]!, 0) : null,
  );
  const fewest = Math.min(...totals.filter((x): x is number => x !== null));
  return totals.map((x) => (x === null || !(fewest > 0) ? null : x / fewest));
}

/** "Most even" next to what it costs; a sentence when the most even tokenizer is also the most expensive. */
function fairnessSentences(d: SetData, shown: readonly number[], level: (number | null)[]): Sentence[] {
  const ranked = shown.filter((i) => typeof d.tokenizers[i]!.gini === "number");
  if (ranked.length === 0) return [];
  ranked.sort((a, b) => d.tokenizers[a]!.gini! - d.tokenizers[b]!.gini! || a - b);
  const label = (i: number) => d.tokenizers[i]!.label;
  const gini = (i: number) => d.tokenizers[i]!.gini!.toFixed(3);
  const withLevel = shown.filter((i) => level[i] !== null);
  const cheapestAll = withLevel.reduce((a, b) => (level[b]! < level[a]! ? b : a), withLevel[0]!);
  const dearestAll = withLevel.reduce((a, b) => (level[b]! > level[a]! ? b : a), withLevel[0]!);
  const levelText = (i: number) =>
    withLevel.length < 2 || level[i] === null
      ? ""
      : i === cheapestAll
        ? "; fewest tokens"
        : `; ${level[i]!.toFixed(2)}× the tokens of ${label(cheapestAll)}`;
  const fair = ranked[0]!;
  if (ranked.length === 1)
    return [[`Gini across languages: `, { b: label(fair) }, ` ${gini(fair)} (0 = every language pays the same).`]];
  const unfair = ranked[ranked.length - 1]!;
  const out: Sentence[] = [
    [
      "Most even across languages: ",
      { b: label(fair) },
      ` (Gini ${gini(fair)}${levelText(fair)}); least even: ${label(unfair)} (Gini ${gini(unfair)}${levelText(unfair)}).`,
    ],
  ];
  if (withLevel.length >= 2 && fair === dearestAll && level[fair]! > 1)
    out.push([
      { b: label(fair) },
      ` spreads its cost most evenly but is also the most expensive: it needs ${level[fair]!.toFixed(2)}× the tokens of ${label(cheapestAll)}. The Gini measures how evenly the cost is spread across languages, not how high it is.`,
    ]);
  return out;
}

/** The language with the highest median premium over the shown tokenizers, and its cheapest and dearest premium. */
function dearestLanguage(d: SetData, shown: readonly number[]): Sentence[] {
  let worst: { j: number; median: number } | null = null;
  d.languages.forEach((l, j) => {
    if (l.code === d.pivot.code) return;
    const ps = shown.map((i) => d.premium[i]![j]).filter((p): p is number => typeof p === "number");
    if (ps.length === 0) return;
    const median = medianOf(ps);
    if (!worst || median > worst.median || (median === worst.median && l.code > d.languages[worst.j]!.code))
      worst = { j, median };
  });
  if (!worst) return [];
  const j = (worst as { j: number }).j;
  const has = shown.filter((i) => typeof d.premium[i]![j] === "number");
  const p = (i: number) => d.premium[i]![j]!;
  const best = has.reduce((a, b) => (p(a) <= p(b) ? a : b));
  const dear = has.reduce((a, b) => (p(a) >= p(b) ? a : b));
  const label = (i: number) => d.tokenizers[i]!.label;
  return [
    [
      "Most expensive language (median premium): ",
      { b: d.languages[j]!.label },
      `, ${p(best).toFixed(2)}× ${d.pivot.name} with ${label(best)} up to ${p(dear).toFixed(2)}× with ${label(dear)}.`,
    ],
  ];
}

/** The summary of the tokenizers `shown` (indexes into `data.tokenizers`). */
export function summarizeSet(data: SetData, shown: readonly number[]): SetSummary {
  const { wins, cheapest, minCost } = cheapestPerLanguage(data, shown);
  const level = costLevel(data, shown);
  const findings = fairnessSentences(data, shown, level);
  const top = shown.filter((i) => wins[i]! > 0).sort((a, b) => wins[b]! - wins[a]! || a - b)[0];
  if (top !== undefined)
    findings.push([
      "Cheapest for the most languages: ",
      { b: data.tokenizers[top]!.label },
      ` (${wins[top]} of ${cheapest.length}).`,
    ]);
  findings.push(...dearestLanguage(data, shown));
  return { wins, cheapest, minCost, level, findings };
}
