// The sha256 of a file, remembered on disk by the file's stat so a repeated run does not hash 80 MB of tokenizers again.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { diskCacheIn, invalidEntryWarning, isSha256, type EntryCheck } from "./disk-cache.js";
import type { Warning } from "./types.js";

/** Where and whether a file's hash is remembered. */
export interface FileHashCache {
  /** The toolkit's cache directory (entries go under `<dir>/file-sha256`), or null to hash every time. */
  dir: string | null;
  /** Receives the warning for an entry that was ignored and recomputed. */
  onWarning?: (warning: Warning) => void;
  /**
   * How long after its last change (the later of mtime and ctime) a file's hash may be remembered. A file changed
   * more recently could be rewritten again within the same timestamp tick (coarse clocks, 1-2 s on HFS+ and FAT)
   * with the same size and get the same stat, so its hash is returned but not stored (git's "racily clean" rule).
   * 0 turns the rule off (every hash is remembered). @default SETTLE_MS
   */
  settleMs?: number;
}

/** The default of `FileHashCache.settleMs`: longer than the coarsest file-system timestamp tick. */
export const SETTLE_MS = 3000;

/** Bump when an entry's shape or its computation changes (1: the first). */
const FILE_HASH_CACHE_VERSION = 1;

interface FileHashEntry {
  sha256: string;
}

const checkEntry: EntryCheck<FileHashEntry> = (e) => (isSha256(e.sha256) ? null : "sha256 is not 64 hex digits");

const storeIn = (dir: string) =>
  diskCacheIn<FileHashEntry>(dir, "file-sha256", {
    schema: FILE_HASH_CACHE_VERSION,
    quietWrites: true,
    check: checkEntry,
  });

/**
 * What identifies one version of a file without reading it: device, inode, size, and modification and change times
 * in nanoseconds. Any write changes mtime and ctime (ctime even when a tool resets mtime), so a changed file gets a
 * new key and is hashed again.
 */
async function statKey(path: string): Promise<Record<string, string>> {
  const s = await stat(path, { bigint: true });
  const fields = { dev: s.dev, ino: s.ino, size: s.size, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs };
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.toString()]));
}

/**
 * Whether the file of this stat key last changed at least `settleMs` before `nowMs`. A `settleMs` of 0 (or less) turns
 * the rule off: the hash is remembered at once, even when the file's timestamps, in nanoseconds, fall within the
 * current millisecond of `nowMs` (a file written and hashed within a millisecond was refused, about once a run).
 */
function settled(key: Record<string, string>, settleMs: number, nowMs: number): boolean {
  if (settleMs <= 0) return true;
  const changedNs = [BigInt(key["mtimeNs"]!), BigInt(key["ctimeNs"]!)].reduce((a, b) => (a > b ? a : b));
  return BigInt(Math.floor(nowMs)) * 1_000_000n - changedNs >= BigInt(Math.ceil(settleMs)) * 1_000_000n;
}

/**
 * The sha256 (hex) of the file at `path`. With a cache directory, a file whose stat matches an entry is not read;
 * otherwise it is hashed and, if its stat did not change while it was read and its last change is at least `settleMs`
 * old, the hash is stored (atomically). A bad entry is recomputed with a `cache-entry-invalid` warning. Read errors
 * are thrown as they come. `onRead` receives the file's bytes when they were read (a caller that needs them anyway
 * then reads the file once).
 */
export async function fileSha256(
  path: string,
  cache: FileHashCache = { dir: null },
  onRead?: (bytes: Buffer) => void,
): Promise<string> {
  const hash = async () => {
    const bytes = await readFile(path);
    onRead?.(bytes);
    return createHash("sha256").update(bytes).digest("hex");
  };
  if (!cache.dir) return hash();
  const store = storeIn(cache.dir);
  const before = await statKey(path);
  const key = store.key(before);
  const hit = await store.get(key, (p, problem) => cache.onWarning?.(invalidEntryWarning(p, problem)));
  if (hit) return hit.sha256;
  const sha256 = await hash();
  const after = await statKey(path);
  // a file written while it was read: its hash may be of neither version, so it is returned but not remembered;
  // nor is the hash of a file changed so recently that a same-size rewrite could keep its stat (see settleMs)
  const unchanged = JSON.stringify(after) === JSON.stringify(before);
  if (unchanged && settled(after, cache.settleMs ?? SETTLE_MS, Date.now())) await store.set(key, { sha256 });
  return sha256;
}
