// The parts of the Hugging Face tokenizer.json format that trimming and expansion rewrite, plus read/write helpers.
import { readFile } from "node:fs/promises";
import { writeFileAtomically } from "../atomic-file.js";
import { dirname } from "node:path";
import { OutputError, TokenizerLoadError } from "../errors.js";
import { makeDirectories } from "../output-dir.js";

/** One `added_tokens` item (field names as in the format). */
export interface AddedTokenJson {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

export interface BpeModelJson {
  type: "BPE";
  dropout?: number | null;
  unk_token?: string | null;
  continuing_subword_prefix?: string | null;
  end_of_word_suffix?: string | null;
  fuse_unk?: boolean;
  byte_fallback?: boolean;
  ignore_merges?: boolean;
  vocab: Record<string, number>;
  /** Either `"a b"` strings (older files) or `["a", "b"]` pairs. */
  merges: Array<string | [string, string]>;
}

export interface UnigramModelJson {
  type: "Unigram";
  unk_id: number | null;
  vocab: Array<[string, number]>;
  byte_fallback?: boolean;
}

export interface OtherModelJson {
  type: "WordPiece" | "WordLevel";
  vocab: Record<string, number>;
  [key: string]: unknown;
}

export type ModelJson = BpeModelJson | UnigramModelJson | OtherModelJson;

export interface TokenizerJson {
  version?: string;
  truncation?: unknown;
  padding?: unknown;
  added_tokens: AddedTokenJson[];
  normalizer: unknown;
  pre_tokenizer: unknown;
  post_processor: unknown;
  decoder: unknown;
  model: ModelJson;
}

/** A merge as a pair, whichever way the file stores it. */
export function mergePair(m: string | [string, string]): [string, string] {
  if (Array.isArray(m)) return m;
  const i = m.indexOf(" ");
  return [m.slice(0, i), m.slice(i + 1)];
}

export async function readTokenizerJson(path: string): Promise<TokenizerJson> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (err) {
    throw new TokenizerLoadError(`Cannot read tokenizer file '${path}': ${(err as Error).message}. Check the path.`, {
      cause: err,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new TokenizerLoadError(
      `'${path}' is not valid JSON (${(err as Error).message}); give a Hugging Face tokenizer.json.`,
      { cause: err },
    );
  }
  const t = json as Partial<TokenizerJson>;
  if (!t || typeof t !== "object" || !t.model || typeof t.model !== "object" || !("type" in t.model)) {
    throw new TokenizerLoadError(
      `'${path}' has no "model" with a "type"; give a Hugging Face tokenizer.json (save one with tokenizer.save()).`,
    );
  }
  return { ...t, added_tokens: t.added_tokens ?? [] } as TokenizerJson;
}

export async function writeTokenizerJson(path: string, json: TokenizerJson): Promise<void> {
  try {
    await makeDirectories(dirname(path));
    // atomic: a full disk or a kill leaves the previous file or none, never an empty or half one
    await writeFileAtomically(path, JSON.stringify(json));
  } catch (err) {
    throw new OutputError(`Cannot write '${path}': ${(err as Error).message}. Choose a writable --out directory.`, {
      cause: err,
    });
  }
}

/** Every id the file defines (model vocabulary and added tokens). */
export function definedIds(json: TokenizerJson): Set<number> {
  const ids = new Set<number>();
  const m = json.model;
  if (m.type === "Unigram") m.vocab.forEach((_, i) => ids.add(i));
  else for (const id of Object.values(m.vocab)) ids.add(id);
  for (const a of json.added_tokens) ids.add(a.id);
  return ids;
}
