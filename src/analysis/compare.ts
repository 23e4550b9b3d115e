// Library entry point behind `toklens compare`: corpus -> tokenize once -> pure metrics -> one CompareResult.
import { ConfigError } from "../errors.js";
import { DEFAULT_CORPUS, openCorpus, type CorpusOptions } from "../corpus/open-corpus.js";
import { findLanguage, resolveCorpusLanguage } from "../corpus/languages.js";
import { corpusInput, runTokenize, type LanguageInput, type TokenizeProgress } from "../tokenize/run.js";
import type { TokenizerSession } from "../tokenize/session.js";
import { joinedInput, MAX_JOINED_CHARS } from "../tokenize/join.js";
import { computeMetrics, computeSummary } from "../metrics/registry.js";
import { DEFAULT_PIVOT_LANGUAGE, resolveMetricOptions } from "../metrics/options.js";
import { GROUP_BY_SCRIPT, readGroupCsv } from "../corpus/group-table.js";
import { groupRows, lorenzCurves, scriptGroups } from "../metrics/groups.js";
import type { MetricName, MetricOptions } from "../metrics/types.js";
import { compareRow, rowMetricNames, type CompareResult, type CompareResultRow } from "../results/compare.js";
import type { LoadTokenizerOptions } from "../tokenizers/load.js";
import type { LanguageCode, TokenizedLanguage, Warning } from "../types.js";
import { costAndContext, type CostPrice } from "../metrics/cost.js";
import { priceFor } from "./prices.js";
import type { PriceTable } from "../results/prices.js";

/** Languages compared when none are given: a spread of scripts, families and resource levels. */
export const DEFAULT_LANGUAGES: readonly LanguageCode[] = [
  "eng_Latn",
  "deu_Latn",
  "fra_Latn",
  "spa_Latn",
  "por_Latn",
  "pol_Latn",
  "tur_Latn",
  "vie_Latn",
  "ind_Latn",
  "swh_Latn",
  "yor_Latn",
  "hau_Latn",
  "rus_Cyrl",
  "ukr_Cyrl",
  "tat_Cyrl",
  "ell_Grek",
  "heb_Hebr",
  "arb_Arab",
  "pes_Arab",
  "urd_Arab",
  "hin_Deva",
  "mar_Deva",
  "ben_Beng",
  "tam_Taml",
  "tel_Telu",
  "kan_Knda",
  "mal_Mlym",
  "guj_Gujr",
  "pan_Guru",
  "sin_Sinh",
  "tha_Thai",
  "lao_Laoo",
  "khm_Khmr",
  "mya_Mymr",
  "kat_Geor",
  "hye_Armn",
  "amh_Ethi",
  "tir_Ethi",
  "cmn_Hans",
  "cmn_Hant",
  "jpn_Jpan",
  "kor_Hang",
  "bod_Tibt",
  "uig_Arab",
  "zul_Latn",
];

/** Default of `CompareOptions.lossyThreshold`: Petrov et al. (2023) left out pairs with more than 10% unknown characters. */
export const LOSSY_THRESHOLD = 0.1;

export interface CompareOptions extends Pick<
  CorpusOptions,
  "split" | "normalize" | "replaceInvalid" | "allowUnaligned"
