// Backend for Hugging Face tokenizer.json files: the native Rust binding encodes, the pure-JS engine is the fallback.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { TokenizerLoadError } from "../errors.js";
import { fileSha256 } from "../file-sha256.js";
import {
  encodeEach,
  type BatchEncoding,
  type EncodeOptions,
  type EncodeResult,
  type EngineKind,
  type EntryBytesVisitor,
  type Tokenizer,
  type TokenizerFamily,
  type TokenizerSpec,
  type VocabEntry,
} from "./tokenizer.js";
import { loadNativeEngine, type NativeEngine } from "./huggingface-native.js";
import { describeJsonSyntaxError, validateTokenizerJson } from "./validate-tokenizer-json.js";
import {
  LazyVocabulary,
  deriveFacts,
  modelTokensOf,
  nativeSource,
  tableSource,
  type PackedEntryBytes,
  type TokenizerJson,
  type TokenizerJsonFacts,
} from "./hf-vocabulary.js";
import { cachedFacts, rememberFacts } from "./hf-load-facts.js";
import { checkAside, type CheckedFacts } from "./hf-check.js";

const SUPPORTED_MODELS: readonly TokenizerFamily[] = ["BPE", "Unigram", "WordPiece", "WordLevel"];

/** A `huggingface` spec without its `kind`. */
export type HuggingFaceLoadOptions = Omit<Extract<TokenizerSpec, { kind: "huggingface" }>, "kind">;

/**
 * tokenizer_config.json switches that change encoding and that only the JS engine (like transformers'
 * Python tokenizer classes) applies; the native engine reads tokenizer.json alone.
 */
const JS_ONLY_CONFIG_SWITCHES = ["remove_space", "do_lowercase_and_remove_accent"] as const;

/**
 * `text` with the model's `"merges"` list emptied, or `text` itself when the list cannot be found for sure. The
 * merges are most of a large BPE file (Gemma 3: 514k pairs); the native engine reads them from the file itself,
 * and this side needs only the vocabulary and the components, so parsing them would be wasted work.
 */
export function withoutMerges(text: string): string {
  return textWithoutMerges(Buffer.from(text, "utf8"));
}

const isJsonSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * `withoutMerges` on the file's UTF-8 bytes: the list is found byte by byte (no byte of a multi-byte character is
 * ASCII, so quotes and brackets are what they seem) and only the rest of the file is decoded to text.
 */
export function textWithoutMerges(bytes: Buffer): string {
  const key = bytes.lastIndexOf('"merges"');
  if (key < 0) return bytes.toString("utf8");
  let i = key + '"merges"'.length;
  while (isJsonSpace(bytes[i])) i++;
  if (bytes[i] !== 0x3a) return bytes.toString("utf8");
  i++;
  while (isJsonSpace(bytes[i])) i++;
  if (bytes[i] !== 0x5b) return bytes.toString("utf8");
  const open = i;
  let depth = 0;
  let inString = false;
  for (; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b) depth++;
    else if (c === 0x5d && --depth === 0) return bytes.toString("utf8", 0, open) + "[]" + bytes.toString("utf8", i + 1);
  }
  return bytes.toString("utf8");
}

/** The refusal of a file that cannot be read. */
function readError(path: string, what: string, err: unknown): TokenizerLoadError {
  const code = (err as NodeJS.ErrnoException).code;
  return new TokenizerLoadError(
    code === "ENOENT"
      ? `${what} '${path}' does not exist. Check the path, or run \`toklens tokenizers\` to list the built-in ids.`
      : `Cannot read ${what} '${path}': ${(err as Error).message}.`,
    { cause: err },
  );
}

function parseJson(text: string, path: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new TokenizerLoadError(
      `${what} '${path}' is not valid JSON (${describeJsonSyntaxError(err)}); the file may be truncated or corrupted. ` +
        `Download it again (for a Hugging Face model, tokenizer.json from the model's repository).`,
      { cause: err },
    );
  }
}

async function readJsonFile(
  path: string,
  what: string,
  transform: (bytes: Buffer) => string = (b) => b.toString("utf8"),
  known: Buffer | null = null,
): Promise<{ json: unknown; raw: Buffer }> {
  let raw: Buffer;
  try {
    raw = known ?? (await readFile(path));
  } catch (err) {
    throw readError(path, what, err);
  }
  return { json: parseJson(transform(raw), path, what), raw };
}

/**
 * Loads a tokenizer.json. With a cache directory, a file whose sha256 has remembered facts (it was validated before:
 * see hf-load-facts.ts) is not parsed here at all unless the native engine does not load; any other file is checked
 * (in a worker thread while the native engine loads it here, see hf-check.ts) and its facts remembered. The JS engine
 * (`engine: "js"`) always parses the whole file.
 */
