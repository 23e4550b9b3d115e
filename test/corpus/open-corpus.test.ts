// Corpus addresses end to end: UDHR, text folders, a FLORES-200-layout folder, JSONL, and every bad input.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, CorpusError } from "../../src/errors.js";
import { openCorpus, type Corpus } from "../../src/corpus/open-corpus.js";
import { corpusStats } from "../../src/corpus/corpus-stats.js";
import type { Segment } from "../../src/types.js";

const FIX = fileURLToPath(new URL("../fixtures/corpus/", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "toklens-corpus-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function all(corpus: Corpus, language: string): Promise<Segment[]> {
  const out: Segment[] = [];
  for await (const s of corpus.segments(language)) out.push(s);
  return out;
}

/** A fresh folder under the temp dir with the given files. */
function folder(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(tmp, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

describe("udhr", () => {
  it("gives the same 30 article ids in every language, English included", async () => {
    const corpus = await openCorpus("udhr", { languages: ["deu_Latn", "cmn_Hans", "tha_Thai", "eng_Latn"] });
    expect(corpus.languages).toEqual(["cmn_Hans", "deu_Latn", "eng_Latn", "tha_Thai"]);
    expect(corpus.parallel).toBe(true);
    const ids = await Promise.all(corpus.languages.map(async (l) => (await all(corpus, l)).map((s) => s.id)));
    for (const list of ids) expect(list).toEqual(Array.from({ length: 30 }, (_, i) => `article-${i + 1}`));
    const eng = await all(corpus, "eng_Latn");
    expect(eng[0]!.text).toBe(
      "All human beings are born free and equal in dignity and rights. They are endowed with reason and conscience and should act towards one another in a spirit of brotherhood.",
    );
    // article 2 has two paragraphs in English: one per line
    expect(eng[1]!.text.split("\n")).toHaveLength(2);
    expect(corpus.describe("deu_Latn").variant).toMatch(/^deu_1996/);
  });

  it("joins Chinese lines wrapped in the HTML source without inserting a space", async () => {
    const corpus = await openCorpus("udhr", { languages: ["cmn_Hans"] });
    const a30 = (await all(corpus, "cmn_Hans"))[29]!.text;
    expect(a30).toContain("有权进行任何旨在破坏本宣言");
    expect(a30).not.toMatch(/\p{Script=Han} \p{Script=Han}/u);
  });

  it("lists over 400 aligned languages, skipping incomplete translations with a warning", async () => {
    const corpus = await openCorpus("udhr");
    expect(corpus.languages.length).toBeGreaterThanOrEqual(400);
    expect(corpus.languages).not.toContain("chv_Cyrl");
    expect(corpus.warnings.find((w) => w.code === "incomplete-skipped")?.message).toMatch(/chv_Cyrl \(19\/30\)/);
    for (const l of corpus.languages) expect(corpus.segmentCount(l)).toBe(30);
  });

  it("an incomplete translation asked for by name is an error, or flagged with allowUnaligned", async () => {
    await expect(openCorpus("udhr", { languages: ["chv_Cyrl", "eng_Latn"] })).rejects.toThrow(
      /chv_Cyrl .*incomplete: 19 of 30 articles.*--allow-unaligned/,
    );
    const corpus = await openCorpus("udhr", { languages: ["chv_Cyrl", "eng_Latn"], allowUnaligned: true });
    expect(corpus.unaligned).toEqual(["chv_Cyrl"]);
    expect((await all(corpus, "chv_Cyrl")).length).toBe(19);
  });

  it("asking an all-languages UDHR corpus for a skipped incomplete translation says it is incomplete, not absent", async () => {
    const corpus = await openCorpus("udhr");
    expect(() => corpus.segmentCount("khk_Mong")).toThrow(CorpusError);
    expect(() => corpus.segments("khk_Mong")).toThrow(
      /^khk_Mong \(Mongolian, Halh\) is in corpus udhr but was skipped because its UDHR translation \(khk_mong\) is incomplete: 1 of 30 articles, .*Pass --allow-unaligned/,
    );
    // a language the corpus lacks still says so
    expect(() => corpus.segmentCount("ace_Arab")).toThrow(/Language ace_Arab is not in corpus udhr/);
  });

  it("resolves aliases against the corpus and reports them; a missing language is an error", async () => {
    const corpus = await openCorpus("udhr", { languages: ["zho_Hans", "de"] });
    expect(corpus.languages).toEqual(["cmn_Hans", "deu_Latn"]);
    expect(corpus.warnings.filter((w) => w.code === "language-alias").map((w) => w.language)).toEqual([
      "cmn_Hans",
      "deu_Latn",
    ]);
    await expect(openCorpus("udhr", { languages: ["ace_Arab"] })).rejects.toThrow(CorpusError);
    await expect(openCorpus("udhr", { languages: ["ace_Arab"] })).rejects.toThrow(/Not in corpus udhr: ace_Arab/);
    await expect(openCorpus("udhr", { languages: ["qqq"] })).rejects.toThrow(ConfigError);
  });
});

describe("text:<dir>", () => {
  it("reads one file per language with line-number ids and hand-counted statistics", async () => {
    const corpus = await openCorpus(`text:${FIX}text`);
    expect(corpus.languages).toEqual(["cmn_Hans", "deu_Latn", "eng_Latn", "jpn_Jpan", "tha_Thai"]);
    expect(corpus.parallel).toBe(true);
    expect((await all(corpus, "eng_Latn")).map((s) => s.id)).toEqual(["1", "2", "3"]);
    const stats = Object.fromEntries((await corpusStats(corpus)).map((s) => [s.language, s]));
    // words by hand; chars and bytes from `wc -m` / `wc -c` minus the three newlines
    expect(stats.eng_Latn).toMatchObject({ segments: 3, words: 24, chars: 123, bytes: 123 });
    expect(stats.deu_Latn).toMatchObject({ segments: 3, words: 20, chars: 123, bytes: 125 });
    expect(stats.cmn_Hans).toMatchObject({ segments: 3, chars: 35, bytes: 105 });
    expect(stats.tha_Thai).toMatchObject({ segments: 3, chars: 62, bytes: 186 });
    expect(stats.jpn_Jpan).toMatchObject({ segments: 3, chars: 38, bytes: 114 });
  });

  it("a file with a different line count is an error naming both files and counts", async () => {
    const dir = folder("misaligned", {
      "eng_Latn.txt": "a\nb\nc\n",
      "deu_Latn.txt": "a\nb\nc\n",
      "fra_Latn.txt": "a\nb\n",
    });
    const err = await openCorpus(`text:${dir}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorpusError);
    expect((err as Error).message).toContain(`fra_Latn has 2 lines in ${dir}/fra_Latn.txt`);
    expect((err as Error).message).toContain(`3 lines in ${dir}/`);
    expect((err as Error).message).toContain("--allow-unaligned");
    const kept = await openCorpus(`text:${dir}`, { allowUnaligned: true });
    expect(kept.unaligned).toEqual(["fra_Latn"]);
    expect(kept.languages).toEqual(["deu_Latn", "eng_Latn", "fra_Latn"]);
    expect(kept.warnings.some((w) => w.code === "unaligned" && w.language === "fra_Latn")).toBe(true);
  });

  it("BOM and CRLF are invisible; NFC is applied unless normalize is false", async () => {
    const dir = folder("bom", {
      "eng_Latn.txt": Buffer.from("\uFEFFcafe\u0301 one\r\ntwo\r\n", "utf8"),
      "fra_Latn.txt": "un\ndeux\n",
    });
    const corpus = await openCorpus(`text:${dir}`);
    expect((await all(corpus, "eng_Latn")).map((s) => s.text)).toEqual(["caf\u00e9 one", "two"]);
    const raw = await openCorpus(`text:${dir}`, { normalize: false });
    expect((await all(raw, "eng_Latn"))[0]!.text).toBe("cafe\u0301 one");
  });

  it("invalid UTF-8 fails at open time naming the file and byte offset; replaceInvalid counts it", async () => {
    const dir = folder("invalid", {
      "eng_Latn.txt": Buffer.concat([Buffer.from("fine\nbr"), Buffer.from([0xc3, 0x28]), Buffer.from("ken\n")]),
    });
    await expect(openCorpus(`text:${dir}`)).rejects.toThrow(
      `Invalid UTF-8 in ${dir}/eng_Latn.txt at byte offset 7 (line 2)`,
    );
    const corpus = await openCorpus(`text:${dir}`, { replaceInvalid: true });
    expect(corpus.warnings.find((w) => w.code === "replaced-invalid-utf8")?.message).toMatch(
      /1 invalid UTF-8 sequence/,
    );
    expect((await all(corpus, "eng_Latn"))[1]!.text).toBe("br\uFFFD(ken");
  });

  it("an empty file, an empty folder, a misnamed file and a duplicate language are clear errors", async () => {
    await expect(openCorpus(`text:${folder("empty", { "eng_Latn.txt": "" })}`)).rejects.toThrow(
      /eng_Latn\.txt is empty/,
    );
    await expect(openCorpus(`text:${folder("blank", { "eng_Latn.txt": "\n \n" })}`)).rejects.toThrow(
      /is empty \(2 blank lines\)/,
    );
    await expect(openCorpus(`text:${folder("nofiles", { "README.md": "x" })}`)).rejects.toThrow(/No <code>\.txt files/);
    await expect(openCorpus(`text:${folder("misnamed", { "notes.txt": "x\n" })}`)).rejects.toThrow(
      /notes\.txt is not named after a language.*Closest/,
    );
    await expect(openCorpus(`text:${folder("dup", { "zho_Hans.txt": "x\n", "cmn_Hans.txt": "y\n" })}`)).rejects.toThrow(
      /are cmn_Hans/,
    );
    await expect(openCorpus(`text:${join(tmp, "does-not-exist")}`)).rejects.toThrow(CorpusError);
  });

  it("blank lines inside a file are kept as empty segments, with a warning", async () => {
    const corpus = await openCorpus(`text:${folder("blanks", { "eng_Latn.txt": "a\n\nc\n" })}`);
    expect((await all(corpus, "eng_Latn")).map((s) => s.text)).toEqual(["a", "", "c"]);
    expect(corpus.warnings.find((w) => w.code === "empty-segments")?.message).toMatch(/1 blank line/);
  });

  it("a well-formed code outside the registry is used as given, with a warning", async () => {
    const corpus = await openCorpus(`text:${folder("unregistered", { "qqq_Latn.txt": "x y\n" })}`);
    expect(corpus.languages).toEqual(["qqq_Latn"]);
    expect(corpus.warnings.some((w) => w.code === "unregistered-language")).toBe(true);
  });
});

describe("flores:<dir> with the FLORES-200 release layout", () => {
  const root = `${FIX}flores200_dataset`;
  it("reads devtest by default: 1012 segments per language, ids devtest:<n>, zho_Hans as cmn_Hans", async () => {
    const corpus = await openCorpus(`flores:${root}`);
    expect(corpus.languages).toEqual(["cmn_Hans", "eng_Latn", "tha_Thai"]);
    for (const l of corpus.languages) expect(corpus.segmentCount(l)).toBe(1012);
    const eng = await all(corpus, "eng_Latn");
    expect(eng).toHaveLength(1012);
    expect(eng[0]).toEqual({ id: "devtest:1", text: "Devtest sentence 1." });
    expect(eng.at(-1)!.id).toBe("devtest:1012");
    expect(corpus.describe("cmn_Hans").file).toBe(`${root}/devtest/zho_Hans.devtest`);
    expect(corpus.warnings.find((w) => w.code === "language-alias")?.message).toMatch(/zho_Hans/);
    expect(corpus.warnings.some((w) => w.code === "flores-size")).toBe(false);
    const stats = await corpusStats(corpus);
    expect(stats.find((s) => s.language === "eng_Latn")!.words).toBe(3 * 1012); // "Devtest sentence N."
  });

  it("dev has 997 and dev+devtest 2009 segments; the parent folder of flores200_dataset also works", async () => {
    const dev = await openCorpus(`flores:${root}`, { split: "dev" });
    expect(dev.segmentCount("tha_Thai")).toBe(997);
    const both = await openCorpus(`flores:${FIX}`, { split: "dev+devtest" });
    expect(both.segmentCount("eng_Latn")).toBe(2009);
    const ids = (await all(both, "cmn_Hans")).map((s) => s.id);
    expect(ids[996]).toBe("dev:997");
    expect(ids[997]).toBe("devtest:1");
  });

  it("a language in one split only is skipped with a warning, or misaligned for dev+devtest", async () => {
    const dir = join(tmp, "flores-partial");
    cpSync(root, dir, { recursive: true });
    writeFileSync(join(dir, "dev", "fra_Latn.dev"), "Phrase.\n".repeat(997));
    const devtest = await openCorpus(`flores:${dir}`);
    expect(devtest.languages).not.toContain("fra_Latn");
    expect(devtest.warnings.find((w) => w.code === "split-missing")?.message).toMatch(
      /fra_Latn\.dev has no devtest counterpart.*--split dev/,
    );
    await expect(openCorpus(`flores:${dir}`, { split: "dev+devtest" })).rejects.toThrow(
      /fra_Latn cannot be aligned: it has no devtest file/,
    );
    const kept = await openCorpus(`flores:${dir}`, { split: "dev+devtest", allowUnaligned: true });
    expect(kept.unaligned).toEqual(["fra_Latn"]);
  });

  it("a short file is an error naming it and both counts; a non-release size is flagged", async () => {
    const dir = join(tmp, "flores-short");
    cpSync(root, dir, { recursive: true });
    writeFileSync(join(dir, "devtest", "tha_Thai.devtest"), "ประโยค\n".repeat(1011));
    await expect(openCorpus(`flores:${dir}`)).rejects.toThrow(
      new RegExp(`tha_Thai has 1011 lines in ${dir}/devtest/tha_Thai.devtest, but .* 1012 lines in`),
    );
    const small = folder("flores-small", {
      "devtest/eng_Latn.devtest": "a\nb\n",
      "devtest/fra_Latn.devtest": "c\nd\n",
    });
    expect((await openCorpus(`flores:${small}`)).warnings.find((w) => w.code === "flores-size")?.message).toMatch(
      /2 lines per language; the FLORES-200 release has 1012/,
    );
    await expect(openCorpus(`flores:${small}`, { split: "dev" })).rejects.toThrow(/no dev\/<code>\.dev files/);
    await expect(openCorpus(`flores:${join(tmp, "nowhere")}`)).rejects.toThrow(/not a FLORES-200 folder/);
  });
});

describe("jsonl:<file>", () => {
  it("aligns segments by id whatever the line order, resolving lang aliases", async () => {
    const corpus = await openCorpus(`jsonl:${FIX}parallel.jsonl`);
    expect(corpus.languages).toEqual(["cmn_Hans", "deu_Latn", "eng_Latn"]);
    expect(corpus.parallel).toBe(true);
    expect(await all(corpus, "deu_Latn")).toEqual([
      { id: "greeting", text: "Guten Morgen, Freunde." },
      { id: "tea", text: "Ich trinke gern Tee." },
    ]);
    const stats = Object.fromEntries((await corpusStats(corpus)).map((s) => [s.language, s]));
    expect(stats.eng_Latn!.words).toBe(3 + 5);
    expect(stats.deu_Latn!.words).toBe(3 + 4);
  });

  it("different ids are an error (or flagged), bad JSON and missing fields name the line", async () => {
    const mis = folder("jsonl-mis", {
      "c.jsonl": [
        '{"id":"a","lang":"eng_Latn","text":"x"}',
        '{"id":"b","lang":"eng_Latn","text":"y"}',
        '{"id":"a","lang":"fra_Latn","text":"x"}',
        '{"id":"c","lang":"fra_Latn","text":"z"}',
      ].join("\n"),
    });
    await expect(openCorpus(`jsonl:${mis}/c.jsonl`)).rejects.toThrow(
      /Misaligned corpus .*fra_Latn has 2 fra_Latn segments.*same number of segments but different ids/,
    );
    expect((await openCorpus(`jsonl:${mis}/c.jsonl`, { allowUnaligned: true })).unaligned).toHaveLength(1);
    const bad = folder("jsonl-bad", {
      "b.jsonl": '{"lang":"eng_Latn","text":"ok"}\n{"lang":"eng_Latn",\n',
      "f.jsonl": '{"language":"eng_Latn","text":"x"}\n',
      "e.jsonl": "\n\n",
    });
    await expect(openCorpus(`jsonl:${bad}/b.jsonl`)).rejects.toThrow(/b\.jsonl line 2 is not valid JSON/);
    await expect(openCorpus(`jsonl:${bad}/f.jsonl`)).rejects.toThrow(
      /line 1 needs string fields "lang" and "text" \(found language, text\)/,
    );
    await expect(openCorpus(`jsonl:${bad}/e.jsonl`)).rejects.toThrow(/e\.jsonl is empty/);
  });
});

describe("malformed language codes", () => {
  // each used to resolve to the real language silently
  it("in languages (--langs): a ConfigError naming the value", async () => {
    for (const [code, shown] of [
      ["eng_../../x", "eng_../../x"],
      ["eng_Latn\0", "eng_Latn\\u0000"],
      ["deu_<b>", "deu_<b>"],
    ]) {
      const err = await openCorpus(`text:${FIX}text`, { languages: ["eng_Latn", code!] }).catch((e: unknown) => e);
      expect(err, code).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain(`Malformed language code '${shown}'`);
    }
  });

  it("as a JSONL lang: a CorpusError naming the file and line", async () => {
    const dir = folder("jsonl-malformed", {
      "a.jsonl": '{"lang":"eng_Latn","text":"x"}\n{"lang":"eng_../../x","text":"y"}\n',
      "b.jsonl": '{"lang":"deu_Latn","text":"x"}\n{"lang":"eng_Latn\\u0000","text":"y"}\n',
      "c.jsonl": '{"lang":"deu_<b>","text":"x"}\n',
    });
    for (const [file, line, shown] of [
      ["a", 2, "eng_../../x"],
      ["b", 2, "eng_Latn\\u0000"],
      ["c", 1, "deu_<b>"],
    ] as const) {
      const err = await openCorpus(`jsonl:${dir}/${file}.jsonl`).catch((e: unknown) => e);
      expect(err, file).toBeInstanceOf(CorpusError);
      expect((err as Error).message).toContain(`${dir}/${file}.jsonl line ${line}: Malformed language code '${shown}'`);
      expect((err as Error).message).toContain("toklens languages");
    }
  });

  it("as a text: file name (deu_evil..txt): the folder is refused, naming the file", async () => {
    const dir = folder("text-malformed", { "eng_Latn.txt": "a\n", "deu_evil..txt": "b\n" });
    const err = await openCorpus(`text:${dir}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorpusError);
    expect((err as Error).message).toContain(
      `Corpus file ${dir}/deu_evil..txt is not named after a language: Malformed language code 'deu_evil.'`,
    );
  });
});

describe("jsonl:<file> rows are never dropped", () => {
  // what Python's json.dumps writes by default (ensure_ascii): every non-ASCII character escaped
  const PY_ROWS = [
    '{"id": "1", "lang": "eng_Latn", "text": "Good morning."}',
    '{"id": "1", "lang": "Baoul\\u00e9", "text": "Aw\\u0254 ka."}',
    '{"id": "1", "lang": "deu\\u005fLatn", "text": "Guten Morgen."}',
    '{"id": "2", "lang": "eng_Latn", "text": "Thank you."}',
    '{"id": "2", "lang": "Baoul\\u00e9", "text": "N ni \\u00e9."}',
    '{"id": "2", "l\\u0061ng": "deu_Latn", "text": "Danke sch\\u00f6n."}',
  ];

  it("a lang written with JSON escapes (Baoul\\u00e9, deu\\u005fLatn) keeps every row", async () => {
    const dir = folder("jsonl-escaped", { "py.jsonl": PY_ROWS.join("\n") + "\n" });
    const corpus = await openCorpus(`jsonl:${dir}/py.jsonl`);
    expect(corpus.languages).toEqual(["bci_Latn", "deu_Latn", "eng_Latn"]);
    expect(await all(corpus, "deu_Latn")).toEqual([
      { id: "1", text: "Guten Morgen." },
      { id: "2", text: "Danke schön." },
    ]);
    expect(await all(corpus, "bci_Latn")).toEqual([
      { id: "1", text: "Awɔ ka." },
      { id: "2", text: "N ni é." },
    ]);
    for (const code of corpus.languages) expect((await all(corpus, code)).length, code).toBe(corpus.segmentCount(code));
  });

  it("blank lines are counted in a warning; rows that vanish between open and read are an error", async () => {
    const dir = folder("jsonl-changing", {
      "c.jsonl": ['{"lang":"eng_Latn","text":"a"}', "", '{"lang":"eng_Latn","text":"b"}', "  "].join("\n"),
    });
    const corpus = await openCorpus(`jsonl:${dir}/c.jsonl`);
    expect(corpus.warnings.find((w) => w.code === "blank-lines-skipped")?.message).toBe(
      `${dir}/c.jsonl: 2 blank line(s) skipped (not rows)`,
    );
    writeFileSync(`${dir}/c.jsonl`, '{"lang":"eng_Latn","text":"a"}\n');
    await expect(all(corpus, "eng_Latn")).rejects.toThrow(
      /c\.jsonl has 1 eng_Latn rows now but had 2 when the corpus was opened/,
    );
  });
});

describe("jsonl:<file> duplicate ids", () => {
  it("an id used twice within a language is refused, naming the language, id and lines", async () => {
    const dir = folder("jsonl-dup", {
      "d.jsonl": [
        '{"id":"a","lang":"eng_Latn","text":"one"}',
        '{"id":"b","lang":"eng_Latn","text":"two"}',
        '{"id":"a","lang":"deu_Latn","text":"eins"}',
        '{"id":"a","lang":"eng_Latn","text":"one again"}',
        '{"id":"b","lang":"de","text":"zwei"}',
        '{"id":"b","lang":"deu_Latn","text":"zwei"}',
      ].join("\n"),
      "tab.jsonl": '{"id":"x\\ty","lang":"eng_Latn","text":"1"}\n{"id":"x\\ty","lang":"eng_Latn","text":"2"}\n',
      // the same duplicate in every language aligned, and the two segments were summed into one
      "both.jsonl": ["a", "a", "b"]
        .flatMap((id) => [`{"id":"${id}","lang":"eng_Latn","text":"x"}`, `{"id":"${id}","lang":"fra_Latn","text":"y"}`])
        .join("\n"),
      "num.jsonl": '{"id":7,"lang":"eng_Latn","text":"1"}\n{"id":"7","lang":"eng_Latn","text":"2"}\n',
    });
    const err = await openCorpus(`jsonl:${dir}/d.jsonl`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorpusError);
    // the alias "de" and deu_Latn are one language
    expect((err as Error).message).toContain(
      `${dir}/d.jsonl: 2 id(s) used more than once within a language: eng_Latn id "a" on lines 1, 4; deu_Latn id "b" on lines 5, 6.`,
    );
    expect((err as Error).message).toContain("give each segment its own id");
    await expect(openCorpus(`jsonl:${dir}/both.jsonl`)).rejects.toThrow(
      /2 id\(s\) used more than once within a language: eng_Latn id "a" on lines 1, 3; fra_Latn id "a" on lines 2, 4\./,
    );
    await expect(openCorpus(`jsonl:${dir}/tab.jsonl`)).rejects.toThrow(/eng_Latn id "x\\ty" on lines 1, 2/);
    await expect(openCorpus(`jsonl:${dir}/num.jsonl`)).rejects.toThrow(/eng_Latn id "7" on lines 1, 2/);
    // the same id in different languages is what aligns them
    expect((await openCorpus(`jsonl:${FIX}parallel.jsonl`)).languages).toHaveLength(3);
  });
});

describe("corpus addresses", () => {
  it("an unknown form is a ConfigError listing the forms, with a hint for bare paths", async () => {
    await expect(openCorpus("flores200")).rejects.toThrow(
      /Unknown corpus 'flores200'\. Use one of: udhr \| flores:<dir>/,
    );
    await expect(openCorpus("./data")).rejects.toThrow(/prefix it: text:\.\/data/);
    await expect(openCorpus("udhr", { split: "test" as never })).rejects.toThrow(ConfigError);
  });
});
