// Library entry points behind `toklens corpus` and `toklens languages`: a corpus's statistics, segments and
// languages, and the language registry.
import { corpusStats, type LanguageStats } from "../corpus/corpus-stats.js";
import { listLanguages } from "../corpus/languages.js";
import { openCorpus, type CorpusOptions } from "../corpus/open-corpus.js";
import type { LanguageCode, Warning } from "../types.js";

export type { CorpusOptions, Warning };

export interface CorpusStatistics {
  stats: LanguageStats[];
  warnings: Warning[];
  /** Whether the corpus's segments align across languages. */
  parallel: boolean;
  unaligned: LanguageCode[];
  /** Milliseconds to open the corpus, and to count its languages. */
  openMs: number;
  countMs: number;
}

/** Per-language segments, words, characters and UTF-8 bytes of a corpus. */
export async function corpusStatistics(source: string, options: CorpusOptions): Promise<CorpusStatistics> {
  const started = performance.now();
  const corpus = await openCorpus(source, options);
  const opened = performance.now();
  const stats = await corpusStats(corpus);
  return {
    stats,
    warnings: corpus.warnings,
    parallel: corpus.parallel,
    unaligned: [...corpus.unaligned],
    openMs: opened - started,
    countMs: performance.now() - opened,
  };
}

/** Every segment of a corpus, language by language, the text exactly as toklens tokenizes it. */
export async function corpusSegments(
  source: string,
  options: CorpusOptions,
): Promise<{ warnings: Warning[]; segments: AsyncIterable<{ language: LanguageCode; id: string; text: string }> }> {
  const corpus = await openCorpus(source, options);
  async function* segments() {
    for (const language of corpus.languages) {
      for await (const seg of corpus.segments(language)) yield { language, id: seg.id, text: seg.text };
    }
  }
  return { warnings: corpus.warnings, segments: segments() };
}

/** The languages toklens knows (codes, names, scripts, FLORES and UDHR availability). */
export function languageRegistry() {
  return listLanguages().map((l) => ({
    code: l.code,
    name: l.name,
    script: l.script,
    scriptName: l.scriptName,
    direction: l.direction,
    spaced: l.spaced,
    wordUnit: l.wordUnit,
    ...(l.iso639_1 ? { iso639_1: l.iso639_1 } : {}),
    ...(l.flores ? { flores: l.flores } : {}),
    ...(l.udhr ? { udhr: l.udhr.variant, udhrArticles: l.udhr.articles } : {}),
  }));
}

/** The languages one corpus has, with their segment counts. */
export async function corpusLanguages(source: string, options: CorpusOptions) {
  const corpus = await openCorpus(source, options);
  const rows = corpus.languages.map((code) => {
    const d = corpus.describe(code);
    const info = listLanguages().find((l) => l.code === code);
    return {
      code,
      name: d.name,
      script: info?.script ?? code.split("_")[1] ?? "",
      segments: corpus.segmentCount(code),
      aligned: !corpus.unaligned.includes(code),
      ...(d.variant ? { variant: d.variant } : {}),
    };
  });
  return { rows, warnings: corpus.warnings, unaligned: [...corpus.unaligned] };
}
