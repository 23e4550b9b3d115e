// Loaded tokenizers of one process (the main thread or a pool worker): each loaded once, with its per-id tables.
import { loadFromSpec, resolveTokenizerSpec, specFingerprint, type LoadTokenizerOptions } from "../tokenizers/load.js";
import type { FileHashCache } from "../file-sha256.js";
import type { Tokenizer, TokenizerSpec } from "../tokenizers/tokenizer.js";
import type { TokenizedLanguage } from "../types.js";
import type { TokenizerInfo } from "./cache.js";
import { tokenFlags, tokenizeLanguage, type PreparedLanguage, type TokenFlags } from "./tokenize-corpus.js";

export function tokenizerInfo(t: Tokenizer): TokenizerInfo {
  return {
    id: t.id,
    name: t.name,
    backend: t.backend,
    family: t.family,
    vocabSize: t.vocabSize,
    sha256: t.sha256,
    source: t.source,
  };
}

/** A tokenizer ready for the tokenize phase. */
export interface LoadedTokenizer {
  tokenizer: Tokenizer;
  flags: TokenFlags;
  /** Milliseconds its load took. */
  loadMs: number;
  tokenize(chunk: PreparedLanguage): Promise<TokenizedLanguage>;
}

/**
 * The tokenizers a run has resolved and loaded, by reference or spec, so that every phase of a run (tokenize,
 * vocabulary) shares one load. Call `dispose()` when the run is over.
 */
export class TokenizerSession {
  private readonly specs = new Map<string, Promise<TokenizerSpec>>();
  private readonly fingerprints = new Map<string, Promise<string>>();
  private readonly loads = new Map<string, Promise<LoadedTokenizer>>();

  constructor(private readonly load: LoadTokenizerOptions = {}) {}

  /** The spec a reference resolves to (resolved once). */
  spec(ref: string): Promise<TokenizerSpec> {
    let p = this.specs.get(ref);
    if (!p) {
      p = resolveTokenizerSpec(ref, this.load);
      this.specs.set(ref, p);
    }
    return p;
  }

  /**
   * What keys a tokenizer's cached results: every file and option that changes its encoding. `hashes` says where a
   * tokenizer file's hash may be remembered (computed once per reference either way).
   */
  fingerprint(ref: string, hashes?: FileHashCache): Promise<string> {
    let p = this.fingerprints.get(ref);
    if (!p) {
      p = this.spec(ref).then((spec) => specFingerprint(spec, hashes));
      this.fingerprints.set(ref, p);
    }
    return p;
  }

  /** The loaded tokenizer of a reference. */
  async loaded(ref: string): Promise<LoadedTokenizer> {
    return this.loadedSpec(await this.spec(ref));
  }

  /** The loaded tokenizer of a reference, for callers that only need the tokenizer. */
  async tokenizer(ref: string): Promise<Tokenizer> {
    return (await this.loaded(ref)).tokenizer;
  }

  /** The loaded tokenizer of a spec (what pool workers receive). */
  loadedSpec(spec: TokenizerSpec): Promise<LoadedTokenizer> {
    const key = JSON.stringify(spec);
    let p = this.loads.get(key);
    if (!p) {
      p = (async () => {
        const started = performance.now();
        const tokenizer = await loadFromSpec(spec, this.load);
        const flags = tokenFlags(tokenizer);
        return {
          tokenizer,
          flags,
          loadMs: performance.now() - started,
          tokenize: (chunk: PreparedLanguage) => tokenizeLanguage(tokenizer, chunk, flags),
        };
      })();
      // a failed load is not kept: the error reaches the caller, and a retry loads again
      p.catch(() => this.loads.delete(key));
      this.loads.set(key, p);
    }
    return p;
  }

  dispose(): void {
    for (const p of this.loads.values())
      p.then(
        (l) => l.tokenizer.dispose(),
        () => undefined,
      );
    this.loads.clear();
  }
}
