// Resolves `hf-dataset:<org>/<name>[@revision]` to Parquet files in the local Hugging Face cache, downloading them when missing.
import fs from "node:fs/promises";
import path from "node:path";
import { writeFileAtomically } from "../atomic-file.js";
import { CorpusError, TokenizerLoadError } from "../errors.js";
import { makeDirectories } from "../output-dir.js";
import { isCachedFile, removeStaleTempFiles } from "./hf-hub-cache.js";
import { type Context, fetchFile, listRepoFiles } from "./hf-hub-http.js";
import {
  COMMIT_RE,
  expandHome,
  hubCacheDir,
  hubOfflineFromEnv,
  hubToken,
  nonEmpty,
  parseHfRef,
  repoFolderName,
} from "./hf-hub-ids.js";
import type { HubOptions } from "./hf-hub.js";

/** Which part of a dataset to read. */
export interface DatasetSelection {
  /** The subset: the folder `<config>/` (the Hub's Parquet conversion, most datasets) or `data/<config>/`. */
  config?: string;
  /** The folder of the dataset to read, as `load_dataset(..., data_dir=)`. */
  dataDir?: string;
}

export interface HubDatasetFiles {
  repo: string;
  revision: string;
  commit: string;
  /** The snapshot folder, `snapshots/<commit>/`. */
  snapshot: string;
  /** Absolute paths of the Parquet files inside `snapshots/<commit>/`, sorted. */
  files: string[];
}

/**
 * The most files one `hf-dataset:` address downloads: a larger dataset (FineWeb-2 has thousands of shards) must be
 * narrowed with --config or --data-dir, or downloaded on purpose with huggingface-cli.
 */
export const MAX_DATASET_FILES = 64;
/** The default cap on one dataset file: 16 GiB (FineWeb-2 shards are about 2 GB). */
export const DEFAULT_MAX_DATASET_FILE_BYTES = 16 * 1024 ** 3;

const DEFAULT_ENDPOINT = "https://huggingface.co";

/** The repo-relative folders a selection may name, in the order they are tried. */
function selectedFolders(selection: DatasetSelection): string[] {
  const clean = (p: string): string => p.replace(/^\/+|\/+$/g, "");
  const base = selection.dataDir !== undefined ? clean(selection.dataDir) : "";
  if (selection.config === undefined) return [base];
  const config = clean(selection.config);
  const join = (...p: string[]): string => p.filter((x) => x !== "").join("/");
  return [join(base, config), join(base, "data", config)];
}

/** The files of `names` inside the selection (`folder/` prefix), Parquet only; the first folder that has some wins. */
function pick(names: readonly string[], selection: DatasetSelection): { folder: string; files: string[] } | null {
  for (const folder of selectedFolders(selection)) {
    const files = names.filter((n) => n.endsWith(".parquet") && (folder === "" || n.startsWith(`${folder}/`))).sort();
    if (files.length > 0) return { folder, files };
  }
  return null;
}

function checkSelection(selection: DatasetSelection): void {
  for (const [flag, v] of [
    ["--config", selection.config],
    ["--data-dir", selection.dataDir],
  ] as const) {
    if (v !== undefined && (v.trim() === "" || v.split("/").some((p) => p === ".." || p === ".") || v.includes("\\")))
      throw new CorpusError(
        `Invalid ${flag} '${v}': give a folder of the dataset such as deu_Latn or data/deu_Latn, without '..'.`,
      );
  }
}

/** The Parquet files below a cached snapshot folder (repo-relative names), following the snapshot's links. */
async function cachedNames(cacheDir: string, snapshot: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      const name = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(p, name);
      else if (e.name.endsWith(".parquet") && (await isCachedFile(cacheDir, p))) out.push(name);
    }
  };
  await walk(snapshot, "");
  return out;
}

/** The commit a cached revision points to, or undefined. */
async function cachedCommit(repoDir: string, revision: string): Promise<string | undefined> {
  if (COMMIT_RE.test(revision)) return revision;
  const commit = await fs.readFile(path.join(repoDir, "refs", revision), "utf8").then(
    (s) => s.trim(),
    () => undefined,
  );
  return commit !== undefined && COMMIT_RE.test(commit) ? commit : undefined;
}

/** A cache link leading outside the cache is refused as a corpus problem (exit 4), with the tokenizer message. */
async function asCorpusError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof TokenizerLoadError) throw new CorpusError(err.message, { cause: err });
    throw err;
  }
}

/**
 * Finds the Parquet files of `hf-dataset:<org>/<name>[@revision]` (narrowed by `selection`): first in the local
 * cache, otherwise downloaded from the Hub into it in huggingface_hub's layout (`datasets--<org>--<name>`), through the
 * same client as `hf:` tokenizers. Every failure is a CorpusError (a malformed id a ConfigError).
 */
