// One unit of tokenize work (a tokenizer over some languages), run in a worker thread or in-process.
import { loadFromSpec } from "../tokenizers/load.js";
import type { Tokenizer, TokenizerSpec } from "../tokenizers/tokenizer.js";
import type { TokenizedLanguage } from "../types.js";
import type { TokenizerInfo } from "./tokenize-cache.js";
import { tokenFlags, tokenizeLanguage, type PreparedLanguage, type TokenFlags } from "./tokenize-corpus.js";

export interface TaskResult {
  info: TokenizerInfo;
  results: TokenizedLanguage[];
  /** Time spent tokenizing (not loading), for throughput reporting. */
  tokenizeMs: number;
  loadMs: number;
}

export function tokenizerInfo(t: Tokenizer): TokenizerInfo {
  return { id: t.id, name: t.name, backend: t.backend, family: t.family, vocabSize: t.vocabSize, sha256: t.sha256, source: t.source };
}

/** Keeps the last tokenizer loaded, so consecutive tasks for the same tokenizer load it once. */
export class TaskRunner {
  private current: { key: string; tokenizer: Tokenizer; flags: TokenFlags } | null = null;

  async run(spec: TokenizerSpec, languages: readonly PreparedLanguage[], onLanguage?: (language: string, segments: number) => void): Promise<TaskResult> {
    const key = JSON.stringify(spec);
    let loadMs = 0;
    if (this.current?.key !== key) {
      this.dispose();
      const started = performance.now();
      const tokenizer = await loadFromSpec(spec);
      this.current = { key, tokenizer, flags: tokenFlags(tokenizer) };
      loadMs = performance.now() - started;
    }
    const { tokenizer, flags } = this.current!;
    const started = performance.now();
    const results: TokenizedLanguage[] = [];
    for (const prepared of languages) {
      results.push(tokenizeLanguage(tokenizer, prepared, flags));
      onLanguage?.(prepared.language, prepared.segments.length);
    }
    return { info: tokenizerInfo(tokenizer), results, tokenizeMs: performance.now() - started, loadMs };
  }

  dispose(): void {
    this.current?.tokenizer.dispose();
    this.current = null;
  }
}
