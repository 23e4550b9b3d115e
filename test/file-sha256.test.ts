// The remembered file hash: equal to a fresh sha256, answered from the cache only while the file's stat is unchanged,
// a bad entry recomputed with a warning, and no cache at all when there is no cache directory (--no-cache).
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileSha256, SETTLE_MS } from "../src/file-sha256.js";
import { preparedInput, runTokenize } from "../src/tokenize/run.js";
import { prepareLanguage } from "../src/tokenize/tokenize-corpus.js";
import { resolveTokenizerSpec, specSha256 } from "../src/tokenizers/load.js";
import type { Warning } from "../src/types.js";
import { PACKAGE_ROOT } from "../src/version.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-file-sha256-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/**
 * A fresh cache folder and a file holding `text`. The files these tests write are seconds old at most, so their
 * hashes are remembered only with the settle time off (`settleMs: 0`); the last tests check the default.
 */
function setup(text: string): { dir: string; file: string } {
  n++;
  const file = join(tmp, `file-${n}.txt`);
  writeFileSync(file, text);
  return { dir: join(tmp, `cache-${n}`), file };
}

/** The one entry in the cache folder `dir`. */
function onlyEntry(dir: string): string {
  const names = readdirSync(join(dir, "file-sha256"));
  expect(names).toHaveLength(1);
  return join(dir, "file-sha256", names[0]!);
}

/** Replaces the remembered hash in the entry with `sha256`: a cache hit then answers it, a recompute does not. */
function plant(entry: string, sha256: string): void {
  writeFileSync(entry, JSON.stringify({ ...JSON.parse(readFileSync(entry, "utf8")), sha256 }));
}

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const PLANTED = "0".repeat(64);

