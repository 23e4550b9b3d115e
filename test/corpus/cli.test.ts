// The real bin: `toklens languages` and `toklens corpus`, their JSON shapes, warnings and exit codes.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { callCli } from "../cli/run-cli.js";

const FIX = fileURLToPath(new URL("../fixtures/corpus/", import.meta.url));

describe("toklens languages", () => {
  it("--corpus udhr --json lists over 400 languages with FLORES-style codes and 30 segments each", async () => {
    const r = await callCli(["languages", "--corpus", "udhr", "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ code: string; name: string; script: string; segments: number }>;
    expect(rows.length).toBeGreaterThanOrEqual(400);
    for (const row of rows) {
      expect(row.code).toMatch(/^[a-z]{3}_[A-Z][a-z]{3}$/);
      expect(row.name).not.toBe("");
      expect(row.code.endsWith(`_${row.script}`)).toBe(true);
      expect(row.segments).toBe(30);
    }
    expect(rows.map((x) => x.code)).toEqual(
      expect.arrayContaining(["eng_Latn", "cmn_Hans", "tha_Thai", "amh_Ethi", "arb_Arab"]),
    );
    expect(r.stderr).toMatch(/incomplete-skipped/);
  });

  it("without --corpus lists the whole registry as a table", async () => {
    const r = await callCli(["languages"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/cmn_Hans\s+Chinese \(Simplified\)\s+Hans\s+segmenter\s+zho_Hans\s+cmn_hans/);
  });
});

describe("toklens corpus", () => {
  it("udhr --langs deu_Latn,cmn_Hans,tha_Thai,eng_Latn --json: aligned counts with words, chars, bytes", async () => {
    const r = await callCli(["corpus", "udhr", "--langs", "deu_Latn,cmn_Hans,tha_Thai,eng_Latn", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const rows = JSON.parse(r.stdout) as Array<{
      language: string;
      segments: number;
      words: number;
      chars: number;
      bytes: number;
    }>;
    expect(rows.map((x) => x.language)).toEqual(["cmn_Hans", "deu_Latn", "eng_Latn", "tha_Thai"]);
    for (const row of rows) {
      expect(row.segments).toBe(30);
      expect(row.bytes).toBeGreaterThanOrEqual(row.chars);
      expect(row.words).toBeGreaterThan(1000);
    }
  });

  it("text fixture as a table; an unknown code or corpus exits 2 with suggestions; a language the corpus lacks exits 4", async () => {
    const ok = await callCli(["corpus", `text:${FIX}text`, "--langs", "eng,de"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/eng_Latn\s+English\s+3\s+24\s+123\s+123/);
    const bad = await callCli(["corpus", `flores:${FIX}`, "--langs", "eng_Latn,xyz"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown language 'xyz'\. Closest:/);
    const noCorpus = await callCli(["corpus", "nope"]);
    expect(noCorpus.code).toBe(2);
    expect(noCorpus.stderr).toMatch(/Unknown corpus 'nope'/);
    const malformed = await callCli(["corpus", `text:${FIX}text`, "--langs", "eng,eng_../../x"]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(
      /Malformed language code 'eng_\.\.\/\.\.\/x'.*Closest: eng_Latn.*toklens languages/,
    );
    const missing = await callCli(["corpus", `text:${FIX}text`, "--langs", "fra_Latn"]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/Not in corpus .*fra_Latn/);
  });
});
