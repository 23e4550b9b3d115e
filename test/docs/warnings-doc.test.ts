// docs/warnings.md lists every warning code, each once, in the table of its phase: a new code needs its line there.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ANALYSIS_WARNING_CODES,
  CORPUS_WARNING_CODES,
  METRIC_WARNING_CODES,
  TOKENIZE_WARNING_CODES,
  WARNING_CODES,
} from "../../src/warning-codes.js";

const doc = readFileSync(new URL("../../docs/warnings.md", import.meta.url), "utf8");

/** The codes in the first column of the table under the heading that starts with `heading`. */
function tableCodes(heading: string): string[] {
  const sections = doc.split(/^## /m).slice(1);
  const section = sections.find((s) => s.startsWith(heading));
  if (!section) throw new Error(`docs/warnings.md has no section '${heading}'`);
  return [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
}

describe("docs/warnings.md", () => {
  it.each([
    ["Metrics", METRIC_WARNING_CODES],
    ["Corpus", CORPUS_WARNING_CODES],
    ["Tokenize phase", TOKENIZE_WARNING_CODES],
    ["Analysis", ANALYSIS_WARNING_CODES],
  ] as const)("lists the %s codes, in the order of src/warning-codes.ts", (heading, codes) => {
    expect(tableCodes(heading)).toEqual([...codes]);
  });

  it("names no code that does not exist", () => {
    const rows = [...doc.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
    expect(rows.filter((c) => !(WARNING_CODES as readonly string[]).includes(c))).toEqual([]);
    expect(rows).toHaveLength(WARNING_CODES.length);
  });
});
