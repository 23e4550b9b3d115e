// What a run decides, resolved once (corpus opened, languages and pivot resolved, protocol, tokenizer session) and
// handed to every phase as one object, so no phase opens the corpus again or forwards options by hand.
import { DEFAULT_CORPUS, openCorpus, type Corpus, type CorpusOptions } from "../corpus/open-corpus.js";
import { TABLE_OPTION_NAMES, type TableOptions } from "../corpus/corpus-options.js";
import { resolveCorpusLanguage } from "../corpus/languages.js";
import type { JoinMode } from "../corpus/corpus-options.js";
import { DEFAULT_PIVOT_LANGUAGE } from "../metrics/options.js";
import type { TokenizeProgress, TokenizeRunOptions } from "../tokenize/run.js";
import { TokenizerSession } from "../tokenize/session.js";
import type { LoadTokenizerOptions } from "../tokenizers/load.js";
import type { LanguageCode, Warning } from "../types.js";

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

/** How the corpus is read (everything of `CorpusOptions` but the language filter, which the context resolves). */
export type CorpusReadOptions = Pick<CorpusOptions, "split" | "normalize" | "replaceInvalid" | "allowUnaligned"> &
  TableOptions;

/** What a run is asked for, before anything is resolved: the options `runCompare` and `runDiff` share. */
export interface RunContextOptions extends CorpusReadOptions {
  /** Corpus address. @default "udhr" */
  corpus?: string;
  /** Languages to measure, or "all". @default DEFAULT_LANGUAGES present in the corpus (all languages for a user corpus) */
  languages?: readonly string[] | "all";
  /** Pivot language of `premium`. @default "eng_Latn" */
  pivot?: string;
  /**
   * Tokenize each language's segments joined by single spaces as one string (Petrov et al. 2023's protocol):
   * each language becomes one segment `joined`, premiums are ratios of the joined counts, and `premium_ci` is
   * null (one segment leaves nothing to resample). `"as-published"` rebuilds Petrov et al.'s exact string instead
   * (see `JOIN_MODES`); `true` is `"spaces"`. @default false
   */
  joinSegments?: boolean | JoinMode;
  /** @default one per core */
  workers?: number;
  /** Cache directory or false. @default ~/.cache/toklens */
  cache?: string | false;
  load?: LoadTokenizerOptions;
  /** Shares loaded tokenizers with the caller (a report's later phases); the caller disposes it. */
  session?: TokenizerSession;
  onProgress?: ((p: TokenizeProgress) => void) | undefined;
}

/** How the text is measured: the protocol every tokenize phase of the run follows. */
export interface RunProtocol {
  /** Each language's segments joined into one string (see `RunContextOptions.joinSegments`). */
  joinSegments: boolean;
  /** How they are joined, when they are. */
  joinMode: JoinMode;
}

/** A run's decisions, resolved once. */
export interface RunContext {
  /** The corpus address, as given. */
  source: string;
  /** How the corpus was opened (recorded so a phase that must open its own filtered view reads it the same way). */
  corpusOptions: CorpusReadOptions;
  /** The corpus, opened once for the whole run (unfiltered: every language it has). */
  corpus: Corpus;
  /**
   * The corpus' warnings that concern this run: every phase starts from these, not from `corpus.warnings` (the
   * unfiltered open skips incomplete UDHR translations, which matters only to a run that wanted them all).
   */
  corpusWarnings: readonly Warning[];
  /** The languages measured, resolved against the corpus, in the order asked, without repeats. */
  languages: readonly LanguageCode[];
  /** Whether the run asked for every language of the corpus ("all"). */
  allLanguages: boolean;
  /** The pivot of `premium`, resolved against the corpus. */
  pivot: LanguageCode;
  /** Whether the corpus has the pivot (without it premiums are null). */
  pivotAvailable: boolean;
  protocol: RunProtocol;
  /** The tokenizers loaded in this run: every phase shares one load per tokenizer. */
  session: TokenizerSession;
  /** Cache directory or false. @default ~/.cache/toklens */
  cache: string | false | undefined;
  /** What every tokenize phase of the run passes to `runTokenize` besides its tokenizers and languages. */
  tokenize: Pick<TokenizeRunOptions, "workers" | "cache" | "load" | "session">;
  onProgress: ((p: TokenizeProgress) => void) | undefined;
}

/** `o` without its undefined fields: what optional properties accept under exactOptionalPropertyTypes. */
export function definedFields<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/**
 * The languages a run measures: "all" of the corpus, the requested ones resolved against it (aliases such as `de`
 * or `deu` become `deu_Latn`), or by default DEFAULT_LANGUAGES present in UDHR and every language of another corpus.
 */
export function resolveRunLanguages(
  source: string,
  available: readonly LanguageCode[],
  requested: readonly string[] | "all" | undefined,
): LanguageCode[] {
  let languages: LanguageCode[];
  if (requested === "all") languages = [...available];
  else if (requested && requested.length > 0)
    languages = requested.map((code) => resolveCorpusLanguage(code, available).info.code);
  else if (source.trim().startsWith("udhr")) languages = DEFAULT_LANGUAGES.filter((l) => available.includes(l));
  else languages = [...available];
  return [...new Set(languages)];
}

/** Opens the corpus once and resolves languages and pivot against it; the session is the caller's to dispose. */
export async function openRunContext(options: RunContextOptions, session: TokenizerSession): Promise<RunContext> {
  const source = options.corpus ?? DEFAULT_CORPUS;
  const corpusOptions: CorpusReadOptions = definedFields({
    split: options.split || undefined,
    normalize: options.normalize,
    replaceInvalid: options.replaceInvalid,
    allowUnaligned: options.allowUnaligned,
    ...Object.fromEntries(TABLE_OPTION_NAMES.map((k) => [k, options[k]])),
  });
  // opened unfiltered to know what is there; the requested codes are resolved against it
  const corpus = await openCorpus(source, corpusOptions);
  const available = corpus.languages;
  const languages = resolveRunLanguages(source, available, options.languages);
  const pivot = options.pivot ? resolveCorpusLanguage(options.pivot, available).info.code : DEFAULT_PIVOT_LANGUAGE;
  const allLanguages = options.languages === "all";
  return {
    source,
    corpusOptions,
    corpus,
    // a language asked for by name that was skipped fails with its reason when it is read
    corpusWarnings: corpus.warnings.filter((w) => w.code !== "incomplete-skipped" || allLanguages),
    languages,
    allLanguages,
    pivot,
    pivotAvailable: available.includes(pivot),
    protocol: {
      joinSegments: Boolean(options.joinSegments),
      joinMode: options.joinSegments === "as-published" ? "as-published" : "spaces",
    },
    session,
    cache: options.cache,
    tokenize: { ...definedFields({ workers: options.workers, cache: options.cache, load: options.load }), session },
    onProgress: options.onProgress,
  };
}

/**
 * Runs `work` in a context opened from `options`, with the caller's session or one of its own that is disposed
 * when `work` is done: what the option-taking entry points (`runCompare`, `runDiff`) do.
 */
export async function withRunContext<T>(options: RunContextOptions, work: (ctx: RunContext) => Promise<T>): Promise<T> {
  const session = options.session ?? new TokenizerSession({ cache: options.cache, ...options.load });
  try {
    return await work(await openRunContext(options, session));
  } finally {
    if (!options.session) session.dispose();
  }
}
