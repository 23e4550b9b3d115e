// The BOS token a model puts before a text when its tokenizer.json post-processor does not: for `tokenize --special-tokens`.
import { readFile } from "node:fs/promises";
import { findBuiltin } from "./registry.js";
import type { Tokenizer, TokenizerSpec } from "./tokenizer.js";

/** A BOS token to put before the encoded text, and which file or document says the model adds it. */
export interface AddedBos {
  token: string;
  id: number;
  /** Where the rule comes from, e.g. `tokenizer_config.json add_bos_token`. */
  source: string;
}

/** Post-processors that add special tokens themselves when the engine encodes with special tokens. */
const ADDING_PROCESSORS = new Set(["TemplateProcessing", "BertProcessing", "RobertaProcessing"]);

function addsSpecialTokens(processor: unknown): boolean {
  if (!processor || typeof processor !== "object") return false;
  const p = processor as { type?: unknown; processors?: unknown };
  if (typeof p.type === "string" && ADDING_PROCESSORS.has(p.type)) return true;
  return p.type === "Sequence" && Array.isArray(p.processors) && p.processors.some(addsSpecialTokens);
}

async function readJson(path: string, merges = true): Promise<Record<string, unknown> | null> {
  try {
    const bytes = await readFile(path);
    // the post-processor is all this side reads of a tokenizer.json: its merges (most of a large file) are not parsed
    const text = merges ? bytes.toString("utf8") : (await import("./huggingface.js")).textWithoutMerges(bytes);
    const json: unknown = JSON.parse(text);
    return json && typeof json === "object" ? (json as Record<string, unknown>) : null;
  } catch {
    return null; // the loader has already read and validated tokenizer.json; a broken config adds nothing
  }
}

/**
 * The BOS a tokenizer.json model adds although its post-processor does not, in this order:
 * 1. the post-processor adds special tokens itself (TemplateProcessing...): nothing to add here;
 * 2. tokenizer_config.json sets `add_bos_token: true` with a `bos_token` (transformers' Llama-style fast
 *    tokenizers rebuild their post-processor from these two keys; DeepSeek-V3 ships them this way);
 * 3. a built-in whose packaged files lost the template the model's own files have (`bos` in the registry).
 * Tiktoken encodings add nothing, and SentencePiece models add their BOS themselves: null for both.
 */
export async function bosToAdd(spec: TokenizerSpec, tokenizer: Tokenizer): Promise<AddedBos | null> {
  if (spec.kind !== "huggingface") return null;
  const tj = await readJson(spec.path, false);
  if (addsSpecialTokens(tj?.["post_processor"])) return null;
  // a BOS of this kind is an added token, which the engine encodes to its own id: that id, when its entry is the
  // token, spares decoding the whole vocabulary (0.5 s of `tokenize llama3 --special-tokens`); else a search of it
  const idOf = async (token: string) => {
    const { ids } = await tokenizer.encodeAsync(token);
    if (ids.length === 1 && tokenizer.entry(ids[0]!)?.token === token) return ids[0];
    return tokenizer.vocabulary().find((e) => e.token === token)?.id;
  };
  if (spec.configPath) {
    const config = await readJson(spec.configPath);
    const raw = config?.["bos_token"];
    const token =
      typeof raw === "string"
        ? raw
        : raw && typeof raw === "object"
          ? (raw as { content?: unknown }).content
          : undefined;
    if (config?.["add_bos_token"] === true && typeof token === "string") {
      const id = await idOf(token);
      if (id !== undefined) return { token, id, source: "tokenizer_config.json add_bos_token" };
    }
  }
  const bos = findBuiltin(spec.id)?.bos;
  if (bos) {
    const id = await idOf(bos.token);
    if (id !== undefined) return { token: bos.token, id, source: bos.source };
  }
  return null;
}

/** `ids`/`tokens` with the BOS put first, unless the engine already put it there. */
export function withBos(
  encoded: { ids: number[]; tokens: string[] },
  bos: AddedBos | null,
): { ids: number[]; tokens: string[] } {
  if (!bos || encoded.ids[0] === bos.id) return encoded;
  return { ids: [bos.id, ...encoded.ids], tokens: [bos.token, ...encoded.tokens] };
}
