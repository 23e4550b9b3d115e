// parquet: and flores-plus: against the same text in the FLORES-200 layout (counts, premiums, a second tokenizer
// implementation), and every refusal. The Parquet files are written here with hyparquet-writer.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, describe, expect, it } from "vitest";
import { runCompare } from "../../src/analysis/compare.js";
import { ConfigError, CorpusError } from "../../src/errors.js";
import { openCorpus, type Corpus } from "../../src/corpus/open-corpus.js";
import { getEncoding } from "../helpers/js-tiktoken.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-parquet-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string): string => {
  const dir = join(tmp, `${name}-${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Four UDHR paragraphs per language (test/fixtures/multilingual): the first two are "dev", the last two "devtest". */
const SAMPLE = readFileSync(new URL("../fixtures/multilingual/udhr-sample.tsv", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l && !l.startsWith("#"))
  .map((l) => l.split("\t") as [string, string]);
const paragraphs = (udhr: string): string[] => SAMPLE.filter(([c]) => c === udhr).map(([, t]) => t);
/** FLORES-200 file code, FLORES+ iso_639_3 and iso_15924, UDHR sample code. */
const LANGS = [
  { flores: "eng_Latn", iso: "eng", script: "Latn", glotto: "stan1293", udhr: "eng" },
  { flores: "deu_Latn", iso: "deu", script: "Latn", glotto: "stan1295", udhr: "deu_1996" },
  { flores: "zho_Hans", iso: "cmn", script: "Hans", glotto: "beij1234", udhr: "cmn_hans" },
  { flores: "hin_Deva", iso: "hin", script: "Deva", glotto: "hind1269", udhr: "hin" },
] as const;
const SPLITS = { dev: [0, 2], devtest: [2, 4] } as const;

interface FloresPlusRow {
  id: number;
  iso: string;
  script: string;
  glotto: string;
  text: string | null;
}

/** A Parquet file in the FLORES+ schema (id, iso_639_3, iso_15924, glottocode, text, url, ... last_updated). */
function floresPlusParquet(file: string, rows: readonly FloresPlusRow[], rowGroupSize = 1): void {
  const col = (name: string, data: unknown[], type: "STRING" | "INT64" | "BOOLEAN" | "INT32") => ({ name, data, type });
  const buf = parquetWriteBuffer({
    columnData: [
      col(
        "id",
        rows.map((r) => BigInt(r.id)),
        "INT64",
      ),
      col(
        "iso_639_3",
        rows.map((r) => r.iso),
        "STRING",
      ),
      col(
        "iso_15924",
        rows.map((r) => r.script),
        "STRING",
      ),
      col(
        "glottocode",
        rows.map((r) => r.glotto),
        "STRING",
      ),
      col(
        "text",
        rows.map((r) => r.text),
        "STRING",
      ),
      col(
        "url",
        rows.map((r) => `https://en.wikinews.org/wiki/${r.id}`),
        "STRING",
      ),
      col(
        "domain",
        rows.map(() => "wikinews"),
        "STRING",
      ),
      col(
        "topic",
        rows.map(() => "human rights"),
        "STRING",
      ),
      col(
        "has_image",
        rows.map(() => false),
        "BOOLEAN",
      ),
      col(
        "has_hyperlink",
        rows.map(() => false),
        "BOOLEAN",
      ),
      col(
        "last_updated",
        rows.map(() => "2.1"),
        "STRING",
      ),
    ] as Parameters<typeof parquetWriteBuffer>[0]["columnData"],
    rowGroupSize,
  });
  writeFileSync(file, new Uint8Array(buf));
}

/** Any table: named columns of strings, numbers or nulls. */
function table(
  file: string,
  columns: Record<string, unknown[]>,
  options: { rowGroupSize?: number; codec?: string } = {},
): string {
  const columnData = Object.entries(columns).map(([name, data]) => ({
    name,
    data,
    type: data.some((v) => typeof v === "number") ? "INT32" : "STRING",
  }));
  const buf = parquetWriteBuffer({
    columnData: columnData as Parameters<typeof parquetWriteBuffer>[0]["columnData"],
    ...(options.rowGroupSize ? { rowGroupSize: options.rowGroupSize } : {}),
    ...(options.codec
      ? {
          codec: options.codec as "GZIP",
          compressors: { GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)), LZO: (b: Uint8Array) => b },
        }
      : {}),
  });
  writeFileSync(file, new Uint8Array(buf));
  return file;
}

