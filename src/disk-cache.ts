// One JSON disk cache for every cache of the toolkit: key -> path, read + parse + check (a bad entry is a miss), atomic write.
import { createHash } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { processIsRunning, tempFileWriter, tempPathBeside, writeFileAtomically } from "./atomic-file.js";
import { makeDirectories, makeDirectoriesSync } from "./output-dir.js";
import type { Warning } from "./types.js";
import { TOOLKIT_VERSION } from "./version.js";

/** The cache directory: $TOKLENS_CACHE_DIR, else $XDG_CACHE_HOME/toklens, else ~/.cache/toklens. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env["TOKLENS_CACHE_DIR"]) return env["TOKLENS_CACHE_DIR"];
  const xdg = env["XDG_CACHE_HOME"];
  return join(xdg && xdg !== "" ? xdg : join(homedir(), ".cache"), "toklens");
}

/**
 * The key of one entry: the sha256 of the toolkit version, the cache's schema version and `parts` (everything the
 * cached value depends on), so a new release or a changed entry shape never reads an old entry.
 */
export function diskCacheKey(schema: number, parts: Record<string, unknown>): string {
  return createHash("sha256")
    .update(JSON.stringify({ toolkit: TOOLKIT_VERSION, schema, ...parts }))
    .digest("hex");
}

/** The warning for an entry that was ignored and recomputed (what every cache's `onInvalid` reports). */
export function invalidEntryWarning(path: string, problem: string): Warning {
  return { code: "cache-entry-invalid", message: `Ignored the cache entry '${path}' (${problem}) and recomputed it.` };
}

/** A parsed entry's fields, not yet trusted. */
export type UncheckedEntry<P> = { readonly [K in keyof P]?: unknown };

/** Why an entry's fields (`key` already checked) cannot be trusted, or null when they are whole and consistent. */
export type EntryCheck<P> = (entry: UncheckedEntry<P>) => string | null;

export interface DiskCacheSpec<P> {
  /** Bump when the entries' shape or their computation changes: it is part of every key. */
  schema: number;
  /** Entries in subfolders named by the key's first two hex digits (for caches with many entries). @default false */
  shard?: boolean;
  /** Ignore a failed write (the cache only saves time) instead of throwing it. @default false */
  quietWrites?: boolean;
  check: EntryCheck<P>;
}

/** A count: a non-negative safe integer. */
export const isCount = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= 0;

/** A sha256 in hex (64 lowercase hex digits). */
export const isSha256 = (x: unknown): x is string => typeof x === "string" && /^[0-9a-f]{64}$/.test(x);

/** A plain object (not null, not an array). */
export const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/** Why the parsed `file` is not a trustworthy entry stored under `key`, or null. */
export function entryProblem<P extends object>(file: unknown, key: string, check: EntryCheck<P>): string | null {
  if (!file || typeof file !== "object") return "not an object";
  if ((file as { key?: unknown }).key !== key) return "its key does not match its file name";
  return check(file as UncheckedEntry<P>);
}

/** The entry in `text` without its key, or why it is unusable; a file that is not JSON (a torn write) is a problem too. */
export function parseEntry<P extends object>(text: string, key: string, check: EntryCheck<P>): P | { problem: string } {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return { problem: "not valid JSON" };
  }
  const problem = entryProblem(file, key, check);
  if (problem) return { problem };
  const { key: _key, ...entry } = file as P & { key: string };
  return entry as unknown as P;
}

/** An entry as written: its key first, then its fields. */
export function entryText<P extends object>(key: string, entry: P): string {
  return JSON.stringify({ key, ...entry });
}

/** A temporary entry older than this is a leftover even if a process with its writer's pid runs (pids are reused). */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/** An entry's file name: the key (64 hex digits) and `.json`. */
const ENTRY_NAME = /[0-9a-f]{64}\.json/;

/**
 * Removes the temporary entries in `dir` (and, sharded, in its two-hex-digit subfolders) that a killed writer left:
 * named like an entry's temporary file, with a writer no longer running or older than a day. Never throws.
 */
async function removeLeftoverTempEntries(dir: string, shard: boolean): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const folders = shard ? names.filter((n) => /^[0-9a-f]{2}$/.test(n)).map((n) => join(dir, n)) : [dir];
  for (const folder of folders) {
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      const pid = tempFileWriter(name, ENTRY_NAME);
      if (pid === null) continue;
      const path = join(folder, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      if (processIsRunning(pid) && Date.now() - info.mtimeMs < STALE_TEMP_MS) continue;
      await rm(path, { force: true }).catch(() => undefined);
    }
  }
}

