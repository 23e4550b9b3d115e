// Runs an in-memory tokenizer.json (trimmed, expanded or converted) with the pure-JS Hugging Face tokenizers engine.
import { TokenizerLoadError } from "../errors.js";
import { WORD_MARKER } from "../tokenizers/token-bytes.js";
import type { TokenizerJson } from "./tokenizer-json.js";

/** The slice of @huggingface/tokenizers' Tokenizer this module calls (its pipeline stages are public fields). */
interface JsTokenizer {
  encode(text: string, options?: { add_special_tokens?: boolean }): { ids: number[]; tokens: string[] };
  normalizer: ((text: string) => string) | null;
  pre_tokenizer: ((text: string, options?: { section_index?: number }) => string[]) | null;
  model: { bpe?: (word: string) => string[]; tokens_to_ids: Map<string, number>; ignore_merges?: boolean };
}

export interface JsonTokenizerEngine {
  /** Ids and stored token strings, without special tokens (BOS/EOS). */
  encode(text: string): { ids: number[]; tokens: string[] };
  /**
   * The words BPE works on and their symbols before any merge the vocabulary lacks: each pre-token (split
   * again before every `▁` word marker) run through the model's merges, unknown characters left as they are
   * (not yet byte-fallback pieces). The starting point of continued BPE training.
   */
  bpeWords(text: string): string[][];
  has(token: string): boolean;
}

/** Loads a tokenizer.json object (no file needed) into the JS engine. */
export async function jsonTokenizerEngine(json: TokenizerJson): Promise<JsonTokenizerEngine> {
  const { Tokenizer } = await import("@huggingface/tokenizers");
  let tok: JsTokenizer;
  try {
    tok = new Tokenizer(json, {}) as unknown as JsTokenizer;
  } catch (err) {
    throw new TokenizerLoadError(
      `The tokenizer.json could not be loaded by @huggingface/tokenizers: ${(err as Error).message}.`,
      { cause: err },
    );
  }
  const model = tok.model;
  const bpe = model.bpe?.bind(model);
  return {
    encode(text) {
      const e = tok.encode(text, { add_special_tokens: false });
      return { ids: e.ids, tokens: e.tokens };
    },
    bpeWords(text) {
      if (!bpe)
        throw new TokenizerLoadError(
          "Continued BPE training needs a BPE tokenizer.json; this one has another model type.",
        );
      const normalized = tok.normalizer ? tok.normalizer(text) : text;
      const pre = tok.pre_tokenizer ? tok.pre_tokenizer(normalized, { section_index: 0 }) : [normalized];
      const out: string[][] = [];
      for (const p of pre) {
        // a word-marker vocabulary can run the whole text as one pre-token; its merges never cross ▁
        const chunks = p.includes(WORD_MARKER) ? p.split(new RegExp(`(?=${WORD_MARKER})`, "u")) : [p];
        for (const chunk of chunks) {
          if (!chunk) continue;
          if (model.ignore_merges && model.tokens_to_ids.has(chunk)) out.push([chunk]);
          else out.push([...bpe(chunk)]);
        }
      }
      return out;
    },
    has(token) {
      return model.tokens_to_ids.has(token);
    },
  };
}
