// counts: tokenizers in process: a counts file given a segment twice is refused, and results mixed with real
// tokenizers come back in the order asked (the CLI tests in counts.test.ts check the numbers end to end).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TokenizerLoadError } from "../../src/errors.js";
import { readCountsFile, runTokenizeWithCounts } from "../../src/tokenize/counts.js";
import type { LanguageInput } from "../../src/tokenize/language-input.js";
import type { TokenizeRun, TokenizeRunOptions } from "../../src/tokenize/run-types.js";
import { prepareLanguage } from "../../src/tokenize/tokenize-corpus.js";
import type { TokenizedLanguage, TokenizerInfo, Warning } from "../../src/types.js";
import { segmentRows, segmentTable } from "../../src/tokenize/segment-table.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-counts-file-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function countsFile(name: string, rows: readonly object[]): string {
  const path = join(tmp, name);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return `counts:${path}`;
}

function input(language: string, texts: readonly string[]): LanguageInput {
  const prepared = prepareLanguage(
    language,
    texts.map((text, i) => ({ id: String(i + 1), text })),
  );
  return {
    language,
    sha256: `sha-${language}`,
    chars: texts.join("").length,
    async *chunks() {
      yield prepared;
    },
  };
}

describe("readCountsFile", () => {
  it("refuses a (language, id) given twice, naming the segment and the repeated line, instead of keeping the last", async () => {
    const ref = countsFile("twice.jsonl", [
      { language: "eng_Latn", id: "1", tokens: 4 },
      { language: "eng_Latn", id: "2", tokens: 5 },
      { language: "eng_Latn", id: "1", tokens: 7 },
      { language: "deu_Latn", id: "1", tokens: 6 },
    ]);
    const err = await readCountsFile(ref).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenizerLoadError);
    expect((err as Error).message).toContain("gives a segment twice: eng_Latn 1 (line 3)");
  });

  it("reads each (language, id) once", async () => {
    const file = await readCountsFile(
      countsFile("once.jsonl", [
        { language: "eng_Latn", id: "1", tokens: 4 },
        { language: "deu_Latn", id: "1", tokens: 6 },
      ]),
    );
    expect([...file.counts].map(([l, m]) => [l, [...m]])).toEqual([
      ["eng_Latn", [["1", 4]]],
      ["deu_Latn", [["1", 6]]],
    ]);
  });
});

describe("runTokenizeWithCounts", () => {
  it("puts each real tokenizer's results back at its place in a list that starts with a counts file", async () => {
    const languages = [input("eng_Latn", ["one two", "three"]), input("deu_Latn", ["eins zwei", "drei"])];
    const counts = countsFile("mixed.jsonl", [
      { language: "eng_Latn", id: "1", tokens: 2 },
      { language: "eng_Latn", id: "2", tokens: 1 },
      { language: "deu_Latn", id: "1", tokens: 3 },
      { language: "deu_Latn", id: "2", tokens: 2 },
    ]);
    const asked: string[][] = [];
    // stands in for the tokenize phase: each result names its tokenizer and language, tokenizer-major
    const tokenize = (o: TokenizeRunOptions): Promise<TokenizeRun> => {
      asked.push([...o.tokenizers]);
      return Promise.resolve({
        tokenizers: o.tokenizers.map((id) => ({ id }) as TokenizerInfo),
        results: o.tokenizers.flatMap((tokenizer) =>
          o.languages.map((l) => ({ tokenizer, language: l.language }) as TokenizedLanguage),
        ),
        cacheHits: 0,
        computed: 0,
        tokenizeMs: {},
        elapsedMs: 0,
        warnings: [],
      });
    };
    const run = await runTokenizeWithCounts({ tokenizers: [counts, "real-a", "real-b"], languages }, tokenize);
    expect(asked).toEqual([["real-a", "real-b"]]);
    expect(run.tokenizers.map((t) => t.id)).toEqual([counts, "real-a", "real-b"]);
    expect(run.results.map((r) => `${r.tokenizer} ${r.language}`)).toEqual([
      `${counts} eng_Latn`,
      `${counts} deu_Latn`,
      "real-a eng_Latn",
      "real-a deu_Latn",
      "real-b eng_Latn",
      "real-b deu_Latn",
    ]);
    // the counts file's own rows: tokens from the file, bytes from the corpus
    expect(segmentRows(run.results[0]!.segments).map((s) => [s.id, s.tokens, s.bytes])).toEqual([
      ["1", 2, 7],
      ["2", 1, 5],
    ]);
  });
});

