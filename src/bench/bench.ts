// `npm run bench`: toolkit throughput against bare encode on the same text in the same run, and 2-worker speed-up.
import { availableParallelism } from "node:os";
import { DEFAULT_LANGUAGES } from "../analysis/compare.js";
import { openCorpus } from "../corpus/open-corpus.js";
import { runTokenize } from "../corpus/run-tokenize.js";
import { prepareLanguage, tokenFlags, tokenizeLanguage, type PreparedLanguage } from "../corpus/tokenize-corpus.js";
import { loadTokenizer } from "../tokenizers/load.js";
import type { Segment } from "../types.js";

/** The fixed workload: 8 built-in tokenizers (all three backends) x 50 UDHR languages. */
const TOKENIZERS = ["gpt2", "cl100k_base", "o200k_base", "llama2", "mistral-7b", "llama3", "qwen3", "gemma3"];
const LANGUAGE_COUNT = 50;
/** Repeat the encode loops so each timing covers enough work to be stable. */
const REPEATS = 5;

async function workload(): Promise<PreparedLanguage[]> {
  const corpus = await openCorpus("udhr");
  const extra = corpus.languages.filter((l) => !DEFAULT_LANGUAGES.includes(l));
  const languages = [...DEFAULT_LANGUAGES.filter((l) => corpus.languages.includes(l)), ...extra].slice(0, LANGUAGE_COUNT);
  const prepared: PreparedLanguage[] = [];
  for (const language of languages) {
    const segments: Segment[] = [];
    for await (const s of corpus.segments(language)) segments.push(s);
    prepared.push(prepareLanguage(language, segments));
  }
  return prepared;
}

function best(times: number[]): number {
  return Math.min(...times);
}

async function main(): Promise<void> {
  const prepared = await workload();
  const chars = prepared.reduce((n, p) => n + p.chars.reduce((a, b) => a + b, 0), 0);
  process.stdout.write(`workload: ${TOKENIZERS.length} tokenizers x ${prepared.length} UDHR languages, ${(chars / 1e6).toFixed(2)} M characters per tokenizer\n\n`);

  const perBackend = new Map<string, { bare: number; counting: number; full: number }>();
  process.stdout.write("tokenizer       backend        bare encode   toolkit (segments)   toolkit (+ words alone)\n");
  for (const id of TOKENIZERS) {
    const t = await loadTokenizer(id);
    const flags = tokenFlags(t);
    const bareTimes: number[] = [];
    const countingTimes: number[] = [];
    const fullTimes: number[] = [];
    // the segments-only view of the same prepared text: identical encode calls, no word pass
    const segmentsOnly = prepared.map((p) => ({ ...p, wordTypes: [], wordTypeCounts: [] }));
    // one untimed pass first, so the JIT has compiled every path before anything is measured
    for (const p of prepared) tokenizeLanguage(t, p, flags);
    for (let r = 0; r < REPEATS; r++) {
      let start = performance.now();
      for (const p of prepared) for (const s of p.segments) t.encodeIds(s.text);
      bareTimes.push(performance.now() - start);
      start = performance.now();
      for (const p of segmentsOnly) tokenizeLanguage(t, p, flags);
      countingTimes.push(performance.now() - start);
      start = performance.now();
      for (const p of prepared) tokenizeLanguage(t, p, flags);
      fullTimes.push(performance.now() - start);
    }
    t.dispose();
    const bare = best(bareTimes);
    const counting = best(countingTimes);
    const full = best(fullTimes);
    const rate = (ms: number) => `${((chars / 1e6) / (ms / 1000)).toFixed(2)} Mchar/s`;
    process.stdout.write(
      `${id.padEnd(15)} ${t.backend.padEnd(14)} ${rate(bare).padStart(13)}   ${rate(counting).padStart(13)} (${(bare / counting).toFixed(2)}x)   ${rate(full).padStart(13)} (${(bare / full).toFixed(2)}x)\n`,
    );
    const agg = perBackend.get(t.backend) ?? { bare: 0, counting: 0, full: 0 };
    perBackend.set(t.backend, { bare: agg.bare + bare, counting: agg.counting + counting, full: agg.full + full });
  }

  process.stdout.write("\nper backend: toolkit throughput / bare encode throughput (1.00 = no overhead; goal >= 0.90)\n");
  for (const [backend, v] of perBackend) {
    process.stdout.write(`  ${backend.padEnd(14)} segments pass ${(v.bare / v.counting).toFixed(3)}   with the word-alone pass ${(v.bare / v.full).toFixed(3)}\n`);
  }
  process.stdout.write("  (the word-alone pass encodes each distinct word once more for continued_words and word_fertility: extra work, not overhead)\n");

  const cores = availableParallelism();
  const timeRun = async (workers: number) => {
    const started = performance.now();
    await runTokenize({ tokenizers: TOKENIZERS, languages: prepared, workers, cache: false });
    return performance.now() - started;
  };
  const one = await timeRun(1);
  const two = await timeRun(2);
  process.stdout.write(
    `\nfull tokenize phase (loading included), ${TOKENIZERS.length} tokenizers x ${prepared.length} languages, no cache:\n` +
      `  1 worker ${(one / 1000).toFixed(1)} s, 2 workers ${(two / 1000).toFixed(1)} s: speed ratio ${(one / two).toFixed(2)}x (goal >= 1.8x; this machine has ${cores} cores)\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
