// Opening a line corpus scans each file once: the counts of the whole-chunk decode equal those of reading it line by
// line (readLines), and every file it cannot vouch for gets readLines' own error.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readLines } from "../../src/corpus/read-lines.js";
import { scanLineFile } from "../../src/corpus/sources/line-files.js";
import type { ReadOptions } from "../../src/corpus/sources/source.js";

const OPTS: ReadOptions = { normalize: true, replaceInvalid: false, split: "devtest" };
const dir = mkdtempSync(join(tmpdir(), "toklens-line-scan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string | Uint8Array): string {
  const path = join(dir, `f${n++}.txt`);
  writeFileSync(path, content);
  return path;
}

/** The counts as readLines gives them: every line, and those `trim` leaves empty. */
async function byLine(path: string, replaceInvalid = false) {
  let lines = 0;
  let emptyLines = 0;
  let replaced = 0;
  for await (const line of readLines(path, { normalize: false, replaceInvalid })) {
    lines++;
    replaced += line.replaced;
    if (line.text.trim() === "") emptyLines++;
  }
  return { lines, emptyLines, replaced };
}

async function errorOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected an error");
}

describe("scanLineFile", () => {
  it("counts lines and blank lines as readLines does: CRLF, BOM, white space of every kind, no final newline", async () => {
    const contents = [
      "a\nb\n",
      "a\r\nb\r\n\r\n",
      "a\n\r",
      "\ufeff\nx",
      "\ufeffx\n \n",
      "x\n\u00a0\u3000\u2028\ufeff\u200b\n\u0085\n\u180e\n",
      "x\n\n\n\n",
      "x",
      "  \n\t\v\f\nword",
    ];
    for (const content of contents) {
      const path = file(content);
      expect(await scanLineFile(path, OPTS), JSON.stringify(content)).toEqual(await byLine(path));
    }
  });

  it("a character cut by the end of a read still decodes: lines past 64 KiB of three- and four-byte characters", async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? " " : `${"語".repeat(i % 50)}😀${i}`));
    const path = file(lines.join("\n"));
    expect(await scanLineFile(path, OPTS)).toEqual({ lines: 3000, emptyLines: Math.ceil(3000 / 7), replaced: 0 });
    expect(await scanLineFile(path, OPTS)).toEqual(await byLine(path));
  });

  it("invalid UTF-8 anywhere gives readLines' error, or with --replace-invalid its counts", async () => {
    const cut = new Uint8Array([0x61, 0x0a, 0x62, 0xe8, 0xaa, 0x0a, 0x63]); // "a", "b" and a cut 語, "c"
    const atEnd = new Uint8Array([0x61, 0x0a, 0xf0, 0x9f]);
    for (const bytes of [cut, atEnd]) {
      const path = file(bytes);
      const expected = await errorOf(byLine(path));
      expect(expected.message).toMatch(/Invalid UTF-8/);
      expect((await errorOf(scanLineFile(path, OPTS))).message).toBe(expected.message);
      expect(await scanLineFile(path, { ...OPTS, replaceInvalid: true })).toEqual(await byLine(path, true));
    }
  });

  it("a missing file gives readLines' error", async () => {
    const path = join(dir, "missing.txt");
    expect((await errorOf(scanLineFile(path, OPTS))).message).toBe((await errorOf(byLine(path))).message);
  });
});
