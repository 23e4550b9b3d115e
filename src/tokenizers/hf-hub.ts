// Resolves `hf:<org>/<name>[@revision]` to tokenizer files in the local Hugging Face cache, downloading them from the Hub when missing.
import { createHash, randomBytes } from "node:crypto";
import { constants as fsConstants } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ConfigError, TokenizerLoadError } from "../errors.js";
import { NotSentencePieceError, parseSentencePieceModel } from "./sentencepiece-model.js";
import { rankTableProblem } from "./tiktoken.js";
import { describeJsonSyntaxError } from "./validate-tokenizer-json.js";

export interface HubOptions {
  /**
   * Base URL of the Hub (or a mirror).
   * @default process.env.HF_ENDPOINT ?? "https://huggingface.co"
   */
  endpoint?: string;
  /**
   * Access token for gated or private repos, sent as `Authorization: Bearer` to the endpoint only.
   * @default process.env.HF_TOKEN ?? process.env.HUGGING_FACE_HUB_TOKEN ?? the file $HF_TOKEN_PATH or $HF_HOME/token
   */
  token?: string;
  /**
   * The huggingface_hub cache folder (the one holding `models--<org>--<name>`).
   * @default HF_HUB_CACHE ?? HUGGINGFACE_HUB_CACHE ?? $HF_HOME/hub ?? $XDG_CACHE_HOME/huggingface/hub ?? ~/.cache/huggingface/hub
   */
  cacheDir?: string;
  /**
   * Never touch the network: only the local cache is read (also when HF_HUB_OFFLINE=1).
   * @default false
   */
  offline?: boolean;
  /**
   * Abort a request after this many milliseconds without progress (no headers, or no body bytes).
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * Abort one file download (or the file listing) that has not finished after this many milliseconds in
   * all, however steadily bytes arrive: a server trickling a byte now and then never trips `timeoutMs`.
   * `.incomplete` files in the cache older than this are taken for leftovers of interrupted downloads and
   * removed.
   * @default 600000 (10 minutes)
   */
  deadlineMs?: number;
}

/** Tokenizer files of one Hub repo at one commit, as absolute paths inside the cache snapshot folder. */
export interface HubTokenizerFiles {
  /** `org/name`. */
  repo: string;
  /** The revision asked for (`main`, a tag, or a commit). */
  revision: string;
  /** The 40-hex commit the revision resolved to. */
  commit: string;
  tokenizerJson?: string;
  tokenizerConfig?: string;
  sentencepieceModel?: string;
  tiktoken?: string;
}

const TOKENIZER_JSON = "tokenizer.json";
const TOKENIZER_CONFIG = "tokenizer_config.json";
const SENTENCEPIECE_MODEL = "tokenizer.model";
const LOOKED_FOR = `${TOKENIZER_JSON}, ${SENTENCEPIECE_MODEL} or a *.tiktoken file`;
const DEFAULT_ENDPOINT = "https://huggingface.co";
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_DEADLINE_MS = 600_000;
/** The Hub redirects at most twice (renamed repo, then CDN); more means a loop. */
const MAX_REDIRECTS = 10;
const COMMIT_RE = /^[0-9a-f]{40}$/;
const SHA256_RE = /^[0-9a-f]{64}$/;
/** Same rule as huggingface_hub's repo-id validation: optional namespace, word characters, `-`, `.`. */
const REPO_PART_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * Parses `hf:<org>/<name>[@revision]` (the `hf:` prefix may be left out). The revision defaults to `main`
 * and may be a branch, a tag, `refs/pr/N`, or a 40-hex commit.
 */
