// The page fonts' disk cache: a warm call gives the same rules as no cache, a changed text or font is never served
// stale, and a damaged entry is recomputed with a cache-entry-invalid warning.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadChartFonts } from "../../src/report/fonts.js";
import { pageFonts } from "../../src/report/page-fonts.js";
import type { Warning } from "../../src/types.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const cacheDir = () => {
  const d = mkdtempSync(join(tmpdir(), "toklens-font-cache-"));
  dirs.push(d);
  return d;
};

/** Every coverage and subset entry file under `<dir>/fonts`, recursively (the whole pages' entries left out). */
function entries(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (p === join(dir, "fonts", "pages")) continue;
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(join(dir, "fonts"));
  return out.sort();
}

/** The whole pages' entries, read first by a call on the bundled faces: removed, so coverage and subsets are read. */
const dropPages = (dir: string) => rmSync(join(dir, "fonts", "pages"), { recursive: true, force: true });

const TEXT = "Tokens ไทย नमस्ते 日本";

describe("pageFonts with a cache", () => {
  it("writes one coverage entry and one subset per face, and a warm call gives the same rules", () => {
    const dir = cacheDir();
    const plain = pageFonts(TEXT);
    const cold = pageFonts(TEXT, undefined, { cacheDir: dir });
    expect(cold).toEqual(plain);
    expect(entries(dir)).toHaveLength(plain.faces + 1);
    const warnings: Warning[] = [];
    const warm = pageFonts(TEXT, undefined, { cacheDir: dir, onWarning: (w) => warnings.push(w) });
    expect(warm).toEqual(plain);
    expect(warnings).toEqual([]);
  });

  it("serves what it stored: a subset entry swapped for another face's is what a warm call embeds", () => {
    const dir = cacheDir();
    pageFonts("ไทย", undefined, { cacheDir: dir });
    pageFonts("日本", undefined, { cacheDir: dir });
    const subsets = entries(dir).filter((p) => JSON.parse(readFileSync(p, "utf8")).woff !== undefined);
    const thai = subsets.find((p) => pageFonts("ไทย").css.includes(JSON.parse(readFileSync(p, "utf8")).woff))!;
    const han = subsets.find(
      (p) => p !== thai && !pageFonts("ไทย").css.includes(JSON.parse(readFileSync(p, "utf8")).woff),
    )!;
    const swapped = { ...JSON.parse(readFileSync(thai, "utf8")), woff: JSON.parse(readFileSync(han, "utf8")).woff };
    writeFileSync(thai, JSON.stringify(swapped));
    dropPages(dir);
    expect(pageFonts("ไทย", undefined, { cacheDir: dir }).css).toContain(swapped.woff);
  });

  it("never serves a stale entry: another text, or another font with the same characters, is cut afresh", () => {
    const dir = cacheDir();
    pageFonts("ไทย", undefined, { cacheDir: dir });
    const before = entries(dir).length;
    expect(pageFonts("ไก่", undefined, { cacheDir: dir })).toEqual(pageFonts("ไก่"));
    expect(entries(dir).length).toBe(before + 1);
    // the same characters from a face whose file differs in one byte of its name table: a new key
    const [face] = loadChartFonts(["noto-sans-thai"]);
    const data = Buffer.from(face!.data);
    const tables = data.readUInt16BE(4);
    for (let i = 0; i < tables; i++) {
      const rec = 12 + 16 * i;
      if (data.toString("latin1", rec, rec + 4) === "name") data[data.readUInt32BE(rec + 8) + 6]! ^= 1;
    }
    const changed = [{ ...face!, data }];
    const n = entries(dir).length;
    expect(pageFonts("ไทย", changed, { cacheDir: dir })).toEqual(pageFonts("ไทย", changed));
    expect(entries(dir).length).toBe(n + 1);
  });

  it("recomputes damaged entries (torn, not base64, a wrong WOFF length) with a warning, and rewrites them", () => {
    const dir = cacheDir();
    const plain = pageFonts(TEXT, undefined, { cacheDir: dir });
    const files = entries(dir);
    const wrongLength = (t: string) => {
      const entry = JSON.parse(t) as { woff: string };
      const woff = Buffer.from(entry.woff, "base64");
      woff.writeUInt32BE(woff.length + 4, 8);
      return JSON.stringify({ ...entry, woff: woff.toString("base64") });
    };
    const damage = [
      (t: string) => t.slice(0, t.length / 2),
      (t: string) => t.replace(/"woff":"[A-Za-z0-9+/]{8}/, '"woff":"@@@@@@@@'),
      wrongLength,
    ];
    let subset = 0;
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      const bad = text.includes('"faces"')
        ? text.replace(/"faces":\[\[/, '"faces":[[5,3,')
        : damage[subset++ % 3]!(text);
      expect(bad).not.toBe(text);
      writeFileSync(f, bad);
    }
    const warnings: Warning[] = [];
    dropPages(dir);
    const again = pageFonts(TEXT, undefined, { cacheDir: dir, onWarning: (w) => warnings.push(w) });
    expect(again).toEqual(plain);
    expect(warnings.length).toBe(files.length);
    expect(warnings.every((w) => w.code === "cache-entry-invalid")).toBe(true);
    const messages = warnings.map((w) => w.message).join("\n");
    for (const problem of ["not valid JSON", "not base64", "its length is not the one its header states", "a run is"])
      expect(messages).toContain(problem);
    const quiet: Warning[] = [];
    expect(pageFonts(TEXT, undefined, { cacheDir: dir, onWarning: (w) => quiet.push(w) })).toEqual(plain);
    expect(quiet).toEqual([]);
  });

  it("keeps a whole page's fonts in one entry per text, read without coverage or subsets, recomputed when damaged", () => {
    const dir = cacheDir();
    const plain = pageFonts(TEXT);
    pageFonts(TEXT, undefined, { cacheDir: dir });
    pageFonts("ไก่", undefined, { cacheDir: dir });
    const pages = readdirSync(join(dir, "fonts", "pages")).map((n) => join(dir, "fonts", "pages", n));
    expect(pages).toHaveLength(2);
    // with every coverage and subset entry gone, a warm call still gives the same rules: it read its page's entry
    for (const f of entries(dir)) rmSync(f);
    expect(pageFonts(TEXT, undefined, { cacheDir: dir })).toEqual(plain);
    expect(entries(dir)).toEqual([]);
    // a page entry changed inside (still valid JSON) no longer matches its hash: recomputed with a warning
    for (const f of pages) writeFileSync(f, readFileSync(f, "utf8").replace(/\\"faces\\":(\d)/, '\\"faces\\":9$1'));
    const warnings: Warning[] = [];
    expect(pageFonts(TEXT, undefined, { cacheDir: dir, onWarning: (w) => warnings.push(w) })).toEqual(plain);
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining("its fonts do not match their hash")]);
  });
});
