// Display-ready view of ReportData shared by charts, tables and writers: labels, a language order, cheapest tokenizer per language.
import { median } from "../metrics/median.js";
import type { ReportData } from "../results/report-data.js";
import type { CompareResult, CompareResultRow } from "../results/compare.js";

/** A language as displayed. */
export interface LanguageView {
  code: string;
  name: string;
  script: string;
  /** `Name (code)`: unique, used on axes. */
  label: string;
  /** Position in the report's language order (0 = lowest median premium). */
  rank: number;
}

/** A tokenizer as displayed. */
export interface TokenizerView {
  id: string;
  /** The tokenizer's name, or `name (id)` when two tokenizers share a name: unique, used in legends. */
  label: string;
  vocabSize: number;
  backend: string;
  family: string;
  sha256: string;
  source: string;
}

/** A result row joined with its display labels. */
export interface ResultView extends CompareResultRow {
  tokenizer_label: string;
  language_label: string;
  language_name: string;
  script: string;
  /** Language rank (see `LanguageView.rank`). */
  rank: number;
  premium_low: number | null;
  premium_high: number | null;
  /** True for the tokenizer that needs the fewest tokens per byte of this language's text. */
  cheapest: boolean;
  /** Tokens per byte relative to the cheapest tokenizer for this language (1 = cheapest). */
  cost_vs_cheapest: number | null;
}

/** The tokenizer that makes one language cheapest. */
export interface CheapestTokenizer {
  language: string;
  language_label: string;
  tokenizer: string;
  tokenizer_label: string;
  tokens: number;
  /** The cheapest tokenizer's premium against the pivot. */
  premium: number | null;
  /** The second-cheapest tokenizer, when there is one. */
  runner_up_label: string | null;
  /** How many times more tokens the runner-up needs (>= 1). */
  runner_up_ratio: number | null;
}

/** Everything the report renders, with labels resolved and rows in a stable order. */
export interface ReportModel {
  data: ReportData;
  pivot: LanguageView;
  languages: LanguageView[];
  tokenizers: TokenizerView[];
  /** Rows sorted by language rank, then tokenizer order. */
  rows: ResultView[];
  cheapest: CheapestTokenizer[];
  /** Per tokenizer label: languages for which it is cheapest. */
  wins: Map<string, number>;
}

/** Builds the display model. Rows naming unknown tokenizers or languages are shown under their raw ids. */
export function buildReportModel(data: ReportData): ReportModel {
  const compare = data.compare;
  const tokenizers = tokenizerViews(compare);
  const tokById = new Map(tokenizers.map((t) => [t.id, t]));
  const tokOrder = new Map(tokenizers.map((t, i) => [t.id, i]));
  const languages = languageViews(compare);
  const langByCode = new Map(languages.map((l) => [l.code, l]));
  const pivot = langByCode.get(compare.pivot) ?? {
    code: compare.pivot,
    name: compare.pivot,
    script: "",
    label: compare.pivot,
    rank: -1,
  };
  const { cheapest, cheapestId, minCost, wins } = cheapestPerLanguage(compare, languages, tokenizers, tokOrder);
  const rows: ResultView[] = compare.results
    .map((r) => {
      const lang = langByCode.get(r.language)!;
      const cost = costOf(r);
      const min = minCost.get(r.language);
      return {
        ...r,
        tokenizer_label: tokById.get(r.tokenizer)!.label,
        language_label: lang.label,
        language_name: lang.name,
        script: lang.script,
        rank: lang.rank,
        premium_low: r.premium_ci ? r.premium_ci[0] : null,
        premium_high: r.premium_ci ? r.premium_ci[1] : null,
        cheapest: cheapestId.get(r.language) === r.tokenizer,
        cost_vs_cheapest: cost !== null && min !== undefined ? cost / min : null,
      };
    })
    .sort((a, b) => a.rank - b.rank || tokOrder.get(a.tokenizer)! - tokOrder.get(b.tokenizer)!);

  return { data, pivot, languages, tokenizers, rows, cheapest, wins };
}

/** The compared tokenizers, then any a result row names that the list lacks (shown under its id). */
function tokenizerViews(compare: CompareResult): TokenizerView[] {
  const nameCounts = new Map<string, number>();
  for (const t of compare.tokenizers) nameCounts.set(t.name, (nameCounts.get(t.name) ?? 0) + 1);
  const tokenizers: TokenizerView[] = compare.tokenizers.map((t) => ({
    id: t.id,
    label: (nameCounts.get(t.name) ?? 0) > 1 || t.name === "" ? `${t.name} (${t.id})` : t.name,
    vocabSize: t.vocabSize,
    backend: t.backend,
    family: t.family,
    sha256: t.sha256,
    source: t.source,
  }));
  const known = new Set(tokenizers.map((t) => t.id));
  for (const r of compare.results) {
    if (!known.has(r.tokenizer)) {
      tokenizers.push({
        id: r.tokenizer,
        label: r.tokenizer,
        vocabSize: 0,
        backend: "",
        family: "",
        sha256: "",
        source: "",
      });
      known.add(r.tokenizer);
    }
  }
  return tokenizers;
}

