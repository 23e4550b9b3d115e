// HTTP to the Hugging Face Hub: requests with progress timeouts, redirects followed by hand, one file streamed into the cache.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { replaceAtomically } from "../atomic-file.js";
import { TokenizerLoadError, type ToklensError } from "../errors.js";
import { makeDirectories } from "../output-dir.js";
import { contentProblem, linkIntoSnapshot } from "./hf-hub-cache.js";
import { COMMIT_RE, downloadCommand } from "./hf-hub-ids.js";

/**
 * Redirects followed before giving up: the Hub itself redirects at most twice (a renamed repo, then the CDN for an
 * LFS file), but mirrors and proxies may add hops; more than this means a loop.
 */
const MAX_REDIRECTS = 10;
const SHA256_RE = /^[0-9a-f]{64}$/;

/** Everything one resolution needs, computed once. */
export interface Context {
  ref: string;
  /** A model repo (`hf:` tokenizers) or a dataset repo (`hf-dataset:` corpora): their URLs and cache folders differ. @default "model" */
  repoType?: "model" | "dataset";
  /** The error class of a failure: TokenizerLoadError for tokenizers, CorpusError for datasets. @default TokenizerLoadError */
  fail?: (message: string, options?: { cause?: unknown }) => ToklensError;
  repo: string;
  revision: string;
  endpoint: string;
  token: { token: string; source: string } | undefined;
  repoDir: string;
  timeoutMs: number;
  deadlineMs: number;
  /** The largest file downloaded; a longer body is cut off and refused. */
  maxBytes: number;
}

/** The error of a failure, of the class the caller asked for. */
function failure(ctx: Context, message: string, options?: { cause?: unknown }): ToklensError {
  return ctx.fail ? ctx.fail(message, options) : new TokenizerLoadError(message, options);
}

/** How messages name the repo: `hf:org/name` or `hf-dataset:org/name`. */
function label(ctx: Context): string {
  return `${ctx.repoType === "dataset" ? "hf-dataset" : "hf"}:${ctx.repo}`;
}

/** The repo's path on the Hub: `org/name` for a model, `datasets/org/name` for a dataset. */
function repoPath(ctx: Context): string {
  return `${ctx.repoType === "dataset" ? "datasets/" : ""}${encodePath(ctx.repo)}`;
}

/** Header values the Hub sends on `resolve/` responses. */
interface FileMetadata {
  commit: string;
  /** Blob name: the git blob sha1, or the sha256 of an LFS file. */
  etag: string;
  size: number | undefined;
}

/** The metadata headers of the first response that had them (`seen`), each possibly absent. */
type SeenMetadata = { [K in keyof FileMetadata]?: FileMetadata[K] | undefined } & { seen: boolean };

export type FetchOutcome =
  { kind: "found"; path: string; commit: string } | { kind: "missing"; commit: string | undefined };

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

function unreachable(ctx: Context, filename: string, reason: string): ToklensError {
  return failure(
    ctx,
    `Could not download ${filename} of ${label(ctx)}@${ctx.revision} from ${ctx.endpoint}: ${reason}. ` +
      `It is not in the local Hugging Face cache at ${ctx.repoDir}. Check the network and HF_ENDPOINT and retry, ` +
      `or download it where the Hub is reachable with \`${downloadCommand(ctx.repo, ctx.revision, filename, ctx.repoType)}\` ` +
      `and copy that cache (HF_HUB_CACHE) here.`,
  );
}

