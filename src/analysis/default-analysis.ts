// The analysis behind `toklens report`: the installed built-in tokenizers x the UDHR default languages, with vocabulary composition.
import type { AnalysisConfig } from "./config.js";
import type { FloresSplit } from "../corpus/flores-splits.js";
import { DEFAULT_CORPUS } from "../corpus/open-corpus.js";
import { DEFAULT_PIVOT_LANGUAGE } from "../metrics/options.js";
import type { MetricName } from "../metrics/types.js";
import { DEFAULT_LANGUAGES, definedFields } from "./run-context.js";
import { BUILTIN_TOKENIZERS, isInstalled } from "../tokenizers/registry.js";

/**
 * Built-ins left out of the default report because they would repeat gpt2's row: r50k_base has exactly gpt2's
 * ranks, and p50k_base adds only 25 whitespace-run tokens (for code), so on every UDHR language its token counts
 * equal gpt2's and the vocabularies' Jaccard is 0.9995. Both stay available by name (`--tokenizers`).
 */
export const DEFAULT_REPORT_EXCLUDED: readonly string[] = ["r50k_base", "p50k_base"];

/** The built-in tokenizers of the default report: every non-optional one that is installed, minus the duplicates. */
export function defaultReportTokenizers(): string[] {
  return BUILTIN_TOKENIZERS.filter((t) => !t.optional && isInstalled(t) && !DEFAULT_REPORT_EXCLUDED.includes(t.id)).map(
    (t) => t.id,
  );
}

/** Overrides `toklens report` accepts on top of the default analysis. */
export interface DefaultAnalysisOverrides {
  /** Tokenizer references. @default defaultReportTokenizers() */
  tokenizers?: string[];
  /** Corpus address. @default "udhr" */
  corpus?: string;
  /** FLORES split. @default "devtest" */
  split?: FloresSplit;
  /** Language codes or "all". @default DEFAULT_LANGUAGES for udhr, every language of another corpus */
  languages?: string[] | "all";
  /** Run vocabulary composition and overlap. @default true */
  vocab?: boolean;
  /** Prices file: adds the cost section. */
  prices?: string;
  /** Context window in tokens, for the cost section. */
  context?: number;
  /** Pivot language of the premium. @default "eng_Latn" */
  pivot?: string;
  /** Metrics computed. @default all */
  metrics?: MetricName[];
  /** Reference tokenizer for nsl. */
  reference?: string;
}

/**
 * The default analysis: 45 UDHR languages (a spread of scripts, families and resource levels) rather than all 451,
 * so the per-language charts stay readable; `--all-langs` gives every one.
 */
export function defaultAnalysis(overrides: DefaultAnalysisOverrides = {}): AnalysisConfig {
  const source = overrides.corpus ?? DEFAULT_CORPUS;
  const languages = overrides.languages ?? (source.trim().startsWith("udhr") ? [...DEFAULT_LANGUAGES] : "all");
  return {
    title:
      source === "udhr"
        ? "What each language pays: built-in tokenizers on the UDHR"
        : `What each language pays: tokenizers on ${source}`,
    tokenizers: overrides.tokenizers ?? defaultReportTokenizers(),
    corpus: { source, ...(overrides.split ? { split: overrides.split } : {}) },
    languages,
    pivot: overrides.pivot ?? DEFAULT_PIVOT_LANGUAGE,
    ...(overrides.metrics ? { metrics: overrides.metrics } : {}),
    ...(overrides.reference ? { reference: overrides.reference } : {}),
    ...(overrides.vocab === false ? {} : { vocab: { enabled: true } }),
    ...definedFields({ prices: overrides.prices, context: overrides.context }),
  };
}
