// The small FLORES-200 fixture of the analysis and CLI tests, and token counts over it from the independent
// reference engines (js-tiktoken for gpt2, llama-tokenizer-js for llama2), to check the toolkit's counts against.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import llamaTokenizer from "llama-tokenizer-js";
import { getEncoding } from "./js-tiktoken.js";

export const FLORES_FIXTURE = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));

/** The segments of one language, dev then devtest, NFC as the corpus reader gives them. */
export const floresLines = (lang: string): string[] =>
  ["dev", "devtest"].flatMap((split) =>
    readFileSync(join(FLORES_FIXTURE, split, `${lang}.${split}`), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => l.normalize("NFC")),
  );

/** Tokens of one text by the reference engine of each tokenizer (no special tokens). */
export const referenceCount: Record<string, (text: string) => number> = {
  gpt2: (t) => getEncoding("gpt2").encode(t).length,
  llama2: (t) => llamaTokenizer.encode(t, false, true).length,
};

/** Tokens of a whole language of the fixture, summed over its segments by the reference engine. */
export const directCount = (tok: string, lang: string): number =>
  floresLines(lang).reduce((n, l) => n + referenceCount[tok]!(l), 0);
