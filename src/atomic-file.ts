// Replacing a file so readers see the old content or the new, never half of it: a temporary file beside the target, renamed over it.
import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";

export interface AtomicWriteOptions {
  /**
   * How the temporary file's name ends: it is `<target>.<pid>.<8 hex digits><tempSuffix>`, so a tool can tell a
   * leftover of an interrupted write (and whether its writer still runs) from a finished file.
   * @default ".tmp"
   */
  tempSuffix?: string;
  /**
   * Flush the content to disk before the rename, so a crash right after it cannot leave the final name holding an
   * empty file. A cache that checks its entries when it reads them may skip it: a bad entry only costs a recompute.
   * @default true
   */
  fsync?: boolean;
}

/** Whether process `pid` still runs (here or under another user), so a temporary file named by it may still be written. */
export function processIsRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

/**
 * The pid of the writer of `name` when it is a temporary file `tempPathBeside` named for a target `<targetName>`
 * (`<targetName>.<pid>.<8 hex digits><tempSuffix>`), else null.
 */
export function tempFileWriter(name: string, targetName: RegExp, tempSuffix = ".tmp"): number | null {
  if (!name.endsWith(tempSuffix)) return null;
  const m = new RegExp(`^(?:${targetName.source})\\.(\\d+)\\.[0-9a-f]{8}$`).exec(name.slice(0, -tempSuffix.length));
  return m ? Number(m[1]) : null;
}

/** A unique temporary name beside `target` (same folder, so the rename never crosses file systems). */
export function tempPathBeside(target: string, tempSuffix = ".tmp"): string {
  return `${target}.${process.pid}.${randomBytes(4).toString("hex")}${tempSuffix}`;
}

/**
 * Lets `fill` create a temporary path beside `target` (write it, stream into it, make it a symlink), then renames
 * it over `target` in one step. On any failure, of `fill` or of the rename, the temporary path is removed and
 * the error is thrown; `target` keeps what it held. The folder of `target` must exist.
 */
export async function replaceAtomically<T>(
  target: string,
  fill: (temp: string) => Promise<T>,
  options: AtomicWriteOptions = {},
): Promise<T> {
  const temp = tempPathBeside(target, options.tempSuffix);
  try {
    const result = await fill(temp);
    await rename(temp, target);
    return result;
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** Writes `content` to `target` atomically (see `replaceAtomically`); the folder of `target` must exist. */
export async function writeFileAtomically(
  target: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  await replaceAtomically(
    target,
    async (temp) => {
      const handle = await open(temp, "wx"); // never follows or reuses something already at the temporary name
      try {
        await handle.writeFile(content);
        if (options.fsync ?? true) await handle.sync();
      } finally {
        await handle.close();
      }
    },
    options,
  );
}