export function parseHfRef(ref: string): { repo: string; revision: string } {
  const body = ref.startsWith("hf:") ? ref.slice(3) : ref;
  const example = "Use hf:<org>/<name> or hf:<org>/<name>@<revision>, e.g. hf:openai-community/gpt2@main.";
  if (/^https?:\/\//i.test(body)) {
    throw new ConfigError(`Hugging Face id '${ref}' is a URL, not a repo id. ${example}`);
  }
  const at = body.indexOf("@");
  const repo = at === -1 ? body : body.slice(0, at);
  const revision = at === -1 ? "main" : body.slice(at + 1);
  const parts = repo.split("/");
  const badPart = (p: string): boolean =>
    p.length === 0 || !REPO_PART_RE.test(p) || p.includes("--") || p.includes("..") || p.endsWith(".") || p.endsWith("-");
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

function expandHome(p: string): string {
  return p === "~" || p.startsWith("~/") ? path.join(os.homedir(), p.slice(1)) : p;
}

function nonEmpty(v: string | undefined): string | undefined {
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
  const fromEnv = nonEmpty(env.HF_TOKEN) ? "HF_TOKEN" : nonEmpty(env.HUGGING_FACE_HUB_TOKEN) ? "HUGGING_FACE_HUB_TOKEN" : undefined;
  if (fromEnv) return { token: env[fromEnv]!.trim(), source: fromEnv };
  const tokenPath = nonEmpty(env.HF_TOKEN_PATH) ? path.resolve(expandHome(env.HF_TOKEN_PATH!)) : path.join(hfHome(env), "token");
  try {
    const token = (await fs.readFile(tokenPath, "utf8")).trim();
    return token ? { token, source: `the token file ${tokenPath}` } : undefined;
  } catch {
    return undefined;
  }
}

/** `models--org--name`, the folder huggingface_hub gives a model repo. */
export function repoFolderName(repo: string): string {
  return `models--${repo.split("/").join("--")}`;
}

/** Everything one resolution needs, computed once. */
interface Context {
  ref: string;
  repo: string;
  revision: string;
  endpoint: string;
  token: { token: string; source: string } | undefined;
  repoDir: string;
  timeoutMs: number;
  deadlineMs: number;
}

/**
 * Finds the tokenizer files of `hf:<org>/<name>[@revision]`: first in the local cache (a branch or tag through
 * `refs/<revision>`, a commit directly in `snapshots/`), otherwise downloaded from the Hub into that cache in
 * huggingface_hub's layout. Throws TokenizerLoadError (ConfigError for a malformed id).
 */
export async function resolveHfTokenizer(ref: string, options: HubOptions = {}): Promise<HubTokenizerFiles> {
  const { repo, revision } = parseHfRef(ref);
  const cacheDir = options.cacheDir !== undefined ? path.resolve(expandHome(options.cacheDir)) : hubCacheDir();
  const repoDir = path.join(cacheDir, repoFolderName(repo));

  const cached = await readCachedSnapshot(cacheDir, repoDir, repo, revision);
  if (cached) return cached;

  const offline = options.offline === true || hubOfflineFromEnv();
  if (offline) {
    throw new TokenizerLoadError(
      `hf:${repo}@${revision} is not in the local Hugging Face cache at ${repoDir} (no ${LOOKED_FOR} for that revision), ` +
        `and offline mode is on (${options.offline === true ? "offline: true" : "HF_HUB_OFFLINE is set"}). ` +
        `Download it where the Hub is reachable with \`${downloadCommand(repo, revision)}\`, or unset HF_HUB_OFFLINE.`,
    );
  }

  const endpoint = (nonEmpty(options.endpoint) ?? nonEmpty(process.env.HF_ENDPOINT) ?? DEFAULT_ENDPOINT).replace(/\/+$/, "");
  let token: Context["token"];
  if (options.token !== undefined) token = options.token.trim() ? { token: options.token.trim(), source: "the token option" } : undefined;
  else token = await hubToken();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const ctx: Context = { ref, repo, revision, endpoint, token, repoDir, timeoutMs, deadlineMs };
  await removeStaleTempFiles(repoDir, deadlineMs);
  return download(ctx);
}

function downloadCommand(repo: string, revision: string, filename = TOKENIZER_JSON): string {
  return `huggingface-cli download ${repo} ${filename}${revision === "main" ? "" : ` --revision ${revision}`}`;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile(); // follows the snapshot symlink, so a dangling link counts as absent
  } catch {
    return false;
  }
}

/**
 * Whether the cached file `p` exists; throws when it resolves (through the snapshot symlink, or a linked
 * snapshot folder) to a place outside the cache folder: such a link was not written by a Hugging Face tool,
 * and following it would read an arbitrary file. The message names the link and its target, never the content.
 */