describe("fileSha256", () => {
  it("gives the sha256 of the file's bytes, from the file and then from the cache", async () => {
    const { dir, file } = setup("Habari ya asubuhi");
    // the sha256 of these 17 bytes, computed by `printf %s 'Habari ya asubuhi' | sha256sum`
    const expected = "f0386736f03f72e3b8809d40510e9dd2c13b8897ac9c1b9cc4df7372065c1e40";
    expect(sha("Habari ya asubuhi")).toBe(expected);
    expect(await fileSha256(file, { dir, settleMs: 0 })).toBe(expected);
    expect(await fileSha256(file, { dir, settleMs: 0 })).toBe(expected);
    plant(onlyEntry(dir), PLANTED);
    // an unchanged file is not read again: the (planted) entry answers
    expect(await fileSha256(file, { dir, settleMs: 0 })).toBe(PLANTED);
  });

  it("hashes a touched file again (same size and content, new mtime)", async () => {
    const { dir, file } = setup("abc");
    await fileSha256(file, { dir, settleMs: 0 });
    plant(onlyEntry(dir), PLANTED);
    utimesSync(file, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(await fileSha256(file, { dir, settleMs: 0 })).toBe(sha("abc"));
  });

  it("hashes a rewritten file of the same size again, even with its old mtime put back", async () => {
    const { dir, file } = setup("abc");
    utimesSync(file, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(await fileSha256(file, { dir, settleMs: 0 })).toBe(sha("abc"));
    writeFileSync(file, "xyz");
    utimesSync(file, new Date(2001, 0, 1), new Date(2001, 0, 1)); // mtime as before; ctime moves on
    expect(await fileSha256(file, { dir, settleMs: 0 })).toBe(sha("xyz"));
  });

  it("recomputes a corrupted entry with a cache-entry-invalid warning and writes a good one", async () => {
    const { dir, file } = setup("abc");
    await fileSha256(file, { dir, settleMs: 0 });
    const entry = onlyEntry(dir);
    for (const bad of ["{not json", JSON.stringify({ key: "nope", sha256: sha("abc") }), "{}"]) {
      writeFileSync(entry, bad);
      const warnings: Warning[] = [];
      expect(await fileSha256(file, { dir, settleMs: 0, onWarning: (w) => warnings.push(w) })).toBe(sha("abc"));
      expect(warnings.map((w) => w.code)).toEqual(["cache-entry-invalid"]);
      expect(warnings[0]!.message).toContain(entry);
      expect(JSON.parse(readFileSync(entry, "utf8")).sha256).toBe(sha("abc"));
    }
    writeFileSync(entry, JSON.stringify({ ...JSON.parse(readFileSync(entry, "utf8")), sha256: "xyz" }));
    const warnings: Warning[] = [];
    expect(await fileSha256(file, { dir, settleMs: 0, onWarning: (w) => warnings.push(w) })).toBe(sha("abc"));
    expect(warnings[0]!.message).toContain("sha256 is not 64 hex digits");
  });

  it("with the settle time off remembers a file hashed in the same millisecond it was written", async () => {
    // the stat's timestamps are in nanoseconds and the clock in milliseconds: a file written and hashed at once was
    // refused as changed "in the future" about one time in four, and the tests using settleMs 0 failed now and then
    let remembered = 0;
    for (let i = 0; i < 50; i++) {
      const { dir, file } = setup(`written just now ${i}`);
      await fileSha256(file, { dir, settleMs: 0 });
      if (existsSync(join(dir, "file-sha256")) && readdirSync(join(dir, "file-sha256")).length === 1) remembered++;
    }
    expect(remembered).toBe(50);
  });

  it("without a cache directory neither reads nor writes an entry", async () => {
    const { dir, file } = setup("abc");
    await fileSha256(file, { dir, settleMs: 0 });
    plant(onlyEntry(dir), PLANTED);
    expect(await fileSha256(file, { dir: null })).toBe(sha("abc"));
    expect(await fileSha256(file)).toBe(sha("abc"));
  });

  it("does not remember the hash of a file changed less than settleMs ago, and does once it has settled", async () => {
    const { dir, file } = setup("abc");
    // written just now: by default (3 s) too recent to trust its stat, so it is hashed each time and never stored
    expect(SETTLE_MS).toBe(3000);
    expect(await fileSha256(file, { dir })).toBe(sha("abc"));
    expect(await fileSha256(file, { dir, settleMs: 60_000 })).toBe(sha("abc"));
    expect(existsSync(join(dir, "file-sha256")) ? readdirSync(join(dir, "file-sha256")) : []).toEqual([]);
    // an mtime put back does not make it settled: its ctime still says it changed just now
    utimesSync(file, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(await fileSha256(file, { dir, settleMs: 60_000 })).toBe(sha("abc"));
    expect(existsSync(join(dir, "file-sha256")) ? readdirSync(join(dir, "file-sha256")) : []).toEqual([]);
    // a file whose last change is older than the settle time is remembered
    await new Promise((r) => setTimeout(r, 30));
    expect(await fileSha256(file, { dir, settleMs: 20 })).toBe(sha("abc"));
    plant(onlyEntry(dir), PLANTED);
    expect(await fileSha256(file, { dir, settleMs: 20 })).toBe(PLANTED);
  });

  it("throws a read error as it comes", async () => {
    await expect(fileSha256(join(tmp, "missing"), { dir: join(tmp, "cache-missing") })).rejects.toMatchObject({
      code: "ENOENT",
    });
  });
});

describe("the tokenizer fingerprint and the tokenize run", () => {
  const tokenizer = join(PACKAGE_ROOT, "test", "fixtures", "tokenizers", "wordlevel.tokenizer.json");
  const input = () => preparedInput(prepareLanguage("eng_Latn", [{ id: "1", text: "hello world" }], "1".repeat(64)));

  it("specSha256 with a cache equals the sha256 of the tokenizer file", async () => {
    const spec = await resolveTokenizerSpec(tokenizer);
    const fresh = createHash("sha256").update(readFileSync(tokenizer)).digest("hex");
    const dir = join(tmp, "spec-cache");
    expect(await specSha256(spec, { dir })).toBe(fresh);
    expect(await specSha256(spec, { dir })).toBe(fresh);
    expect(readdirSync(join(dir, "file-sha256"))).toHaveLength(1);
  });

  it("remembers the tokenizer's hash in the run's cache folder, and --no-cache (cache: false) does not", async () => {
    const dir = join(tmp, "run-cache");
    const first = await runTokenize({ tokenizers: [tokenizer], languages: [input()], workers: 1, cache: dir });
    expect(readdirSync(join(dir, "file-sha256"))).toHaveLength(1);
    const second = await runTokenize({ tokenizers: [tokenizer], languages: [input()], workers: 1, cache: dir });
    expect(second.cacheHits).toBe(1);
    expect(second.results[0]!.segments).toEqual(first.results[0]!.segments);

    const off = join(tmp, "off-cache");
    const prior = process.env["TOKLENS_CACHE_DIR"];
    process.env["TOKLENS_CACHE_DIR"] = off;
    try {
      const run = await runTokenize({ tokenizers: [tokenizer], languages: [input()], workers: 1, cache: false });
      expect(run.cacheHits).toBe(0);
    } finally {
      if (prior === undefined) delete process.env["TOKLENS_CACHE_DIR"];
      else process.env["TOKLENS_CACHE_DIR"] = prior;
    }
    expect(existsSync(off)).toBe(false);
  });
});
