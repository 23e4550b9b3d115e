// Library entry point behind `toklens vocab`: composition, overlap and (with a corpus) per-language coverage,
// the coverage read from the shared tokenize phase (cache, worker pool, progress) like `runCompare`.
import { ConfigError } from "../errors.js";
import { openCorpus, type CorpusOptions } from "../corpus/open-corpus.js";
import { corpusInput, runTokenize, type LanguageInput, type TokenizeProgress } from "../tokenize/run.js";
import { TokenizerSession } from "../tokenize/session.js";
import type { LoadTokenizerOptions } from "../tokenizers/load.js";
import type { VocabEntry } from "../tokenizers/tokenizer.js";
import type { Warning } from "../types.js";
import { vocabComposition, type VocabComposition } from "../vocab/composition.js";
import { vocabCoverage, type VocabCoverage } from "../vocab/coverage.js";
import { vocabOverlap, type OverlapReport } from "../vocab/overlap.js";
import { definedFields } from "./run-context.js";

export interface VocabOptions {
  /** Tokenizer references (built-in ids, files, hf: ids), in output order. */
  tokenizers: readonly string[];
  /** Example entries listed per Qtok class. @default 5 */
  examplesPerClass?: number;
  /** Count `<...>` / `[...]` strings as control entries, as Qtok does. @default true */
  bracketedAsControl?: boolean;
  /** Corpus address: adds per-language coverage of each vocabulary. @default no coverage */
  corpus?: string;
  /** How the corpus is opened (languages, split, normalisation). */
  corpusOptions?: CorpusOptions;
  /** Threads of the tokenize phase. @default one per core */
  workers?: number;
  /** Cache directory of the tokenize phase, or false. @default ~/.cache/toklens */
  cache?: string | false;
  load?: LoadTokenizerOptions;
  onProgress?: ((p: TokenizeProgress) => void) | undefined;
}

export interface VocabRun {
  /** One composition per tokenizer, in the order given. */
  tokenizers: VocabComposition[];
  /** Jaccard overlap of the decoded vocabularies; null with fewer than two tokenizers. */
  overlap: OverlapReport | null;
  /** One coverage per tokenizer; null without a corpus. */
  coverage: VocabCoverage[] | null;
  /** The corpus's and the tokenize phase's warnings. */
  warnings: Warning[];
}

export async function runVocab(options: VocabOptions): Promise<VocabRun> {
  if (options.tokenizers.length === 0)
    throw new ConfigError("Name at least one tokenizer, e.g. `toklens vocab cl100k_base llama3`.");
  const warnings: Warning[] = [];
  const inputs: LanguageInput[] = [];
  if (options.corpus !== undefined) {
    const corpus = await openCorpus(options.corpus, options.corpusOptions ?? {});
    warnings.push(...corpus.warnings);
    for (const language of corpus.languages) inputs.push(await corpusInput(corpus, language));
  }
  const session = new TokenizerSession({ cache: options.cache, ...options.load });
  try {
    const refs = [...options.tokenizers];
    const run =
      inputs.length > 0
        ? await runTokenize({
            tokenizers: refs,
            languages: inputs,
            session,
            ...definedFields({ workers: options.workers, cache: options.cache, load: options.load }),
            onProgress: options.onProgress,
          })
        : null;
    if (run) warnings.push(...run.warnings);
    const compositions: VocabComposition[] = [];
    const vocabularies: Array<{ tokenizer: string; entries: readonly VocabEntry[] }> = [];
    const coverage: VocabCoverage[] = [];
    for (const [t, ref] of refs.entries()) {
      const tokenizer = await session.tokenizer(ref);
      const entries = tokenizer.vocabulary();
      compositions.push(
        vocabComposition(tokenizer.id, entries, {
          examplesPerClass: options.examplesPerClass ?? 5,
          bracketedAsControl: options.bracketedAsControl ?? true,
        }),
      );
      vocabularies.push({ tokenizer: tokenizer.id, entries });
      if (run)
        coverage.push(
          vocabCoverage(tokenizer.id, entries, run.results.slice(t * inputs.length, (t + 1) * inputs.length)),
        );
    }
    return {
      tokenizers: compositions,
      overlap: vocabularies.length >= 2 ? vocabOverlap(vocabularies) : null,
      coverage: options.corpus !== undefined ? coverage : null,
      warnings,
    };
  } finally {
    session.dispose();
  }
}

export type { OverlapReport, VocabComposition, VocabCoverage };
/** The Qtok classes in display order (a composition's `classes` keys). */
export { QTOK_CLASSES } from "../vocab/qtok.js";