async function isCachedFile(cacheDir: string, p: string): Promise<boolean> {
  let real: string;
  try {
    real = await fs.realpath(p);
  } catch {
    return false; // absent or dangling
  }
  const root = await fs.realpath(cacheDir).catch(() => path.resolve(cacheDir));
  if (real !== root && !real.startsWith(root + path.sep)) {
    throw new TokenizerLoadError(
      `The cached file '${p}' leads outside the Hugging Face cache folder ${root} (to '${real}'), so it was not read. ` +
        `The Hugging Face tools only link into the cache's own blobs/ folder: delete '${path.dirname(p)}' and run again to download it afresh.`,
    );
  }
  return isFile(p);
}

/**
 * Removes `.incomplete` temporary files that interrupted downloads left in the repo folder: those whose
 * toklens writer (the pid in the name) is no longer running on this machine, and any not written to for
 * longer than the download deadline (huggingface_hub's `<etag>.incomplete` files carry no pid).
 */
async function removeStaleTempFiles(repoDir: string, deadlineMs: number): Promise<void> {
  const now = Date.now();
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 4) await walk(p, depth + 1);
      if (!e.isFile() || !e.name.endsWith(".incomplete")) continue;
      const pid = /\.(\d+)\.[0-9a-f]{8}\.incomplete$/.exec(e.name)?.[1];
      const writerGone = pid !== undefined && !processIsRunning(Number(pid));
      const info = await fs.stat(p).catch(() => undefined);
      if (!info) continue;
      if (writerGone || now - info.mtimeMs > deadlineMs) await fs.rm(p, { force: true }).catch(() => undefined);
    }
  };
  await walk(repoDir, 0);
}

function processIsRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

/** The tokenizer files present in the cached snapshot of `revision`, or null when it holds no tokenizer. */
async function readCachedSnapshot(cacheDir: string, repoDir: string, repo: string, revision: string): Promise<HubTokenizerFiles | null> {
  let commit: string;
  if (COMMIT_RE.test(revision)) {
    commit = revision;
  } else {
    try {
      commit = (await fs.readFile(path.join(repoDir, "refs", revision), "utf8")).trim();
    } catch {
      return null;
    }
    if (!COMMIT_RE.test(commit)) return null;
  }
  const snapshot = path.join(repoDir, "snapshots", commit);
  const files: HubTokenizerFiles = { repo, revision, commit };
  const at = (name: string): string => path.join(snapshot, name);
  if (await isCachedFile(cacheDir, at(TOKENIZER_JSON))) files.tokenizerJson = at(TOKENIZER_JSON);
  if (await isCachedFile(cacheDir, at(SENTENCEPIECE_MODEL))) files.sentencepieceModel = at(SENTENCEPIECE_MODEL);
  let names: string[] = [];
  try {
    names = (await fs.readdir(snapshot)).filter((n) => n.endsWith(".tiktoken")).sort();
  } catch {
    return null;
  }
  for (const name of names) {
    if (await isCachedFile(cacheDir, at(name))) {
      files.tiktoken = at(name);
      break;
    }
  }
  if (!files.tokenizerJson && !files.sentencepieceModel && !files.tiktoken) return null;
  if (await isCachedFile(cacheDir, at(TOKENIZER_CONFIG))) files.tokenizerConfig = at(TOKENIZER_CONFIG);
  return files;
}

/** Header values the Hub sends on `resolve/` responses. */
interface FileMetadata {
  commit: string;
  /** Blob name: the git blob sha1, or the sha256 of an LFS file. */
  etag: string;
  size: number | undefined;
}

type FetchOutcome = { kind: "found"; path: string; commit: string } | { kind: "missing"; commit: string | undefined };

