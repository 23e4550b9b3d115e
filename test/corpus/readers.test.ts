// The corpus readers one by one (openJsonl, openTextDir, openFlores, openUdhr, readLines): exact messages, warnings,
// signatures and size labels, byte-level UTF-8 boundaries. Fast: small files in a temp folder, no CLI, no workers.
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CorpusError } from "../../src/errors.js";
import { decodeUtf8, firstInvalidByte, readLines } from "../../src/corpus/read-lines.js";
import { openJsonl } from "../../src/corpus/sources/jsonl-source.js";
import { openTextDir } from "../../src/corpus/sources/text-source.js";
import { openFlores } from "../../src/corpus/sources/flores-source.js";
import { openUdhr } from "../../src/corpus/sources/udhr-source.js";
import { scanLineFile, scanWarnings } from "../../src/corpus/sources/line-files.js";
import type { ReadOptions, SourceResult } from "../../src/corpus/sources/source.js";
import type { Segment } from "../../src/types.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-readers-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const OPTS: ReadOptions = { normalize: true, replaceInvalid: false, split: "devtest" };
let n = 0;

/** A fresh file under the temp dir. */
function file(content: string | Buffer, name = "c.jsonl"): string {
  const dir = join(tmp, `f${++n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

/** A fresh folder with the given files. */
function folder(files: Record<string, string | Buffer>): string {
  const dir = join(tmp, `d${++n}`);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const jsonl = (rows: unknown[]): string => rows.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n");

async function segs(result: SourceResult, code: string): Promise<Segment[]> {
  const out: Segment[] = [];
  for await (const s of result.languages.find((l) => l.info.code === code)!.segments()) out.push(s);
  return out;
}

async function errorOf(p: Promise<unknown>): Promise<CorpusError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CorpusError);
  return err as CorpusError;
}

async function lines(path: string, options = {}): Promise<Array<{ text: string; offset: number; replaced: number }>> {
  const out = [];
  for await (const l of readLines(path, options)) out.push({ text: l.text, offset: l.offset, replaced: l.replaced });
  return out;
}

describe("readLines edge cases", () => {
  it("strips a BOM only at the start of the file, also when the first line is nothing but the BOM", async () => {
    const f = file(Buffer.from("\uFEFF\n\uFEFFsecond\n", "utf8"), "bom.txt");
    expect(await lines(f)).toEqual([
      { text: "", offset: 3, replaced: 0 },
      { text: "\uFEFFsecond", offset: 4, replaced: 0 },
    ]);
  });

  it("keeps first lines whose bytes only look like part of a BOM (U+AEFF is EA BB BF, ÿ is C3 BF, Ａ is EF BC A1)", async () => {
    for (const first of ["\uAEFFx", "a\u00FF", "\uFF21b", "\uFFBFc", "\uFEC1d"]) {
      const f = file(`${first}\nz\n`, "nobom.txt");
      expect(
        (await lines(f)).map((l) => l.text),
        first,
      ).toEqual([first, "z"]);
      expect((await lines(f))[0]!.offset).toBe(0);
    }
  });

  it("removes one CR before LF, keeps a lone CR elsewhere, and reads an empty CRLF line as empty", async () => {
    const f = file("a\r\r\n\r\nb\rc\r", "cr.txt");
    expect((await lines(f)).map((l) => l.text)).toEqual(["a\r", "", "b\rc"]);
  });

  it("missing files and folders are CorpusErrors naming the path, with the system error as cause", async () => {
    const missing = join(tmp, "no-such-file.txt");
    const err = await errorOf(lines(missing));
    expect(err.message).toBe(`Corpus file not found: ${missing}. Check the path.`);
    expect((err.cause as NodeJS.ErrnoException).code).toBe("ENOENT");
    const dir = folder({ "x.txt": "x" });
    const err2 = await errorOf(lines(dir));
    expect(err2.message).toBe(`Cannot read corpus file ${dir}: EISDIR: illegal operation on a directory, read`);
    expect((err2.cause as NodeJS.ErrnoException).code).toBe("EISDIR");
  });

  it("a line of exactly maxLineBytes is read even when a chunk ends with it; one more byte is the full error", async () => {
    const f = file("xxxx\nyyyy", "cap.txt");
    for (const chunkSize of [2, 4, 5, 64]) {
      expect((await lines(f, { maxLineBytes: 4, chunkSize })).map((l) => l.text)).toEqual(["xxxx", "yyyy"]);
      const err = await errorOf(lines(f, { maxLineBytes: 3, chunkSize }));
      expect(err.message).toBe(
        `Line 1 of ${f} (from byte offset 0) is longer than 3 bytes, the longest line toklens reads. ` +
          "Is it a text file? Put one segment per line (one JSON object per line for jsonl:).",
      );
    }
  });

  it("states the cap in MiB only when it is a whole number of MiB", async () => {
    const MiB = 1024 * 1024;
    const f = file("x".repeat(2 * MiB + 1), "big.txt");
    for (const [cap, shown] of [
      [0, "0 bytes"],
      [MiB - 1, "1048575 bytes"],
      [MiB, "1 MiB (1048576 bytes)"],
      [MiB + 1, "1048577 bytes"],
      [1.5 * MiB, "1572864 bytes"],
      [2 * MiB, "2 MiB (2097152 bytes)"],
    ] as const) {
      const err = await errorOf(lines(f, { maxLineBytes: cap }));
      expect(err.message).toContain(`is longer than ${shown}, the longest`);
    }
  });

  it("reads chunkSize bytes at a time, not the whole file up front", async () => {
    const f = file(`a\n${"b".repeat(1000)}\n`, "lazy.txt");
    for (const [chunkSize, seesChange] of [
      [4, true],
      [65536, false],
    ] as const) {
      writeFileSync(f, `a\n${"b".repeat(1000)}\n`);
      const it = readLines(f, { chunkSize });
      expect((await it.next()).value!.text).toBe("a");
      const fd = openSync(f, "r+");
      writeSync(fd, "cccc", 500);
      closeSync(fd);
      const second = (await it.next()).value!.text;
      expect(second.includes("cccc"), `chunkSize ${chunkSize}`).toBe(seesChange);
      await it.return(undefined);
    }
  });
});

/** Whether this process holds a descriptor open on `path` (Linux /proc), polled until `open` or 2 s pass. */
async function holdsOpen(path: string, open: boolean): Promise<boolean> {
  const check = (): boolean =>
    readdirSync("/proc/self/fd").some((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  for (let t = 0; t < 200 && check() !== open; t++) await new Promise((r) => setTimeout(r, 10));
  return check();
}

describe.runIf(process.platform === "linux")("readLines closes the file", () => {
  it("when the reader stops early, when a line is too long, and at the end", async () => {
    const f = file(`a\n${"b".repeat(100)}\nc\n`, "fd.txt");
    const early = readLines(f, { chunkSize: 4 });
    await early.next();
    expect(await holdsOpen(f, true)).toBe(true);
    await early.return(undefined);
    expect(await holdsOpen(f, false)).toBe(false);

    for await (const line of readLines(f, { chunkSize: 4 })) if (line.number === 2) break;
    expect(await holdsOpen(f, false)).toBe(false);

    await errorOf(lines(f, { chunkSize: 4, maxLineBytes: 10 }));
    expect(await holdsOpen(f, false)).toBe(false);
  });
});

describe("firstInvalidByte at every boundary of UTF-8", () => {
  const cases: Array<[number[], number, string]> = [
    [[0x7f], 1, "U+007F"],
    [[0x80], 0, "lone continuation byte"],
    [[0xbf, 0xbf], 0, "continuation bytes are no lead byte"],
    [[0xbf, 0xbf, 0xbf], 0, "not a 3-byte lead either"],
    [[0x88, 0x90, 0x80, 0x80], 0, "not a 4-byte lead either"],
    [[0xc1, 0xbf], 0, "overlong U+007F"],
    [[0xc2, 0x80], 2, "U+0080"],
    [[0xdf, 0xbf], 2, "U+07FF"],
    [[0xc3, 0x41], 0, "lead byte followed by ASCII"],
    [[0x41, 0xc3], 1, "truncated at the end"],
    [[0xe0, 0x9f, 0xbf], 0, "overlong U+07FF"],
    [[0xe0, 0xa0, 0x80], 3, "U+0800"],
    [[0xed, 0x9f, 0xbf], 3, "U+D7FF"],
    [[0xed, 0xbf, 0xbf], 0, "U+DFFF surrogate"],
    [[0xee, 0x80, 0x80], 3, "U+E000"],
    [[0xef, 0xbf, 0xbf], 3, "U+FFFF"],
    [[0xf0, 0x8f, 0xbf, 0xbf], 0, "overlong U+FFFF"],
    [[0xf0, 0x90, 0x80, 0x80], 4, "U+10000"],
    [[0xf4, 0x8f, 0xbf, 0xbf], 4, "U+10FFFF"],
    [[0xf5, 0x80, 0x80, 0x80], 0, "F5 is never a lead byte"],
    [[0xf8, 0x90, 0x80, 0x80], 0, "F8 is never a lead byte"],
    [[0xe2, 0x82, 0x41], 0, "3-byte sequence cut by ASCII"],
  ];
  for (const [bytes, expected, what] of cases) {
    it(`${what}: ${expected}`, () => {
      expect(firstInvalidByte(Uint8Array.from(bytes))).toBe(expected);
      // the decoder agrees on validity
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes))).toSatisfy(
        (f: () => unknown) => {
          try {
            f();
            return expected === bytes.length;
          } catch {
            return expected < bytes.length;
          }
        },
      );
    });
  }
});

describe("decodeUtf8 counts replacements, not bytes that look like a U+FFFD", () => {
  // hand-counted against the WHATWG decoder: each maximal invalid subpart is one U+FFFD
  for (const [bytes, text, replaced] of [
    [[0x41, 0xbf, 0xbd], "A\uFFFD\uFFFD", 2],
    [[0xef, 0x41, 0xbd], "\uFFFDA\uFFFD", 2],
    [[0xef, 0xbf, 0x41], "\uFFFDA", 1],
    [[0x61, 0x62, 0xbd], "ab\uFFFD", 1],
    [[0xef, 0xbf, 0xbd, 0xff], "\uFFFD\uFFFD", 1],
  ] as const) {
    it(JSON.stringify(bytes), () => {
      expect(decodeUtf8(Uint8Array.from(bytes), { file: "f" }, true)).toEqual({ text, replaced });
    });
  }
});

describe("openJsonl", () => {
  it("a plain file: exact signature, size label, description, ids by position, kind, no warnings", async () => {
    const f = file(
      jsonl([
        { lang: "eng_Latn", text: "one" },
        { lang: "eng_Latn", text: "two", id: null },
      ]),
    );
    const r = await openJsonl(f, OPTS);
    expect(r.kind).toBe("jsonl");
    expect(r.warnings).toEqual([]);
    expect(r.languages).toHaveLength(1);
    const [l] = r.languages;
    expect(l!.count).toBe(2);
    expect(l!.signature).toBe("n=2;ids=position");
    expect(l!.sizeLabel).toBe(`2 eng_Latn segments (no ids) in ${f}`);
    expect(l!.describe).toEqual({ name: "English", file: f });
    expect(l!.note).toBeUndefined();
    expect(await segs(r, "eng_Latn")).toEqual([
      { id: "1", text: "one" },
      { id: "2", text: "two" },
    ]);
  });

  it("ids: numbers become strings, equal id sets give equal signatures, different ones do not", async () => {
    const f = file(
      jsonl([
        { lang: "fra_Latn", text: "b", id: 2 },
        { lang: "eng_Latn", text: "a", id: "1" },
        { lang: "deu_Latn", text: "a", id: "1" },
        { lang: "eng_Latn", text: "b", id: "2" },
        { lang: "deu_Latn", text: "b", id: 2 },
        { lang: "fra_Latn", text: "c", id: 3 },
      ]),
    );
    const r = await openJsonl(f, OPTS);
    expect(r.languages.map((l) => l.info.code)).toEqual(["deu_Latn", "eng_Latn", "fra_Latn"]);
    const [deu, eng, fra] = r.languages;
    expect(eng!.signature).toBe(deu!.signature);
    expect(eng!.signature).toMatch(/^n=2;ids=[0-9a-f]+$/);
    expect(fra!.signature).toMatch(/^n=2;ids=[0-9a-f]+$/);
    expect(fra!.signature).not.toBe(eng!.signature);
    expect(eng!.sizeLabel).toBe(`2 eng_Latn segments in ${f}`);
    expect(await segs(r, "deu_Latn")).toEqual([
      { id: "1", text: "a" },
      { id: "2", text: "b" },
    ]);
  });

  it("ids are compared as written: two ids differing only in normalisation are different ids", async () => {
    const f = file(
      jsonl([
        { lang: "eng_Latn", text: "a", id: "\u00e9" },
        { lang: "deu_Latn", text: "a", id: "e\u0301" },
      ]),
    );
    const r = await openJsonl(f, OPTS);
    expect(r.languages[0]!.signature).not.toBe(r.languages[1]!.signature);
    expect((await segs(r, "deu_Latn"))[0]!.id).toBe("e\u0301");
  });

  it("two spellings of one language are one language, with the alias noted, and every row is read", async () => {
    const f = file(
      jsonl([
        { lang: "zho_Hans", text: "一", id: "1" },
        { lang: "cmn_Hans", text: "二", id: "2" },
        { lang: "eng_Latn", text: "one", id: "1" },
        { lang: "zho_Hans", text: "三", id: "3" },
      ]),
    );
    const r = await openJsonl(f, OPTS);
    expect(r.languages.map((l) => [l.info.code, l.count])).toEqual([
      ["cmn_Hans", 3],
      ["eng_Latn", 1],
    ]);
    expect(r.languages[0]!.note).toBe(
      `${f}: zho_Hans is the FLORES-200 code of cmn_Hans (Chinese (Simplified)); toklens uses the individual-language code cmn_Hans`,
    );
    expect((await segs(r, "cmn_Hans")).map((s) => s.text)).toEqual(["一", "二", "三"]);
  });

  it("blank lines, empty texts and replaced bytes are warned about with exact counts", async () => {
    const f = file(
      Buffer.concat([
        Buffer.from(
          `${jsonl([
            { lang: "eng_Latn", text: "" },
            { lang: "eng_Latn", text: "  " },
          ])}\n\n   \n`,
        ),
        Buffer.from('{"lang":"eng_Latn","text":"a'),
        Buffer.from([0xff, 0x41, 0xfe]),
        Buffer.from('"}\n{"lang":"deu_Latn","text":"x'),
        Buffer.from([0xc3]),
        Buffer.from('"}\n{"lang":"deu_Latn","text":" y "}\n{"lang":"deu_Latn","text":"z"}\n'),
      ]),
    );
    expect((await errorOf(openJsonl(f, OPTS))).message).toBe(
      `Invalid UTF-8 in ${f} at byte offset 95 (line 5). Convert the file to UTF-8, or pass --replace-invalid to substitute U+FFFD and count the replacements.`,
    );
    const r = await openJsonl(f, { ...OPTS, replaceInvalid: true });
    expect(r.warnings).toEqual([
      { code: "blank-lines-skipped", message: `${f}: 2 blank line(s) skipped (not rows)` },
      {
        code: "replaced-invalid-utf8",
        language: "deu_Latn",
        message: `${f}: 1 invalid UTF-8 sequence(s) in deu_Latn lines replaced by U+FFFD (--replace-invalid)`,
      },
      { code: "empty-segments", language: "eng_Latn", message: `${f}: 2 empty eng_Latn segment(s)` },
      {
        code: "replaced-invalid-utf8",
        language: "eng_Latn",
        message: `${f}: 2 invalid UTF-8 sequence(s) in eng_Latn lines replaced by U+FFFD (--replace-invalid)`,
      },
    ]);
    expect((await segs(r, "eng_Latn")).map((s) => s.text)).toEqual(["", "  ", "a\uFFFDA\uFFFD"]);
    expect((await segs(r, "deu_Latn")).map((s) => s.id)).toEqual(["1", "2", "3"]);
  });

  it("rows that are not objects, lack fields or carry a bad id are refused with the line and the fix", async () => {
    const cases: Array<[string, string]> = [
      ["[1]", 'is not a JSON object. Each line must look like {"lang":"eng_Latn","text":"..."}.'],
      ["null", 'is not a JSON object. Each line must look like {"lang":"eng_Latn","text":"..."}.'],
      ['"text"', 'is not a JSON object. Each line must look like {"lang":"eng_Latn","text":"..."}.'],
      ["42", 'is not a JSON object. Each line must look like {"lang":"eng_Latn","text":"..."}.'],
      ['{"lang":"eng_Latn"}', 'needs string fields "lang" and "text" (found lang).'],
      ['{"text":"x"}', 'needs string fields "lang" and "text" (found text).'],
      ['{"lang":1,"text":"x"}', 'needs string fields "lang" and "text" (found lang, text).'],
      ["{}", 'needs string fields "lang" and "text" (found none).'],
    ];
    for (const [row, message] of cases) {
      const f = file(`{"lang":"eng_Latn","text":"ok"}\n${row}\n`);
      expect((await errorOf(openJsonl(f, OPTS))).message, row).toBe(`${f} line 2 ${message}`);
    }
    for (const id of ["true", "[1]", '{"a":1}']) {
      const f = file(`{"lang":"eng_Latn","text":"ok","id":"a"}\n{"lang":"eng_Latn","text":"x","id":${id}}\n`);
      expect((await errorOf(openJsonl(f, OPTS))).message, id).toBe(`${f} line 2: "id" must be a string or number.`);
    }
  });

  it("ids on some lines of a language only is an error saying what to do", async () => {
    const f = file(
      jsonl([
        { lang: "eng_Latn", text: "a", id: "1" },
        { lang: "eng_Latn", text: "b" },
        { lang: "eng_Latn", text: "c", id: "3" },
      ]),
    );
    expect((await errorOf(openJsonl(f, OPTS))).message).toBe(
      `${f}: 2 of 3 eng_Latn lines have an "id". Give every line an id, or none (lines then align by position).`,
    );
  });

  it("duplicate ids: found in any language, listed by their second line, five at most", async () => {
    const rows: unknown[] = [
      "",
      { lang: "deu_Latn", text: "no id" },
      { lang: "eng_Latn", text: "x", id: "b" },
      { lang: "eng_Latn", text: "x", id: "a" },
      { lang: "eng_Latn", text: "x", id: "a" },
      { lang: "eng_Latn", text: "x", id: "b" },
      { lang: "eng_Latn", text: "x", id: "solo" },
    ];
    const f = file(jsonl(rows));
    expect((await errorOf(openJsonl(f, OPTS))).message).toBe(
      `${f}: 2 id(s) used more than once within a language: eng_Latn id "a" on lines 4, 5; eng_Latn id "b" on lines 3, 6. ` +
        "An id names one segment per language (segments with the same id are translations of each other): give each segment its own id, or drop the ids to align by position.",
    );
    const ids = (k: number): unknown[] =>
      Array.from({ length: k }, (_, i) => [
        { lang: "eng_Latn", text: "x", id: `d${i}` },
        { lang: "eng_Latn", text: "y", id: `d${i}` },
      ]).flat();
    const five = file(jsonl(ids(5)));
    expect((await errorOf(openJsonl(five, OPTS))).message).toContain(
      `5 id(s) used more than once within a language: eng_Latn id "d0" on lines 1, 2; eng_Latn id "d1" on lines 3, 4; eng_Latn id "d2" on lines 5, 6; eng_Latn id "d3" on lines 7, 8; eng_Latn id "d4" on lines 9, 10. An id`,
    );
    const six = file(jsonl(ids(6)));
    expect((await errorOf(openJsonl(six, OPTS))).message).toContain(
      `6 id(s) used more than once within a language: eng_Latn id "d0" on lines 1, 2; eng_Latn id "d1" on lines 3, 4; eng_Latn id "d2" on lines 5, 6; eng_Latn id "d3" on lines 7, 8; eng_Latn id "d4" on lines 9, 10; .... An id`,
    );
  });

  it("two different ids whose 53-bit hashes collide are not duplicates; a real duplicate beside them is", async () => {
    // found with a rho search (Floyd) over 14-hex-digit strings; checked here with FNV-1a 64 written out
    const [a, b] = ["08627e2f932a2b", "19586e0c77742d"];
    const fnv = (s: string): bigint => {
      let h = 0xcbf29ce484222325n;
      for (const ch of s) h = ((h ^ BigInt(ch.charCodeAt(0))) * 0x100000001b3n) % 2n ** 64n;
      return h;
    };
    expect(fnv(a) >> 11n).toBe(fnv(b) >> 11n);
    expect(fnv(a)).not.toBe(fnv(b));
    const rows = [
      { lang: "eng_Latn", text: "x", id: a },
      { lang: "deu_Latn", text: "y", id: b },
      { lang: "eng_Latn", text: "y", id: b },
      { lang: "deu_Latn", text: "x", id: a },
    ];
    const f = file(jsonl(rows));
    const r = await openJsonl(f, OPTS);
    expect(r.languages.map((l) => l.count)).toEqual([2, 2]);
    expect(r.languages[0]!.signature).toBe(r.languages[1]!.signature);
    expect(await segs(r, "deu_Latn")).toEqual([
      { id: b, text: "y" },
      { id: a, text: "x" },
    ]);
    const dup = file(
      jsonl([...rows, { lang: "eng_Latn", text: "z", id: "c" }, { lang: "eng_Latn", text: "w", id: "c" }]),
    );
    expect((await errorOf(openJsonl(dup, OPTS))).message).toContain(
      `${dup}: 1 id(s) used more than once within a language: eng_Latn id "c" on lines 5, 6. An id`,
    );
  });

  it("a duplicate id written decomposed, in a file with replaced bytes, is found as written", async () => {
    const f = file(
      Buffer.concat([
        Buffer.from(
          jsonl([
            { lang: "eng_Latn", text: "x", id: "e\u0301" },
            { lang: "deu_Latn", text: "x", id: "1" },
          ]),
        ),
        Buffer.from('\n{"lang":"deu_Latn","text":"'),
        Buffer.from([0xff]),
        Buffer.from(`","id":"2"}\n${jsonl([{ lang: "eng_Latn", text: "y", id: "e\u0301" }])}\n`),
      ]),
    );
    expect((await errorOf(openJsonl(f, { ...OPTS, replaceInvalid: true }))).message).toContain(
      `1 id(s) used more than once within a language: eng_Latn id "e\u0301" on lines 1, 4.`,
    );
  });
});