/** The message readCountsFile or countsLanguage refuses with. */
async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error("expected a refusal");
  return err.message;
}

describe("readCountsFile refuses", () => {
  it("a reference without a file", async () => {
    const err = await readCountsFile("counts:").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenizerLoadError);
    expect((err as Error).message).toBe(
      `'counts:' names no file. Use counts:<file.jsonl> with one {"language", "id", "tokens"} per segment.`,
    );
  });

  it("every line that is not JSON or not the right shape, by line number, five at most", async () => {
    const path = join(tmp, "bad.jsonl");
    const lines = [
      "{not json",
      "[1, 2]",
      "null",
      '"text"',
      JSON.stringify({ language: 1, id: "1", tokens: 1 }),
      "",
      JSON.stringify({ language: "eng_Latn", id: 1, tokens: 1 }),
      JSON.stringify({ language: "eng_Latn", id: "1", tokens: "1" }),
      JSON.stringify({ language: "eng_Latn", id: "1", tokens: 1.5 }),
      JSON.stringify({ language: "eng_Latn", id: "1", tokens: -1 }),
      JSON.stringify({ language: "eng_Latn", id: "1", tokens: 2 ** 53 }),
      JSON.stringify({ language: "eng_Latn", id: "1" }),
    ];
    writeFileSync(path, lines.join("\n"));
    const shape = `is not {"language": string, "id": string, "tokens": whole number >= 0}`;
    expect(await refusal(readCountsFile(`counts:${path}`))).toBe(
      `Counts file '${path}': line 1 is not JSON, line 2 ${shape}, line 3 ${shape}, line 4 ${shape}, line 5 ${shape} and 6 more. ` +
        `Each line must be one JSON object like {"language": "deu_Latn", "id": "1", "tokens": 42}.`,
    );
    // each of the last six alone is refused too (the list above stops at five)
    for (const [i, line] of lines.slice(6).entries()) {
      writeFileSync(path, JSON.stringify({ language: "eng_Latn", id: "0", tokens: 0 }) + "\n" + line + "\n");
      expect(await refusal(readCountsFile(`counts:${path}`)), line).toBe(
        `Counts file '${path}': line 2 ${shape}. Each line must be one JSON object like {"language": "deu_Latn", "id": "1", "tokens": 42}.`,
      );
      expect(i).toBeLessThan(6);
    }
  });

  it("a count above a billion tokens, and accepts a billion exactly and zero", async () => {
    const path = join(tmp, "huge.jsonl");
    writeFileSync(
      path,
      [
        { language: "eng_Latn", id: "1", tokens: 1_000_000_000 },
        { language: "eng_Latn", id: "2", tokens: 0 },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n"),
    );
    expect((await readCountsFile(`counts:${path}`)).counts.get("eng_Latn")).toEqual(
      new Map([
        ["1", 1_000_000_000],
        ["2", 0],
      ]),
    );
    writeFileSync(path, JSON.stringify({ language: "eng_Latn", id: "1", tokens: 1_000_000_001 }));
    expect(await refusal(readCountsFile(`counts:${path}`))).toContain(
      "line 1 counts 1000000001 tokens, above the 1000000000 one segment may have",
    );
  });

  it("a file of blank lines, and lists at most five repeated segments", async () => {
    const path = join(tmp, "blank.jsonl");
    writeFileSync(path, "\n  \n\n");
    expect(await refusal(readCountsFile(`counts:${path}`))).toBe(
      `Counts file '${path}' holds no counts. Write one {"language", "id", "tokens"} per segment (see README, "Closed tokenizers").`,
    );
    const rows = Array.from({ length: 7 }, (_, i) =>
      JSON.stringify({ language: "eng_Latn", id: String(i), tokens: 1 }),
    );
    writeFileSync(path, [...rows, ...rows].join("\n"));
    expect(await refusal(readCountsFile(`counts:${path}`))).toBe(
      `Counts file '${path}' gives a segment twice: eng_Latn 0 (line 8), eng_Latn 1 (line 9), eng_Latn 2 (line 10), ` +
        `eng_Latn 3 (line 11), eng_Latn 4 (line 12) and 2 more. Keep one line per language and segment id.`,
    );
  });

  it("keys the file by the sha256 of its text, blank lines and all", async () => {
    const { createHash } = await import("node:crypto");
    const path = join(tmp, "sha.jsonl");
    const text = '\n{"language": "eng_Latn", "id": "1", "tokens": 3}\n\n';
    writeFileSync(path, text);
    const file = await readCountsFile(`counts:${path}`);
    expect(file.sha256).toBe(createHash("sha256").update(text).digest("hex"));
    expect(file.path).toBe(path);
  });
});