/** Cache folders this process has already cleared of leftover temporary entries. */
const cleared = new Map<string, Promise<void>>();

/** A folder of JSON entries `{ key, ...fields }`, one per key; `dir` null is a cache that is off (always a miss). */
export class DiskCache<P extends object> {
  constructor(
    readonly dir: string | null,
    private readonly spec: DiskCacheSpec<P>,
  ) {}

  /** The key of the entry for `parts` (see `diskCacheKey`). */
  key(parts: Record<string, unknown>): string {
    return diskCacheKey(this.spec.schema, parts);
  }

  /** Where the entry of `key` is stored. */
  path(key: string): string {
    if (!this.dir) throw new Error("internal error: the disk cache is off");
    return this.spec.shard ? join(this.dir, key.slice(0, 2), `${key}.json`) : join(this.dir, `${key}.json`);
  }

  /**
   * The entry, or null on a miss. An entry that exists but is not JSON, is stored under another key or fails the
   * check is a miss too, reported through `onInvalid` (the caller recomputes, and the new entry replaces it).
   */
  async get(key: string, onInvalid?: (path: string, problem: string) => void): Promise<P | null> {
    // read synchronously: entries are small and callers await them one by one, and a warm report reads about 900 of
    // them, where fs/promises' open, stat, read and close round trips cost about 0.2 s CPU more
    return this.getSync(key, onInvalid);
  }

  /** `get` for a synchronous caller (a page writer): the same checks, the same misses. */
  getSync(key: string, onInvalid?: (path: string, problem: string) => void): P | null {
    if (!this.dir) return null;
    let text: string;
    try {
      text = readFileSync(this.path(key), "utf8");
    } catch {
      return null;
    }
    const entry = parseEntry(text, key, this.spec.check);
    if ("problem" in entry) {
      onInvalid?.(this.path(key), entry.problem);
      return null;
    }
    return entry;
  }

  /** `set` for a synchronous caller: a temp file beside the entry, then a rename; leftovers are cleared in the background. */
  setSync(key: string, entry: P): void {
    if (!this.dir) return;
    const target = this.path(key);
    const temp = tempPathBeside(target);
    try {
      makeDirectoriesSync(dirname(target));
      void this.clearLeftovers(this.dir);
      writeFileSync(temp, entryText(key, entry), { flag: "wx" });
      renameSync(temp, target);
    } catch (err) {
      rmSync(temp, { force: true });
      if (!this.spec.quietWrites) throw err;
    }
  }

  /** Once per process and folder, before the first write: temporary entries of killed runs are removed. */
  private clearLeftovers(dir: string): Promise<void> {
    let done = cleared.get(dir);
    if (!done) cleared.set(dir, (done = removeLeftoverTempEntries(dir, this.spec.shard ?? false)));
    return done;
  }

  /** Writes to a unique temp file in the same directory, then renames: readers never see half a file. */
  async set(key: string, entry: P): Promise<void> {
    if (!this.dir) return;
    try {
      const target = this.path(key);
      // one level at a time: Node's recursive mkdir never returns where mkdir(2) says ENOENT (e.g. under /proc)
      await makeDirectories(dirname(target));
      await this.clearLeftovers(this.dir);
      // no fsync: an entry torn by a crash fails its check on read and is computed again
      await writeFileAtomically(target, entryText(key, entry), { fsync: false });
    } catch (err) {
      if (!this.spec.quietWrites) throw err;
    }
  }
}

const opened = new Map<string, DiskCache<object>>();

/**
 * The cache in `<dir>/<folder>`, one instance per folder for the process (the small synchronous caches: file hashes,
 * tokenizer.json facts). Every caller of one folder passes the same spec.
 */
export function diskCacheIn<P extends object>(dir: string, folder: string, spec: DiskCacheSpec<P>): DiskCache<P> {
  const path = join(dir, folder);
  let store = opened.get(path) as DiskCache<P> | undefined;
  if (!store) {
    store = new DiskCache(path, spec);
    opened.set(path, store as unknown as DiskCache<object>);
  }
  return store;
}
