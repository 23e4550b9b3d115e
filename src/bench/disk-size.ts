// The size of a folder on disk as `du -sb` counts it: apparent bytes of every file, folder and symlink, each inode once.
import { lstatSync, readdirSync, realpathSync } from "node:fs";
import { join } from "node:path";

/**
 * Bytes under `root` (resolved first, so a node_modules symlink counts the tree it points to). Symlinks inside are
 * counted as links, never followed; a hard-linked file is counted once, as du does.
 */
export function diskUsageBytes(root: string): number {
  const seen = new Set<string>();
  let total = 0;
  const stack = [realpathSync(root)];
  while (stack.length > 0) {
    const path = stack.pop()!;
    const st = lstatSync(path, { bigint: true });
    const key = `${st.dev}:${st.ino}`;
    if (seen.has(key)) continue;
    seen.add(key);
    total += Number(st.size);
    if (st.isDirectory()) for (const name of readdirSync(path)) stack.push(join(path, name));
  }
  return total;
}