describe("openTextDir and the line-file helpers", () => {
  it("exact languages, warnings and labels; other files and subfolders are ignored", async () => {
    const dir = folder({
      "zho_Hans.txt": "一\n\n三\n",
      "eng_Latn.txt": "one\n\nthree",
      "README.md": "not a language",
      "deu_Latn.txt/inner.txt": "a folder, not a file",
    });
    const r = await openTextDir(dir, OPTS);
    expect(r.kind).toBe("text");
    expect(r.languages.map((l) => [l.info.code, l.count, l.signature, l.sizeLabel, l.note, l.describe])).toEqual([
      [
        "eng_Latn",
        3,
        "lines=3",
        `3 lines in ${dir}/eng_Latn.txt`,
        undefined,
        { name: "English", file: `${dir}/eng_Latn.txt` },
      ],
      [
        "cmn_Hans",
        3,
        "lines=3",
        `3 lines in ${dir}/zho_Hans.txt`,
        `${dir}/zho_Hans.txt: zho_Hans is the FLORES-200 code of cmn_Hans (Chinese (Simplified)); toklens uses the individual-language code cmn_Hans`,
        { name: "Chinese (Simplified)", file: `${dir}/zho_Hans.txt` },
      ],
    ]);
    expect(r.warnings).toEqual([
      {
        code: "empty-segments",
        language: "eng_Latn",
        message: `${dir}/eng_Latn.txt: 1 blank line(s) kept as empty segments so line numbers stay aligned`,
      },
      {
        code: "empty-segments",
        language: "cmn_Hans",
        message: `${dir}/zho_Hans.txt: 1 blank line(s) kept as empty segments so line numbers stay aligned`,
      },
    ]);
  });

  it("lists files in code order whatever order the folder returns them in", async () => {
    const codes = ["deu_Latn", "eng_Latn", "fra_Latn", "ita_Latn", "spa_Latn"];
    for (const order of [codes, [...codes].reverse()]) {
      const dir = folder(Object.fromEntries(order.map((c) => [`${c}.txt`, `${c}\n`])));
      const r = await openTextDir(dir, OPTS);
      expect(r.languages.map((l) => l.info.code)).toEqual(codes);
    }
  });

  it("an empty or all-blank file is an error saying how many blank lines it has", async () => {
    const empty = file("", "eng_Latn.txt");
    expect((await errorOf(scanLineFile(empty, OPTS))).message).toBe(
      `Corpus file ${empty} is empty. Add text (one segment per line) or remove the file.`,
    );
    const blank = file(" \n\t\n\n", "eng_Latn.txt");
    expect((await errorOf(scanLineFile(blank, OPTS))).message).toBe(
      `Corpus file ${blank} is empty (3 blank lines). Add text (one segment per line) or remove the file.`,
    );
    expect(await scanLineFile(file("a\n \n", "x.txt"), OPTS)).toEqual({ lines: 2, emptyLines: 1, replaced: 0 });
  });

  it("scanWarnings: none for a clean scan, exact counts otherwise", () => {
    expect(scanWarnings("f.txt", "eng_Latn", { lines: 4, emptyLines: 0, replaced: 0 })).toEqual([]);
    expect(scanWarnings("f.txt", "eng_Latn", { lines: 4, emptyLines: 2, replaced: 3 })).toEqual([
      {
        code: "empty-segments",
        language: "eng_Latn",
        message: "f.txt: 2 blank line(s) kept as empty segments so line numbers stay aligned",
      },
      {
        code: "replaced-invalid-utf8",
        language: "eng_Latn",
        message: "f.txt: 3 invalid UTF-8 sequence(s) replaced by U+FFFD (--replace-invalid)",
      },
    ]);
  });

  it("a folder that cannot be read names the folder, the reason and the fix", async () => {
    const missing = join(tmp, "no-such-folder");
    const err = await errorOf(openTextDir(missing, OPTS));
    expect(err.message).toBe(
      `Cannot read corpus folder ${missing}: ENOENT: no such file or directory, scandir '${missing}'. Check the path.`,
    );
    expect((err.cause as NodeJS.ErrnoException).code).toBe("ENOENT");
  });
});