const rowsOf = (l: (typeof LANGS)[number], split: keyof typeof SPLITS): FloresPlusRow[] =>
  paragraphs(l.udhr)
    .slice(...SPLITS[split])
    .map((text, i) => ({ id: i + 1, iso: l.iso, script: l.script, glotto: l.glotto, text }));

/** The sample in the FLORES-200 layout and in both FLORES+ layouts. */
function layouts(): { flores: string; plusParquet: string; plusText: string } {
  const flores = fresh("flores");
  const plusParquet = fresh("flores-plus-hf");
  const plusText = join(fresh("flores-plus-zip"), "floresp-v2.0-rc.3");
  for (const split of ["dev", "devtest"] as const) {
    for (const d of [flores, plusParquet, plusText]) mkdirSync(join(d, split), { recursive: true });
    for (const l of LANGS) {
      const lines = paragraphs(l.udhr).slice(...SPLITS[split]);
      writeFileSync(join(flores, split, `${l.flores}.${split}`), lines.join("\n") + "\n");
      writeFileSync(join(plusText, split, `${split}.${l.iso}_${l.script}`), lines.join("\n") + "\n");
      floresPlusParquet(join(plusParquet, split, `${l.iso}_${l.script}.parquet`), rowsOf(l, split));
    }
  }
  return { flores, plusParquet, plusText: join(plusText, "..") };
}

async function texts(corpus: Corpus): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const l of corpus.languages) {
    out[l] = [];
    for await (const s of corpus.segments(l)) out[l].push(s.text);
  }
  return out;
}

describe("flores-plus: and parquet: read the same text as flores:", () => {
  const { flores, plusParquet, plusText } = layouts();
  const codes = ["cmn_Hans", "deu_Latn", "eng_Latn", "hin_Deva"];

  it("the same languages and segments in all three layouts, for each split", async () => {
    for (const split of ["dev", "devtest", "dev+devtest"] as const) {
      const reference = await openCorpus(`flores:${flores}`, { split });
      expect(reference.languages).toEqual(codes);
      for (const source of [`flores-plus:${plusParquet}`, `flores-plus:${plusText}`]) {
        const c = await openCorpus(source, { split });
        expect(c.languages, source).toEqual(codes);
        expect(c.parallel, source).toBe(true);
        expect(await texts(c), `${source} ${split}`).toEqual(await texts(reference));
        for (const l of codes) expect(c.segmentCount(l)).toBe(reference.segmentCount(l));
      }
    }
  });

  it("the same token counts and premiums with gpt2, and the counts js-tiktoken gives for the text", async () => {
    // all languages in one file, in two row groups that split languages across them: the id aligns them
    const single = join(fresh("single"), "devtest.parquet");
    floresPlusParquet(
      single,
      LANGS.flatMap((l) => rowsOf(l, "devtest")),
      3,
    );
    const run = (corpus: string) =>
      runCompare({ tokenizers: ["gpt2"], corpus, cache: false, workers: 1, split: "devtest" });
    const reference = await run(`flores:${flores}`);
    const gpt2 = getEncoding("gpt2");
    for (const corpus of [`flores-plus:${plusParquet}`, `flores-plus:${plusText}`, `parquet:${single}`]) {
      const r = await run(corpus);
      for (const l of codes) {
        const row = r.results.find((x) => x.language === l)!;
        const ref = reference.results.find((x) => x.language === l)!;
        const lang = LANGS.find((x) => `${x.iso}_${x.script}` === l)!;
        const direct = paragraphs(lang.udhr)
          .slice(2, 4)
          .reduce((s, t) => s + gpt2.encode(t.normalize("NFC")).length, 0);
        expect(row.tokens, `${corpus} ${l}`).toBe(direct);
        expect(row.segments).toBe(ref.segments);
        expect(row.premium, `${corpus} ${l}`).toBe(ref.premium);
        expect(row.premium).toBeCloseTo(direct / r.results.find((x) => x.language === "eng_Latn")!.tokens!, 12);
      }
    }
  });

  it("FLORES+ varieties map to the FLORES-200 code of the same text; an unknown variety is skipped with a warning", async () => {
    const dir = fresh("varieties");
    mkdirSync(join(dir, "devtest"));
    const arb = paragraphs("arb").slice(0, 2);
    const rows = (iso: string, glotto: string) =>
      arb.map((text, i) => ({ id: i + 1, iso, script: "Arab", glotto, text }));
    floresPlusParquet(join(dir, "devtest", "apc_Arab_nort3139.parquet"), rows("apc", "nort3139"));
    floresPlusParquet(join(dir, "devtest", "apc_Arab_sout3123.parquet"), rows("apc", "sout3123"));
    floresPlusParquet(join(dir, "devtest", "arb_Arab_xyzw1234.parquet"), rows("arb", "xyzw1234"));
    const c = await openCorpus(`flores-plus:${dir}`);
    expect(c.languages).toEqual(["ajp_Arab", "apc_Arab"]);
    expect(c.warnings.find((w) => w.code === "variety-skipped")?.message).toContain(
      "arb_Arab_xyzw1234 is a FLORES+ variety",
    );
    expect(c.warnings.find((w) => w.code === "language-alias" && w.language === "ajp_Arab")?.message).toContain(
      "apc_Arab_sout3123 is the FLORES+ name of ajp_Arab",
    );
    // the same files through parquet: (as hf-dataset: reads them) with their iso and glottocode columns
    const p = await openCorpus(`parquet:${join(dir, "devtest")}`);
    expect(p.languages).toEqual(["ajp_Arab", "apc_Arab"]);
    expect(p.warnings.find((w) => w.code === "variety-skipped")?.message).toContain(
      "arb_Arab_xyzw1234.parquet: arb_Arab_xyzw1234 is a FLORES+ variety",
    );
  });

  it("a language missing from one split of dev+devtest is refused, or kept unaligned with allowUnaligned", async () => {
    const dir = fresh("gap");
    for (const split of ["dev", "devtest"] as const) {
      mkdirSync(join(dir, split));
      for (const l of LANGS.slice(0, split === "dev" ? 3 : 2))
        floresPlusParquet(join(dir, split, `${l.iso}_${l.script}.parquet`), rowsOf(l, split));
    }
    await expect(openCorpus(`flores-plus:${dir}`, { split: "dev+devtest" })).rejects.toThrow(
      /cmn_Hans cannot be aligned: it has no devtest file in .*gap.* Pass --allow-unaligned/,
    );
    const kept = await openCorpus(`flores-plus:${dir}`, { split: "dev+devtest", allowUnaligned: true });
    expect(kept.unaligned).toEqual(["cmn_Hans"]);
    const devtest = await openCorpus(`flores-plus:${dir}`, { split: "devtest" });
    expect(devtest.warnings.find((w) => w.code === "split-missing")?.message).toMatch(
      /cmn_Hans.parquet has no devtest counterpart/,
    );
  });
});

