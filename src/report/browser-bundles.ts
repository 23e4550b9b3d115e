// The browser builds of vega, vega-lite and vega-embed that every HTML report inlines, read from the installed packages.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { assertInlineScript } from "./page-shell.js";

/** A directory of an installed package, found from its resolvable entry point. */
function packageDir(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === name) return dir;
    dir = dirname(dir);
  }
  throw new Error(`toklens: cannot find the ${name} package directory; reinstall toklens's dependencies (npm ci).`);
}

/** The browser (UMD, minified) builds inlined into every report, in load order. */
const BUNDLES = [
  ["vega", "build/vega.min.js"],
  ["vega-lite", "build/vega-lite.min.js"],
  ["vega-embed", "build/vega-embed.min.js"],
] as const;

let bundleCache: string[] | undefined;

/** Reads the inlined libraries once per process; refuses a build that could end the inline <script>. */
export function browserBundles(): string[] {
  if (!bundleCache) {
    bundleCache = BUNDLES.map(([pkg, file]) => {
      const text = readFileSync(join(packageDir(pkg), file), "utf8");
      assertInlineScript(text, `${pkg}/${file}`);
      return text;
    });
  }
  return bundleCache;
}