export async function loadHuggingFaceTokenizer(
  options: HuggingFaceLoadOptions,
  cacheDir: string | null = null,
): Promise<Tokenizer> {
  let raw: Buffer | null = null;
  if (options.engine !== "js" && cacheDir) {
    let sha256: string;
    try {
      sha256 = await fileSha256(options.path, { dir: cacheDir }, (bytes) => (raw = bytes));
    } catch (err) {
      throw readError(options.path, "Tokenizer file", err);
    }
    const facts = cachedFacts(cacheDir, sha256);
    if (facts) return loadKnown(options, facts, sha256);
  }
  const checking = options.engine !== "js" ? checkAside(options.path) : null;
  if (checking) return loadCheckedAside(options, cacheDir, checking);
  return loadChecked(options, cacheDir, raw);
}

/** A tokenizer.json read and checked: what `loadChecked` and the check worker conclude from it. */
interface CheckedFile {
  tj: TokenizerJson;
  raw: Buffer;
  modelTokens: ReadonlyArray<string | undefined>;
  facts: TokenizerJsonFacts;
  sha256: string;
}

/**
 * Reads, checks and measures the file (`known`: its bytes if already read). Unless the JS engine is asked for, the
 * file is read without its merges (see withoutMerges).
 */
async function checkFile(
  options: Pick<HuggingFaceLoadOptions, "path" | "engine">,
  known: Buffer | null,
): Promise<CheckedFile> {
  const { json, raw } = await readJsonFile(
    options.path,
    "Tokenizer file",
    options.engine === "js" ? undefined : textWithoutMerges,
    known,
  );
  const tj = json as TokenizerJson;
  if (!tj || typeof tj !== "object" || !tj.model || typeof tj.model !== "object") {
    throw new TokenizerLoadError(
      `'${options.path}' is JSON but not a Hugging Face tokenizer.json (it has no "model" section). ` +
        `Give the tokenizer.json saved by \`tokenizer.save()\` / \`save_pretrained()\`, not config.json or vocab.json.`,
    );
  }
  const family = tj.model.type as TokenizerFamily | undefined;
  if (!family || !SUPPORTED_MODELS.includes(family)) {
    throw new TokenizerLoadError(
      `Unsupported tokenizer model type '${String(tj.model.type)}' in '${options.path}'. ` +
        `Supported model types: ${SUPPORTED_MODELS.join(", ")}.`,
    );
  }
  const modelTokens = modelTokensOf(tj, validateTokenizerJson(tj, options.path));
  const facts = deriveFacts(tj, family, modelTokens);
  const sha256 = createHash("sha256").update(raw).digest("hex");
  return { tj, raw, modelTokens, facts, sha256 };
}

/**
 * What the check worker sends back: the facts of a file that passed its checks, the file's sha256, and the bytes of
 * every entry (the tokenize phase's per-id table, read from the file's tokens as `loadChecked` reads them).
 */
export async function checkedFacts(path: string): Promise<CheckedFacts> {
  const { facts, sha256, modelTokens } = await checkFile({ path }, null);
  return { facts, sha256, entryBytes: new LazyVocabulary(facts, tableSource(modelTokens)).packBytes() };
}

/** Reads, checks and measures the file (`known`: its bytes if already read), then remembers its facts. */
async function loadChecked(
  options: HuggingFaceLoadOptions,
  cacheDir: string | null,
  known: Buffer | null,
): Promise<Tokenizer> {
  // if the native engine then does not load, the JS engine gets the whole file
  const { tj, raw, modelTokens, facts, sha256 } = await checkFile(options, known);
  const { native, buildJs } = await engines(options);
  rememberFacts(cacheDir, sha256, facts);
  const vocab = new LazyVocabulary(facts, tableSource(modelTokens));
  if (native) {
    // The JS engine serves only the synchronous calls (`tokenize`, `decode`); it is built on first use
    // from a fresh read, so a native run never holds a second copy of the model.
    const lazyJs = () => buildJs(JSON.parse(readFileSync(options.path, "utf8")) as TokenizerJson);
    return new HuggingFaceTokenizer(options, facts, vocab, lazyJs, native, sha256);
  }
  const js = buildJs(options.engine === "js" ? tj : (JSON.parse(raw.toString("utf8")) as TokenizerJson));
  return new HuggingFaceTokenizer(options, facts, vocab, () => js, null, sha256);
}