export async function resolveHfDataset(
  ref: string,
  selection: DatasetSelection = {},
  options: HubOptions = {},
): Promise<HubDatasetFiles> {
  const { repo, revision } = parseHfRef(ref, "hf-dataset");
  checkSelection(selection);
  const cacheDir = options.cacheDir !== undefined ? path.resolve(expandHome(options.cacheDir)) : hubCacheDir();
  const repoDir = path.join(cacheDir, repoFolderName(repo, "dataset"));
  const what = describeSelection(selection);

  const commit = await cachedCommit(repoDir, revision);
  if (commit !== undefined) {
    const snapshot = path.join(repoDir, "snapshots", commit);
    const found = pick(await asCorpusError(() => cachedNames(cacheDir, snapshot)), selection);
    if (found)
      return { repo, revision, commit, snapshot, files: found.files.map((f) => path.join(snapshot, ...f.split("/"))) };
  }
  if (options.offline === true || hubOfflineFromEnv()) {
    throw new CorpusError(
      `hf-dataset:${repo}@${revision} has no Parquet files${what} in the local Hugging Face cache at ${repoDir}, ` +
        `and offline mode is on (${options.offline === true ? "offline: true" : "HF_HUB_OFFLINE is set"}). Download it where the Hub is reachable ` +
        `with \`huggingface-cli download --repo-type dataset ${repo}${selectionPattern(selection)}\`, or unset HF_HUB_OFFLINE.`,
    );
  }
  const ctx = await datasetContext(ref, repo, revision, repoDir, options);
  await removeStaleTempFiles(repoDir, ctx.deadlineMs);
  return download(ctx, selection);
}

async function datasetContext(
  ref: string,
  repo: string,
  revision: string,
  repoDir: string,
  options: HubOptions,
): Promise<Context & { deadlineMs: number }> {
  const endpoint = (nonEmpty(options.endpoint) ?? nonEmpty(process.env.HF_ENDPOINT) ?? DEFAULT_ENDPOINT).replace(
    /\/+$/,
    "",
  );
  let token: Context["token"];
  if (options.token !== undefined)
    token = options.token.trim() ? { token: options.token.trim(), source: "the token option" } : undefined;
  else token = await hubToken();
  return {
    ref,
    repoType: "dataset",
    fail: (message, o) => new CorpusError(message, o),
    repo,
    revision,
    endpoint,
    token,
    repoDir,
    timeoutMs: options.timeoutMs ?? 30_000,
    deadlineMs: options.deadlineMs ?? 3_600_000,
    maxBytes: options.maxDownloadBytes ?? DEFAULT_MAX_DATASET_FILE_BYTES,
  };
}

function describeSelection(selection: DatasetSelection): string {
  const parts = [
    ...(selection.config !== undefined ? [`config ${selection.config}`] : []),
    ...(selection.dataDir !== undefined ? [`data dir ${selection.dataDir}`] : []),
  ];
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

/** The `--include` of huggingface-cli for the selection: its folder where files were found, else the first tried. */
function selectionPattern(selection: DatasetSelection, found?: string): string {
  const folder = found ?? selectedFolders(selection)[0]!;
  return ` --include "${folder === "" ? "" : `${folder}/`}*.parquet"`;
}

async function download(ctx: Context, selection: DatasetSelection): Promise<HubDatasetFiles> {
  const listed = await listRepoFiles(ctx, ctx.revision);
  if (listed === null)
    throw new CorpusError(
      `The Hub at ${ctx.endpoint} gave no file list for hf-dataset:${ctx.repo}@${ctx.revision}. Check the id and the revision on ${ctx.endpoint}/datasets/${ctx.repo}.`,
    );
  const found = pick(listed.files, selection);
  if (!found) {
    const folders = [
      ...new Set(
        listed.files.filter((f) => f.endsWith(".parquet")).map((f) => f.split("/").slice(0, -1).join("/") || "."),
      ),
    ];
    throw new CorpusError(
      `hf-dataset:${ctx.repo}@${ctx.revision} has no Parquet files${describeSelection(selection)}. ` +
        (folders.length > 0
          ? `Its Parquet files are in ${folders.slice(0, 10).join(", ")}${folders.length > 10 ? ", ..." : ""}: pick one with --data-dir (or --config).`
          : `It has no Parquet files at all: try the revision refs/convert/parquet (hf-dataset:${ctx.repo}@refs/convert/parquet), where the Hub keeps a Parquet copy of most datasets.`),
    );
  }
  if (found.files.length > MAX_DATASET_FILES)
    throw new CorpusError(
      `hf-dataset:${ctx.repo}@${ctx.revision}${describeSelection(selection)} has ${found.files.length} Parquet files; toklens downloads at most ${MAX_DATASET_FILES} for one corpus. ` +
        `Narrow it with --config or --data-dir, or download them on purpose with \`huggingface-cli download --repo-type dataset ${ctx.repo}${selectionPattern(selection, found.folder)}\` and run again.`,
    );
  let commit = listed.commit;
  const files: string[] = [];
  for (const name of found.files) {
    const got = await fetchFile(ctx, commit ?? ctx.revision, name);
    if (got.kind === "missing")
      throw new CorpusError(
        `hf-dataset:${ctx.repo}@${ctx.revision} lists ${name}, but the Hub answered 404 for it. Retry; the dataset may have changed meanwhile.`,
      );
    commit ??= got.commit;
    files.push(got.path);
  }
  if (ctx.revision !== commit) {
    // written last, so a refs file never points at a snapshot missing files
    const refFile = path.join(ctx.repoDir, "refs", ctx.revision);
    await makeDirectories(path.dirname(refFile));
    await writeFileAtomically(refFile, commit!, { tempSuffix: ".incomplete" });
  }
  return {
    repo: ctx.repo,
    revision: ctx.revision,
    commit: commit!,
    snapshot: path.join(ctx.repoDir, "snapshots", commit!),
    files,
  };
}