describe("countsLanguage", () => {
  it("takes tokens from the file and bytes, characters and words from the corpus; nothing else is measured", async () => {
    const { countsLanguage } = await import("../../src/tokenize/counts.js");
    const ref = countsFile("lang.jsonl", [
      { language: "eng_Latn", id: "1", tokens: 4 },
      { language: "eng_Latn", id: "2", tokens: 2 },
    ]);
    const file = await readCountsFile(ref);
    const r = await countsLanguage(ref, file, input("eng_Latn", ["one twö", "三 four five"]));
    expect(r).toEqual({
      tokenizer: ref,
      language: "eng_Latn",
      vocabSize: 0,
      segments: segmentTable([
        { id: "1", tokens: 4, bytes: 8, chars: 7, words: 2, unk: 0, byteFallback: 0 },
        { id: "2", tokens: 2, bytes: 13, chars: 11, words: 3, unk: 0, byteFallback: 0 },
      ]),
      tokenFrequencies: new Map(),
      wordOccurrences: 5,
      measuredWords: 0,
      wordTokens: 0,
      continuedWords: 0,
      singleTokenWords: 0,
      isolatedWords: 0,
      isolatedSingleTokenWords: 0,
      lossyChars: 0,
      lossUnmeasuredChars: 18,
      countsOnly: true,
    });
  });

  it("refuses segments missing from the file and ids the corpus does not have, listing five", async () => {
    const { countsLanguage } = await import("../../src/tokenize/counts.js");
    const texts = Array.from({ length: 8 }, (_, i) => `text ${i}`);
    const ref = countsFile("some.jsonl", [{ language: "eng_Latn", id: "8", tokens: 1 }]);
    const file = await readCountsFile(ref);
    expect(await refusal(countsLanguage(ref, file, input("eng_Latn", texts)))).toBe(
      `The counts file '${file.path}' has no count for 7 segment(s) of eng_Latn in the corpus: 1, 2, 3, 4, 5 and 2 more. ` +
        "Count every segment that `toklens corpus <src> --segments --jsonl` lists, for the same corpus and options.",
    );
    const extraRef = countsFile("extra.jsonl", [
      { language: "eng_Latn", id: "1", tokens: 1 },
      { language: "eng_Latn", id: "x", tokens: 1 },
      { language: "eng_Latn", id: "y", tokens: 1 },
    ]);
    const extra = await readCountsFile(extraRef);
    expect(await refusal(countsLanguage(extraRef, extra, input("eng_Latn", ["one"])))).toBe(
      `The counts file '${extra.path}' has 2 segment id(s) of eng_Latn the corpus does not: x, y. It was made from another ` +
        "corpus, split or version; regenerate it from `toklens corpus <src> --segments --jsonl`.",
    );
  });

  it("names the file's languages when the run's is not among them", async () => {
    const { countsLanguage } = await import("../../src/tokenize/counts.js");
    const ref = countsFile("other.jsonl", [
      { language: "fra_Latn", id: "1", tokens: 1 },
      { language: "xx-not-a-code", id: "1", tokens: 1 },
    ]);
    const file = await readCountsFile(ref);
    expect(await refusal(countsLanguage(ref, file, input("eng_Latn", ["one"])))).toBe(
      `The counts file '${file.path}' has no counts for eng_Latn; its languages are 'fra_Latn', 'xx-not-a-code'. ` +
        "Add counts for eng_Latn (codes as `toklens corpus <src> --segments --jsonl` lists them), or leave eng_Latn out of the run.",
    );
  });
});

