// The options and result of a tokenize run, apart from run.ts so that counts.ts (which run.ts calls) can use them
// without the two modules importing each other.
import type { LoadTokenizerOptions } from "../tokenizers/load.js";
import type { TokenizedLanguage, TokenizerInfo, Warning } from "../types.js";
import type { LanguageInput } from "./language-input.js";
import type { TokenizerSession } from "./session.js";

export interface TokenizeProgress {
  tokenizer: string;
  language: string;
  /** Tokenizer x language tasks finished so far, and the total to compute. */
  done: number;
  total: number;
  /** Segments per second over the run so far. */
  segmentsPerSecond: number;
}

export interface TokenizeRunOptions {
  /** Tokenizer references: built-in ids, paths, or hf: ids. */
  tokenizers: readonly string[];
  languages: readonly LanguageInput[];
  /**
   * Threads for the WASM engines (tiktoken, SentencePiece, the JS tokenizer.json engine), and the thread count
   * the native engine may use. 1 runs everything in-process.
   * @default the number of cores
   */
  workers?: number;
  /**
   * Run WASM engines in worker threads even with one worker (the benchmark compares 1 and 2 threads on equal terms).
   * @default workers > 1
   */
  threads?: boolean;
  /** Cache directory, or false to neither read nor write the cache. @default defaultCacheDir() */
  cache?: string | false;
  /** Passed to the tokenizer loader (hf: options, engine). */
  load?: LoadTokenizerOptions;
  /**
   * Tokenizers loaded in this process are kept here, so a caller that needs them afterwards (the vocabulary
   * phase of a report) does not load them again. The caller disposes it. @default a session of this run
   */
  session?: TokenizerSession;
  onProgress?: ((progress: TokenizeProgress) => void) | undefined;
}

export interface TokenizeRun {
  tokenizers: TokenizerInfo[];
  /** One per tokenizer x language, tokenizer-major in the order given. */
  results: TokenizedLanguage[];
  cacheHits: number;
  computed: number;
  /** Time spent in encode calls, summed over threads, per tokenizer id. */
  tokenizeMs: Record<string, number>;
  elapsedMs: number;
  /** Cache entries that failed validation and were recomputed, or a cache that could not be written. */
  warnings: Warning[];
}
