// Hugging Face ids and settings: parsing `hf:<org>/<name>[@revision]`, and the cache folder, token and offline mode huggingface_hub would use.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ConfigError } from "../errors.js";

export const TOKENIZER_JSON = "tokenizer.json";
export const TOKENIZER_CONFIG = "tokenizer_config.json";
export const SENTENCEPIECE_MODEL = "tokenizer.model";
export const LOOKED_FOR = `${TOKENIZER_JSON}, ${SENTENCEPIECE_MODEL} or a *.tiktoken file`;
export const COMMIT_RE = /^[0-9a-f]{40}$/;
/** Same rule as huggingface_hub's repo-id validation: optional namespace, word characters, `-`, `.`. */
const REPO_PART_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * Parses `hf:<org>/<name>[@revision]` (the `hf:` prefix may be left out). The revision defaults to `main`
 * and may be a branch, a tag, `refs/pr/N`, or a 40-hex commit.
 */
export function parseHfRef(ref: string, prefix: "hf" | "hf-dataset" = "hf"): { repo: string; revision: string } {
  const body = ref.startsWith(`${prefix}:`) ? ref.slice(prefix.length + 1) : ref;
  const example =
    prefix === "hf"
      ? "Use hf:<org>/<name> or hf:<org>/<name>@<revision>, e.g. hf:openai-community/gpt2@main."
      : "Use hf-dataset:<org>/<name> or hf-dataset:<org>/<name>@<revision>, e.g. hf-dataset:openlanguagedata/flores_plus.";
  if (/^https?:\/\//i.test(body)) {
    throw new ConfigError(`Hugging Face id '${ref}' is a URL, not a repo id. ${example}`);
  }
  const at = body.indexOf("@");
  const repo = at === -1 ? body : body.slice(0, at);
  const revision = at === -1 ? "main" : body.slice(at + 1);
  const parts = repo.split("/");
  const badPart = (p: string): boolean =>
    p.length === 0 ||
    !REPO_PART_RE.test(p) ||
    p.includes("--") ||
    p.includes("..") ||
    p.endsWith(".") ||
    p.endsWith("-");
  if (parts.length > 2 || repo.length > 96 || parts.some(badPart)) {
    throw new ConfigError(
      `Malformed Hugging Face id '${ref}': the repo part '${repo}' must be <org>/<name> made of letters, digits, ` +
        `'-', '_' and '.' (no '--' or '..', at most 96 characters). ${example}`,
    );
  }
  const revisionParts = revision.split("/");
  if (
    revision.length === 0 ||
    /[\s\\\x00-\x1f]/.test(revision) ||
    revisionParts.some((p) => p === "" || p === "." || p === "..")
  ) {
    throw new ConfigError(
      `Malformed revision '${revision}' in Hugging Face id '${ref}': give a branch, tag or commit after '@' ` +
        `(e.g. @main, @v1.0, @refs/pr/1, or a 40-hex commit), or leave '@' out for main.`,
    );
  }
  return { repo, revision };
}

type Env = Readonly<Record<string, string | undefined>>;

export function expandHome(p: string): string {
  return p === "~" || p.startsWith("~/") ? path.join(os.homedir(), p.slice(1)) : p;
}

export function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== "" ? v : undefined;
}

/** `$HF_HOME`, defaulting like huggingface_hub to `$XDG_CACHE_HOME/huggingface` or `~/.cache/huggingface`. */
export function hfHome(env: Env = process.env): string {
  const home = nonEmpty(env.HF_HOME);
  if (home) return path.resolve(expandHome(home));
  const xdg = nonEmpty(env.XDG_CACHE_HOME);
  return path.resolve(xdg ? expandHome(xdg) : path.join(os.homedir(), ".cache"), "huggingface");
}

/** The hub cache folder huggingface_hub would use with this environment. */
export function hubCacheDir(env: Env = process.env): string {
  const explicit = nonEmpty(env.HF_HUB_CACHE) ?? nonEmpty(env.HUGGINGFACE_HUB_CACHE);
  return explicit ? path.resolve(expandHome(explicit)) : path.join(hfHome(env), "hub");
}

/** Whether HF_HUB_OFFLINE asks for offline mode (huggingface_hub accepts 1/ON/YES/TRUE). */
export function hubOfflineFromEnv(env: Env = process.env): boolean {
  return ["1", "ON", "YES", "TRUE"].includes((env.HF_HUB_OFFLINE ?? "").trim().toUpperCase());
}

/** The token huggingface_hub would send, and where it came from (for error messages); never the token in messages. */
export async function hubToken(env: Env = process.env): Promise<{ token: string; source: string } | undefined> {
  const fromEnv = nonEmpty(env.HF_TOKEN)
    ? "HF_TOKEN"
    : nonEmpty(env.HUGGING_FACE_HUB_TOKEN)
      ? "HUGGING_FACE_HUB_TOKEN"
      : undefined;
  if (fromEnv) return { token: env[fromEnv]!.trim(), source: fromEnv };
  const tokenPath = nonEmpty(env.HF_TOKEN_PATH)
    ? path.resolve(expandHome(env.HF_TOKEN_PATH!))
    : path.join(hfHome(env), "token");
  try {
    const token = (await fs.readFile(tokenPath, "utf8")).trim();
    return token ? { token, source: `the token file ${tokenPath}` } : undefined;
  } catch {
    return undefined;
  }
}

/** `models--org--name` (`datasets--org--name`), the folder huggingface_hub gives a model (dataset) repo. */
export function repoFolderName(repo: string, repoType: "model" | "dataset" = "model"): string {
  return `${repoType}s--${repo.split("/").join("--")}`;
}

/** The command that fetches `filename` with huggingface_hub, for messages. */
export function downloadCommand(
  repo: string,
  revision: string,
  filename = TOKENIZER_JSON,
  repoType: "model" | "dataset" = "model",
): string {
  const type = repoType === "dataset" ? " --repo-type dataset" : "";
  return `huggingface-cli download${type} ${repo} ${filename}${revision === "main" ? "" : ` --revision ${revision}`}`;
}
