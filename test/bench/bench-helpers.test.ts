// The bench's pure helpers: its command line, the FLORES-sized corpus layout, and the du -sb size walk.
import {
  linkSync,
  lstatSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkMet, formatCheck, parseBenchArgs } from "../../src/bench/checks.js";
import { keystrokeText } from "../../src/bench/serve.js";
import { diskUsageBytes } from "../../src/bench/disk-size.js";
import {
  floresCodes,
  pickSources,
  resampleLines,
  seededRandom,
  writeFloresCorpus,
} from "../../src/bench/flores-corpus.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "toklens-bench-test-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("parseBenchArgs", () => {
  it("runs every part by default, a subset in bench order with --only, and takes the FLORES folder from env", () => {
    expect(parseBenchArgs([], {}).parts).toEqual([
      "udhr",
      "flores",
      "joined",
      "load",
      "report",
      "serve",
      "size",
      "budget",
    ]);
    // the parquet part (220 MB written and read) runs only when asked for
    expect(parseBenchArgs(["--only", "parquet,udhr"], {}).parts).toEqual(["udhr", "parquet"]);
    expect(parseBenchArgs(["--only", "size, load,size"], { TOKLENS_BENCH_FLORES: "/f" })).toEqual({
      parts: ["load", "size"],
      flores: "/f",
    });
    expect(parseBenchArgs(["--flores", "/g"], { TOKLENS_BENCH_FLORES: "/f" }).flores).toBe("/g");
    expect(() => parseBenchArgs(["--only", "udhr,speed"], {})).toThrow(/Unknown bench part 'speed'/);
  });

  it("checks a target with its own comparison", () => {
    const check = { label: "x", detail: "", value: 500, unit: "MB" as const, target: { op: "<" as const, limit: 500 } };
    expect(checkMet(check)).toBe(false);
    expect(checkMet({ ...check, target: { op: "<=", limit: 500 } })).toBe(true);
    expect(formatCheck(check)).toMatch(/500 MB +target < 500 MB +NOT met$/);
    const keystroke = { ...check, value: 43.14, unit: "ms" as const, target: { op: "<" as const, limit: 50 } };
    expect(formatCheck(keystroke)).toMatch(/ 43\.1 ms +target < 50 ms +met$/);
  });

  it("types the serve keystroke text: 2,000 code points of seven scripts, from the UDHR texts given", () => {
    const udhr = new Map(
      ["eng_Latn", "hin_Deva", "jpn_Jpan", "swh_Latn", "arb_Arab", "rus_Cyrl", "amh_Ethi"].map((code, i) => [
        code,
        [`${code} ${"नमस्ते 日本 😀 ".slice(0, 3 + i)}`],
      ]),
    );
    const text = keystrokeText(udhr);
    expect([...text]).toHaveLength(2000);
    expect(text.startsWith("eng_Latn ")).toBe(true);
    for (const code of udhr.keys()) expect(text).toContain(code);
    expect(() => keystrokeText(new Map())).toThrow(/no UDHR text for eng_Latn/);
  });
});

describe("the FLORES-sized corpus", () => {
  const latin = "All human beings are born free and equal in dignity and rights. ".repeat(20);
  const han = "人人生而自由在尊严和权利上一律平等他们赋有理性和良心并应以兄弟关系的精神相对待".repeat(5);

  it("resamples word runs from spaced text and character runs from unspaced text, the same for the same seed", () => {
    const words = resampleLines(latin, 50, seededRandom(1));
    expect(words).toHaveLength(50);
    for (const line of words) {
      const n = line.split(" ").length;
      expect(n).toBeGreaterThanOrEqual(10);
      expect(n).toBeLessThan(40);
    }
    const chars = resampleLines(han, 50, seededRandom(1));
    for (const line of chars) expect([...line].length).toBeGreaterThanOrEqual(30);
    expect(chars.every((l) => !l.includes(" "))).toBe(true);
    expect(resampleLines(latin, 5, seededRandom(7))).toEqual(resampleLines(latin, 5, seededRandom(7)));
    expect(() => resampleLines(" \n", 1, seededRandom(1))).toThrow(/empty/);
  });

  it("takes a language's own text, else its language's, else one in its script, else any", () => {
    const texts = new Map([
      ["eng_Latn", "E"],
      ["arb_Arab", "A"],
      ["cmn_Hans", "C"],
    ]);
    const picked = pickSources(["eng_Latn", "arb_Latn", "pes_Arab", "zho_Hans", "amh_Ethi"], texts);
    expect([...picked.values()]).toEqual(["E", "A", "A", "C", "C"]);
  });

  it("keeps 200 of FLORES-200's codes spread over the alphabet, the pivot and Chinese among them", () => {
    const codes = floresCodes(200);
    expect(codes).toHaveLength(200);
    expect(new Set(codes).size).toBe(200);
    expect(codes).toEqual(expect.arrayContaining(["eng_Latn", "zho_Hans", "zho_Hant", "ace_Arab"]));
    expect(floresCodes(204)).toHaveLength(204);
  });

  it("writes dev and devtest files of FLORES-200's sizes that the flores: reader opens", async () => {
    const dir = tempDir();
    const codes = writeFloresCorpus(dir, new Map([["eng_Latn", latin]]), { languages: 3 });
    expect(codes).toHaveLength(3);
    expect(readdirSync(join(dir, "dev"))).toEqual(codes.map((c) => `${c}.dev`));
    expect(readdirSync(join(dir, "devtest"))).toEqual(codes.map((c) => `${c}.devtest`));
    const dev = readFileSync(join(dir, "dev", `${codes[1]}.dev`), "utf8");
    expect(dev.endsWith("\n")).toBe(true);
    expect(dev.split("\n").slice(0, -1)).toHaveLength(997);
    const corpus = await openCorpus(`flores:${dir}`, { split: "dev+devtest" });
    expect(corpus.languages).toEqual(codes);
    expect(corpus.segmentCount(codes[2]!)).toBe(997 + 1012);
  });
});

describe("diskUsageBytes", () => {
  it("counts files, folders and symlinks by their apparent size, a hard-linked file once, through a root symlink", () => {
    const dir = tempDir();
    const root = join(dir, "tree");
    mkdirSync(join(root, "sub"), { recursive: true });
    writeFileSync(join(root, "a.txt"), "x".repeat(1000));
    writeFileSync(join(root, "sub", "b.txt"), "y".repeat(300));
    linkSync(join(root, "a.txt"), join(root, "sub", "a-link.txt"));
    symlinkSync("a.txt", join(root, "sym"));
    symlinkSync(root, join(dir, "alias"));
    const size = diskUsageBytes(join(dir, "alias"));
    const folders = statSync(root).size + statSync(join(root, "sub")).size;
    expect(size).toBe(1000 + 300 + folders + lstatSync(join(root, "sym")).size);
  });
});
