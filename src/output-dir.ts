// Creating output directories without `mkdir -p`'s hang: Node's recursive mkdir loops forever where mkdir(2) says ENOENT for a path whose parent exists (e.g. under /proc).
import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Creates `path` and any missing parents, one level at a time, like `mkdir -p`. Throws the file system's
 * error (ENOENT, EACCES, ENOTDIR, EROFS ...) instead of retrying, so callers can wrap it in an OutputError.
 * The few stat and mkdir calls are made synchronously (`makeDirectoriesSync`), for async callers too.
 */
export async function makeDirectories(path: string): Promise<void> {
  await Promise.resolve();
  makeDirectoriesSync(path);
}

/** `makeDirectories` for a synchronous caller: walks up to the first existing folder, then creates the rest. */
export function makeDirectoriesSync(path: string): void {
  const missing: string[] = [];
  let dir = resolve(path);
  for (;;) {
    const found = statSync(dir, { throwIfNoEntry: false });
    if (found) {
      if (!found.isDirectory())
        throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: "ENOTDIR", path: dir });
      break;
    }
    missing.push(dir);
    const up = dirname(dir);
    // Stryker disable next-line ConditionalExpression: the root always exists, so the loop ends above; this only guards against looping forever
    if (up === dir) break;
    dir = up;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (err) {
      // created meanwhile by someone else: fine, as long as it is a directory
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(d).isDirectory()) throw err;
    }
  }
}