describe("openFlores", () => {
  const flores = (files: Record<string, string>): string => folder(files);
  const rows = (k: number, tag: string): string => Array.from({ length: k }, (_, i) => `${tag} ${i + 1}`).join("\n");

  it("a missing split names the folder and the other split", async () => {
    const onlyDev = flores({ "dev/eng_Latn.dev": "a\n" });
    expect((await errorOf(openFlores(onlyDev, OPTS))).message).toBe(
      `FLORES folder ${onlyDev} has no devtest/<code>.devtest files. Use --split dev or check the folder.`,
    );
    const onlyDevtest = flores({ "devtest/eng_Latn.devtest": "a\n" });
    expect((await errorOf(openFlores(onlyDevtest, { ...OPTS, split: "dev" }))).message).toBe(
      `FLORES folder ${onlyDevtest} has no dev/<code>.dev files. Use --split devtest or check the folder.`,
    );
  });

  it("exact languages, sorted by code; a language only in the other split is skipped with a warning", async () => {
    const root = flores({
      "devtest/zho_Hans.devtest": rows(3, "z"),
      "devtest/eng_Latn.devtest": rows(3, "e"),
      "dev/eng_Latn.dev": rows(2, "e"),
      "dev/deu_Latn.dev": rows(2, "d"),
    });
    const r = await openFlores(root, OPTS);
    expect(r.kind).toBe("flores");
    expect(r.languages.map((l) => [l.info.code, l.signature, l.sizeLabel, l.describe.file])).toEqual([
      ["cmn_Hans", "devtest=3", `3 lines in ${root}/devtest/zho_Hans.devtest`, `${root}/devtest/zho_Hans.devtest`],
      ["eng_Latn", "devtest=3", `3 lines in ${root}/devtest/eng_Latn.devtest`, `${root}/devtest/eng_Latn.devtest`],
    ]);
    expect(r.warnings).toEqual([
      {
        code: "split-missing",
        language: "deu_Latn",
        message: `${root}/dev/deu_Latn.dev has no devtest counterpart; deu_Latn is skipped (use --split dev)`,
      },
      {
        code: "flores-size",
        message: `${root}/devtest has 3 lines per language; the FLORES-200 release has 1012. Is this a different version of FLORES?`,
      },
    ]);
  });

  it("with --split dev, a devtest-only language is skipped with a warning naming devtest", async () => {
    const root = flores({ "dev/eng_Latn.dev": rows(2, "e"), "devtest/fra_Latn.devtest": rows(3, "f") });
    const r = await openFlores(root, { ...OPTS, split: "dev" });
    expect(r.languages.map((l) => [l.info.code, l.signature])).toEqual([["eng_Latn", "dev=2"]]);
    expect(r.warnings[0]).toEqual({
      code: "split-missing",
      language: "fra_Latn",
      message: `${root}/devtest/fra_Latn.devtest has no dev counterpart; fra_Latn is skipped (use --split devtest)`,
    });
  });

  it("dev+devtest: a language missing one split is incomplete with exact labels; sizes checked per split", async () => {
    const root = flores({
      "devtest/eng_Latn.devtest": rows(3, "e"),
      "devtest/fra_Latn.devtest": rows(3, "f"),
      "dev/eng_Latn.dev": rows(2, "e"),
    });
    const r = await openFlores(root, { ...OPTS, split: "dev+devtest" });
    const fra = r.languages.find((l) => l.info.code === "fra_Latn")!;
    expect([fra.count, fra.signature, fra.sizeLabel, fra.incomplete, fra.describe.file]).toEqual([
      3,
      "dev=missing,devtest=3",
      `3 lines in ${root}/devtest/fra_Latn.devtest (no dev file)`,
      `it has no dev file in ${root}`,
      `${root}/devtest/fra_Latn.devtest`,
    ]);
    const eng = r.languages.find((l) => l.info.code === "eng_Latn")!;
    expect([eng.count, eng.signature, eng.sizeLabel, eng.incomplete, eng.describe.file]).toEqual([
      5,
      "dev=2,devtest=3",
      `2 lines in ${root}/dev/eng_Latn.dev + 3 lines in ${root}/devtest/eng_Latn.devtest`,
      undefined,
      `${root}/dev/eng_Latn.dev, ${root}/devtest/eng_Latn.devtest`,
    ]);
    expect((await segs(r, "eng_Latn")).map((s) => s.id)).toEqual([
      "dev:1",
      "dev:2",
      "devtest:1",
      "devtest:2",
      "devtest:3",
    ]);
    // dev: eng has 2, fra none, so the languages disagree: only devtest is flagged
    expect(r.warnings).toEqual([
      {
        code: "flores-size",
        message: `${root}/devtest has 3 lines per language; the FLORES-200 release has 1012. Is this a different version of FLORES?`,
      },
    ]);
  });

  it("release sizes and languages that disagree are not flagged as another FLORES version", async () => {
    const release = flores({ "dev/eng_Latn.dev": rows(997, "e"), "dev/deu_Latn.dev": rows(997, "d") });
    expect((await openFlores(release, { ...OPTS, split: "dev" })).warnings).toEqual([]);
    const disagree = flores({ "dev/eng_Latn.dev": rows(4, "e"), "dev/deu_Latn.dev": rows(5, "d") });
    expect((await openFlores(disagree, { ...OPTS, split: "dev" })).warnings).toEqual([]);
  });
});

describe("openUdhr", () => {
  it("labels complete and incomplete translations exactly, with no warnings, and skips missing articles", async () => {
    const r = openUdhr(OPTS);
    expect(r.kind).toBe("udhr");
    expect(r.warnings).toEqual([]);
    const eng = r.languages.find((l) => l.info.code === "eng_Latn")!;
    expect([eng.signature, eng.sizeLabel, eng.incomplete]).toEqual([
      "articles 1-30",
      "30 of 30 articles in UDHR declaration eng",
      undefined,
    ]);
    const chv = r.languages.find((l) => l.info.code === "chv_Cyrl")!;
    expect(chv.signature).toBe("incomplete:chv_Cyrl");
    expect(chv.sizeLabel).toMatch(/^19 of 30 articles in UDHR declaration \S+$/);
    const got = await segs(r, "chv_Cyrl");
    expect(got).toHaveLength(19);
    expect(got.every((s) => /^article-\d+$/.test(s.id) && s.text.length > 0)).toBe(true);
  });
});