/** The languages in the report's order, ranked (see `LanguageView.rank`). */
function languageViews(compare: CompareResult): LanguageView[] {
  const langInfo = new Map(compare.languages.map((l) => [l.code, l]));
  for (const r of compare.results) {
    if (!langInfo.has(r.language)) langInfo.set(r.language, { code: r.language, name: r.language, script: "" });
  }
  // Sort languages by the median premium over tokenizers, so the cheapest sit on top and the
  // most expensive at the bottom; languages without any premium go last, by name.
  const premiums = new Map<string, number[]>();
  for (const r of compare.results) {
    if (r.premium === null || !Number.isFinite(r.premium)) continue;
    const list = premiums.get(r.language) ?? [];
    list.push(r.premium);
    premiums.set(r.language, list);
  }
  const sortKey = new Map(
    [...langInfo.keys()].map((c) => [c, premiums.get(c)?.length ? median(premiums.get(c)!) : null]),
  );
  const codes = [...langInfo.keys()].sort((a, b) => {
    if (a === compare.pivot) return -1;
    if (b === compare.pivot) return 1;
    const ka = sortKey.get(a) ?? null;
    const kb = sortKey.get(b) ?? null;
    if (ka === null && kb === null) return langInfo.get(a)!.name.localeCompare(langInfo.get(b)!.name);
    if (ka === null) return 1;
    if (kb === null) return -1;
    return ka - kb || a.localeCompare(b);
  });
  return codes.map((code, rank) => {
    const l = langInfo.get(code)!;
    return { code, name: l.name, script: l.script, label: l.name === code ? code : `${l.name} (${code})`, rank };
  });
}

// Cheapest = fewest tokens per UTF-8 byte, which equals fewest tokens when every tokenizer read
// the same text, and stays fair if a tokenizer skipped a segment.
const costOf = (r: CompareResultRow): number | null => (r.bytes > 0 && r.tokens > 0 ? r.tokens / r.bytes : null);

/** Per language: the cheapest tokenizer and its runner-up, its cost (tokens per byte), and each tokenizer's wins. */
function cheapestPerLanguage(
  compare: CompareResult,
  languages: readonly LanguageView[],
  tokenizers: readonly TokenizerView[],
  tokOrder: ReadonlyMap<string, number>,
) {
  const tokById = new Map(tokenizers.map((t) => [t.id, t]));
  const byLanguage = new Map<string, CompareResultRow[]>();
  for (const r of compare.results) {
    const list = byLanguage.get(r.language) ?? [];
    list.push(r);
    byLanguage.set(r.language, list);
  }
  const cheapest: CheapestTokenizer[] = [];
  const cheapestId = new Map<string, string>();
  const minCost = new Map<string, number>();
  const wins = new Map<string, number>(tokenizers.map((t) => [t.label, 0]));
  for (const lang of languages) {
    const ranked = (byLanguage.get(lang.code) ?? [])
      .filter((r) => costOf(r) !== null)
      .sort((a, b) => costOf(a)! - costOf(b)! || tokOrder.get(a.tokenizer)! - tokOrder.get(b.tokenizer)!);
    const best = ranked[0];
    if (!best) continue;
    const second = ranked[1];
    const label = tokById.get(best.tokenizer)!.label;
    cheapestId.set(lang.code, best.tokenizer);
    minCost.set(lang.code, costOf(best)!);
    wins.set(label, (wins.get(label) ?? 0) + 1);
    cheapest.push({
      language: lang.code,
      language_label: lang.label,
      tokenizer: best.tokenizer,
      tokenizer_label: label,
      tokens: best.tokens,
      premium: best.premium,
      runner_up_label: second ? tokById.get(second.tokenizer)!.label : null,
      runner_up_ratio: second ? costOf(second)! / costOf(best)! : null,
    });
  }
  return { cheapest, cheapestId, minCost, wins };
}

/** A tokenizer's label in the report, by id (the id itself when the report does not list it). */
export function tokenizerLabel(model: ReportModel, id: string): string {
  return model.tokenizers.find((t) => t.id === id)?.label ?? id;
}