async function download(ctx: Context): Promise<HubTokenizerFiles> {
  const linked: Array<{ filename: string; path: string }> = [];
  let commit: string | undefined = COMMIT_RE.test(ctx.revision) ? ctx.revision : undefined;
  // Once the commit is known, later files are asked for by commit so the snapshot is one consistent version
  // even if the branch moves meanwhile.
  const revisionNow = (): string => commit ?? ctx.revision;
  const note = (outcome: FetchOutcome): void => {
    commit ??= outcome.commit;
    if (outcome.kind === "found") linked.push({ filename: path.basename(outcome.path), path: outcome.path });
  };

  let primary = await fetchFile(ctx, revisionNow(), TOKENIZER_JSON);
  note(primary);
  if (primary.kind === "missing") {
    primary = await fetchFile(ctx, revisionNow(), SENTENCEPIECE_MODEL);
    note(primary);
  }
  if (primary.kind === "missing") {
    const listed = await listRepoFiles(ctx, revisionNow());
    commit ??= listed?.commit;
    const tiktokenName = listed?.files.filter((f) => f.endsWith(".tiktoken")).sort()[0];
    if (tiktokenName !== undefined) {
      primary = await fetchFile(ctx, revisionNow(), tiktokenName);
      note(primary);
    }
  }
  if (primary.kind === "missing") {
    throw new TokenizerLoadError(
      `hf:${ctx.repo}@${ctx.revision} has no tokenizer file on ${ctx.endpoint}: looked for ${LOOKED_FOR}. ` +
        `Check the id on the Hub (${ctx.endpoint}/${ctx.repo}) and the revision, or pass a local tokenizer file instead.`,
    );
  }
  note(await fetchFile(ctx, revisionNow(), TOKENIZER_CONFIG));

  const finalCommit = commit ?? primary.commit;
  if (ctx.revision !== finalCommit) {
    // Written last, so a refs file never points at a snapshot without its tokenizer.
    await writeAtomically(path.join(ctx.repoDir, "refs", ctx.revision), finalCommit);
  }
  const files: HubTokenizerFiles = { repo: ctx.repo, revision: ctx.revision, commit: finalCommit };
  for (const { filename, path: p } of linked) {
    if (filename === TOKENIZER_JSON) files.tokenizerJson = p;
    else if (filename === TOKENIZER_CONFIG) files.tokenizerConfig = p;
    else if (filename === SENTENCEPIECE_MODEL) files.sentencepieceModel = p;
    else if (filename.endsWith(".tiktoken")) files.tiktoken = p;
  }
  return files;
}

/**
 * Aborts a request when nothing has arrived for `timeoutMs` (`touch()` on every bit of progress), or when it
 * has not finished after `deadlineMs` in all.
 */
class ProgressTimer {
  readonly controller = new AbortController();
  timedOut = false;
  pastDeadline = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly deadline: NodeJS.Timeout;
  constructor(
    readonly timeoutMs: number,
    readonly deadlineMs: number,
  ) {
    this.touch();
    this.deadline = setTimeout(() => {
      this.pastDeadline = true;
      this.controller.abort();
    }, deadlineMs);
  }
  get expired(): boolean {
    return this.timedOut || this.pastDeadline;
  }
  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, this.timeoutMs);
  }
  stop(): void {
    clearTimeout(this.timer);
    clearTimeout(this.deadline);
  }
}

