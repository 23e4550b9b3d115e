// Which folders a report may replace (only its own, marked by a manifest, or empty ones), and the temporary folders it writes through.
import { lstatSync, renameSync, rmSync } from "node:fs";
import { lstat, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { processIsRunning, writeFileAtomically } from "../atomic-file.js";
import { OutputError } from "../errors.js";
import { TOOLKIT_VERSION } from "../version.js";

/** The file that marks a folder as a toklens report; toklens replaces a non-empty folder only while it holds this. */
export const REPORT_MANIFEST = ".toklens-report.json";

/** Contents of `REPORT_MANIFEST`. */
export interface ReportManifest {
  $comment: string;
  tool: "toklens";
  /** Version of toklens that wrote the report. */
  version: string;
  /** The files toklens wrote into the folder (names relative to it, the manifest excluded). */
  files: string[];
}

/** The manifest of a report holding `files`. */
export function reportManifest(files: readonly string[]): string {
  const manifest: ReportManifest = {
    $comment:
      "written by toklens: it replaces this folder on the next run with the same --out only while this file is here and the folder holds nothing but the files listed",
    tool: "toklens",
    version: TOOLKIT_VERSION,
    files: [...files].sort(),
  };
  return JSON.stringify(manifest, null, 2) + "\n";
}

/** Reads a folder's manifest; null when it is missing or not a toklens manifest. */
async function readManifest(dir: string): Promise<ReportManifest | null> {
  try {
    const m = JSON.parse(await readFile(join(dir, REPORT_MANIFEST), "utf8")) as Partial<ReportManifest>;
    if (m?.tool !== "toklens" || !Array.isArray(m.files) || !m.files.every((f) => typeof f === "string")) return null;
    return m as ReportManifest;
  } catch {
    return null;
  }
}

/** Whether `dir` is empty or holds a toklens manifest and only the files it lists (a report toklens may remove). */
async function holdsOnlyOurReport(dir: string): Promise<boolean> {
  const entries = await readdir(dir);
  if (entries.length === 0) return true;
  const manifest = await readManifest(dir);
  if (!manifest) return false;
  const ours = new Set([REPORT_MANIFEST, ...manifest.files]);
  return entries.every((e) => ours.has(e));
}

const list = (names: readonly string[]): string =>
  names.slice(0, 5).join(", ") + (names.length > 5 ? ` and ${names.length - 5} more` : "");

/**
 * Checks that a report may be written to `target`: it does not exist, is an empty folder, or is a folder holding
 * a toklens report (its manifest) and nothing else. Anything else is refused with an OutputError, so a user's
 * files are never deleted. Returns whether `target` exists.
 */
export async function checkReportTarget(target: string): Promise<boolean> {
  const found = await lstat(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw new OutputError(`Cannot check report folder ${target} (${err.code ?? err.message}). Choose another --out.`, {
      cause: err,
    });
  });
  if (!found) return false;
  if (found.isSymbolicLink()) {
    throw new OutputError(
      `Report folder ${target} is a symbolic link; toklens replaces only real folders it wrote. Give the folder the link points to, or choose another --out.`,
    );
  }
  if (!found.isDirectory()) {
    throw new OutputError(
      `Report target ${target} exists and is not a directory. Choose another --out or remove the file.`,
    );
  }
  await refuseMountPoint(target);
  const entries = await readdir(target);
  if (entries.length === 0) return true;
  const manifest = await readManifest(target);
  if (!manifest) {
    throw new OutputError(
      `Refusing to write the report into ${target}: the folder is not empty (${list(entries.sort())}) and holds no toklens report (no ${REPORT_MANIFEST}), and writing would replace its contents. Choose another --out, or empty the folder first.`,
    );
  }
  const ours = new Set([REPORT_MANIFEST, ...manifest.files]);
  const foreign = entries.filter((e) => !ours.has(e)).sort();
  if (foreign.length > 0) {
    throw new OutputError(
      `Refusing to replace the report in ${target}: the folder also holds ${foreign.length} entr${foreign.length === 1 ? "y" : "ies"} toklens did not write (${list(foreign)}), which replacing it would delete. Move them elsewhere, or choose another --out.`,
    );
  }
  return true;
}

/** Every file under `dir`, as paths relative to it joined by "/" (folders themselves are not listed; a link is a file). */
async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === "" ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) out.push(...(await filesUnder(dir, rel)));
    else out.push(rel);
  }
  return out;
}

/**
 * Checks that toklens may write files into folder `target` (`adapt --out`), by the report's rule: it does not exist,
 * is empty, or holds an earlier toklens output whose manifest (`REPORT_MANIFEST`) lists every file in it. Anything
 * else is refused with an OutputError, so a file toklens did not write is never overwritten. Returns the files the
 * manifest lists that are still there (to carry over into the new manifest).
 */
