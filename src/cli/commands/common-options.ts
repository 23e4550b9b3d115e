// Options and parsing shared by the commands that read a corpus and tokenize it (compare, report, run).
import type { Command } from "commander";
import { ConfigError } from "../../errors.js";
import type { TokenizeProgress } from "../../corpus/run-tokenize.js";

/** Adds --corpus, --langs, --all-langs, --split, --no-normalize, --replace-invalid, --allow-unaligned. */
export function corpusOptionFlags(cmd: Command): Command {
  return cmd
    .option("--corpus <src>", "udhr | flores:<dir> | text:<dir> | jsonl:<file>", "udhr")
    .option("--langs <list>", "comma-separated language codes (deu_Latn, deu or de); default: a spread of 45 languages for udhr, all for other corpora")
    .option("--all-langs", "every language of the corpus")
    .option("--split <split>", "FLORES split: dev | devtest | dev+devtest")
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

export function parseSplit(value: string): "dev" | "devtest" | "dev+devtest" {
  if (value === "dev" || value === "devtest" || value === "dev+devtest") return value;
  throw new ConfigError(`Invalid --split '${value}'. Use dev, devtest or dev+devtest.`);
}

export function parsePositiveInt(value: string, flag: string, min = 1): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new ConfigError(`Invalid ${flag} '${value}'. Use a whole number >= ${min}.`);
  return n;
}

/** Progress on stderr, only when it is a terminal (never in pipes, CI logs or tests). */
export function progressReporter(): ((p: TokenizeProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (p) => {
    process.stderr.write(`\r\x1b[K${p.tokenizer} ${p.language}  ${p.done}/${p.total} languages  ${Math.round(p.segmentsPerSecond)} segments/s`);
    if (p.done === p.total) process.stderr.write("\r\x1b[K");
  };
}