function describeNetworkError(err: unknown, timer: ProgressTimer): string {
  if (timer.pastDeadline) return `not finished after ${timer.deadlineMs} ms (deadlineMs)`;
  if (timer.timedOut) return `no progress for ${timer.timeoutMs} ms (timeoutMs)`;
  const cause = (err as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const message = err instanceof Error ? err.message : String(err);
  return cause?.code ? `${message} (${cause.code})` : cause?.message ? `${message} (${cause.message})` : message;
}

function unreachable(ctx: Context, filename: string, reason: string): TokenizerLoadError {
  return new TokenizerLoadError(
    `Could not download ${filename} of hf:${ctx.repo}@${ctx.revision} from ${ctx.endpoint}: ${reason}. ` +
      `It is not in the local Hugging Face cache at ${ctx.repoDir}. Check the network and HF_ENDPOINT and retry, ` +
      `or download it where the Hub is reachable with \`${downloadCommand(ctx.repo, ctx.revision, filename)}\` ` +
      `and copy that cache (HF_HUB_CACHE) here.`,
  );
}

function unquoteEtag(value: string | null): string | undefined {
  if (value === null) return undefined;
  const v = value.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
  return v === "" ? undefined : v;
}

function parseSize(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

function encodePath(p: string): string {
  return p.split("/").map(encodeURIComponent).join("/");
}

/** Headers for a request to `url`: the token goes only to the endpoint's own origin, never to a CDN. */
function headersFor(ctx: Context, url: URL): Record<string, string> {
  const headers: Record<string, string> = { "user-agent": "toklens", "accept-encoding": "identity" };
  if (ctx.token && url.origin === new URL(ctx.endpoint).origin) headers.authorization = `Bearer ${ctx.token.token}`;
  return headers;
}

/** Maps a non-2xx Hub response to the error a user can act on; null means "this file is not in the repo". */
function hubError(ctx: Context, filename: string, res: Response): TokenizerLoadError | null {
  const code = res.headers.get("x-error-code") ?? "";
  const hubUrl = `${ctx.endpoint}/${ctx.repo}`;
  const status = `HTTP ${res.status}${code ? ` ${code}` : ""}`;
  const tokenHint = ctx.token
    ? `The token from ${ctx.token.source} was sent; make sure it has read access to this repo`
    : "If it is private or gated, set HF_TOKEN (or run `huggingface-cli login`) with a token that has access";
  if (code === "RepoNotFound") {
    return new TokenizerLoadError(
      `Hugging Face repo '${ctx.repo}' (from '${ctx.ref}') was not found on ${ctx.endpoint} (${status}): ` +
        `check the id on the Hub (${hubUrl}), or the revision. ${tokenHint}.`,
    );
  }
  if (code === "RevisionNotFound") {
    return new TokenizerLoadError(
      `Revision '${ctx.revision}' of Hugging Face repo '${ctx.repo}' was not found (${status}): check the branch, ` +
        `tag or commit on ${hubUrl}/tree/main, or leave '@${ctx.revision}' out for main.`,
    );
  }
  if (res.status === 401 || res.status === 403 || code === "GatedRepo") {
    return new TokenizerLoadError(
      `Hugging Face repo '${ctx.repo}' refused access to ${filename} (${status}): it is gated or private. ` +
        `Accept its terms on ${hubUrl} and ${ctx.token ? `check the token from ${ctx.token.source} (it needs read access)` : "set HF_TOKEN to a token with read access (https://huggingface.co/settings/tokens)"}.`,
    );
  }
  return null;
}

/**
 * Requests `url`, following redirects by hand: the metadata comes from the first Hub response that carries
 * X-Repo-Commit (for LFS files that is the redirect itself, before the CDN), and the token must not leak to
 * another host.
 */
async function requestFollowing(
  ctx: Context,
  start: URL,
  timer: ProgressTimer,
): Promise<{ res: Response; meta: Partial<FileMetadata> & { seen: boolean } }> {
  let url = start;
  const meta: Partial<FileMetadata> & { seen: boolean } = { seen: false };
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const res = await fetch(url, { headers: headersFor(ctx, url), redirect: "manual", signal: timer.controller.signal });
    timer.touch();
    const h = res.headers;
    if (!meta.seen && h.get("x-repo-commit")) {
      meta.seen = true;
      meta.commit = h.get("x-repo-commit")!.trim();
      meta.etag = unquoteEtag(h.get("x-linked-etag")) ?? unquoteEtag(h.get("etag"));
      meta.size = parseSize(h.get("x-linked-size")) ?? parseSize(h.get("content-length"));
    }
    const location = h.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel().catch(() => undefined);
      url = new URL(location, url);
      continue;
    }
    return { res, meta };
  }
  throw new Error(`more than ${MAX_REDIRECTS} redirects`);
}

