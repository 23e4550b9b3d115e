// The UDHR workload: 8 built-ins x every UDHR language, the toolkit against the fastest engine per tokenizer.
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { runCompare } from "../analysis/compare.js";
import { openCorpus } from "../corpus/open-corpus.js";
import { collectNativeEncodings } from "../tokenize/native-phase.js";
import type { TokenizerSpec } from "../tokenizers/tokenizer.js";
import { seconds, type Check } from "./checks.js";

/** The workload of the targets: 8 built-in tokenizers (all three engines) x every UDHR language. */
export const TOKENIZERS = ["gpt2", "cl100k_base", "o200k_base", "llama2", "mistral-7b", "llama3", "qwen3", "gemma3"];

/** Every UDHR language's segments, by FLORES-style code. */
export async function udhrTexts(): Promise<Map<string, string[]>> {
  const corpus = await openCorpus("udhr");
  const texts = new Map<string, string[]>();
  for (const language of corpus.languages) {
    const segments: string[] = [];
    for await (const s of corpus.segments(language)) segments.push(s.text);
    texts.set(language, segments);
  }
  return texts;
}

export interface NativeBinding {
  Tokenizer: {
    fromFile(path: string): {
      encodeBatch(t: string[], o: { addSpecialTokens: boolean }): Promise<Array<{ getIds(): number[] }>>;
    };
  };
}

/**
 * The baseline: each tokenizer's fastest engine on the same texts, loads included, all cores busy. tokenizer.json
 * files go through the native binding's `encodeBatch` (multi-threaded by itself), one after the other; the WASM
 * engines (tiktoken, SentencePiece) run in one worker thread per core, each worker taking whole tokenizers.
 */
async function baseline(specs: readonly TokenizerSpec[], texts: readonly string[]): Promise<number> {
  const started = performance.now();
  const wasm = specs.filter((s) => s.kind !== "huggingface");
  const groups: TokenizerSpec[][] = Array.from({ length: Math.min(availableParallelism(), wasm.length) }, () => []);
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
  const { Tokenizer } = (await import("tokenizers")) as unknown as NativeBinding;
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

/** Three rows (WASM engines, tokenizer.json, all 8), each the baseline then `compare --all-langs --no-cache` in process. */
export async function udhrChecks(
  specs: readonly TokenizerSpec[],
  texts: ReadonlyMap<string, string[]>,
): Promise<Check[]> {
  const segments = [...texts.values()].flat();
  const measure = async (ids: readonly string[]) => {
    // Both run in this process: each starts after a full collection, so neither pays for what the other left (the
    // baseline's four native tokenizers, about a gigabyte outside the JS heap, were freed during the toolkit's run,
    // by the collections its native phase forces).
    collectNativeEncodings();
    const base = await baseline(
      specs.filter((s) => ids.includes(s.id)),
      segments,
    );
    collectNativeEncodings();
    const started = performance.now();
    await runCompare({ tokenizers: ids, languages: "all", cache: false });
    return { base, toolkit: performance.now() - started };
  };
  const check = (label: string, r: { base: number; toolkit: number }): Check => ({
    label,
    detail: `baseline ${seconds(r.base)}, toolkit ${seconds(r.toolkit)}`,
    value: r.toolkit / r.base,
    unit: "x",
    target: { op: "<=", limit: 1.3 },
  });
  const wasm = specs.filter((s) => s.kind !== "huggingface").map((s) => s.id);
  const native = specs.filter((s) => s.kind === "huggingface").map((s) => s.id);
  return [
    check(`UDHR: ${wasm.length} WASM encodings x ${texts.size}`, await measure(wasm)),
    check(`UDHR: ${native.length} tokenizer.json x ${texts.size}`, await measure(native)),
    check(`UDHR: all ${specs.length} built-ins x ${texts.size} languages`, await measure(specs.map((s) => s.id))),
  ];
}
