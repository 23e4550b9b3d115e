// The corpus address forms and the options that say how a corpus is read, as one table: CLI flags, help texts,
// schema descriptions, defaults and the address parser all read it.
import { isOneOf, listChoices } from "../closed-set.js";
import { ConfigError } from "../errors.js";
import { DEFAULT_FLORES_SPLIT, FLORES_SPLITS, type FloresSplit } from "./flores-splits.js";

/** The kinds of corpus address, each with the placeholder of the path after `<kind>:` (none for the bundled UDHR). */
export const CORPUS_SOURCES = [
  { kind: "udhr", path: null },
  { kind: "flores", path: "<dir>" },
  { kind: "text", path: "<dir>" },
  { kind: "jsonl", path: "<file>" },
  { kind: "parquet", path: "<file|dir>" },
  { kind: "flores-plus", path: "<dir>" },
  { kind: "hf-dataset", path: "<org>/<name>[@revision]", remote: true },
] as const;

export type CorpusKind = (typeof CORPUS_SOURCES)[number]["kind"];

/** The kinds whose address carries a path (`flores:<dir>` ...). */
export type CorpusPathKind = Extract<(typeof CORPUS_SOURCES)[number], { path: string }>["kind"];

const forms = CORPUS_SOURCES.map((s) => (s.path === null ? s.kind : `${s.kind}:${s.path}`));

/** The corpus address forms, for help texts and errors: `udhr | flores:<dir> | text:<dir> | jsonl:<file> | ...`. */
export const CORPUS_FORMS = forms.join(" | ");

/** The same forms as prose: `udhr, flores:<dir>, text:<dir>, ... or hf-dataset:<org>/<name>[@revision]`. */
export const CORPUS_FORMS_PROSE = listChoices(forms);

/** How a table corpus (`parquet:`, `hf-dataset:`) is read: its columns, a sample of it, the subset of a dataset. */
export interface TableOptions {
  /** The column holding the text. @default "text" */
  textColumn?: string;
  /**
   * The column holding each row's language code. @default `iso_639_3` + `iso_15924` joined by `_` when the file has
   * both (the FLORES+ schema), else the file (or folder) name, else `lang`
   */
  langColumn?: string;
  /** The column whose values align segments across languages; without it, rows align by position. @default "id" */
  idColumn?: string;
  /** The language of every row, when the files do not say it. */
  lang?: string;
  /** Read at most this many segments per language (the first ones). @default all */
  maxSegments?: number;
  /** Stop a language once it has this many characters (the segment that crosses the limit is kept). @default all */
  maxChars?: number;
  /** `hf-dataset:` only: the subset (config) to read, the folder `<config>/` or `data/<config>/` of the dataset. */
  config?: string;
  /** `hf-dataset:` only: the folder of the dataset to read. */
  dataDir?: string;
}

export interface CorpusOptions extends TableOptions {
  /** FLORES split to read; ignored by other corpora. @default "devtest" */
  split?: FloresSplit;
  /** Apply Unicode NFC normalisation to every segment. @default true */
  normalize?: boolean;
  /** Replace invalid UTF-8 by U+FFFD (counted in a warning) instead of failing. @default false */
  replaceInvalid?: boolean;
  /**
   * Keep languages whose segments do not align with the others (flagged in `Corpus.unaligned`,
   * usable for per-language metrics but not parity) instead of failing. @default false
   */
  allowUnaligned?: boolean;
  /** Codes of the languages to keep (any form `resolveLanguage` accepts). @default all */
  languages?: string[];
}

/**
 * How `--join-segments` joins a language's segments: `spaces` (single spaces between segments), `as-published`
 * (Petrov et al.'s string: `" ".join(dev.split("\n") + devtest.split("\n"))`, so each file that ends with a newline
 * adds an empty element: a double space between files and a trailing space).
 */
export const JOIN_MODES = ["spaces", "as-published"] as const;
export type JoinMode = (typeof JOIN_MODES)[number];

/** The value of `--join-segments [mode]`: the flag alone (`true`) is `spaces`. */
export function parseJoinMode(value: true | string): JoinMode {
  if (value === true) return "spaces";
  if (isOneOf(JOIN_MODES, value)) return value;
  throw new ConfigError(
    `Unknown --join-segments mode '${value}'. Use ${listChoices(JOIN_MODES)}, or the flag alone for spaces.`,
  );
}

/** The corpus read when none is given: the UDHR translations bundled with toklens. */
export const DEFAULT_CORPUS = "udhr";

