// The streaming line reader: BOM, CRLF, a last line without newline, invalid UTF-8 offsets, and flat memory on 50 MB.
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { CorpusError } from "../../src/errors.js";
import { decodeUtf8, firstInvalidByte, MAX_LINE_BYTES, readLines } from "../../src/corpus/read-lines.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { segmentWords } from "../../src/corpus/words.js";

const dir = mkdtempSync(join(tmpdir(), "toklens-lines-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(
  file: string,
  options = {},
): Promise<Array<{ number: number; text: string; offset: number; replaced: number }>> {
  const out = [];
  for await (const l of readLines(file, options)) out.push(l);
  return out;
}

describe("readLines", () => {
  it("strips a BOM and CR before LF, keeps a final line without newline, reports byte offsets", async () => {
    const file = join(dir, "bom.txt");
    writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("one\r\ntwo ü\r\n\r\nthree", "utf8")]),
    );
    const lines = await collect(file, { chunkSize: 4 }); // tiny chunks: lines straddle chunk borders
    expect(lines.map((l) => l.text)).toEqual(["one", "two ü", "", "three"]);
    // offsets by hand: BOM 3 bytes, "one\r\n" 5, "two ü\r\n" 8 (ü is 2 bytes), "\r\n" 2
    expect(lines.map((l) => l.offset)).toEqual([3, 8, 16, 18]);
  });

  it("yields nothing for an empty file and one line for a file without newline", async () => {
    const empty = join(dir, "empty.txt");
    writeFileSync(empty, "");
    expect(await collect(empty)).toEqual([]);
    const one = join(dir, "one.txt");
    writeFileSync(one, "solo");
    expect((await collect(one)).map((l) => l.text)).toEqual(["solo"]);
  });

  it("NFC-normalises by default and keeps the raw text with normalize: false", async () => {
    const file = join(dir, "nfd.txt");
    writeFileSync(file, "e\u0301\n"); // e + combining acute
    expect((await collect(file))[0]!.text).toBe("\u00e9");
    expect((await collect(file, { normalize: false }))[0]!.text).toBe("e\u0301");
  });

  it("names the file and the byte offset of the first invalid byte", async () => {
    const file = join(dir, "bad.txt");
    // line 1 "ok\n" = 3 bytes; line 2 "ab" then 0xFF at file offset 5
    writeFileSync(file, Buffer.concat([Buffer.from("ok\nab"), Buffer.from([0xff]), Buffer.from("cd\n")]));
    const err = await collect(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorpusError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toContain("byte offset 5 (line 2)");
    expect((err as Error).message).toContain("--replace-invalid");
  });

  it("with replaceInvalid substitutes U+FFFD and counts only real replacements", async () => {
    const file = join(dir, "bad2.txt");
    // a truncated 3-byte sequence (E2 82) and a lone continuation byte (80): 2 invalid sequences; a genuine U+FFFD is not counted
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from("a"),
        Buffer.from([0xe2, 0x82]),
        Buffer.from(" b"),
        Buffer.from([0x80]),
        Buffer.from(" \uFFFD\n", "utf8"),
      ]),
    );
    const [line] = await collect(file, { replaceInvalid: true });
    expect(line!.text).toBe("a\uFFFD b\uFFFD \uFFFD");
    expect(line!.replaced).toBe(2);
  });

  it("firstInvalidByte rejects overlong forms and surrogates", () => {
    expect(firstInvalidByte(Buffer.from("añ€😀", "utf8"))).toBe(10);
    expect(firstInvalidByte(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1); // overlong NUL
    expect(firstInvalidByte(Buffer.from([0x41, 0x42, 0xed, 0xa0, 0x80]))).toBe(2); // UTF-8 encoded surrogate
    expect(firstInvalidByte(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
  });
});

describe("the line-length cap", () => {
  it("a line one byte over the cap is a CorpusError naming the file, the line and the cap; at the cap it is read", async () => {
    const file = join(dir, "long.txt");
    // line 1 "short" (6 bytes with LF), line 2 is 17 bytes, line 3 short again
    writeFileSync(file, `short\n${"x".repeat(17)}\nend\n`);
    const ok = await collect(file, { maxLineBytes: 17, chunkSize: 4 });
    expect(ok.map((l) => l.text)).toEqual(["short", "x".repeat(17), "end"]);
    for (const chunkSize of [4, 65536]) {
      // chunks of 4 bytes: the cap is hit while the line is still pending; one chunk: hit when the LF is found
      const err = await collect(file, { maxLineBytes: 16, chunkSize }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CorpusError);
      expect((err as Error).message).toContain(`Line 2 of ${file} (from byte offset 6) is longer than 16 bytes`);
    }
  });

  it("is 64 MiB by default, and jsonl:/dev/zero fails with it instead of filling memory", async () => {
    expect(MAX_LINE_BYTES).toBe(64 * 1024 * 1024);
    const err = await openCorpus("jsonl:/dev/zero").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorpusError);
    expect((err as Error).message).toMatch(
      /^Line 1 of \/dev\/zero \(from byte offset 0\) is longer than 64 MiB \(67108864 bytes\)/,
    );
  }, 30_000);
});

describe("decodeUtf8", () => {
  it("counts the line of the first bad byte when no line is given, and replaces on request", () => {
    const bytes = Buffer.concat([Buffer.from("one\ntwo\nthr"), Buffer.from([0xe9]), Buffer.from("e\n")]); // Latin-1 é
    expect(() => decodeUtf8(bytes, { file: "f.txt" }, false)).toThrow(
      /Invalid UTF-8 in f\.txt at byte offset 11 \(line 3\)\..*--replace-invalid/,
    );
    expect(decodeUtf8(bytes, { file: "f.txt" }, true)).toEqual({ text: "one\ntwo\nthr\uFFFDe\n", replaced: 1 });
    expect(decodeUtf8(Buffer.from("\uFEFFok", "utf8"), { file: "f.txt" }, false)).toEqual({
      text: "\uFEFFok",
      replaced: 0,
    });
  });
});

describe("a 50 MB corpus file", () => {
  it("is read with flat memory: the heap never grows by a fraction of the file size", async () => {
    const textDir = join(dir, "big");
    const file = join(textDir, "eng_Latn.txt");
    mkdirSync(textDir, { recursive: true });
    const line = "The quick brown fox jumps over the lazy dog while counting tokens per word, again and again.\n";
    const lines = Math.ceil((50 * 1024 * 1024) / line.length);
    const fd = openSync(file, "w");
    const block = line.repeat(10_000);
    for (let i = 0; i < lines; i += 10_000) writeSync(fd, block);
    closeSync(fd);
    const total = Math.ceil(lines / 10_000) * 10_000;

    const corpus = await openCorpus(`text:${textDir}`);
    expect(corpus.segmentCount("eng_Latn")).toBe(total);
    // a real collection before each sample measures live memory, not garbage awaiting collection
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let segments = 0;
    let words = 0;
    for await (const seg of corpus.segments("eng_Latn")) {
      segments++;
      if (segments % 997 === 0) words += segmentWords(seg.text, "eng_Latn").length;
      if (segments % 100_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    expect(segments).toBe(total);
    expect(words).toBe(Math.floor(total / 997) * 17); // 17 words per line, counted by hand
    // holding what was read would keep > 50 MB alive; streaming keeps one chunk and one line
    expect(peak - baseline).toBeLessThan(8 * 1024 * 1024);
  });
});
