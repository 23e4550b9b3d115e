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
] as const;

export type CorpusKind = (typeof CORPUS_SOURCES)[number]["kind"];

/** The kinds whose address carries a path (`flores:<dir>` ...). */
export type CorpusPathKind = Extract<(typeof CORPUS_SOURCES)[number], { path: string }>["kind"];

const forms = CORPUS_SOURCES.map((s) => (s.path === null ? s.kind : `${s.kind}:${s.path}`));

/** The corpus address forms, for help texts and errors: `udhr | flores:<dir> | text:<dir> | jsonl:<file>`. */
export const CORPUS_FORMS = forms.join(" | ");

/** The same forms as prose: `udhr, flores:<dir>, text:<dir> or jsonl:<file>`. */
export const CORPUS_FORMS_PROSE = listChoices(forms);

export interface CorpusOptions {
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
} as const satisfies Required<Omit<CorpusOptions, "languages">>;

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
  joinSegments: {
    flag: "--join-segments [mode]",
    help: "tokenize each language's segments joined into one string (Petrov et al. 2023; no premium_ci): 'spaces' (the default: single spaces between segments) or 'as-published' (their exact string: each file's lines and its final newline's empty line joined by spaces)",
    schema:
      "Tokenize each language's segments joined into one string (Petrov et al. 2023); no premium_ci. true or 'spaces': joined by single spaces; 'as-published': Petrov et al.'s exact string (each file's lines, plus the empty line after its final newline, joined by single spaces).",
  },
} as const satisfies Record<string, CorpusOptionSpec>;

export type CorpusOptionName = keyof typeof CORPUS_OPTIONS;

/** The FLORES-split option as the commands that show its default word it: `FLORES split: dev or devtest`. */
export const SPLIT_WITH_DEFAULT = {
  help: `FLORES split: ${listChoices(FLORES_SPLITS)}`,
  default: DEFAULT_FLORES_SPLIT,
} as const satisfies Partial<CorpusOptionSpec>;
