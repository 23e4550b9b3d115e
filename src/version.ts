// The toolkit version and package root, found from this file so caches and report provenance track releases.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

function findPackage(): { root: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "toklens" && pkg.version) return { root: dir, version: pkg.version };
    } catch {
      // not here: keep walking up
    }
    dir = dirname(dir);
  }
  throw new Error("toklens: cannot find its own package.json above " + fileURLToPath(import.meta.url));
}

const found = findPackage();

export const TOOLKIT_VERSION: string = found.version;

/** The package root (holds package.json, node_modules, seeds/, analyses/). */
export const PACKAGE_ROOT: string = found.root;