/**
 * `loadChecked` with the check in a worker thread (`checking`) while this thread loads the engines: a refusal of the
 * file comes first, as `loadChecked` gives it before loading any engine; a file the native engine does not load is
 * loaded by `loadChecked` (the JS engine needs it parsed here).
 */
async function loadCheckedAside(
  options: HuggingFaceLoadOptions,
  cacheDir: string | null,
  checking: Promise<CheckedFacts>,
): Promise<Tokenizer> {
  checking.catch(() => undefined); // awaited below, after the engines
  let loaded: Awaited<ReturnType<typeof engines>> | null = null;
  let engineError: unknown = null;
  try {
    loaded = await engines(options);
  } catch (err) {
    engineError = err;
  }
  const { facts, sha256, entryBytes } = await checking;
  if (engineError !== null) throw engineError;
  if (!loaded?.native) return loadChecked(options, cacheDir, null);
  rememberFacts(cacheDir, sha256, facts);
  return knownTokenizer(options, facts, sha256, loaded.native, loaded.buildJs, entryBytes);
}

/** A checked file's tokenizer on the native engine, its model's tokens read from the engine (see `nativeSource`). */
function knownTokenizer(
  options: HuggingFaceLoadOptions,
  facts: TokenizerJsonFacts,
  sha256: string,
  native: NativeEngine,
  buildJs: (json: TokenizerJson) => HfEngine,
  entryBytes: PackedEntryBytes | null = null,
): Tokenizer {
  const readJson = () => parseJson(readFileSync(options.path, "utf8"), options.path, "Tokenizer file") as TokenizerJson;
  const fromFile = () => modelTokensOf(JSON.parse(textWithoutMerges(readFileSync(options.path))) as TokenizerJson);
  const vocab = new LazyVocabulary(
    facts,
    nativeSource((id) => native.idToToken(id), facts, fromFile),
    entryBytes,
  );
  return new HuggingFaceTokenizer(options, facts, vocab, () => buildJs(readJson()), native, sha256);
}

/**
 * Loads a file validated before (its `facts` remembered by its sha256): nothing of it is parsed here while the native
 * engine runs it; the model's tokens come from the engine, or from the file when the engine does not agree with it.
 */
async function loadKnown(options: HuggingFaceLoadOptions, facts: TokenizerJsonFacts, sha256: string) {
  const { native, buildJs } = await engines(options);
  if (native) return knownTokenizer(options, facts, sha256, native, buildJs);
  const tj = parseJson(readFileSync(options.path, "utf8"), options.path, "Tokenizer file") as TokenizerJson;
  const js = buildJs(tj);
  return new HuggingFaceTokenizer(
    options,
    facts,
    new LazyVocabulary(facts, tableSource(modelTokensOf(tj))),
    () => js,
    null,
    sha256,
  );
}

/**
 * The engines of a checked file: the native one unless the JS engine is asked for or tokenizer_config.json sets a
 * switch only the JS engine applies (refused with `engine: "native"`), and how to build the JS one.
 */
async function engines(
  options: HuggingFaceLoadOptions,
): Promise<{ native: NativeEngine | null; buildJs: (json: TokenizerJson) => HfEngine }> {
  let config: object = {};
  if (options.configPath) {
    try {
      config = (await readJsonFile(options.configPath, "Tokenizer config")).json as object;
    } catch {
      // tokenizer_config.json only tunes decoding niceties; the tokenizer works without it
      config = {};
    }
  }
  const choice = options.engine ?? "auto";
  const jsOnly = JS_ONLY_CONFIG_SWITCHES.filter((k) => (config as Record<string, unknown>)[k] === true);
  if (choice === "native" && jsOnly.length > 0) {
    throw new TokenizerLoadError(
      `'${options.configPath}' sets ${jsOnly.join(" and ")}, which the native engine does not apply (it reads tokenizer.json only). ` +
        `Use the JS engine (--engine js or engine: "js"), which applies it as transformers does.`,
    );
  }
  const { Tokenizer: HfTokenizer } = await import("@huggingface/tokenizers");
  const buildJs = (json: TokenizerJson): HfEngine => {
    try {
      return new HfTokenizer(json, config) as unknown as HfEngine;
    } catch (err) {
      throw new TokenizerLoadError(
        `@huggingface/tokenizers cannot build the tokenizer in '${options.path}': ${(err as Error).message}. ` +
          `The file may use a component this engine does not support; check it loads with the Python tokenizers library.`,
        { cause: err },
      );
    }
  };
  const native =
    choice !== "js" && jsOnly.length === 0 ? await loadNativeEngine(options.path, choice === "native") : null;
  return { native, buildJs };
}

