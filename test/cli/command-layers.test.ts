// The CLI is a thin layer: src/cli/commands/*.ts import only analysis/ entry points, report/ writers, cli/ helpers
// and the error classes (plus node: builtins and commander); everything else goes through analysis/ or report/.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");
const COMMANDS = join(SRC, "cli/commands");

/** Every module specifier of a source text: static imports and re-exports (type-only too) and dynamic import(). */
function specifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/g)) out.push(m[1]!);
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)) out.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]!);
  return out;
}

/** Why a specifier of a file in src/cli/commands is not allowed, or null when it is. */
function violation(file: string, spec: string): string | null {
  if (spec.startsWith("node:") || spec === "commander") return null;
  if (!spec.startsWith(".")) return `${spec} (a package: reach it through analysis/ or report/)`;
  const target = relative(SRC, resolve(dirname(file), spec)).replaceAll("\\", "/");
  if (/^(analysis|report|serve|cli)\//.test(target) || target === "errors.js") return null;
  return `${target} (import it through an analysis/ or report/ function)`;
}

function violations(file: string, source: string): string[] {
  return specifiers(source).flatMap((s) => {
    const v = violation(file, s);
    return v ? [`${relative(SRC, file)}: ${v}`] : [];
  });
}

describe("src/cli/commands", () => {
  it("import only analysis/, report/, cli/ modules, errors.ts, node: builtins and commander", () => {
    const files = readdirSync(COMMANDS).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThanOrEqual(12);
    const found = files.flatMap((f) => {
      const path = join(COMMANDS, f);
      const source = readFileSync(path, "utf8");
      expect(specifiers(source).length, f).toBeGreaterThan(0);
      return violations(path, source);
    });
    expect(found).toEqual([]);
  });

  it("the scan catches every import form that reaches another layer", () => {
    const file = join(COMMANDS, "x.ts");
    const source = [
      'import { a } from "../../corpus/open-corpus.js";',
      'import type { B } from "../../metrics/types.js";',
      'export { c } from "../../tokenizers/load.js";',
      "import {\n  d,\n  e,\n} from '../../vocab/qtok.js';",
      'const f = await import("../../corpus/languages.js");',
      'import "../../types.js";',
      'import { g } from "arquero";',
      'import { ok } from "../../analysis/vocab.js";',
      'import type { Ok } from "../../report/report-data.js";',
      'import { fine } from "../output.js";',
      'import { same } from "./common-options.js";',
      'import { ConfigError } from "../../errors.js";',
      'import { readFile } from "node:fs/promises";',
      'import type { Command } from "commander";',
    ].join("\n");
    expect(violations(file, source)).toEqual([
      "cli/commands/x.ts: corpus/open-corpus.js (import it through an analysis/ or report/ function)",
      "cli/commands/x.ts: metrics/types.js (import it through an analysis/ or report/ function)",
      "cli/commands/x.ts: tokenizers/load.js (import it through an analysis/ or report/ function)",
      "cli/commands/x.ts: vocab/qtok.js (import it through an analysis/ or report/ function)",
      "cli/commands/x.ts: arquero (a package: reach it through analysis/ or report/)",
      "cli/commands/x.ts: types.js (import it through an analysis/ or report/ function)",
      "cli/commands/x.ts: corpus/languages.js (import it through an analysis/ or report/ function)",
    ]);
  });
});