export async function checkOutputFolder(target: string): Promise<string[]> {
  const found = await lstat(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw new OutputError(`Cannot check output folder ${target} (${err.code ?? err.message}). Choose another --out.`, {
      cause: err,
    });
  });
  if (!found) return [];
  if (found.isSymbolicLink() || !found.isDirectory()) {
    throw new OutputError(
      `Output folder ${target} is ${found.isSymbolicLink() ? "a symbolic link" : "not a directory"}; toklens writes only into real folders that are empty or hold its own earlier output. Choose another --out.`,
    );
  }
  const files = (await filesUnder(target)).filter((f) => f !== REPORT_MANIFEST).sort();
  if (files.length === 0) return [];
  const manifest = await readManifest(target);
  if (!manifest) {
    throw new OutputError(
      `Refusing to write into ${target}: the folder is not empty (${list(files)}) and holds no earlier toklens output (no ${REPORT_MANIFEST}), and writing could overwrite those files. Choose another --out, or empty the folder first.`,
    );
  }
  const ours = new Set(manifest.files);
  const foreign = files.filter((f) => !ours.has(f));
  if (foreign.length > 0) {
    throw new OutputError(
      `Refusing to write into ${target}: the folder also holds ${foreign.length} file${foreign.length === 1 ? "" : "s"} toklens did not write (${list(foreign)}). Move them elsewhere, or choose another --out.`,
    );
  }
  return files;
}

/** The manifest of an output folder (`adapt --out`) holding `files` (paths relative to it). */
export function outputManifest(files: readonly string[]): string {
  const manifest: ReportManifest = {
    $comment:
      "written by toklens: a later run with the same --out overwrites files in this folder only while this file is here and lists every file in it",
    tool: "toklens",
    version: TOOLKIT_VERSION,
    files: [...new Set(files)].sort(),
  };
  return JSON.stringify(manifest, null, 2) + "\n";
}

/** The refusal for a `--out` folder that cannot be renamed because a file system is mounted on it (or it is in use). */
export function mountPointError(target: string, cause?: unknown): OutputError {
  return new OutputError(
    `Report folder ${target} is a mount point (or otherwise in use), and toklens cannot replace it: a report is written beside its folder and renamed into place, and a mount point cannot be renamed. Give a folder inside it, e.g. --out ${join(target, "report")}.`,
    cause === undefined ? undefined : { cause },
  );
}

/** Refuses `target` when another file system is mounted on it (its device differs from its parent's). */
async function refuseMountPoint(target: string): Promise<void> {
  const parent = dirname(target);
  const [own, above] = await Promise.all([stat(target), stat(parent)]);
  if (parent === target || own.dev !== above.dev) throw mountPointError(target);
}

/** How a `tokenize --html` page names its generator (its `<meta name="generator">`): a later run may replace it. */
export const TOKEN_PAGE_GENERATOR = "toklens tokenize --html";

/** Whether `file` starts like a page `tokenize --html` wrote (its generator line within the first 4 KB). */
async function isTokenPage(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const text = head.subarray(0, bytesRead).toString("utf8");
    const generator = /<meta name="generator" content="generated by toklens ([^"<>]*)">/.exec(text)?.[1];
    return generator?.endsWith(`(${TOKEN_PAGE_GENERATOR})`) ?? false;
  } finally {
    await handle.close();
  }
}

/**
 * Checks that `tokenize --html` may write `file`: it does not exist, is a page an earlier `tokenize --html` wrote, or
 * `force` is set. Anything else (a user's file, a report's index.html, a link) is refused with an OutputError.
 */
export async function checkPageTarget(file: string, force: boolean): Promise<void> {
  if (force) return;
  const found = await lstat(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw new OutputError(`Cannot check --html '${file}' (${err.code ?? err.message}). Choose another file.`, {
      cause: err,
    });
  });
  if (!found) return;
  if (found.isFile() && (await isTokenPage(file).catch(() => false))) return;
  throw new OutputError(
    `Refusing to overwrite --html '${file}': it exists and is not a page \`toklens tokenize --html\` wrote. Pass --force to replace it, or choose another file.`,
  );
}

/** Writes a `tokenize --html` page atomically: a full disk leaves the previous file or none, never an empty page. */
export async function writePageFile(file: string, html: string): Promise<void> {
  await writeFileAtomically(file, html);
}

/** Name of the temporary folder a report for `target` is written into, beside it. */
export function tempFolderName(target: string, pid: number, suffix: string): string {
  return `.${basename(target)}.tmp-${pid}-${suffix}`;
}