/** Downloads one file into the cache (blob + snapshot link); "missing" when the Hub says the file does not exist. */
async function fetchFile(ctx: Context, revision: string, filename: string): Promise<FetchOutcome> {
  const url = new URL(`${ctx.endpoint}/${encodePath(ctx.repo)}/resolve/${encodeURIComponent(revision)}/${encodePath(filename)}`);
  const timer = new ProgressTimer(ctx.timeoutMs, ctx.deadlineMs);
  let tempPath: string | undefined;
  try {
    let got;
    try {
      got = await requestFollowing(ctx, url, timer);
    } catch (err) {
      throw unreachable(ctx, filename, describeNetworkError(err, timer));
    }
    const { res, meta } = got;
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      const error = hubError(ctx, filename, res);
      if (error) throw error;
      if (res.status === 404) {
        const headerCommit = res.headers.get("x-repo-commit")?.trim();
        return { kind: "missing", commit: headerCommit && COMMIT_RE.test(headerCommit) ? headerCommit : undefined };
      }
      throw new TokenizerLoadError(
        `Downloading ${filename} of hf:${ctx.repo}@${ctx.revision} from ${ctx.endpoint} failed with HTTP ${res.status}. ` +
          `Retry later, or check HF_ENDPOINT; the local cache at ${ctx.repoDir} was left unchanged.`,
      );
    }
    const commit = meta.commit ?? (COMMIT_RE.test(revision) ? revision : undefined);
    if (!commit || !COMMIT_RE.test(commit) || !meta.etag || /[/\\]|^\.\.?$/.test(meta.etag)) {
      await res.body?.cancel().catch(() => undefined);
      throw new TokenizerLoadError(
        `${ctx.endpoint} answered for ${filename} of hf:${ctx.repo} without usable X-Repo-Commit/ETag headers ` +
          `(commit '${meta.commit ?? ""}', etag '${meta.etag ?? ""}'), so it cannot be cached like huggingface_hub does. ` +
          `Check that HF_ENDPOINT points at the Hugging Face Hub or a faithful mirror.`,
      );
    }
    const blobsDir = path.join(ctx.repoDir, "blobs");
    const blobPath = path.join(blobsDir, meta.etag);
    const sizeHeader = parseSize(res.headers.get("content-length"));
    const expectedSize = meta.size ?? sizeHeader;

    const existing = await fs.stat(blobPath).catch(() => undefined);
    const reusable =
      existing?.isFile() === true &&
      (expectedSize !== undefined ? existing.size === expectedSize : (await contentProblem(blobPath, filename)) === null);
    if (reusable) {
      // Another revision already brought this exact blob: no need to read the body.
      await res.body?.cancel().catch(() => undefined);
    } else {
      await fs.mkdir(blobsDir, { recursive: true });
      tempPath = `${blobPath}.${process.pid}.${randomBytes(4).toString("hex")}.incomplete`;
      const { bytes, sha256 } = await writeBody(ctx, filename, res, tempPath, timer);
      const corrupt = (what: string): TokenizerLoadError =>
        new TokenizerLoadError(
          `The download of ${filename} of hf:${ctx.repo}@${ctx.revision} from ${ctx.endpoint} was corrupted: ${what}. ` +
            `Nothing was kept in the cache at ${ctx.repoDir}; retry, and if it persists check HF_ENDPOINT or any proxy in between.`,
        );
      if (expectedSize !== undefined && bytes !== expectedSize) {
        throw corrupt(`expected ${expectedSize} bytes, received ${bytes}`);
      }
      if (sizeHeader !== undefined && bytes !== sizeHeader) {
        throw corrupt(`Content-Length said ${sizeHeader} bytes, received ${bytes}`);
      }
      if (SHA256_RE.test(meta.etag) && sha256 !== meta.etag) {
        throw corrupt(`sha256 ${sha256} does not match the expected ${meta.etag}`);
      }
      // Without a size or checksum from the server, a short body is only caught by reading it.
      const problem = await contentProblem(tempPath, filename);
      if (problem !== null) throw corrupt(`${problem} (${bytes} bytes received)`);
      await fs.rename(tempPath, blobPath);
      tempPath = undefined;
    }
    const linkPath = path.join(ctx.repoDir, "snapshots", commit, filename);
    await linkIntoSnapshot(blobPath, linkPath);
    return { kind: "found", path: linkPath, commit };
  } finally {
    timer.stop();
    if (tempPath !== undefined) await fs.rm(tempPath, { force: true });
  }
}

/**
 * Why the downloaded `file` cannot be the tokenizer file `filename` (JSON that does not parse, an empty or
 * malformed .model or .tiktoken), or null. Never quotes the content.
 */
