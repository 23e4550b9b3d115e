// Plans the worker pool: which workers run each pooled tokenizer, from a rough estimate of each one's load and
// encoding time.
import { statSync } from "node:fs";
import type { TokenizerSpec } from "../tokenizers/tokenizer.js";

/** Encoding seconds per UTF-16 code unit of each engine, from `npm run bench` on a 2-core machine (only their ratios matter). */
const ENCODE_SECONDS_PER_CHAR: Record<TokenizerSpec["kind"], number> = {
  tiktoken: 0.7e-6,
  sentencepiece: 1.4e-6,
  huggingface: 3e-6,
};
/** Load seconds per byte of the file a tokenizer is loaded from. */
const LOAD_SECONDS_PER_BYTE = 1e-7;
/** The smallest load cost counted (seconds): starting any engine in a worker costs about this much. */
const MIN_LOAD_SECONDS = 0.05;
/** Load-cost sizes (bytes) of tiktoken's bundled encodings, which have no file of their own to measure. */
const O200K_BASE_BYTES = 3e6;
const CL100K_BASE_BYTES = 1.5e6;
const TIKTOKEN_BUNDLED_BYTES: Record<string, number> = { o200k_base: O200K_BASE_BYTES, cl100k_base: CL100K_BASE_BYTES };
/** Load-cost size (bytes) of any other bundled model: the smaller tiktoken encodings and the packaged SentencePiece models. */
const DEFAULT_BUNDLED_BYTES = 7e5;

/**
 * Which pool workers run each pooled tokenizer. With at least as many tokenizers as workers, each tokenizer
 * goes to one worker (heaviest first, to the least loaded), so each is loaded once; with fewer, each tokenizer
 * gets its share of the workers and its chunks are dealt out among them.
 */
export function assignWorkers(
  specs: readonly TokenizerSpec[],
  pooled: readonly boolean[],
  workers: number,
  chars: readonly number[] = specs.map(() => 0),
): number[][] {
  const list = specs.map((spec, t) => ({ t, spec })).filter(({ t }) => pooled[t]);
  const assignment: number[][] = specs.map(() => []);
  if (list.length === 0) return assignment;
  const size = Math.max(1, workers);
  if (list.length >= size) {
    const load = new Array<number>(size).fill(0);
    const cost = (t: number) =>
      Math.max(MIN_LOAD_SECONDS, loadBytes(specs[t]!) * LOAD_SECONDS_PER_BYTE) +
      (chars[t] ?? 0) * ENCODE_SECONDS_PER_CHAR[specs[t]!.kind];
    for (const { t } of [...list].sort((a, b) => cost(b.t) - cost(a.t))) {
      const w = load.indexOf(Math.min(...load));
      assignment[t]!.push(w);
      load[w]! += cost(t);
    }
  } else {
    for (let w = 0; w < size; w++) assignment[list[w % list.length]!.t]!.push(w);
  }
  return assignment;
}

/** Bytes of the file a tokenizer loads from (a proxy for its load time). */
function loadBytes(spec: TokenizerSpec): number {
  const size = (path: string | undefined) => {
    try {
      return path ? statSync(path).size : 0;
    } catch {
      return 0;
    }
  };
  switch (spec.kind) {
    case "huggingface":
      return size(spec.path);
    case "tiktoken":
      return spec.path ? size(spec.path) : (TIKTOKEN_BUNDLED_BYTES[spec.encoding ?? ""] ?? DEFAULT_BUNDLED_BYTES);
    case "sentencepiece":
      return spec.path ? size(spec.path) : DEFAULT_BUNDLED_BYTES;
  }
}
