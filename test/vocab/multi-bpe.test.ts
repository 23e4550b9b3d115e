// Multi-language continued BPE: the strategies' choices worked by hand, and frequency against the one-language trainer.
import { describe, expect, it } from "vitest";
import { continueBpe, type LearnedMerge } from "../../src/vocab/bpe-continue.js";
import { countBpeWords } from "../../src/vocab/expand.js";
import { jsonTokenizerEngine } from "../../src/vocab/json-engine.js";
import {
  combineProportional,
  learnShared,
  parseBudgetStrategy,
  splitBudget,
  type WordCounts,
} from "../../src/vocab/multi-bpe.js";
import { readTiktokenEncoding, tiktokenToTokenizerJson } from "../../src/vocab/tiktoken-to-json.js";
import { udhrParagraphs } from "./udhr-text.js";

const w = (s: string, count: number) => ({ symbols: [...s], count });
const ascii = (t: string): boolean => t.length === 1 && t.charCodeAt(0) < 128;
const tokens = (ms: ReadonlyArray<{ token: string }>) => ms.map((m) => m.token);

// A: ab x5, cd x1; B: xy x3, zw x2. Dev: A "ab" once (2 tokens), B "xy" twice and "zw" once (6 tokens).
const train = new Map<string, WordCounts>([
  ["A", [w("ab", 5), w("cd", 1)]],
  ["B", [w("xy", 3), w("zw", 2)]],
]);
const dev = new Map<string, WordCounts>([
  ["A", [w("ab", 1)]],
  ["B", [w("xy", 2), w("zw", 1)]],
]);
const base = { languages: ["A", "B"], train, dev, hasToken: ascii, maxNewTokens: 10 };

describe("learnShared", () => {
  it("frequency takes the union's most frequent pair", () => {
    expect(tokens(learnShared(base, "frequency"))).toEqual(["ab", "xy", "zw", "cd"]);
    expect(learnShared(base, "frequency").every((m) => m.language === null)).toBe(true);
  });

  it("parity serves the language with most dev tokens, and moves on when its pairs run out", () => {
    // B 6 > A 2: xy (B dev 6 -> 4); B 4 > 2: zw (-> 3); B has no pair left: A's ab, then cd
    const m = learnShared(base, "parity");
    expect(tokens(m)).toEqual(["xy", "zw", "ab", "cd"]);
    expect(m.map((x) => x.language)).toEqual(["B", "B", "A", "A"]);
    expect(m.map((x) => x.frequency)).toEqual([3, 2, 5, 1]);
  });

  it("hybrid: the first M merges by the union's counts", () => {
    const m = learnShared({ ...base, parity: { globalMerges: 1 } }, "parity");
    expect(tokens(m)).toEqual(["ab", "xy", "zw", "cd"]);
    expect(m.map((x) => x.language)).toEqual([null, "B", "B", "A"]);
  });

  it("window: a language chosen more than alpha/L of the last W times gives way", () => {
    const t = new Map([...train, ["B", [w("xy", 3), w("zw", 2), w("uv", 1)]]]);
    const d = new Map([...dev, ["B", [w("xy", 2), w("zw", 1), w("uv", 1)]]]);
    const input = { ...base, train: t, dev: d };
    expect(tokens(learnShared(input, "parity"))).toEqual(["xy", "zw", "uv", "ab", "cd"]);
    // W = 2, alpha = 1, L = 2: at most 1 of the last 2 choices; B, B, then A must take the third
    const m = learnShared({ ...input, parity: { window: 2, alpha: 1 } }, "parity");
    expect(tokens(m)).toEqual(["xy", "zw", "ab", "uv", "cd"]);
  });

  it("counts a character the vocabulary lacks as its UTF-8 bytes (byte fallback) when choosing", () => {
    // A's dev "ሰላ": 2 unknown 3-byte characters = 6 tokens > B's 4 (x y, twice): A goes first
    const input = {
      languages: ["A", "B"],
      train: new Map([
        ["A", [w("ሰላ", 2)]],
        ["B", [w("xy", 3)]],
      ]),
      dev: new Map([
        ["A", [w("ሰላ", 1)]],
        ["B", [w("xy", 2)]],
      ]),
      hasToken: ascii,
      maxNewTokens: 10,
    };
    const m = learnShared(input, "parity");
    expect(tokens(m)).toEqual(["ሰላ", "xy"]);
    expect(m[0]!.newTokens).toEqual(["ሰ", "ላ", "ሰላ"]);
    // the budget counts the parts too: 3 new tokens do not fit in 2
    expect(learnShared({ ...input, maxNewTokens: 2 }, "parity")).toEqual([]);
  });

  it("frequency equals the one-language trainer on the languages' words put together (real UDHR, gpt2)", async () => {
    const json = tiktokenToTokenizerJson(await readTiktokenEncoding("gpt2")).json;
    const engine = await jsonTokenizerEngine(json);
    const langs = ["amh", "som", "swh"];
    const words = new Map(langs.map((l) => [l, countBpeWords(engine, udhrParagraphs(l).slice(0, 40))]));
    const shared = learnShared(
      { languages: langs, train: words, hasToken: (t) => engine.has(t), maxNewTokens: 300 },
      "frequency",
    );
    const alone = continueBpe(
      langs.flatMap((l) => [...words.get(l)!]),
      (t) => engine.has(t),
      { maxNewTokens: 300 },
    );
    expect(shared.map((m) => [m.token, m.frequency])).toEqual(alone.map((m) => [m.token, m.frequency]));
    expect(shared).toHaveLength(300);
  });
});

describe("proportional parts", () => {
  it("splits a budget by largest remainders", () => {
    expect(splitBudget(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitBudget(8000, [3, 1])).toEqual([6000, 2000]);
    expect(splitBudget(5, [0, 0])).toEqual([0, 0]);
  });

  it("interleaves the languages' own merges, skipping one another language brought", () => {
    const m = (a: string, b: string): LearnedMerge => ({
      left: a,
      right: b,
      token: a + b,
      frequency: 1,
      newTokens: [a + b],
    });
    const out = combineProportional(
      ["A", "B"],
      [
        [m("a", "b"), m("c", "d"), m("e", "f")],
        [m("a", "b"), m("x", "y")],
      ],
      [2, 1],
      ascii,
    );
    // A ab (A 1/2); B's ab is taken already, so B xy (B 1/1); A cd (A 2/2); A's ef would exceed its part
    expect(tokens(out)).toEqual(["ab", "xy", "cd"]);
    expect(out.map((x) => x.language)).toEqual(["A", "B", "A"]);
  });

  it("names the strategies in a refusal", () => {
    expect(() => parseBudgetStrategy("greedy")).toThrow(/frequency, proportional or parity/);
  });
});
