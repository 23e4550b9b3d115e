// The huggingface_hub cache layout: `models--<org>--<name>/{refs,blobs,snapshots}`, read and written the way the Python tools do.
import { constants as fsConstants } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { processIsRunning, replaceAtomically } from "../atomic-file.js";
import { TokenizerLoadError } from "../errors.js";
import { makeDirectories } from "../output-dir.js";
import { COMMIT_RE, SENTENCEPIECE_MODEL, TOKENIZER_CONFIG, TOKENIZER_JSON } from "./hf-hub-ids.js";
import { NotSentencePieceError, parseSentencePieceModel } from "./sentencepiece-model.js";
import { rankTableProblem } from "./tiktoken.js";
import { describeJsonSyntaxError } from "./validate-tokenizer-json.js";

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
export async function isCachedFile(cacheDir: string, p: string): Promise<boolean> {
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
export async function removeStaleTempFiles(repoDir: string, deadlineMs: number): Promise<void> {
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

/** The tokenizer files present in the cached snapshot of `revision`, or null when it holds no tokenizer. */
export async function readCachedSnapshot(
  cacheDir: string,
  repoDir: string,
  repo: string,
  revision: string,
): Promise<HubTokenizerFiles | null> {
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
  let names: string[];
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

/**
 * Why the downloaded `file` cannot be the tokenizer file `filename` (JSON that does not parse, an empty or
 * malformed .model or .tiktoken), or null. Never quotes the content.
 */
export async function contentProblem(file: string, filename: string): Promise<string | null> {
  if (filename.endsWith(".parquet")) return parquetProblem(file);
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
    const lines = bytes
      .toString("utf8")
      .split("\n")
      .filter((l) => l.trim() !== "");
    const bad = lines.findIndex((l) => !/^[A-Za-z0-9+/=]+ \d+$/.test(l.trim()));
    if (bad !== -1) return `line ${bad + 1} of the body is not '<base64 token> <rank>'`;
    const problem = rankTableProblem(lines);
    if (problem !== null) return `the body is not a usable rank file (${problem})`;
  }
  return null;
}

/**
 * Why `file` cannot be a whole Parquet file: it must start and end with the magic bytes PAR1, with a footer length that
 * fits. Only its first and last 8 bytes are read: a dataset shard can be gigabytes.
 */
async function parquetProblem(file: string): Promise<string | null> {
  const handle = await fs.open(file, "r");
  try {
    const { size } = await handle.stat();
    if (size < 12) return `the body has only ${size} bytes`;
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(8);
    await handle.read(head, 0, 4, 0);
    await handle.read(tail, 0, 8, size - 8);
    if (head.toString("latin1") !== "PAR1" || tail.toString("latin1", 4) !== "PAR1")
      return "the body does not start and end with the Parquet magic bytes PAR1";
    if (tail.readUInt32LE(0) > size - 12) return "the Parquet footer length is larger than the file";
    return null;
  } finally {
    await handle.close();
  }
}

/** Points `snapshots/<commit>/<file>` at the blob with a relative symlink (a copy where symlinks are not allowed). */
export async function linkIntoSnapshot(blobPath: string, linkPath: string): Promise<void> {
  await makeDirectories(path.dirname(linkPath));
  // atomic: replaces an older link in one step
  await replaceAtomically(
    linkPath,
    async (temp) => {
      try {
        await fs.symlink(path.relative(path.dirname(linkPath), blobPath), temp);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== "EPERM" && code !== "EACCES" && code !== "ENOTSUP") throw err;
        await fs.copyFile(blobPath, temp, fsConstants.COPYFILE_EXCL);
      }
    },
    { tempSuffix: ".incomplete" },
  );
}
