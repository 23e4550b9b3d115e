// Cuts a module that scripts/report-assets.mjs inlined into a page script and compiles it on its own (no DOM), so a
// test runs the very code the page runs.
import { execFileSync } from "node:child_process";

/** The names `names` of module `file` (e.g. "src/report/format.ts") as inlined in `script`. */
export function inlinedModule<T>(script: string, file: string, names: readonly string[]): T {
  const start = script.indexOf(`// ---- ${file}, transpiled`);
  const end = script.indexOf(`// ---- end of ${file}`, start);
  if (start < 0 || end < 0) throw new Error(`the page script does not inline ${file}`);
  return new Function(`${script.slice(start, end)}\nreturn { ${names.join(", ")} };`)() as T;
}

/** Throws unless src/report/page-assets.ts is what scripts/report-assets.mjs writes from the assets and modules now. */
export function assertPageAssetsFresh(): void {
  execFileSync(process.execPath, ["scripts/report-assets.mjs", "--check"], { stdio: "pipe" });
}
