// Loaded tokenizers shared by the tests of one file: a big tokenizer.json (gemma3, qwen3, llama3) takes seconds to
// load, and a file that checks several properties of it should pay that once. The file disposes them in afterAll.
import { loadTokenizer, type LoadTokenizerOptions } from "../../src/tokenizers/load.js";
import type { Tokenizer } from "../../src/tokenizers/tokenizer.js";

export interface SharedTokenizers {
  /** loadTokenizer(ref, options), loaded on the first call and the same object after; callers must not dispose it. */
  load(ref: string, options?: LoadTokenizerOptions): Promise<Tokenizer>;
  /** Disposes every tokenizer loaded so far (call it in afterAll). */
  disposeAll(): Promise<void>;
}

export function sharedTokenizers(): SharedTokenizers {
  const loads = new Map<string, Promise<Tokenizer>>();
  return {
    load(ref, options = {}) {
      const key = JSON.stringify([ref, options]);
      let p = loads.get(key);
      if (!p) {
        p = loadTokenizer(ref, options);
        loads.set(key, p);
        // a failed load is not remembered, so the next caller sees its own error
        p.catch(() => loads.delete(key));
      }
      return p;
    },
    async disposeAll() {
      const all = [...loads.values()];
      loads.clear();
      for (const result of await Promise.allSettled(all)) if (result.status === "fulfilled") result.value.dispose();
    },
  };
}