describe("runTokenizeWithCounts without real tokenizers", () => {
  it("describes the counts file, warns about languages the run leaves out, and counts no cache use", async () => {
    const ref = countsFile("unused.jsonl", [
      { language: "eng_Latn", id: "1", tokens: 2 },
      { language: "fra_Latn", id: "1", tokens: 2 },
      { language: "deu_Latn", id: "1", tokens: 2 },
    ]);
    const file = await readCountsFile(ref);
    const run = await runTokenizeWithCounts({ tokenizers: [ref], languages: [input("eng_Latn", ["one two"])] }, () => {
      throw new Error("no real tokenizer to run");
    });
    expect(run.tokenizers).toEqual([
      {
        id: ref,
        name: "unused.jsonl",
        backend: "counts",
        family: "counts",
        vocabSize: 0,
        sha256: file.sha256,
        source: file.path,
      },
    ]);
    expect(run.warnings).toEqual([
      {
        code: "counts-unused",
        tokenizer: ref,
        message: `${ref} also has counts for fra_Latn, deu_Latn, which this run does not measure.`,
      },
    ]);
    expect([run.cacheHits, run.computed, run.tokenizeMs]).toEqual([0, 0, {}]);
    expect(run.elapsedMs).toBeGreaterThanOrEqual(0);
  });
});

/** A language whose segments have the ids given (prepareLanguage measures bytes, chars and words). */
function inputWithIds(language: string, segments: readonly { id: string; text: string }[]): LanguageInput {
  const prepared = prepareLanguage(language, segments);
  return {
    language,
    sha256: `sha-${language}`,
    chars: segments.map((s) => s.text).join("").length,
    async *chunks() {
      yield prepared;
    },
  };
}

