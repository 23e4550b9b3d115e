// Resolves `hf:<org>/<name>[@revision]` to tokenizer files in the local Hugging Face cache, downloading them from the Hub when missing.
import path from "node:path";
import { writeFileAtomically } from "../atomic-file.js";
import { TokenizerLoadError } from "../errors.js";
import { makeDirectories } from "../output-dir.js";
import { type HubTokenizerFiles, readCachedSnapshot, removeStaleTempFiles } from "./hf-hub-cache.js";
import { type Context, type FetchOutcome, fetchFile, listRepoFiles } from "./hf-hub-http.js";
import {
  COMMIT_RE,
  downloadCommand,
  expandHome,
  hubCacheDir,
  hubOfflineFromEnv,
  hubToken,
  LOOKED_FOR,
  nonEmpty,
  parseHfRef,
  repoFolderName,
  SENTENCEPIECE_MODEL,
  TOKENIZER_CONFIG,
  TOKENIZER_JSON,
} from "./hf-hub-ids.js";

export type { HubTokenizerFiles } from "./hf-hub-cache.js";

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
  /**
   * The largest file downloaded, in bytes: a longer body (a server sending without end) is cut off and refused,
   * as is one longer than the size the server announced.
   * @default DEFAULT_MAX_DOWNLOAD_BYTES (512 MiB)
   */
  maxDownloadBytes?: number;
}

const DEFAULT_ENDPOINT = "https://huggingface.co";
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_DEADLINE_MS = 600_000;
/**
 * The default cap on one download: 512 MiB, some fifteen times the largest tokenizer files on the Hub (Gemma 3's
 * tokenizer.json is about 33 MB; SentencePiece models and .tiktoken files are a few MB).
 */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024;

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

  const endpoint = (nonEmpty(options.endpoint) ?? nonEmpty(process.env.HF_ENDPOINT) ?? DEFAULT_ENDPOINT).replace(
    /\/+$/,
    "",
  );
  let token: Context["token"];
  if (options.token !== undefined)
    token = options.token.trim() ? { token: options.token.trim(), source: "the token option" } : undefined;
  else token = await hubToken();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const maxBytes = options.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  const ctx: Context = { ref, repo, revision, endpoint, token, repoDir, timeoutMs, deadlineMs, maxBytes };
  await removeStaleTempFiles(repoDir, deadlineMs);
  return download(ctx);
}

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
    const refFile = path.join(ctx.repoDir, "refs", ctx.revision);
    await makeDirectories(path.dirname(refFile));
    await writeFileAtomically(refFile, finalCommit, { tempSuffix: ".incomplete" });
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
