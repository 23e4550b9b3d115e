// `npm run bench`: the toolkit end to end against the fastest engine for each tokenizer on the same text, and peak memory.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { runCompare } from "../analysis/compare.js";
import { openCorpus } from "../corpus/open-corpus.js";
import { resolveTokenizerSpec } from "../tokenizers/load.js";
import type { TokenizerSpec } from "../tokenizers/tokenizer.js";

/** The workload of the targets: 8 built-in tokenizers (all three engines) x every UDHR language. */
const TOKENIZERS = ["gpt2", "cl100k_base", "o200k_base", "llama2", "mistral-7b", "llama3", "qwen3", "gemma3"];
/** The generated `text:` corpus for the memory figure. */
const RSS_CORPUS_BYTES = 50 * 1024 * 1024;
const RSS_TARGET_MB = 400;
const RATIO_TARGET = 1.25;

async function udhrTexts(): Promise<string[]> {
  const corpus = await openCorpus("udhr");
  const texts: string[] = [];
  for (const language of corpus.languages) for await (const s of corpus.segments(language)) texts.push(s.text);
  return texts;
}

/**
 * The baseline: each tokenizer's fastest engine on the same texts, loads included, all cores busy. tokenizer.json
 * files go through the native binding's `encodeBatch` (multi-threaded by itself), one after the other; the WASM
 * engines (tiktoken, SentencePiece) run in one worker thread per core, each worker taking whole tokenizers.
 */
async function baseline(specs: readonly TokenizerSpec[], texts: readonly string[]): Promise<number> {
  const started = performance.now();
  const wasm = specs.filter((s) => s.kind !== "huggingface");
  const cores = availableParallelism();
  const groups: TokenizerSpec[][] = Array.from({ length: Math.min(cores, wasm.length) }, () => []);
  wasm.forEach((s, i) => groups[i % groups.length]!.push(s));
  const file = fileURLToPath(new URL("./baseline-worker.js", import.meta.url));
  await Promise.all(
    groups.map(
      (group) =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(file, { workerData: { specs: group, texts } });
          w.once("message", () => void w.terminate().then(() => resolve()));
          w.once("error", reject);
        }),
    ),
  );
  const { Tokenizer } = (await import("tokenizers")) as unknown as {
    Tokenizer: {
      fromFile(path: string): {
        encodeBatch(t: string[], o: { addSpecialTokens: boolean }): Promise<Array<{ getIds(): number[] }>>;
      };
    };
  };
  for (const spec of specs) {
    if (spec.kind !== "huggingface") continue;
    const tok = Tokenizer.fromFile(spec.path);
    const batch = 2000;
    for (let i = 0; i < texts.length; i += batch) {
      for (const e of await tok.encodeBatch(texts.slice(i, i + batch), { addSpecialTokens: false })) e.getIds();
    }
  }
  return performance.now() - started;
}

/** Peak RSS (MiB) of `compare gpt2` on a generated text: corpus of `RSS_CORPUS_BYTES`, in a fresh process. */
function peakRss(sample: readonly string[]): { mb: number; seconds: number } {
  const dir = mkdtempSync(join(tmpdir(), "toklens-bench-"));
  try {
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < RSS_CORPUS_BYTES; i++) {
      // every line differs, so no engine cache makes the text cheaper than it is
      const line = `${i} ${sample[i % sample.length]!.replaceAll("\n", " ")}`;
      lines.push(line);
      size += Buffer.byteLength(line) + 1;
    }
    writeFileSync(join(dir, "eng_Latn.txt"), lines.join("\n") + "\n");
    lines.length = 0;
    const main = fileURLToPath(new URL("../index.js", import.meta.url));
    const script = `${dir}-run.mjs`;
    writeFileSync(
      script,
      `import { readFileSync } from "node:fs";\n` +
        `const { runCompare } = await import(${JSON.stringify(main)});\n` +
        `const t = performance.now(); await runCompare({ tokenizers: ["gpt2"], corpus: ${JSON.stringify(`text:${dir}`)}, cache: false });\n` +
        // VmHWM is this process's own peak; getrusage's maxRSS keeps the peak of the parent it was forked from
        `const hwm = (() => { try { return Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1]); } catch { return NaN; } })();\n` +
        `process.stdout.write(JSON.stringify({ rss: Number.isFinite(hwm) ? hwm : process.resourceUsage().maxRSS, ms: performance.now() - t }));\n`,
    );
    const child = spawnSync(process.execPath, [script], { encoding: "utf8", maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`the memory run failed: ${child.stderr}`);
    const { rss, ms } = JSON.parse(child.stdout) as { rss: number; ms: number };
    return { mb: rss / 1024, seconds: ms / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-run.mjs`, { force: true });
  }
}

async function main(): Promise<void> {
  const texts = await udhrTexts();
  const chars = texts.reduce((n, t) => n + t.length, 0);
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  process.stdout.write(`machine: ${availableParallelism()} cores (${cpu}), Node ${process.version}\n`);
  process.stdout.write(
    `workload: ${TOKENIZERS.length} built-in tokenizers x all UDHR languages (${texts.length} segments, ${(chars / 1e6).toFixed(2)} M UTF-16 units)\n\n`,
  );

  const specs: TokenizerSpec[] = [];
  for (const id of TOKENIZERS) specs.push(await resolveTokenizerSpec(id));
  const corpus = await openCorpus("udhr");

  const measure = async (ids: readonly string[]) => {
    const group = specs.filter((s) => ids.includes(s.id));
    const base = await baseline(group, texts);
    const started = performance.now();
    await runCompare({ tokenizers: ids, languages: "all", cache: false });
    return { base, toolkit: performance.now() - started };
  };
  const row = (label: string, r: { base: number; toolkit: number }) =>
    `${label.padEnd(44)} ${(r.base / 1000).toFixed(1).padStart(8)} s ${(r.toolkit / 1000).toFixed(1).padStart(8)} s ${(r.toolkit / r.base).toFixed(2).padStart(7)}x\n`;
  process.stdout.write(
    `${"".padEnd(44)} ${"baseline".padStart(10)} ${"toolkit".padStart(10)} ${"ratio".padStart(8)}\n`,
  );
  const wasmIds = specs.filter((s) => s.kind !== "huggingface").map((s) => s.id);
  const nativeIds = specs.filter((s) => s.kind === "huggingface").map((s) => s.id);
  process.stdout.write(row(`WASM engines (${wasmIds.join(", ")})`, await measure(wasmIds)));
  process.stdout.write(row(`tokenizer.json (${nativeIds.join(", ")})`, await measure(nativeIds)));
  const all = await measure(TOKENIZERS);
  process.stdout.write(row(`all ${TOKENIZERS.length} built-ins x ${corpus.languages.length} UDHR languages`, all));
  process.stdout.write(
    `\nbaseline: the fastest engine per tokenizer, loads included, all cores; toolkit: compare --all-langs --no-cache, every metric\n` +
      `end-to-end ratio toolkit / baseline: ${(all.toolkit / all.base).toFixed(2)}x (target <= ${RATIO_TARGET}x)\n\n`,
  );
  const rss = peakRss(texts);
  process.stdout.write(
    `compare gpt2 on a generated ${RSS_CORPUS_BYTES / 1024 / 1024} MB text: corpus: peak RSS ${rss.mb.toFixed(0)} MB ` +
      `(target < ${RSS_TARGET_MB} MB), ${rss.seconds.toFixed(1)} s\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