describe("parquet: columns, languages, ids and samples", () => {
  const eng = ["one", "two", "three", "four"];
  const deu = ["eins", "zwei", "drei", "vier"];

  it("the language from the file name, ids aligning rows given in another order", async () => {
    const dir = fresh("by-name");
    table(join(dir, "eng_Latn.parquet"), { id: ["a", "b", "c", "d"], text: eng }, { rowGroupSize: 2 });
    table(join(dir, "deu_Latn.parquet"), { id: ["d", "c", "b", "a"], text: [...deu].reverse() });
    const c = await openCorpus(`parquet:${dir}`);
    expect(c.languages).toEqual(["deu_Latn", "eng_Latn"]);
    expect(c.parallel).toBe(true);
    const segs: Record<string, Record<string, string>> = {};
    for (const l of c.languages) {
      segs[l] = {};
      for await (const s of c.segments(l)) segs[l][s.id] = s.text;
    }
    expect(segs.eng_Latn).toEqual({ a: "one", b: "two", c: "three", d: "four" });
    expect(segs.deu_Latn).toEqual({ a: "eins", b: "zwei", c: "drei", d: "vier" });
  });

  it("the language from a folder (FineWeb-2's data/<code>/train/), from --lang-column, from --lang", async () => {
    const dir = fresh("folders");
    mkdirSync(join(dir, "data", "deu_Latn", "train"), { recursive: true });
    table(join(dir, "data", "deu_Latn", "train", "000_00000.parquet"), { text: deu });
    expect((await openCorpus(`parquet:${dir}`)).languages).toEqual(["deu_Latn"]);
    const mixed = table(join(fresh("col"), "mixed.parquet"), {
      language: ["en", "de", "en", "de"],
      text: ["one", "eins", "two", "zwei"],
    });
    const c = await openCorpus(`parquet:${mixed}`, { langColumn: "language" });
    expect(c.languages).toEqual(["deu_Latn", "eng_Latn"]);
    expect(c.segmentCount("eng_Latn")).toBe(2);
    const fixed = await openCorpus(`parquet:${mixed}`, { lang: "fra_Latn" });
    expect(fixed.languages).toEqual(["fra_Latn"]);
    expect(fixed.segmentCount("fra_Latn")).toBe(4);
  });

  it("--max-segments and --max-chars take the first rows of each language, with a warning", async () => {
    const file = table(
      join(fresh("sample"), "s.parquet"),
      {
        lang: ["eng_Latn", "deu_Latn", "eng_Latn", "deu_Latn", "eng_Latn"],
        text: ["aaaa", "bb", "cccc", "dd", "eeee"],
      },
      { rowGroupSize: 2 },
    );
    const c = await openCorpus(`parquet:${file}`, { langColumn: "lang", maxSegments: 2, allowUnaligned: true });
    expect(c.segmentCount("eng_Latn")).toBe(2);
    expect(c.segmentCount("deu_Latn")).toBe(2);
    expect(c.warnings.filter((w) => w.code === "sampled").map((w) => w.language)).toEqual(["eng_Latn"]);
    const got: string[] = [];
    for await (const s of c.segments("eng_Latn")) got.push(s.text);
    expect(got).toEqual(["aaaa", "cccc"]);
    // 5 characters: "aaaa" (4) is under the limit, "cccc" crosses it and is kept, "eeee" is not read
    const chars = await openCorpus(`parquet:${file}`, { langColumn: "lang", maxChars: 5, allowUnaligned: true });
    expect(chars.segmentCount("eng_Latn")).toBe(2);
    expect(chars.segmentCount("deu_Latn")).toBe(2);
    expect(chars.warnings.find((w) => w.code === "sampled")?.message).toContain(
      "eng_Latn was cut to its first 2 segments (8 characters) by --max-chars 5",
    );
  });

  it("gzip-compressed files are read; null texts are empty segments, counted", async () => {
    const file = table(join(fresh("gzip"), "eng_Latn.parquet"), { text: ["one", null, "three"] }, { codec: "GZIP" });
    const c = await openCorpus(`parquet:${file}`);
    expect(c.segmentCount("eng_Latn")).toBe(3);
    expect(c.warnings.find((w) => w.code === "empty-segments")?.message).toContain(
      "1 empty (or null) eng_Latn text(s)",
    );
  });
});

