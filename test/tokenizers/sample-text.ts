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
