// The public API of toklens: explicit named exports only.
export { ToklensError, ConfigError, TokenizerLoadError, CorpusError, OutputError } from "./errors.js";
export type { LanguageCode, Segment, Warning, SegmentCounts, TokenizedLanguage } from "./types.js";
export type {
  Tokenizer,
  TokenizerSpec,
  TokenizerFamily,
  BackendKind,
  VocabEntry,
  EncodeResult,
  EncodeOptions,
} from "./tokenizers/tokenizer.js";
export { TOOLKIT_VERSION } from "./version.js";
export { parseHfRef, resolveHfTokenizer } from "./tokenizers/hf-hub.js";
export type { HubOptions, HubTokenizerFiles } from "./tokenizers/hf-hub.js";