function unquoteEtag(value: string | null): string | undefined {
  if (value === null) return undefined;
  const v = value
    .trim()
    .replace(/^W\//, "")
    .replace(/^"(.*)"$/, "$1");
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
function hubError(ctx: Context, filename: string, res: Response): ToklensError | null {
  const code = res.headers.get("x-error-code") ?? "";
  const hubUrl = `${ctx.endpoint}/${ctx.repoType === "dataset" ? "datasets/" : ""}${ctx.repo}`;
  const status = `HTTP ${res.status}${code ? ` ${code}` : ""}`;
  const tokenHint = ctx.token
    ? `The token from ${ctx.token.source} was sent; make sure it has read access to this repo`
    : "If it is private or gated, set HF_TOKEN (or run `huggingface-cli login`) with a token that has access";
  if (code === "RepoNotFound") {
    return failure(
      ctx,
      `Hugging Face repo '${ctx.repo}' (from '${ctx.ref}') was not found on ${ctx.endpoint} (${status}): ` +
        `check the id on the Hub (${hubUrl}), or the revision. ${tokenHint}.`,
    );
  }
  if (code === "RevisionNotFound") {
    return failure(
      ctx,
      `Revision '${ctx.revision}' of Hugging Face repo '${ctx.repo}' was not found (${status}): check the branch, ` +
        `tag or commit on ${hubUrl}/tree/main, or leave '@${ctx.revision}' out for main.`,
    );
  }
  if (res.status === 401 || res.status === 403 || code === "GatedRepo") {
    return failure(
      ctx,
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
): Promise<{ res: Response; meta: SeenMetadata }> {
  let url = start;
  const meta: SeenMetadata = { seen: false };
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const res = await fetch(url, {
      headers: headersFor(ctx, url),
      redirect: "manual",
      signal: timer.controller.signal,
    });
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

/** `requestFollowing`, with a network failure turned into the error that says how to get `what` another way. */
async function requestOrExplain(
  ctx: Context,
  url: URL,
  timer: ProgressTimer,
  what: string,
): ReturnType<typeof requestFollowing> {
  try {
    return await requestFollowing(ctx, url, timer);
  } catch (err) {
    throw unreachable(ctx, what, describeNetworkError(err, timer));
  }
}

/** A non-2xx answer: "missing" for a 404 (the file is not in the repo), else the error a user can act on. */
async function notFetched(ctx: Context, filename: string, res: Response): Promise<FetchOutcome> {
  await res.body?.cancel().catch(() => undefined);
  const error = hubError(ctx, filename, res);
  if (error) throw error;
  if (res.status === 404) {
    const headerCommit = res.headers.get("x-repo-commit")?.trim();
    return { kind: "missing", commit: headerCommit && COMMIT_RE.test(headerCommit) ? headerCommit : undefined };
  }
  throw failure(
    ctx,
    `Downloading ${filename} of ${label(ctx)}@${ctx.revision} from ${ctx.endpoint} failed with HTTP ${res.status}. ` +
      `Retry later, or check HF_ENDPOINT; the local cache at ${ctx.repoDir} was left unchanged.`,
  );
}

/** Downloads one file into the cache (blob + snapshot link); "missing" when the Hub says the file does not exist. */
export async function fetchFile(ctx: Context, revision: string, filename: string): Promise<FetchOutcome> {
  const url = new URL(
    `${ctx.endpoint}/${repoPath(ctx)}/resolve/${encodeURIComponent(revision)}/${encodePath(filename)}`,
  );
  const timer = new ProgressTimer(ctx.timeoutMs, ctx.deadlineMs);
  try {
    const { res, meta } = await requestOrExplain(ctx, url, timer, filename);
    if (!res.ok) return await notFetched(ctx, filename, res);
    const commit = meta.commit ?? (COMMIT_RE.test(revision) ? revision : undefined);
    if (!commit || !COMMIT_RE.test(commit) || !meta.etag || /[/\\]|^\.\.?$/.test(meta.etag)) {
      await res.body?.cancel().catch(() => undefined);
      throw failure(
        ctx,
        `${ctx.endpoint} answered for ${filename} of ${label(ctx)} without usable X-Repo-Commit/ETag headers ` +
          `(commit '${meta.commit ?? ""}', etag '${meta.etag ?? ""}'), so it cannot be cached like huggingface_hub does. ` +
          `Check that HF_ENDPOINT points at the Hugging Face Hub or a faithful mirror.`,
      );
    }
    const etag = meta.etag;
    const blobsDir = path.join(ctx.repoDir, "blobs");
    const blobPath = path.join(blobsDir, etag);
    const sizeHeader = parseSize(res.headers.get("content-length"));
    const expectedSize = meta.size ?? sizeHeader;

    const existing = await fs.stat(blobPath).catch(() => undefined);
    const reusable =
      existing?.isFile() === true &&
      (expectedSize !== undefined
        ? existing.size === expectedSize
        : (await contentProblem(blobPath, filename)) === null);
    if (reusable) {
      // Another revision already brought this exact blob: no need to read the body.
      await res.body?.cancel().catch(() => undefined);
    } else {
      await makeDirectories(blobsDir);
      // `.incomplete` with the writer's pid: removeStaleTempFiles knows a leftover of an interrupted download by it
      await replaceAtomically(
        blobPath,
        async (tempPath) => {
          const { bytes, sha256 } = await writeBody(ctx, filename, res, tempPath, timer, expectedSize);
          const corrupt = (what: string): ToklensError =>
            failure(
              ctx,
              `The download of ${filename} of ${label(ctx)}@${ctx.revision} from ${ctx.endpoint} was corrupted: ${what}. ` +
                `Nothing was kept in the cache at ${ctx.repoDir}; retry, and if it persists check HF_ENDPOINT or any proxy in between.`,
            );
          if (expectedSize !== undefined && bytes !== expectedSize) {
            throw corrupt(`expected ${expectedSize} bytes, received ${bytes}`);
          }
          if (sizeHeader !== undefined && bytes !== sizeHeader) {
            throw corrupt(`Content-Length said ${sizeHeader} bytes, received ${bytes}`);
          }
          if (SHA256_RE.test(etag) && sha256 !== etag) {
            throw corrupt(`sha256 ${sha256} does not match the expected ${etag}`);
          }
          // Without a size or checksum from the server, a short body is only caught by reading it.
          const problem = await contentProblem(tempPath, filename);
          if (problem !== null) throw corrupt(`${problem} (${bytes} bytes received)`);
        },
        { tempSuffix: ".incomplete" },
      );
    }
    const linkPath = path.join(ctx.repoDir, "snapshots", commit, filename);
    await linkIntoSnapshot(blobPath, linkPath);
    return { kind: "found", path: linkPath, commit };
  } finally {
    timer.stop();
  }
}

/**
 * Streams the body to `tempPath`, hashing it on the way. It stops at the size the server announced (`expectedSize`)
 * or at `ctx.maxBytes`, whichever is smaller: an endless body must not fill the disk. A failed write is reported as
 * a disk problem, not as a broken connection.
 */
async function writeBody(
  ctx: Context,
  filename: string,
  res: Response,
  tempPath: string,
  timer: ProgressTimer,
  expectedSize: number | undefined,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  const limit = Math.min(expectedSize ?? Infinity, ctx.maxBytes);
  let bytes = 0;
  let tooLong = false;
  let diskError: unknown;
  const handle = await fs.open(tempPath, "wx").catch((err: unknown) => {
    throw diskProblem(ctx, filename, err, 0);
  });
  try {
    if (res.body) {
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          timer.touch();
          if (bytes + chunk.byteLength > limit) {
            tooLong = true;
            break; // leaving the loop cancels the body
          }
          hash.update(chunk);
          try {
            await handle.write(chunk);
          } catch (err) {
            diskError = err;
            break;
          }
          bytes += chunk.byteLength;
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
    if (diskError !== undefined) throw diskProblem(ctx, filename, diskError, bytes);
    if (tooLong) throw tooLongBody(ctx, filename, expectedSize, bytes);
    await handle.sync().catch((err: unknown) => {
      throw diskProblem(ctx, filename, err, bytes);
    });
  } finally {
    await handle.close();
  }
  return { bytes, sha256: hash.digest("hex") };
}

function tooLongBody(ctx: Context, filename: string, expectedSize: number | undefined, bytes: number): ToklensError {
  const what =
    expectedSize !== undefined && expectedSize <= ctx.maxBytes
      ? `the server sent more than the ${expectedSize} bytes it announced`
      : `the body is larger than ${ctx.maxBytes} bytes (maxDownloadBytes), ${ctx.repoType === "dataset" ? "" : ", far more than any tokenizer file"}`;
  return failure(
    ctx,
    `The download of ${filename} of ${label(ctx)}@${ctx.revision} from ${ctx.endpoint} was stopped: ${what} ` +
      `(${bytes} bytes kept). Nothing was kept in the cache at ${ctx.repoDir}; check HF_ENDPOINT or any proxy in between.`,
  );
}

/** A write into the cache that failed: a full disk, a quota, a read-only or failing disk. */
function diskProblem(ctx: Context, filename: string, err: unknown, bytes: number): ToklensError {
  const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  const full = code === "ENOSPC" || code === "EDQUOT" || code === "EFBIG";
  return failure(
    ctx,
    `Could not save ${filename} of ${label(ctx)}@${ctx.revision} into the Hugging Face cache at ${ctx.repoDir}: ` +
      `${full ? "the disk is full (or over its quota)" : "writing to the disk failed"} (${code}) after ${bytes} bytes. ` +
      `${full ? "Free some space" : "Check the disk and its permissions"}, or set HF_HUB_CACHE to a folder on another disk, and retry.`,
    { cause: err },
  );
}

/** The repo's file names at `revision` from the Hub API (to find a *.tiktoken), or null when it cannot be listed. */
export async function listRepoFiles(
  ctx: Context,
  revision: string,
): Promise<{ files: string[]; commit: string | undefined } | null> {
  const url = new URL(
    `${ctx.endpoint}/api/${ctx.repoType === "dataset" ? "datasets" : "models"}/${encodePath(ctx.repo)}/revision/${encodeURIComponent(revision)}`,
  );
  const timer = new ProgressTimer(ctx.timeoutMs, ctx.deadlineMs);
  try {
    const { res } = await requestOrExplain(ctx, url, timer, "the file list");
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
      // a tokenizer lies at the top of a model repo; a dataset's files are in folders
      .filter((f): f is string => typeof f === "string" && (ctx.repoType === "dataset" || !f.includes("/")));
    return { files, commit: typeof sha === "string" && COMMIT_RE.test(sha) ? sha : undefined };
  } finally {
    timer.stop();
  }
}