> {
  /** Tokenizer references (built-in ids, files, hf: ids), in output order. */
  tokenizers: readonly string[];
  /** Corpus address. @default "udhr" */
  corpus?: string;
  /** Languages to compare, or "all". @default DEFAULT_LANGUAGES present in the corpus (all languages for a user corpus) */
  languages?: readonly string[] | "all";
  /** Pivot language of `premium`. @default "eng_Latn" */
  pivot?: string;
  /** Reference tokenizer for `nsl`. */
  reference?: string;
  /** Metrics to report. @default all */
  metrics?: readonly MetricName[];
  /**
   * Tokenize each language's segments joined by single spaces as one string (Petrov et al. 2023's protocol):
   * each language becomes one segment `joined`, premiums are ratios of the joined counts, and `premium_ci` is
   * null (one segment leaves nothing to resample). @default false
   */
  joinSegments?: boolean;
  /**
   * Group the languages: `"script"` (each language's script), or the path of a CSV with columns language,group
   * (resource level, family, region...). Adds `groups` to the result. @default no groups
   */
  groupBy?: string;
  metricOptions?: MetricOptions;
  /** @default one per core */
  workers?: number;
  /** Cache directory or false. @default ~/.cache/toklens */
  cache?: string | false;
  load?: LoadTokenizerOptions;
  /**
   * Tokenizer x language pairs that lose more than this share of characters (`lossy_chars`) are left out of the
   * per-tokenizer premium aggregates (gini, mean premium), as Petrov et al. (2023) did at 10%.
   * @default 0.1
   */
  lossyThreshold?: number;
  /** Shares loaded tokenizers with the caller (a report's vocabulary phase); the caller disposes it. */
  session?: TokenizerSession;
  onProgress?: ((p: TokenizeProgress) => void) | undefined;
  /** Prices per tokenizer id or name: adds `costs` (USD per million characters and per thousand words). */
  prices?: PriceTable;
  /** Context window in tokens: adds `costs` with the words and characters that fit in it. */
  context?: number;
}

export interface CompareRun extends CompareResult {
  /** How the tokenize phase went (cache hits, time), for --verbose and the bench. */
  stats: { cacheHits: number; computed: number; elapsedMs: number; tokenizeMs: Record<string, number> };
  /** sha256 of the corpus text that was measured (all languages' segment hashes). */
  corpusSha256: string;
}

