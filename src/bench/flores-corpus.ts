// A generated FLORES-sized corpus: 200 FLORES-200 codes in the FLORES layout, lines resampled from real UDHR text.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FLORES200 } from "../corpus/flores200-codes.js";
import { FLORES200_SIZES } from "../corpus/sources/flores-source.js";

/** A seeded generator (mulberry32), so every bench run tokenizes the same text. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` sentence-like lines cut at random places from `text`: runs of 10-39 words where the text separates words
 * with spaces (FLORES averages about 21 words a sentence), runs of 30-119 characters where it does not (Han, Thai).
 */
export function resampleLines(text: string, count: number, random: () => number): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) throw new Error("cannot resample an empty text");
  const chars = [...words.join(" ")];
  const spaced = words.length * 12 >= chars.length;
  const units = spaced ? words : chars;
  const lines: string[] = [];
  while (lines.length < count) {
    const length = spaced ? 10 + Math.floor(random() * 30) : 30 + Math.floor(random() * 90);
    const start = Math.floor(random() * Math.max(1, units.length - length));
    const line = units
      .slice(start, start + length)
      .join(spaced ? " " : "")
      .trim();
    if (line.length > 0) lines.push(line);
  }
  return lines;
}

/** The UDHR text each FLORES code is resampled from: its own language, else one in the same script (in turn), else any. */
export function pickSources(codes: readonly string[], texts: ReadonlyMap<string, string>): Map<string, string> {
  const available = [...texts.keys()].sort();
  if (available.length === 0) throw new Error("no source texts to resample");
  const picked = new Map<string, string>();
  codes.forEach((code, i) => {
    const [lang, script] = code.split("_");
    const sameScript = available.filter((c) => c.split("_")[1] === script);
    const source =
      (texts.has(code) ? code : undefined) ??
      available.find((c) => c.split("_")[0] === lang) ??
      (sameScript.length > 0 ? sameScript[i % sameScript.length] : undefined) ??
      available[i % available.length]!;
    picked.set(code, texts.get(source)!);
  });
  return picked;
}

/** `languages` of FLORES-200's 204 codes, evenly spread over the alphabet (so every script stays), eng_Latn (the pivot) always. */
export function floresCodes(languages: number): string[] {
  const all = FLORES200.map(([code]) => code);
  if (languages >= all.length) return all;
  const kept = Array.from({ length: languages }, (_, i) => Math.floor((i * all.length) / languages));
  const pivot = all.indexOf("eng_Latn");
  if (!kept.includes(pivot)) {
    const nearest = kept.reduce((best, k, i) => (Math.abs(k - pivot) < Math.abs(kept[best]! - pivot) ? i : best), 0);
    kept[nearest] = pivot;
  }
  return kept.sort((a, b) => a - b).map((i) => all[i]!);
}

/**
 * Writes `dir`/dev/<code>.dev and `dir`/devtest/<code>.devtest (997 and 1,012 lines, as released) for `languages`
 * FLORES-200 codes, each resampled from `texts` (UDHR text by FLORES-style code). Returns the codes.
 */
export function writeFloresCorpus(
  dir: string,
  texts: ReadonlyMap<string, string>,
  options: { languages?: number; seed?: number } = {},
): string[] {
  const codes = floresCodes(options.languages ?? 200);
  const sources = pickSources(codes, texts);
  const random = seededRandom(options.seed ?? 19);
  for (const split of ["dev", "devtest"] as const) {
    mkdirSync(join(dir, split), { recursive: true });
    for (const code of codes) {
      const lines = resampleLines(sources.get(code)!, FLORES200_SIZES[split], random);
      writeFileSync(join(dir, split, `${code}.${split}`), lines.join("\n") + "\n");
    }
  }
  return codes;
}
