// Per-language vocabulary coverage: which entries each language's text uses, and which no analysed language reaches.
import type { VocabEntry } from "../tokenizers/tokenizer.js";
import type { LanguageCode, TokenizedLanguage } from "../types.js";
import { classifyVocabulary, QTOK_CLASSES, type QtokClass } from "./qtok.js";

export interface UsedEntry {
  id: number;
  token: string;
  text: string | null;
  count: number;
}

export interface LanguageCoverage {
  language: LanguageCode;
  /** Token occurrences in the language's text. */
  occurrences: number;
  /** Distinct vocabulary entries the text uses. */
  usedEntries: number;
  /** usedEntries / vocabulary entries (0..1). */
  shareOfVocab: number;
  /** Used entries by Qtok class. */
  usedByClass: Record<QtokClass, number>;
  /** The most frequent entries. */
  top: UsedEntry[];
}

export interface ScriptCoverage {
  /** ISO 15924 script of the languages (the `_Xxxx` part of their codes). */
  script: string;
  languages: LanguageCode[];
  /** Entries used by at least one language written in this script. */
  usedEntries: number;
  shareOfVocab: number;
}

export interface VocabCoverage {
  tokenizer: string;
  entries: number;
  languages: LanguageCoverage[];
  scripts: ScriptCoverage[];
  /** Entries no analysed language's text produces (a lower bound on what those languages never need). */
  unreached: { count: number; share: number; byClass: Record<QtokClass, number>; examples: UsedEntry[] };
}

export interface CoverageOptions {
  /**
   * Most frequent entries listed per language.
   * @default 20
   */
  top?: number;
  /**
   * Unreached entries listed (spread over the id range).
   * @default 20
   */
  examples?: number;
}

function zeroByClass(): Record<QtokClass, number> {
  return Object.fromEntries(QTOK_CLASSES.map((c) => [c, 0])) as Record<QtokClass, number>;
}

function scriptOfCode(code: LanguageCode): string {
  const i = code.lastIndexOf("_");
  return i >= 0 ? code.slice(i + 1) : "Zyyy";
}

/** Coverage of one vocabulary by the token frequencies of several languages (all tokenized by that vocabulary). */
export function vocabCoverage(
  tokenizer: string,
  entries: readonly VocabEntry[],
  tokenized: readonly TokenizedLanguage[],
  options: CoverageOptions = {},
): VocabCoverage {
  const n = entries.length;
  const byId = new Map(entries.map((e) => [e.id, e]));
  const classes = classifyVocabulary(entries);
  const classOf = new Map(entries.map((e, i) => [e.id, classes[i]!.class]));
  const usedAnywhere = new Set<number>();
  const scriptUse = new Map<string, { languages: LanguageCode[]; ids: Set<number> }>();
  const languages = tokenized.map((t): LanguageCoverage => {
    const usedByClass = zeroByClass();
    let occurrences = 0;
    let used = 0;
    const script = scriptOfCode(t.language);
    let s = scriptUse.get(script);
    if (!s) scriptUse.set(script, (s = { languages: [], ids: new Set() }));
    s.languages.push(t.language);
    for (const [id, count] of t.tokenFrequencies) {
      if (count <= 0) continue;
      occurrences += count;
      used++;
      usedAnywhere.add(id);
      s.ids.add(id);
      const c = classOf.get(id);
      if (c) usedByClass[c]++;
    }
    const top = [...t.tokenFrequencies.entries()]
      .filter(([, c]) => c > 0)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, options.top ?? 20)
      .map(([id, count]) => {
        const e = byId.get(id);
        return { id, token: e?.token ?? `<id ${id}>`, text: e?.text ?? null, count };
      });
    return { language: t.language, occurrences, usedEntries: used, shareOfVocab: n ? used / n : 0, usedByClass, top };
  });
  const scripts = [...scriptUse.entries()]
    .map(([script, v]) => ({
      script,
      languages: v.languages,
      usedEntries: v.ids.size,
      shareOfVocab: n ? v.ids.size / n : 0,
    }))
    .sort((a, b) => b.usedEntries - a.usedEntries || a.script.localeCompare(b.script));
  const unreachedEntries = entries.filter((e) => !usedAnywhere.has(e.id));
  const byClass = zeroByClass();
  for (const e of unreachedEntries) byClass[classOf.get(e.id)!]++;
  const k = options.examples ?? 20;
  const step = Math.max(1, Math.floor(unreachedEntries.length / k));
  const examples = unreachedEntries
    .filter((_, i) => i % step === 0)
    .slice(0, k)
    .map((e) => ({ id: e.id, token: e.token, text: e.text, count: 0 }));
  return {
    tokenizer,
    entries: n,
    languages,
    scripts,
    unreached: { count: unreachedEntries.length, share: n ? unreachedEntries.length / n : 0, byClass, examples },
  };
}