describe("parquet: refusals", () => {
  const refuse = async (
    source: string,
    options: Parameters<typeof openCorpus>[1],
    message: RegExp,
    cls: typeof CorpusError | typeof ConfigError = CorpusError,
  ) => {
    const err = await openCorpus(source, options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cls);
    expect((err as Error).message).toMatch(message);
  };

  it("a missing text, language or id column names the columns the file has", async () => {
    const file = table(join(fresh("cols"), "eng_Latn.parquet"), { id: [1, 2], content: ["a", "b"] });
    await refuse(
      `parquet:${file}`,
      {},
      /has no text column 'text'\. It has the columns id, content; name the text one with --text-column/,
    );
    await refuse(
      `parquet:${file}`,
      { textColumn: "content", langColumn: "lang" },
      /has no language column 'lang'\. It has the columns id, content/,
    );
    await refuse(
      `parquet:${file}`,
      { textColumn: "content", idColumn: "key" },
      /has no id column 'key'\. .* or pass --id-column none/,
    );
    await refuse(`parquet:${file}`, { textColumn: "id" }, /column 'id' does not hold strings/);
    const ok = await openCorpus(`parquet:${file}`, { textColumn: "content", idColumn: "none" });
    expect(ok.segmentCount("eng_Latn")).toBe(2);
  });

  it("a file whose language cannot be known, or is no language", async () => {
    const dir = fresh("nolang");
    table(join(dir, "part-0.parquet"), { text: ["a"] });
    await refuse(
      `parquet:${dir}`,
      {},
      /part-0\.parquet: no language for its rows\. .*--lang-column.*--lang <code>.*eng_Latn\.parquet/,
    );
    const bad = table(join(fresh("badlang"), "t.parquet"), { lang: ["eng_Latn", "xx-junk!"], text: ["a", "b"] });
    await refuse(
      `parquet:${bad}`,
      { langColumn: "lang" },
      /t\.parquet row 2: Malformed language code 'xx-junk!'|t\.parquet row 2: Unknown language/,
    );
    const empty = table(join(fresh("emptylang"), "t.parquet"), { lang: ["eng_Latn", null], text: ["a", "b"] });
    await refuse(`parquet:${empty}`, { langColumn: "lang" }, /row 2: the language column 'lang' is empty/);
  });

  it("a corrupt, truncated or non-Parquet file, and an unsupported codec", async () => {
    const dir = fresh("corrupt");
    writeFileSync(join(dir, "eng_Latn.parquet"), "id,text\n1,hello\n");
    await refuse(
      `parquet:${dir}`,
      {},
      /is not a readable Parquet file: it does not start and end with the Parquet magic bytes PAR1/,
    );
    const cut = table(join(fresh("cut"), "eng_Latn.parquet"), { text: ["hello", "world"] });
    truncateSync(cut, statSync(cut).size - 10);
    await refuse(`parquet:${cut}`, {}, /is not a readable Parquet file/);
    const lzo = table(join(fresh("lzo"), "eng_Latn.parquet"), { text: ["hello"] }, { codec: "LZO" });
    await refuse(
      `parquet:${lzo}`,
      {},
      /column text is compressed with LZO, which toklens cannot decompress \(it reads UNCOMPRESSED, SNAPPY, .*ZSTD.*\)/,
    );
    await refuse(`parquet:${join(tmp, "nope.parquet")}`, {}, /Cannot read .*nope\.parquet/);
    await refuse(`parquet:${fresh("none")}`, {}, /No \*\.parquet files in/);
  });

  it("invalid UTF-8 is refused, or replaced and counted with replaceInvalid", async () => {
    const file = join(fresh("utf8"), "eng_Latn.parquet");
    const bytes = [new Uint8Array([0x68, 0x69]), new Uint8Array([0x61, 0xff, 0x62, 0xef, 0xbf, 0xbd])];
    writeFileSync(
      file,
      new Uint8Array(parquetWriteBuffer({ columnData: [{ name: "text", data: bytes, type: "BYTE_ARRAY" }] })),
    );
    // a BYTE_ARRAY column without the UTF8 annotation is not text
    await refuse(`parquet:${file}`, {}, /column 'text' does not hold strings/);
    const utf8 = join(fresh("utf8s"), "eng_Latn.parquet");
    const schema = [
      { name: "root", num_children: 1 },
      { name: "text", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
    ] as NonNullable<Parameters<typeof parquetWriteBuffer>[0]["schema"]>;
    writeFileSync(utf8, new Uint8Array(parquetWriteBuffer({ columnData: [{ name: "text", data: bytes }], schema })));
    await refuse(
      `parquet:${utf8}`,
      {},
      /eng_Latn\.parquet row 2: invalid UTF-8 in column text \(the text\)\. .*--replace-invalid/,
    );
    const c = await openCorpus(`parquet:${utf8}`, { replaceInvalid: true });
    // one invalid byte replaced; the U+FFFD written in the data is not counted
    expect(c.warnings.find((w) => w.code === "replaced-invalid-utf8")?.message).toContain(
      "1 invalid UTF-8 sequence(s)",
    );
  });

  it("an id twice within a language, a null id, a misaligned language, bad limits", async () => {
    const dup = table(join(fresh("dup"), "eng_Latn.parquet"), { id: ["a", "b", "a"], text: ["x", "y", "z"] });
    await refuse(
      `parquet:${dup}`,
      {},
      /1 id\(s\) used more than once within a language: eng_Latn id "a" at .*row 1 and .*row 3/,
    );
    const nullId = table(join(fresh("nullid"), "eng_Latn.parquet"), { id: ["a", null], text: ["x", "y"] });
    await refuse(`parquet:${nullId}`, {}, /row 2: the id column 'id' is empty \(null\)/);
    const dir = fresh("misaligned");
    table(join(dir, "eng_Latn.parquet"), { id: ["1", "2"], text: ["x", "y"] });
    table(join(dir, "deu_Latn.parquet"), { id: ["1", "3"], text: ["x", "y"] });
    table(join(dir, "fra_Latn.parquet"), { id: ["1", "2"], text: ["x", "y"] });
    await refuse(
      `parquet:${dir}`,
      {},
      /Misaligned corpus .*deu_Latn has 2 deu_Latn segments in .*the same number of segments but different ids/,
    );
    await refuse(`parquet:${dir}`, { maxSegments: 0 }, /Invalid --max-segments '0'/, ConfigError);
    await refuse(`parquet:${dir}`, { textColumn: " " }, /--text-column is empty/, ConfigError);
  });
});
