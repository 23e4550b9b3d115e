// `npm run bench`: toolkit throughput against bare encode on the same text in the same run, and 2-worker speed-up.
import { availableParallelism } from "node:os";
import { DEFAULT_LANGUAGES } from "../analysis/compare.js";
import { openCorpus } from "../corpus/open-corpus.js";
import { runTokenize } from "../corpus/run-tokenize.js";
import { prepareCorpusLanguage, tokenFlags, tokenizeLanguage, type PreparedLanguage } from "../corpus/tokenize-corpus.js";
import { loadTokenizer } from "../tokenizers/load.js";

/** The fixed workload: 8 built-in tokenizers (all three backends) x 50 UDHR languages. */
const TOKENIZERS = ["gpt2", "cl100k_base", "o200k_base", "llama2", "mistral-7b", "llama3", "qwen3", "gemma3"];
const LANGUAGE_COUNT = 50;
/** Repeat the encode loops so each timing covers enough work to be stable. */
const REPEATS = 5;

async function workload(count = LANGUAGE_COUNT): Promise<PreparedLanguage[]> {
  const corpus = await openCorpus("udhr");
  const extra = corpus.languages.filter((l) => !DEFAULT_LANGUAGES.includes(l));
  const languages = [...DEFAULT_LANGUAGES.filter((l) => corpus.languages.includes(l)), ...extra].slice(0, count);
  const prepared: PreparedLanguage[] = [];
  for (const language of languages) prepared.push(await prepareCorpusLanguage(corpus, language));
  return prepared;
}

function best(times: number[]): number {
  return Math.min(...times);
}

async function main(): Promise<void> {
  const prepared = await workload();
  const chars = prepared.reduce((n, p) => n + p.chars.reduce((a, b) => a + b, 0), 0);
  process.stdout.write(`workload: ${TOKENIZERS.length} tokenizers x ${prepared.length} UDHR languages, ${(chars / 1e6).toFixed(2)} M characters per tokenizer\n\n`);

  // Both runs use worker threads, so neither profits from JIT warm-up already done in this process.
  const cores = availableParallelism();
  const timeRun = async (tokenizers: readonly string[], languages: readonly PreparedLanguage[], workers: number) => {
    const started = performance.now();
    await runTokenize({ tokenizers, languages, workers, threads: true, cache: false });
    return performance.now() - started;
  };
  const one = await timeRun(TOKENIZERS, prepared, 1);
  const two = await timeRun(TOKENIZERS, prepared, 2);
  process.stdout.write(
    `\nfull tokenize phase (loading included), ${TOKENIZERS.length} tokenizers x ${prepared.length} languages, no cache:\n` +
      `  1 worker ${(one / 1000).toFixed(1)} s, 2 workers ${(two / 1000).toFixed(1)} s: speed ratio ${(one / two).toFixed(2)}x (goal >= 1.8x; this machine has ${cores} cores)\n`,
  );
  // On UDHR-sized text, loading the large tokenizer.json files is a big share of the work and cannot be
  // split; a tokenize-bound run shows the pool's scaling when encoding dominates.
  const all = await workload(Number.POSITIVE_INFINITY);
  const light = ["gpt2", "cl100k_base", "llama2", "mistral-7b"];
  const oneAll = await timeRun(light, all, 1);
  const twoAll = await timeRun(light, all, 2);
  process.stdout.write(
    `tokenize-bound: ${light.length} quick-loading tokenizers x all ${all.length} UDHR languages, no cache:\n` +
      `  1 worker ${(oneAll / 1000).toFixed(1)} s, 2 workers ${(twoAll / 1000).toFixed(1)} s: speed ratio ${(oneAll / twoAll).toFixed(2)}x\n`,
  );

  const perBackend = new Map<string, { bare: number; counting: number; full: number }>();
  process.stdout.write("tokenizer       backend        bare encode   toolkit (segments)   toolkit (+ words alone)\n");
  for (const id of TOKENIZERS) {
    const t = await loadTokenizer(id);
    const flags = tokenFlags(t);
    // the segments-only view of the same prepared text: identical encode calls, no word pass
    const segmentsOnly = prepared.map((p) => ({ ...p, wordTypes: [], wordTypeCounts: [] }));
    // Each mode is timed as its own block after an untimed warm-up pass of the same work: engines keep
    // per-word caches, so interleaving modes would let one mode warm (or evict) the other's cache.
    const timeBlock = (work: () => void): number => {
      work();
      const times: number[] = [];
      for (let r = 0; r < REPEATS; r++) {
        const start = performance.now();
        work();
        times.push(performance.now() - start);
      }
      return best(times);
    };
    const bare = timeBlock(() => {
      for (const p of prepared) for (const s of p.segments) t.encodeIds(s.text);
    });
    const counting = timeBlock(() => {
      for (const p of segmentsOnly) tokenizeLanguage(t, p, flags);
    });
    const full = timeBlock(() => {
      for (const p of prepared) tokenizeLanguage(t, p, flags);
    });
    t.dispose();
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

}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