interface HfEngine {
  encode(
    text: string,
    options?: { add_special_tokens?: boolean },
  ): { ids: Array<number | null | undefined>; tokens: Array<string | null | undefined> };
  decode(
    ids: number[],
    options?: { skip_special_tokens?: boolean; clean_up_tokenization_spaces?: boolean | null },
  ): string;
}

class HuggingFaceTokenizer implements Tokenizer {
  readonly backend = "huggingface" as const;
  readonly engine: EngineKind;
  readonly id: string;
  readonly name: string;
  readonly source: string;
  readonly vocabSize: number;
  readonly unkId: number | null;
  readonly keepsText: boolean;
  readonly wordSeparator?: { readonly id: number; readonly content: string };
  private readonly unkToken: string | null;
  private js: HfEngine | null = null;
  private disposed = false;

  readonly family: TokenizerFamily;

  constructor(
    options: HuggingFaceLoadOptions,
    facts: TokenizerJsonFacts,
    private readonly vocab: LazyVocabulary,
    private readonly makeJs: () => HfEngine,
    private native: NativeEngine | null,
    readonly sha256: string,
  ) {
    this.id = options.id;
    this.name = options.name;
    this.source = options.source ?? options.path;
    this.engine = native ? "native" : "js";
    this.family = facts.family;
    this.vocabSize = facts.vocabSize;
    this.unkId = facts.unk?.id ?? null;
    this.unkToken = facts.unk?.token ?? null;
    // proved for the pipeline as the Rust engine runs it; the JS engine is another implementation
    this.keepsText = native !== null && facts.pipelineKeepsText;
    if (native !== null && facts.separator)
      this.wordSeparator = { id: facts.separator[0], content: facts.separator[1] };
  }

  encode(text: string, options?: EncodeOptions): EncodeResult {
    const enc = this.live().encode(text, { add_special_tokens: options?.addSpecialTokens ?? false });
    const ids = new Array<number>(enc.ids.length);
    const tokens = new Array<string>(enc.ids.length);
    for (let i = 0; i < enc.ids.length; i++) {
      const id = enc.ids[i];
      // The JS WordLevel model yields undefined for out-of-vocabulary words where the Rust
      // reference returns the unknown token; restore the reference behaviour here.
      if (id === undefined || id === null) {
        if (this.unkId === null) {
          throw new TokenizerLoadError(
            `Tokenizer '${this.id}' has no unknown token, but '${String(enc.tokens[i])}' is not in its vocabulary.`,
          );
        }
        ids[i] = this.unkId;
        tokens[i] = this.unkToken!;
      } else {
        ids[i] = id;
        tokens[i] = enc.tokens[i] ?? this.vocab.token(id) ?? "";
      }
    }
    return { ids, tokens };
  }

  encodeIds(text: string, options?: EncodeOptions): number[] {
    return this.encode(text, options).ids;
  }

  /** On the native engine, the native tokens (no JS engine is built); otherwise `encode`'s. */
  async encodeAsync(text: string, options?: EncodeOptions): Promise<EncodeResult> {
    if (this.disposed) throw new Error(`Tokenizer '${this.id}' was used after dispose().`);
    return this.native ? this.native.encode(text, options?.addSpecialTokens ?? false) : this.encode(text, options);
  }

  async decodeAsync(ids: readonly number[]): Promise<string> {
    if (this.disposed) throw new Error(`Tokenizer '${this.id}' was used after dispose().`);
    if (!this.native) return this.decode(ids);
    return ids.length === 0 ? "" : this.native.decode(ids);
  }

  encodeBatch(texts: readonly string[]): Promise<BatchEncoding[]> {
    if (this.disposed) throw new Error(`Tokenizer '${this.id}' was used after dispose().`);
    return this.native ? this.native.encodeBatch(texts) : encodeEach(this, texts);
  }

  decode(ids: readonly number[]): string {
    const engine = this.live();
    // the engine throws "token_ids must be a non-empty array" for []; nothing decodes to ""
    if (ids.length === 0) return "";
    return engine.decode([...ids], { skip_special_tokens: false, clean_up_tokenization_spaces: false });
  }

  vocabulary(): readonly VocabEntry[] {
    return this.vocab.all();
  }

  entry(id: number): VocabEntry | undefined {
    return this.vocab.entry(id);
  }

  forEachEntryBytes(visit: EntryBytesVisitor): void {
    this.vocab.forEachEntryBytes(visit);
  }

  dispose(): void {
    this.disposed = true;
    this.js = null;
    this.native = null;
  }

  private live(): HfEngine {
    if (this.disposed) throw new Error(`Tokenizer '${this.id}' was used after dispose().`);
    this.js ??= this.makeJs();
    return this.js;
  }
}
