// Per-language size of a corpus: segments, word units, characters and UTF-8 bytes.
import type { LanguageCode } from "../types.js";
import type { Corpus } from "./open-corpus.js";
import { segmentWords } from "./words.js";

export interface LanguageStats {
  language: LanguageCode;
  name: string;
  segments: number;
  /** Word units as `segmentWords` counts them. */
  words: number;
  /** Unicode code points. */
  chars: number;
  /** UTF-8 bytes. */
  bytes: number;
  /** False for a language kept with `allowUnaligned`. */
  aligned: boolean;
  variant?: string;
  file?: string;
}

/** Counts one language by streaming its segments. */
export async function languageStats(corpus: Corpus, language: LanguageCode): Promise<LanguageStats> {
  let segments = 0;
  let words = 0;
  let chars = 0;
  let bytes = 0;
  for await (const seg of corpus.segments(language)) {
    segments++;
    words += segmentWords(seg.text, language).length;
    bytes += Buffer.byteLength(seg.text, "utf8");
    for (const _ of seg.text) chars++;
  }
  const d = corpus.describe(language);
  return {
    language,
    name: d.name,
    segments,
    words,
    chars,
    bytes,
    aligned: !corpus.unaligned.includes(language),
    ...(d.variant ? { variant: d.variant } : {}),
    ...(d.file ? { file: d.file } : {}),
  };
}

/** Statistics for every language of the corpus, in `corpus.languages` order. */
export async function corpusStats(corpus: Corpus): Promise<LanguageStats[]> {
  const out: LanguageStats[] = [];
  for (const language of corpus.languages) out.push(await languageStats(corpus, language));
  return out;
}
