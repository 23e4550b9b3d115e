// Options and parsing shared by the commands that read a corpus and tokenize it (compare, report, run).
import type { Command } from "commander";
import { DEFAULT_CORPUS, FLORES_SPLITS, parseFloresSplit, type FloresSplit } from "../../analysis/defaults.js";
import { ConfigError } from "../../errors.js";
import type { TokenizeProgress } from "../../analysis/tokenizers.js";

export { ALL_BUILTINS, expandTokenizerRefs } from "../../analysis/tokenizers.js";

/** Adds --corpus, --langs, --all-langs, --split, --no-normalize, --replace-invalid, --allow-unaligned. */
export function corpusOptionFlags(cmd: Command): Command {
  return cmd
    .option("--corpus <src>", "udhr | flores:<dir> | text:<dir> | jsonl:<file>", DEFAULT_CORPUS)
    .option(
      "--langs <list>",
      "comma-separated language codes (deu_Latn, deu or de); default: a spread of 45 languages for udhr, all for other corpora",
    )
    .option("--all-langs", "every language of the corpus")
    .option("--split <split>", `FLORES split: ${FLORES_SPLITS.join(" | ")}`)
    .option("--no-normalize", "keep text as it is instead of NFC-normalising it")
    .option("--replace-invalid", "replace invalid UTF-8 by U+FFFD (counted) instead of failing")
    .option("--allow-unaligned", "keep languages whose segments do not align (no premium for them)");
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
