// Options and parsing shared by the commands that read a corpus and tokenize it (compare, report, run).
import { Option, type Command } from "commander";
import {
  CORPUS_OPTIONS,
  TABLE_OPTION_NAMES,
  parseFloresSplit,
  type CorpusOptionName,
  type CorpusOptionSpec,
  type FloresSplit,
  type TableOptions,
} from "../../analysis/defaults.js";
import { ConfigError } from "../../errors.js";
import type { TokenizeProgress } from "../../analysis/tokenizers.js";

export { ALL_BUILTINS, expandTokenizerRefs } from "../../analysis/tokenizers.js";

/**
 * How one command words a corpus option where it differs from the table: its help, its default (null: none shown)
 * or the placeholder of its value (`<source>` for `<src>`). The flag itself is always the table's.
 */
export interface CorpusOptionWording {
  help?: string;
  default?: string | null;
  placeholder?: string;
}

/** The commander option of one corpus option of `CORPUS_OPTIONS`, worded as `wording` says (for `addOption`). */
export function corpusOption(name: CorpusOptionName, wording: CorpusOptionWording = {}): Option {
  const spec: CorpusOptionSpec = CORPUS_OPTIONS[name];
  const flag = wording.placeholder ? spec.flag.replace(/<[^>]*>/, wording.placeholder) : spec.flag;
  const fallback = wording.default === undefined ? spec.default : wording.default;
  return new Option(flag, wording.help ?? spec.help).default(fallback ?? undefined);
}

/** Adds the named corpus options of `CORPUS_OPTIONS` to `cmd`, in the order given, worded as `wording` says. */
export function addCorpusOptions(
  cmd: Command,
  names: readonly CorpusOptionName[],
  wording: Partial<Record<CorpusOptionName, CorpusOptionWording>> = {},
): Command {
  for (const name of names) cmd.addOption(corpusOption(name, wording[name]));
  return cmd;
}

/** The corpus options of the commands that read a corpus and tokenize it (--corpus ... --allow-unaligned). */
export const TOKENIZE_CORPUS_OPTIONS = [
  "corpus",
  "langs",
  "allLangs",
  "split",
  "normalize",
  "replaceInvalid",
  "allowUnaligned",
  ...TABLE_OPTION_NAMES,
] as const satisfies readonly CorpusOptionName[];

/** Adds --corpus, --langs, --all-langs, --split, --no-normalize, --replace-invalid, --allow-unaligned and the table options. */
export function corpusOptionFlags(cmd: Command): Command {
  return addCorpusOptions(cmd, TOKENIZE_CORPUS_OPTIONS);
}

/** The parsed values of the options `corpusOptionFlags` adds (commander names each after its flag). */
export interface CorpusFlags {
  corpus: string;
  langs?: string;
  allLangs?: boolean;
  split?: string;
  normalize: boolean;
  replaceInvalid?: boolean;
  allowUnaligned?: boolean;
}

/** The flags of the table options (`parquet:`, `hf-dataset:`), as commander gives them: strings. */
export type TableFlags = { [K in (typeof TABLE_OPTION_NAMES)[number]]?: string };

/** The table options from their flags; the limits must be whole numbers >= 1. */
export function tableOptionsFrom(flags: TableFlags): TableOptions {
  const out: TableOptions = {};
  for (const key of TABLE_OPTION_NAMES) {
    const v = flags[key];
    if (v === undefined) continue;
    if (key === "maxSegments" || key === "maxChars")
      out[key] = parsePositiveInt(v, CORPUS_OPTIONS[key].flag.split(" ")[0]!);
    else out[key] = v;
  }
  return out;
}

/** The corpus fields of a compare or diff run from the flags of `corpusOptionFlags`. */
export function corpusRunOptions(flags: CorpusFlags & TableFlags) {
  return {
    ...tableOptionsFrom(flags),
    corpus: flags.corpus,
    ...(flags.allLangs ? { languages: "all" as const } : flags.langs ? { languages: splitList(flags.langs) } : {}),
    ...(flags.split ? { split: parseSplit(flags.split) } : {}),
    normalize: flags.normalize,
    replaceInvalid: Boolean(flags.replaceInvalid),
    allowUnaligned: Boolean(flags.allowUnaligned),
  };
}

export function splitList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseSplit(value: string): FloresSplit {
  return parseFloresSplit(value, "--split");
}

export function parsePositiveInt(value: string, flag: string, min = 1): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min)
    throw new ConfigError(`Invalid ${flag} '${value}'. Use a whole number >= ${min}.`);
  return n;
}

/** Where progress goes: a terminal line rewritten in place, or (with --progress off a terminal) whole lines. */
export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Seconds between progress lines off a terminal (the last task is always printed). */
const PROGRESS_LINE_SECONDS = 2;

/**
 * A progress printer for one phase: on a terminal a line rewritten in place; elsewhere, only with `lines`
 * (--progress), one line per task at most every 2 s plus the last one, for CI logs and pipes.
 */
export function phaseProgress(
  phase: string,
  unit: string,
  lines: boolean,
  sink: ProgressSink = process.stderr,
  now: () => number = () => performance.now(),
): ((done: number, total: number, detail: string) => void) | undefined {
  if (!sink.isTTY && !lines) return undefined;
  let last = -Infinity;
  return (done, total, detail) => {
    const text = `${phase}: ${done}/${total} ${unit}  ${detail}`;
    if (sink.isTTY) {
      sink.write(`\r\x1b[K${text}`);
      if (done === total) sink.write("\r\x1b[K");
      return;
    }
    const t = now();
    if (done === total || t - last >= PROGRESS_LINE_SECONDS * 1000) {
      last = t;
      sink.write(`${text}\n`);
    }
  };
}

/** Tokenize progress on stderr: on a terminal always, elsewhere only with --progress. Counts tokenizer x language tasks. */
export function progressReporter(
  lines = false,
  sink: ProgressSink = process.stderr,
): ((p: TokenizeProgress) => void) | undefined {
  const show = phaseProgress("tokenize", "tasks", lines, sink);
  return (
    show &&
    ((p) => show(p.done, p.total, `(${p.tokenizer} x ${p.language}, ${Math.round(p.segmentsPerSecond)} segments/s)`))
  );
}

/** Vocabulary-phase progress on stderr, under the same rule. */
export function vocabProgressReporter(
  lines = false,
  sink: ProgressSink = process.stderr,
): ((p: { tokenizer: string; done: number; total: number }) => void) | undefined {
  const show = phaseProgress("vocabulary", "tokenizers", lines, sink);
  return show && ((p) => show(p.done, p.total, `(${p.tokenizer})`));
}