/** How a corpus is read when an option is not given. */
export const DEFAULT_CORPUS_OPTIONS = {
  split: DEFAULT_FLORES_SPLIT,
  normalize: true,
  replaceInvalid: false,
  allowUnaligned: false,
} as const satisfies Required<Omit<CorpusOptions, "languages" | keyof TableOptions>>;

/** The text and id columns read when none are named. */
export const DEFAULT_TABLE_COLUMNS = { text: "text", id: "id" } as const;

/** One corpus option: its CLI flag (with the placeholder of its value), help text, and analysis-schema description. */
export interface CorpusOptionSpec {
  flag: string;
  help: string;
  /** The commander default shown in --help, when the command gives one. */
  default?: string;
  /** The description in the analysis schema's `corpus` section, for the options that are a key there. */
  schema?: string;
}

/** The corpus options every corpus-reading command takes, by their name in the CLI's parsed flags. */
export const CORPUS_OPTIONS = {
  corpus: {
    flag: "--corpus <src>",
    help: CORPUS_FORMS,
    default: DEFAULT_CORPUS,
    schema: `Corpus address: ${CORPUS_FORMS_PROSE}.`,
  },
  langs: {
    flag: "--langs <list>",
    help: "comma-separated language codes (deu_Latn, deu or de); default: a spread of 45 languages for udhr, all for other corpora",
  },
  allLangs: { flag: "--all-langs", help: "every language of the corpus" },
  split: {
    flag: "--split <split>",
    help: `FLORES split: ${FLORES_SPLITS.join(" | ")}`,
    schema: "FLORES split; ignored by other corpora.",
  },
  normalize: {
    flag: "--no-normalize",
    help: "keep text as it is instead of NFC-normalising it",
    schema: "Apply Unicode NFC normalisation to every segment.",
  },
  replaceInvalid: {
    flag: "--replace-invalid",
    help: "replace invalid UTF-8 by U+FFFD (counted) instead of failing",
    schema: "Replace invalid UTF-8 by U+FFFD instead of failing.",
  },
  allowUnaligned: {
    flag: "--allow-unaligned",
    help: "keep languages whose segments do not align (no premium for them)",
    schema: "Keep languages whose segments do not align (no premium for them) instead of failing.",
  },
  textColumn: { flag: "--text-column <name>", help: "parquet:, hf-dataset: the column with the text (default: text)" },
  langColumn: {
    flag: "--lang-column <name>",
    help: "parquet:, hf-dataset: the column with each row's language (default: iso_639_3 + iso_15924, else the file name)",
  },
  idColumn: {
    flag: "--id-column <name>",
    help: "parquet:, hf-dataset: the column that aligns segments across languages (default: id; none: by position)",
  },
  lang: { flag: "--lang <code>", help: "parquet:, hf-dataset: the language of every row" },
  maxSegments: { flag: "--max-segments <n>", help: "parquet:, hf-dataset: read at most n segments per language" },
  maxChars: {
    flag: "--max-chars <n>",
    help: "parquet:, hf-dataset: stop a language once it has n characters",
  },
  config: { flag: "--config <name>", help: "hf-dataset: the subset to read (folder <name>/ or data/<name>/)" },
  dataDir: { flag: "--data-dir <path>", help: "hf-dataset: the folder of the dataset to read" },
  joinSegments: {
    flag: "--join-segments [mode]",
    help: "tokenize each language's segments joined into one string (Petrov et al. 2023; no premium_ci): 'spaces' (the default: single spaces between segments) or 'as-published' (their exact string: each file's lines and its final newline's empty line joined by spaces)",
    schema:
      "Tokenize each language's segments joined into one string (Petrov et al. 2023); no premium_ci. true or 'spaces': joined by single spaces; 'as-published': Petrov et al.'s exact string (each file's lines, plus the empty line after its final newline, joined by single spaces).",
  },
} as const satisfies Record<string, CorpusOptionSpec>;

export type CorpusOptionName = keyof typeof CORPUS_OPTIONS;

/** The options of table corpora (`parquet:`, `hf-dataset:`), in the order commands list them. */
export const TABLE_OPTION_NAMES = [
  "textColumn",
  "langColumn",
  "idColumn",
  "lang",
  "maxSegments",
  "maxChars",
  "config",
  "dataDir",
] as const satisfies ReadonlyArray<keyof TableOptions & CorpusOptionName>;

/** The FLORES-split option as the commands that show its default word it: `FLORES split: dev or devtest`. */
export const SPLIT_WITH_DEFAULT = {
  help: `FLORES split: ${listChoices(FLORES_SPLITS)}`,
  default: DEFAULT_FLORES_SPLIT,
} as const satisfies Partial<CorpusOptionSpec>;
