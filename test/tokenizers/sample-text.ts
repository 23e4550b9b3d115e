// Loads the multilingual UDHR sample lines shared by the cross-implementation tokenizer tests.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface SampleLine {
  code: string;
  text: string;
}

export function sampleLines(): SampleLine[] {
  const path = fileURLToPath(new URL("../fixtures/multilingual/udhr-sample.tsv", import.meta.url));
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const tab = l.indexOf("\t");
      return { code: l.slice(0, tab), text: l.slice(tab + 1) };
    });
}

/** The distinct Unicode scripts of letters in the sample (to check the >= 20 scripts requirement). */
export function scriptsIn(texts: string[]): Set<string> {
  const scripts = [
    "Latin",
    "Cyrillic",
    "Greek",
    "Arabic",
    "Hebrew",
    "Devanagari",
    "Bengali",
    "Tamil",
    "Telugu",
    "Thai",
    "Lao",
    "Khmer",
    "Myanmar",
    "Georgian",
    "Armenian",
    "Ethiopic",
    "Han",
    "Hiragana",
    "Katakana",
    "Hangul",
    "Tibetan",
    "Sinhala",
    "Gujarati",
    "Gurmukhi",
    "Kannada",
    "Malayalam",
    "Cherokee",
  ];
  const found = new Set<string>();
  for (const s of scripts) {
    const re = new RegExp(`\\p{Script=${s}}`, "u");
    if (texts.some((t) => re.test(t))) found.add(s);
  }
  return found;
}

export const CANONICAL_SENTENCE = "The hearing also marks the date for the suspect’s right to a speedy trial.";

/**
 * Token counts of CANONICAL_SENTENCE by each built-in, without special tokens. registry-and-vocabulary.test.ts checks
 * toklens' loads give them; cross-implementation.test.ts checks each against an implementation other than toklens':
 * js-tiktoken (tiktoken encodings), llama-tokenizer-js (llama2), and Hugging Face's Rust `tokenizers` library reading
 * the package's tokenizer.json directly (the tokenizer.json built-ins), which that file loads anyway.
 */
export const EXPECTED_COUNTS: Record<string, number> = {
  gpt2: 18,
  r50k_base: 18,
  p50k_base: 18,
  cl100k_base: 16,
  o200k_base: 16,
  llama2: 18,
  "mistral-7b": 18,
  llama3: 16,
  gemma3: 17,
  qwen3: 16,
  "deepseek-v3": 17,
  "claude-legacy": 18,
};
