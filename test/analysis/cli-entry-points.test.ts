// The analysis/ entry points the thin commands call: tokenizeText, readTextFile, corpusStatistics / corpusSegments /
// corpusLanguages, builtinTokenizerRows and expandTokenizerRefs, checked against known ids and against each other.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { corpusLanguages, corpusSegments, corpusStatistics, languageRegistry } from "../../src/analysis/corpus-info.js";
import { readTextFile, tokenizeText } from "../../src/analysis/tokenize-text.js";
import { ALL_BUILTINS, builtinTokenizerRows, expandTokenizerRefs } from "../../src/analysis/tokenizers.js";
import { CorpusError } from "../../src/errors.js";

const dir = mkdtempSync(join(tmpdir(), "toklens-entry-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("tokenizeText", () => {
  it("gives GPT-2's ids for 'hello world' (15496 is 'Hello', 31373 'hello', 995 ' world'), decoded texts and the round trip", async () => {
    const [r] = await tokenizeText(["gpt2"], "hello world");
    expect(r!.ids).toEqual([31373, 995]);
    expect(r!.texts).toEqual(["hello", " world"]);
    expect(r!.count).toBe(2);
    expect(r!.roundTrip).toBe(true);
    expect(r!.groups).toBeNull();
    const [g] = await tokenizeText(["gpt2"], "hello world", { groups: true });
    expect(g!.groups!.length).toBe(2);
  });
});

describe("readTextFile", () => {
  it("refuses invalid UTF-8 as a CorpusError, or replaces it when asked", async () => {
    const file = join(dir, "bad.txt");
    writeFileSync(file, Buffer.from([0x61, 0xff, 0x62]));
    await expect(readTextFile(file, false)).rejects.toBeInstanceOf(CorpusError);
    expect(await readTextFile(file, true)).toEqual({ text: "a\uFFFDb", replaced: 1 });
    await expect(readTextFile(join(dir, "missing.txt"), false)).rejects.toThrow(/Cannot read --file '.*missing\.txt'/);
  });
});

describe("corpus entry points", () => {
  it("statistics, segments and languages agree on the segment counts of a UDHR subset", async () => {
    const options = { languages: ["eng_Latn", "amh_Ethi"] };
    const stats = await corpusStatistics("udhr", options);
    const { rows } = await corpusLanguages("udhr", options);
    const counted = new Map<string, number>();
    for await (const s of (await corpusSegments("udhr", options)).segments)
      counted.set(s.language, (counted.get(s.language) ?? 0) + 1);
    expect(stats.stats.map((s) => s.language)).toEqual(["amh_Ethi", "eng_Latn"]);
    for (const s of stats.stats) {
      expect(counted.get(s.language)).toBe(s.segments);
      expect(rows.find((r) => r.code === s.language)!.segments).toBe(s.segments);
    }
    expect(languageRegistry().find((l) => l.code === "amh_Ethi")!.script).toBe("Ethi");
  });
});

describe("tokenizer list", () => {
  it("`all` expands to the installed built-ins of the registry rows, in order, without duplicates", () => {
    const installed = builtinTokenizerRows()
      .filter((r) => r.installed)
      .map((r) => r.id);
    expect(installed).toContain("gpt2");
    expect(expandTokenizerRefs(["gpt2", ALL_BUILTINS])).toEqual(installed);
    for (const r of builtinTokenizerRows()) expect("install" in r).toBe(!r.installed);
  });
});
