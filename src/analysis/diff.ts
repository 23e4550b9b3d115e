// Library entry behind `toklens diff <A> <B>`: what changed from tokenizer A to B, in the vocabulary and per language.
import { ConfigError } from "../errors.js";
import { openCorpus, type CorpusOptions } from "../corpus/open-corpus.js";
import { findLanguage, resolveCorpusLanguage } from "../corpus/languages.js";
import { corpusInput, runTokenize, type LanguageInput, type TokenizeProgress } from "../tokenize/run.js";
import { TokenizerSession } from "../tokenize/session.js";
import { alignTokens, sum } from "../metrics/align.js";
import { bootstrapRatio } from "../metrics/bootstrap.js";
import { resolveMetricOptions } from "../metrics/options.js";
import type { MetricOptions } from "../metrics/types.js";
import type { LoadTokenizerOptions } from "../tokenizers/load.js";
import type { LanguageCode, Warning } from "../types.js";
import { DEFAULT_DIFF_EXAMPLES, vocabDiff, type VocabDiff } from "../vocab/vocab-diff.js";

export type { VocabDiff };
import { DEFAULT_LANGUAGES } from "./compare.js";
import { isCountsRef } from "../tokenize/counts.js";
import type { DiffChange, DiffLanguageRow, DiffResult } from "../results/diff.js";

export interface DiffOptions extends Pick<CorpusOptions, "split" | "normalize" | "replaceInvalid" | "allowUnaligned"> {
  /** The tokenizer before (built-in id, file, hf:org/name@rev). */
  a: string;
  /** The tokenizer after. */
  b: string;
  /** Corpus address. @default "udhr" */
  corpus?: string;
  /** Languages, or "all". @default compare's DEFAULT_LANGUAGES for udhr, every language of another corpus */
  languages?: readonly string[] | "all";
  /** Bootstrap settings (seed, resamples, level) of the ratio's interval. @default compare's */
  metricOptions?: MetricOptions;
  /** Examples per vocabulary group and side. @default 5 */
  examples?: number;
  /** @default one per core */
  workers?: number;
  /** Cache directory or false. @default ~/.cache/toklens */
  cache?: string | false;
  load?: LoadTokenizerOptions;
  /** Shares loaded tokenizers with the caller (a report); the caller disposes it. */
  session?: TokenizerSession;
  onProgress?: ((p: TokenizeProgress) => void) | undefined;
}

/** `cheaper`, `dearer` or `no significant change` from an interval of B/A. */
export function changeOf(ci: [number, number] | null): DiffChange | null {
  if (!ci) return null;
  if (ci[1] < 1) return "cheaper";
  if (ci[0] > 1) return "dearer";
  return "no significant change";
}

/** Tokenizes the corpus once under A and B, and compares the two vocabularies by the bytes of their entries. */
export async function runDiff(options: DiffOptions): Promise<DiffResult> {
  if (options.a === options.b)
    throw new ConfigError(
      `diff needs two different tokenizers; both are '${options.a}'. Give e.g. \`toklens diff cl100k_base o200k_base\`.`,
    );
  const settings = resolveMetricOptions(options.metricOptions ?? {});
  const source = options.corpus ?? "udhr";
  const corpus = await openCorpus(source, {
    ...(options.split ? { split: options.split } : {}),
    ...(options.normalize !== undefined ? { normalize: options.normalize } : {}),
    ...(options.replaceInvalid !== undefined ? { replaceInvalid: options.replaceInvalid } : {}),
    ...(options.allowUnaligned !== undefined ? { allowUnaligned: options.allowUnaligned } : {}),
  });
  const warnings: Warning[] = [...corpus.warnings];
  const available = corpus.languages;
  let languages: LanguageCode[];
  if (options.languages === "all") languages = [...available];
  else if (options.languages && options.languages.length > 0)
    languages = options.languages.map((c) => resolveCorpusLanguage(c, available).info.code);
  else if (source.trim().startsWith("udhr")) languages = DEFAULT_LANGUAGES.filter((l) => available.includes(l));
  else languages = [...available];
  languages = [...new Set(languages)];

  const prepared: LanguageInput[] = [];
  for (const language of languages) prepared.push(await corpusInput(corpus, language));

  const session = options.session ?? new TokenizerSession(options.load ?? {});
  try {
    const run = await runTokenize({
      tokenizers: [options.a, options.b],
      languages: prepared,
      session,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.cache !== undefined ? { cache: options.cache } : {}),
      ...(options.load ? { load: options.load } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    warnings.push(...run.warnings);
    const rows: DiffLanguageRow[] = prepared.map((p, l) => {
      const dataA = run.results[l]!;
      const dataB = run.results[prepared.length + l]!;
      // the same corpus text under both tokenizers: every segment id pairs up
      const aligned = alignTokens(dataB.segments, dataA.segments);
      const tokensA = sum(aligned.baseTokens);
      const tokensB = sum(aligned.tokens);
      const info = findLanguage(p.language);
      const ratio = tokensA > 0 ? tokensB / tokensA : null;
      let ci: [number, number] | null = null;
      if (ratio === null) {
        warnings.push({
          code: "no-text",
          language: p.language,
          message: `${options.a} gives no tokens for ${p.language} in '${source}', so its ratio is null.`,
        });
      } else {
        ci = bootstrapRatio(aligned.tokens, aligned.baseTokens, {
          resamples: settings.bootstrapResamples,
          level: settings.confidenceLevel,
          seed: settings.seed,
        }).interval;
      }
      return {
        language: p.language,
        name: info?.name ?? corpus.describe(p.language).name ?? p.language,
        script: info?.script ?? p.language.split("_")[1] ?? "",
        segments: aligned.ids.length,
        tokens_a: tokensA,
        tokens_b: tokensB,
        ratio,
        ratio_ci: ci,
        change: changeOf(ci),
      };
    });
    rows.sort((x, y) => (x.ratio ?? Infinity) - (y.ratio ?? Infinity) || (x.language < y.language ? -1 : 1));
    let vocabulary: VocabDiff | null = null;
    const counts = [options.a, options.b].filter(isCountsRef);
    if (counts.length > 0) {
      warnings.push({
        code: "counts-only",
        tokenizer: counts[0]!,
        message: `The vocabulary comparison is left out: ${counts.join(" and ")} ${counts.length > 1 ? "give" : "gives"} only token counts, no vocabulary.`,
      });
    } else {
      const [ta, tb] = await Promise.all([session.tokenizer(options.a), session.tokenizer(options.b)]);
      vocabulary = vocabDiff(ta.vocabulary(), tb.vocabulary(), { examples: options.examples ?? DEFAULT_DIFF_EXAMPLES });
    }
    return {
      a: { ...run.tokenizers[0]!, id: options.a },
      b: { ...run.tokenizers[1]!, id: options.b },
      corpus: source,
      vocabulary,
      languages: rows,
      warnings,
    };
  } finally {
    if (!options.session) session.dispose();
  }
}