// The survivors of the Stryker run on counts.ts (2026-12-07, docs/testing.md), one behaviour each.
describe("counts files, exactly", () => {
  it("refuses a file it cannot read or decode, naming the file and what to check", async () => {
    const missing = join(tmp, "absent.jsonl");
    const err = await readCountsFile(`counts:${missing}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenizerLoadError);
    expect((err as Error).message).toBe(
      `Cannot read the counts file '${missing}' (ENOENT). Check the path after 'counts:'.`,
    );
    const latin1 = join(tmp, "latin1.jsonl");
    writeFileSync(
      latin1,
      Buffer.from('{"language": "eng_Latn", "id": "1", "tokens": 1}\n{"id": "caf\xe9"}\n', "latin1"),
    );
    const bad = await readCountsFile(`counts:${latin1}`).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TokenizerLoadError);
    expect((bad as Error).message).toBe(
      `Line 2 of the counts file '${latin1}' is not valid UTF-8 (is it Latin-1 or another encoding?). Save the file as UTF-8.`,
    );
  });

  it("lists five bad lines without an 'and 0 more'", async () => {
    const path = join(tmp, "five-bad.jsonl");
    writeFileSync(path, ["a", "b", "c", "d", "e"].join("\n"));
    expect(await refusal(readCountsFile(`counts:${path}`))).toBe(
      `Counts file '${path}': line 1 is not JSON, line 2 is not JSON, line 3 is not JSON, line 4 is not JSON, line 5 is not JSON. ` +
        `Each line must be one JSON object like {"language": "deu_Latn", "id": "1", "tokens": 42}.`,
    );
  });

  it("says plainly which segment is missing when it is one, even one whose id is 'joined' among others", async () => {
    const { countsLanguage } = await import("../../src/tokenize/counts.js");
    const ref = countsFile("one-missing.jsonl", [{ language: "eng_Latn", id: "1", tokens: 1 }]);
    const file = await readCountsFile(ref);
    const plain = (n: number, ids: string) =>
      `The counts file '${file.path}' has no count for ${n} segment(s) of eng_Latn in the corpus: ${ids}. ` +
      "Count every segment that `toklens corpus <src> --segments --jsonl` lists, for the same corpus and options.";
    expect(await refusal(countsLanguage(ref, file, input("eng_Latn", ["one", "two"])))).toBe(plain(1, "2"));
    // a corpus of its own segments, one of them named "joined": not a joined run, so no word about --join-segments
    const segments = [
      { id: "1", text: "one" },
      { id: "joined", text: "two" },
      { id: "3", text: "three" },
    ];
    expect(await refusal(countsLanguage(ref, file, inputWithIds("eng_Latn", segments)))).toBe(plain(2, "joined, 3"));
  });

  it("names the code the file spells the corpus' language with, and the code to write instead", async () => {
    const { countsLanguage } = await import("../../src/tokenize/counts.js");
    const ref = countsFile("alias.jsonl", [
      { language: "not a code", id: "1", tokens: 1 },
      { language: "fra", id: "1", tokens: 1 },
      { language: "eng", id: "1", tokens: 1 },
    ]);
    const file = await readCountsFile(ref);
    expect(await refusal(countsLanguage(ref, file, input("eng_Latn", ["one"])))).toBe(
      `The counts file '${file.path}' has no counts under eng_Latn, the corpus' code for it, but has counts under 'eng', ` +
        `which names eng_Latn. Write the language codes as the corpus does ("language": "eng_Latn"), as ` +
        "`toklens corpus <src> --segments --jsonl` lists them.",
    );
  });

  it("passes on the real tokenizers' warnings ahead of its own, and times only its own call", async () => {
    const ref = countsFile("warned.jsonl", [
      { language: "eng_Latn", id: "1", tokens: 2 },
      { language: "fra_Latn", id: "1", tokens: 2 },
    ]);
    const fromReal: Warning = { code: "cache-entry-invalid", message: "from the real tokenizer" };
    const before = performance.now();
    const run = await runTokenizeWithCounts(
      { tokenizers: ["real", ref], languages: [input("eng_Latn", ["one"])] },
      (o) =>
        Promise.resolve({
          tokenizers: o.tokenizers.map((id) => ({ id }) as TokenizerInfo),
          results: [{ tokenizer: "real", language: "eng_Latn" } as TokenizedLanguage],
          cacheHits: 3,
          computed: 4,
          tokenizeMs: { real: 5 },
          elapsedMs: 6,
          warnings: [fromReal],
        }),
    );
    const wall = performance.now() - before;
    expect(run.warnings.map((w) => w.message)).toEqual([
      "from the real tokenizer",
      `${ref} also has counts for fra_Latn, which this run does not measure.`,
    ]);
    expect([run.cacheHits, run.computed, run.tokenizeMs]).toEqual([3, 4, { real: 5 }]);
    expect(run.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(run.elapsedMs).toBeLessThanOrEqual(wall);
  });
});