export async function runCompare(options: CompareOptions): Promise<CompareRun> {
  if (options.tokenizers.length === 0)
    throw new ConfigError("Name at least one tokenizer to compare, e.g. `toklens compare cl100k_base llama3`.");
  const source = options.corpus ?? DEFAULT_CORPUS;
  const corpusOptions: CorpusOptions = {
    ...(options.split ? { split: options.split } : {}),
    ...(options.normalize !== undefined ? { normalize: options.normalize } : {}),
    ...(options.replaceInvalid !== undefined ? { replaceInvalid: options.replaceInvalid } : {}),
    ...(options.allowUnaligned !== undefined ? { allowUnaligned: options.allowUnaligned } : {}),
  };
  // open once unfiltered to know what is there, then resolve the requested codes against it
  const corpus = await openCorpus(source, corpusOptions);
  // the unfiltered open skips incomplete UDHR translations; that matters only to a run that wanted them all
  // (a language asked for by name that was skipped fails with its reason when it is read)
  const warnings: Warning[] = corpus.warnings.filter(
    (w) => w.code !== "incomplete-skipped" || options.languages === "all",
  );
  const available = corpus.languages;
  let languages: LanguageCode[];
  if (options.languages === "all") languages = [...available];
  else if (options.languages && options.languages.length > 0) {
    languages = options.languages.map((code) => resolveCorpusLanguage(code, available).info.code);
  } else if (source.trim().startsWith("udhr")) {
    languages = DEFAULT_LANGUAGES.filter((l) => available.includes(l));
  } else languages = [...available];
  languages = [...new Set(languages)];

  const pivot = options.pivot ? resolveCorpusLanguage(options.pivot, available).info.code : DEFAULT_PIVOT_LANGUAGE;
  const pivotAvailable = available.includes(pivot);
  if (!pivotAvailable) {
    warnings.push({
      code: "pivot-missing",
      language: pivot,
      message: `The pivot language ${pivot} is not in corpus '${source}', so premiums are null. Pick another with --pivot (run \`toklens languages --corpus ${source}\`).`,
    });
  }
  const measured = pivotAvailable && !languages.includes(pivot) ? [pivot, ...languages] : languages;
  // a bad group table fails before the tokenize phase, not after it
  const groupTable =
    options.groupBy !== undefined && options.groupBy !== GROUP_BY_SCRIPT
      ? await readGroupCsv(options.groupBy, measured)
      : null;
  if (groupTable) warnings.push(...groupTable.warnings);

  const prepared: LanguageInput[] = [];
  for (const language of measured) {
    const input: LanguageInput & { segments: number; pieces?: number } = options.joinSegments
      ? await joinedInput(corpus, language)
      : await corpusInput(corpus, language);
    if (input.pieces !== undefined && input.pieces > 1) {
      warnings.push({
        code: "joined-in-pieces",
        language,
        message: `${language}'s joined text is over ${MAX_JOINED_CHARS.toLocaleString("en-US")} characters, so it was tokenized in ${input.pieces} pieces cut at white space (a few tokens may differ from one string).`,
      });
    }
    if (input.segments === 0) {
      warnings.push({
        code: "no-text",
        language,
        message: `Corpus '${source}' has no text for ${language}; its metrics are null.`,
      });
    }
    prepared.push(input);
  }

  const refs = [...options.tokenizers];
  const withReference = options.reference && !refs.includes(options.reference) ? [...refs, options.reference] : refs;
  const run = await runTokenize({
    tokenizers: withReference,
    languages: prepared,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.cache !== undefined ? { cache: options.cache } : {}),
    ...(options.load ? { load: options.load } : {}),
    ...(options.session ? { session: options.session } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  warnings.push(...run.warnings);

  const byKey = new Map<string, TokenizedLanguage>();
  withReference.forEach((ref, t) => {
    prepared.forEach((p, l) => byKey.set(`${ref}\u0000${p.language}`, run.results[t * prepared.length + l]!));
  });
  const parity = (language: LanguageCode) => corpus.parallel && !corpus.unaligned.includes(language);
  // nsl is only meaningful against a reference tokenizer; without one it is left out rather than null everywhere
  const columns = rowMetricNames(Boolean(options.reference));
  const allMetrics = options.metrics ?? (columns as MetricName[]);
  // a joined language is one segment: a bootstrap over segments would resample that one and return [p, p]
  const metrics = options.joinSegments ? allMetrics.filter((m) => m !== "premium_ci") : allMetrics;
  if (options.joinSegments && allMetrics.includes("premium_ci")) {
    warnings.push({
      code: "joined-no-ci",
      message:
        "premium_ci is null with --join-segments: each language is one joined string, so there are no segments to resample. Leave --join-segments out for bootstrap intervals over segments.",
    });
  }
  const rows: CompareResultRow[] = [];
  for (const ref of refs) {
    for (const language of measured) {
      const data = byKey.get(`${ref}\u0000${language}`)!;
      const pivotData =
        pivotAvailable && parity(language) && parity(pivot) ? byKey.get(`${ref}\u0000${pivot}`) : undefined;
      if (pivotAvailable && !parity(language)) {
        warnings.push({
          code: "not-parallel",
          tokenizer: ref,
          language,
          message: `premium for ${language} is null: its text in '${source}' is not aligned with ${pivot}.`,
        });
      }
      const reference = options.reference ? byKey.get(`${options.reference}\u0000${language}`) : undefined;
      const result = computeMetrics(data, {
        options: options.metricOptions ?? {},
        metrics,
        ...(pivotData ? { pivot: pivotData } : {}),
        ...(reference ? { reference } : {}),
      });
      warnings.push(...result.warnings);
      const total = (f: (s: TokenizedLanguage["segments"][number]) => number) =>
        data.segments.reduce((n, s) => n + f(s), 0);
      const counts = {
        tokenizer: ref,
        language,
        segments: data.segments.length,
        tokens: total((s) => s.tokens),
        words: total((s) => s.words),
        chars: total((s) => s.chars),
        bytes: total((s) => s.bytes),
      };
      rows.push(compareRow(counts, result.values, columns));
    }
  }

  const lossyThreshold = options.lossyThreshold ?? LOSSY_THRESHOLD;
  const tooLossy = (r: CompareResultRow) => r.lossy_chars !== null && r.lossy_chars > lossyThreshold;
  for (const ref of refs) {
    const lossy = rows.filter((r) => r.tokenizer === ref && tooLossy(r));
    if (lossy.length > 0) {
      warnings.push({
        code: "lossy-excluded",
        tokenizer: ref,
        message: `${ref} loses more than ${(lossyThreshold * 100).toFixed(0)}% of the characters of ${lossy.map((r) => `${r.language} (${((r.lossy_chars ?? 0) * 100).toFixed(1)}%)`).join(", ")}; ${lossy.length === 1 ? "it is" : "they are"} left out of its gini and mean premium (as Petrov et al. 2023 did), since its token counts understate the text.`,
      });
    }
  }
  const summaryResult = computeSummary(
    rows
      .filter((r) => r.language !== pivot && !tooLossy(r))
      .map((r) => ({ tokenizer: r.tokenizer, language: r.language, values: { premium: r.premium } })),
  );
  warnings.push(...summaryResult.warnings);
  // per-tokenizer aggregates over the languages (the pivot's premium of 1 is left out of the mean)
  const aq = await import("arquero");
  const aggregates = new Map(
    aq
      .from(
        rows.map((r) => ({
          tokenizer: r.tokenizer,
          premium: r.language === pivot || tooLossy(r) ? null : r.premium,
          fertility: r.fertility,
        })),
      )
      .groupby("tokenizer")
      .rollup({ mean_premium: aq.op.mean("premium"), median_fertility: aq.op.median("fertility") })
      .objects()
      .map((o) => {
        const row = o as { tokenizer: string; mean_premium?: number | null; median_fertility?: number | null };
        return [row.tokenizer, row] as const;
      }),
  );
  const summary = refs.map((ref) => ({
    tokenizer: ref,
    gini: summaryResult.summary.find((s) => s.tokenizer === ref)?.gini ?? null,
    mean_premium: finiteOrNull(aggregates.get(ref)?.mean_premium),
    median_fertility: finiteOrNull(aggregates.get(ref)?.median_fertility),
  }));

  let costs: Pick<CompareResult, "costs" | "prices"> = {};
  if (options.prices || options.context !== undefined) {
    if (options.context !== undefined && !(Number.isSafeInteger(options.context) && options.context > 0)) {
      throw new ConfigError(`Invalid context window ${options.context}. Give a whole number of tokens > 0, e.g. 8192.`);
    }
    const prices = new Map<string, CostPrice>();
    if (options.prices) {
      for (const t of run.tokenizers.slice(0, refs.length).map((t, i) => ({ id: refs[i]!, name: t.name }))) {
        const price = priceFor(options.prices, t);
        if (price) prices.set(t.id, price);
      }
    }
    const cost = costAndContext(rows, {
      ...(options.prices ? { prices } : {}),
      ...(options.context !== undefined ? { context: options.context } : {}),
    });
    warnings.push(...cost.warnings);
    costs = { costs: cost.rows, ...(options.prices ? { prices: options.prices } : {}) };
  }

  const languageList = measured.map((code) => {
    const info = findLanguage(code);
    return {
      code,
      name: info?.name ?? corpus.describe(code).name ?? code,
      script: info?.script ?? code.split("_")[1] ?? "",
    };
  });
  let groups: CompareRun["groups"];
  if (options.groupBy !== undefined) {
    const byLanguage = groupTable?.groups ?? scriptGroups(languageList);
    groups = {
      by: options.groupBy,
      rows: groupRows(rows, refs, byLanguage, pivot, resolveMetricOptions(options.metricOptions)),
    };
  }

  const { createHash } = await import("node:crypto");
  const corpusHash = createHash("sha256");
  for (const p of prepared) corpusHash.update(p.language).update(p.sha256);
  return {
    tokenizers: run.tokenizers.slice(0, refs.length).map((t, i) => ({ ...t, id: refs[i]! })),
    languages: languageList,
    pivot,
    results: rows,
    summary,
    ...costs,
    warnings,
    lorenz: lorenzCurves(rows, refs, pivot),
    ...(groups ? { groups } : {}),
    stats: { cacheHits: run.cacheHits, computed: run.computed, elapsedMs: run.elapsedMs, tokenizeMs: run.tokenizeMs },
    corpusSha256: corpusHash.digest("hex"),
  };
}

/** arquero yields undefined (no valid values) or NaN where a summary does not exist; JSON wants null. */
function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