/** Name of the folder the previous report at `target` is moved to during a swap, beside it. */
export function asideFolderName(target: string, pid: number, suffix: string): string {
  return `.${basename(target)}.old-${pid}-${suffix}`;
}

/**
 * Finishes or undoes report swaps for `target` that a killed run (kill -9, a crash) left in `parent`: a folder named
 * like `asideFolderName(target, ...)` (or the older `.<out>.old-<hex>`) whose process is gone and that is empty or
 * holds only a toklens report. With `target` missing the swap stopped between its two renames: the previous report is
 * moved back (the new one, in the run's temporary folder, is then removed as any stale one). With `target` present
 * the swap had finished: the previous report is removed. Never throws: a leftover it cannot handle is left alone.
 */
export async function recoverInterruptedSwaps(parent: string, target: string): Promise<void> {
  const prefix = `.${basename(target)}.old-`;
  const pattern = /^(?:(\d+)-)?[0-9a-f]{8}$/;
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names.sort()) {
    if (!name.startsWith(prefix)) continue;
    const m = pattern.exec(name.slice(prefix.length));
    if (!m || (m[1] !== undefined && processIsRunning(Number(m[1])))) continue;
    const aside = join(parent, name);
    try {
      if (!(await lstat(aside)).isDirectory() || !(await holdsOnlyOurReport(aside))) continue;
      const targetExists = await lstat(target).then(
        () => true,
        () => false,
      );
      if (targetExists) await rm(aside, { recursive: true, force: true });
      else await rename(aside, target);
    } catch {
      // gone meanwhile, or not ours to move
    }
  }
}

/**
 * Removes temporary report folders for `target` left in `parent` by interrupted runs: folders named like
 * `tempFolderName(target, ...)` whose process is no longer alive and that are empty or hold a toklens manifest.
 * Returns the removed paths. Never throws: a leftover that cannot be removed is left alone.
 */
export async function removeStaleTempFolders(parent: string, target: string): Promise<string[]> {
  const prefix = `.${basename(target)}.tmp-`;
  const pattern = /^(\d+)-[0-9a-f]{8}$/;
  const removed: string[] = [];
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = pattern.exec(name.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || processIsRunning(pid)) continue;
    const path = join(parent, name);
    try {
      if (!(await lstat(path)).isDirectory()) continue;
      if ((await readdir(path)).length > 0 && !(await readManifest(path))) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}

/** Marks a fresh temporary report folder as toklens', so a later run may remove it if this one is interrupted. */
export async function markTempFolder(temp: string): Promise<void> {
  await writeFile(join(temp, REPORT_MANIFEST), reportManifest([]));
}

/**
 * Removes a folder synchronously (a signal handler cannot wait). A write already under way in the thread pool may
 * create a file after the folder was listed, so rmdir says ENOTEMPTY: list and remove again, a few times. (rmSync's
 * own maxRetries retries only the rmdir, without listing again.)
 */
function removeNow(dir: string): void {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      if (!lstatSync(dir).isDirectory()) return;
      rmSync(dir, { recursive: true, force: true });
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return; // not created yet, or already gone
      if (code !== "ENOTEMPTY" && code !== "EBUSY") return; // not ours to fight over
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); // 10 ms for the pending write to land
    }
  }
}

/** What a run's signal handler undoes: its temporary folder and, once the swap has begun, the previous report aside. */
export interface SignalGuard {
  /** Set by the swap right before it moves the previous report at `target` aside to `aside`. */
  swap?: { aside: string; target: string };
  /** Stops listening: the run is over (finished or failed and cleaned up). */
  release(): void;
}

/**
 * On a signal during a swap: if the previous report is aside and nothing is at the target, it goes back; if the new
 * report is in place, the previous one is removed. Either way one report stays at the target.
 */
function undoSwap(swap: { aside: string; target: string }): void {
  try {
    lstatSync(swap.aside);
  } catch {
    return; // not moved aside yet, or already removed
  }
  try {
    lstatSync(swap.target);
    removeNow(swap.aside);
  } catch {
    try {
      renameSync(swap.aside, swap.target);
    } catch {
      // left for the next run, which restores it (recoverInterruptedSwaps)
    }
  }
}

/**
 * Removes `temp` if the process gets SIGINT or SIGTERM before `release()` is called (and settles a swap under way,
 * see `undoSwap`), then lets the signal take its usual effect (ends the process) unless someone else also listens.
 */
export function removeOnSignal(temp: string): SignalGuard {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const guard: SignalGuard = {
    release: () => {
      for (const s of signals) process.removeListener(s, onSignal);
    },
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    guard.release();
    if (guard.swap) undoSwap(guard.swap);
    removeNow(temp);
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  for (const s of signals) process.on(s, onSignal);
  return guard;
}
