// The report reads results, never runs: src/report/ imports results/, metrics/, vocab/, tokenizers/, corpus/, root
// modules and itself, never analysis/, tokenize/ or cli/ (data flows one way: ... -> results -> report).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");
const REPORT = join(SRC, "report");
/** The folders of src/ the report may import from (files directly in src/ are allowed too). */
const ALLOWED = ["report", "results", "metrics", "vocab", "tokenizers", "corpus"];

/** Every module specifier of a source text: static imports and re-exports (type-only too) and dynamic import(). */
function specifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/g)) out.push(m[1]!);
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)) out.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]!);
  return out;
}

/** Where a relative specifier of `file` leads, as a path under src/ ("analysis/run-context.js"); null for packages. */
function target(file: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  return relative(SRC, resolve(dirname(file), spec)).replaceAll("\\", "/");
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("src/report", () => {
  it("finds the imports it checks (the check could fail)", () => {
    const html = readFileSync(join(REPORT, "html.ts"), "utf8");
    expect(specifiers(html).map((s) => target(join(REPORT, "html.ts"), s))).toContain("report/sections/registry.js");
    expect(target(join(REPORT, "sections/cost.ts"), "../../analysis/run-context.js")).toBe("analysis/run-context.js");
  });

  it(`imports only ${ALLOWED.join("/, ")}/ and root modules of src/`, () => {
    const files = tsFiles(REPORT);
    expect(files.length).toBeGreaterThanOrEqual(40);
    const found = files.flatMap((file) =>
      specifiers(readFileSync(file, "utf8")).flatMap((spec) => {
        const t = target(file, spec);
        if (t === null || !t.includes("/") || ALLOWED.includes(t.split("/")[0]!)) return [];
        return [`${relative(SRC, file)}: ${t}`];
      }),
    );
    expect(found).toEqual([]);
  });
});
