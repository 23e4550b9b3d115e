// Bench baseline worker: loads each WASM tokenizer it is given with its own engine and encodes every text once.
import { parentPort, workerData } from "node:worker_threads";
import { loadFromSpec } from "../tokenizers/load.js";
import type { TokenizerSpec } from "../tokenizers/tokenizer.js";

const { specs, texts } = workerData as { specs: TokenizerSpec[]; texts: string[] };
for (const spec of specs) {
  if (spec.kind === "tiktoken" && spec.encoding) {
    // tiktoken itself, as its users call it
    const { get_encoding } = await import("tiktoken");
    const enc = get_encoding(spec.encoding);
    for (const text of texts) enc.encode_ordinary(text);
    enc.free();
  } else {
    // SentencePiece: the adapter's encodeIds is the WASM engine's own call
    const t = await loadFromSpec(spec);
    for (const text of texts) t.encodeIds(text);
    t.dispose();
  }
}
parentPort?.postMessage("done");