async function contentProblem(file: string, filename: string): Promise<string | null> {
  const bytes = await fs.readFile(file);
  if (bytes.length === 0) return "the body is empty";
  if (filename.endsWith(".json")) {
    try {
      JSON.parse(bytes.toString("utf8"));
    } catch (err) {
      return `the body is not valid JSON (${describeJsonSyntaxError(err)})`;
    }
  } else if (filename.endsWith(".model")) {
    try {
      parseSentencePieceModel(bytes);
    } catch (err) {
      return `the body is not a SentencePiece model (${err instanceof NotSentencePieceError ? err.message : "unreadable"})`;
    }
  } else if (filename.endsWith(".tiktoken")) {
    const lines = bytes.toString("utf8").split("\n").filter((l) => l.trim() !== "");
    const bad = lines.findIndex((l) => !/^[A-Za-z0-9+/=]+ \d+$/.test(l.trim()));
    if (bad !== -1) return `line ${bad + 1} of the body is not '<base64 token> <rank>'`;
    const problem = rankTableProblem(lines);
    if (problem !== null) return `the body is not a usable rank file (${problem})`;
  }
  return null;
}

/** Streams the body to `tempPath`, hashing it on the way. */
async function writeBody(
  ctx: Context,
  filename: string,
  res: Response,
  tempPath: string,
  timer: ProgressTimer,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  const handle = await fs.open(tempPath, "wx");
  try {
    if (res.body) {
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          timer.touch();
          hash.update(chunk);
          bytes += chunk.byteLength;
          await handle.write(chunk);
        }
      } catch (err) {
        throw unreachable(
          ctx,
          filename,
          timer.expired
            ? `${describeNetworkError(err, timer)}, ${bytes} bytes received`
            : `the connection broke after ${bytes} bytes: ${describeNetworkError(err, timer)}`,
        );
      }
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** Points `snapshots/<commit>/<file>` at the blob with a relative symlink (a copy where symlinks are not allowed). */
async function linkIntoSnapshot(blobPath: string, linkPath: string): Promise<void> {
  await fs.mkdir(path.dirname(linkPath), { recursive: true });
  const temp = `${linkPath}.${process.pid}.${randomBytes(4).toString("hex")}.incomplete`;
  try {
    try {
      await fs.symlink(path.relative(path.dirname(linkPath), blobPath), temp);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "EPERM" && code !== "EACCES" && code !== "ENOTSUP") throw err;
      await fs.copyFile(blobPath, temp, fsConstants.COPYFILE_EXCL);
    }
    await fs.rename(temp, linkPath); // atomic: replaces an older link in one step
  } finally {
    await fs.rm(temp, { force: true });
  }
}

async function writeAtomically(target: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.incomplete`;
  try {
    await fs.writeFile(temp, content, { flag: "wx" });
    await fs.rename(temp, target);
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/** The repo's file names at `revision` from the Hub API (to find a *.tiktoken), or null when it cannot be listed. */
async function listRepoFiles(ctx: Context, revision: string): Promise<{ files: string[]; commit: string | undefined } | null> {
  const url = new URL(`${ctx.endpoint}/api/models/${encodePath(ctx.repo)}/revision/${encodeURIComponent(revision)}`);
  const timer = new ProgressTimer(ctx.timeoutMs, ctx.deadlineMs);
  try {
    let got;
    try {
      got = await requestFollowing(ctx, url, timer);
    } catch (err) {
      throw unreachable(ctx, "the file list", describeNetworkError(err, timer));
    }
    const { res } = got;
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      const error = hubError(ctx, "the file list", res);
      if (error) throw error;
      return null;
    }
    let info: unknown;
    try {
      info = await res.json();
    } catch {
      return null;
    }
    if (typeof info !== "object" || info === null) return null;
    const siblings = (info as { siblings?: unknown }).siblings;
    const sha = (info as { sha?: unknown }).sha;
    if (!Array.isArray(siblings)) return null;
    const files = siblings
      .map((s) => (s as { rfilename?: unknown }).rfilename)
      .filter((f): f is string => typeof f === "string" && !f.includes("/"));
    return { files, commit: typeof sha === "string" && COMMIT_RE.test(sha) ? sha : undefined };
  } finally {
    timer.stop();
  }
}
