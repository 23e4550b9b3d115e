// The import graph of src/: no cycles, and every import runs down the layers of docs/architecture.md (data flows one
// way: corpora -> tokenize -> metrics -> results -> report, with analysis/ orchestrating and cli/ on top).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = join(process.cwd(), "src");

/** Lowest first. A module may import its own layer or a lower one; `index.ts` (the public API) may import any. */
export const LAYERS = [
  "(root)",
  "tokenizers",
  "corpus",
  "tokenize",
  "metrics",
  "vocab",
  "results",
  "report",
  "analysis",
  "serve",
  "cli",
  "bench",
] as const;

/** src-relative path -> the src-relative paths it imports (static, dynamic, type-only and re-exports alike). */
export function importGraph(root: string): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) files.push(relative(root, p));
    }
  };
  walk(root);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(join(root, file), "utf8"), true, true);
    const deps = info.importedFiles
      .map((f) => f.fileName)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => normalize(join(dirname(file), spec)).replace(/\.js$/, ".ts"));
    graph.set(file, [...new Set(deps)]);
  }
  return graph;
}

export const layerOf = (file: string): string => (file.includes("/") ? file.split("/")[0]! : "(root)");

/** Every import from a lower layer to a higher one, as `from -> to`. */
export function upwardImports(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const rank = (f: string) => (LAYERS as readonly string[]).indexOf(layerOf(f));
  const out: string[] = [];
  for (const [from, deps] of graph) {
    if (from === "index.ts") continue;
    for (const to of deps) if (rank(to) > rank(from)) out.push(`${from} -> ${to}`);
  }
  return out.sort();
}

/** The strongly connected components with more than one module (Tarjan), each sorted. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe("the import graph of src/", () => {
  const graph = importGraph(SRC);

  it("knows every folder of src/ as a layer", () => {
    expect(
      [...new Set([...graph.keys()].map(layerOf))].filter((l) => !(LAYERS as readonly string[]).includes(l)),
    ).toEqual([]);
  });

  it("has no cycles, type-only imports included", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("has no import that runs back up the layers", () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it("finds a planted cycle and a planted upward import (the checks can fail)", () => {
    const planted = new Map<string, string[]>([
      ["metrics/a.ts", ["metrics/b.ts", "report/html.ts"]],
      ["metrics/b.ts", ["metrics/c.ts"]],
      ["metrics/c.ts", ["metrics/a.ts"]],
      ["report/html.ts", []],
      ["index.ts", ["cli/main.ts"]],
    ]);
    expect(cycles(planted)).toEqual([["metrics/a.ts", "metrics/b.ts", "metrics/c.ts"]]);
    expect(upwardImports(planted)).toEqual(["metrics/a.ts -> report/html.ts"]);
  });
});
