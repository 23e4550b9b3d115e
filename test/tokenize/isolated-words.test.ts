// Words encoded alone for strr_isolated: only when a run reads the metric (cached apart), and, under a tokenizer that
// keeps the text, only the words whose bytes are an entry's, with the counts of encoding every word alone.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCompare } from "../../src/analysis/compare.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { keepsText } from "../../src/tokenizers/json-components.js";
import {
  isolatedWordsOf,
  prepareLanguage,
  singleTokenFilter,
  tokenFlags,
  withIsolatedWords,
} from "../../src/tokenize/tokenize-corpus.js";
import type { MetricName } from "../../src/metrics/types.js";
import type { Segment, TokenizedLanguage } from "../../src/types.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

describe("words encoded alone", () => {
  it("a run without strr_isolated encodes none, and its cached counts never answer a run with it", async () => {
    const cache = await mkdtemp(join(tmpdir(), "toklens-isolated-"));
    try {
      const run = (metrics: readonly MetricName[]) =>
        runCompare({ tokenizers: ["gpt2"], languages: ["eng_Latn"], metrics, cache, workers: 1 });
      const without = await run(["fertility", "strr"]);
      expect(without.stats.computed).toBe(1);
      // the Python TokLens code's figure for gpt2 on the English UDHR (see strr-isolated.test.ts), not served
      // from the entry written without words encoded alone
      const first = await run(["strr_isolated"]);
      expect(first.stats).toMatchObject({ computed: 1, cacheHits: 0 });
      expect(first.results[0]!.strr_isolated).toBeCloseTo(0.7443, 4);
      const again = await run(["strr_isolated"]);
      expect(again.stats).toMatchObject({ computed: 0, cacheHits: 1 });
      expect(again.results[0]!.strr_isolated).toBe(first.results[0]!.strr_isolated);
      // the other metrics are the same either way
      expect((await run(["fertility", "strr"])).results[0]).toEqual(without.results[0]);
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });

  it("skips the encoding when the chunk says so", async () => {
    const gpt2 = await sharedTokenizer("gpt2");
    const segments = [{ id: "1", text: "The cat sat." }];
    const counted = { isolatedWords: 0, isolatedSingleTokenWords: 0 } as TokenizedLanguage;
    const skipped = prepareLanguage("eng_Latn", segments, undefined, true, false);
    expect(skipped.isolatedSkipped).toBe(true);
    expect(await withIsolatedWords(gpt2, skipped, counted)).toBe(counted);
    const read = await withIsolatedWords(gpt2, prepareLanguage("eng_Latn", segments), counted);
    expect([read.isolatedWords, read.isolatedSingleTokenWords]).toEqual([3, 2]); // The, cat; "sat." is two
  });

  // Seven scripts of the UDHR, and words made to probe the shortcut: a word spelled by a special token's text, one in
  // decomposed form (Qwen3 normalizes to NFC), a lone surrogate, a word of unknown-looking symbols.
  const extra = "<|endoftext|> <s> e\u0301te\u0301 caf\u00e9 cafe\u0301 a\ud800b \u{1F600}\u{1F600} \u2581word ▁";
  const languages = ["eng_Latn", "deu_Latn", "rus_Cyrl", "arb_Arab", "hin_Deva", "cmn_Hans", "amh_Ethi"];
  it.each(["gpt2", "cl100k_base", "mistral-7b", "llama3", "qwen3", "gemma3", "llama2"])(
    "%s: the counts of encoding every distinct word alone",
    async (ref) => {
      const tokenizer = await sharedTokenizer(ref);
      const corpus = await openCorpus("udhr");
      const segments: Segment[] = [{ id: "extra", text: extra }];
      for (const language of languages) for await (const seg of corpus.segments(language)) segments.push(seg);
      const prepared = prepareLanguage("mul_Latn" as never, segments);
      const flags = tokenFlags(tokenizer);
      // the shortcut is taken by every built-in (llama2: SentencePiece without a normalizer, with byte fallback)
      expect(singleTokenFilter(tokenizer, flags)).not.toBeNull();
      const got = await withIsolatedWords(tokenizer, prepared, {} as TokenizedLanguage, flags);
      let isolatedWords = 0;
      let isolatedSingleTokenWords = 0;
      for (const [word, n] of isolatedWordsOf(prepared.pieces)) {
        isolatedWords += n;
        if ((await tokenizer.encodeAsync(word)).ids.length === 1) isolatedSingleTokenWords += n;
      }
      expect(isolatedSingleTokenWords).toBeGreaterThan(100);
      expect([got.isolatedWords, got.isolatedSingleTokenWords]).toEqual([isolatedWords, isolatedSingleTokenWords]);
    },
    120_000,
  );

  it("keepsText: only pipelines that cannot change or drop a word's text", () => {
    const bpe = { type: "BPE", byte_fallback: true };
    const byteLevel = { type: "ByteLevel", add_prefix_space: false };
    expect(keepsText({ model: bpe })).toBe(true);
    expect(keepsText({ model: { type: "BPE" }, pre_tokenizer: byteLevel })).toBe(true);
    expect(keepsText({ model: { type: "BPE" } })).toBe(false); // no byte fallback: an unknown character is dropped
    expect(keepsText({ model: { ...bpe, dropout: 0.1 } })).toBe(false);
    expect(keepsText({ model: { type: "WordPiece" }, pre_tokenizer: byteLevel })).toBe(false);
    expect(keepsText({ model: { ...bpe, continuing_subword_prefix: "##" } })).toBe(false);
    expect(keepsText({ model: bpe, normalizer: { type: "NFC" } })).toBe(true);
    expect(keepsText({ model: bpe, normalizer: { type: "NFKC" } })).toBe(false);
    expect(keepsText({ model: bpe, normalizer: { type: "Lowercase" } })).toBe(false);
    const marker = { type: "Replace", pattern: { String: " " }, content: "\u2581" };
    expect(keepsText({ model: bpe, normalizer: { type: "Sequence", normalizers: [marker] } })).toBe(true);
    const strip = { type: "Replace", pattern: { String: "'" }, content: "" };
    expect(keepsText({ model: bpe, normalizer: { type: "Sequence", normalizers: [marker, strip] } })).toBe(false);
    const split = (behavior: string) => ({ type: "Split", pattern: { Regex: "," }, behavior });
    expect(keepsText({ model: bpe, pre_tokenizer: split("Isolated") })).toBe(true);
    expect(keepsText({ model: bpe, pre_tokenizer: { type: "Sequence", pretokenizers: [split("Removed")] } })).toBe(
      false,
    );
    expect(keepsText({ model: bpe, pre_tokenizer: { type: "Metaspace", replacement: "_" } })).toBe(false);
  });
});

describe("isolatedWordsOf", () => {
  it("agrees with a regular-expression split on Python's white space, for every code unit beside words", () => {
    // Python 3's str.isspace() characters, as CPython's _PyUnicode_IsWhitespace lists them
    const pythonSpace = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;
    const texts: string[] = [];
    for (let cp = 0; cp < 0x10000; cp++) {
      const ch = String.fromCharCode(cp);
      texts.push(`a${ch}b`, ch, `${ch}${ch}c ${ch}`);
    }
    texts.push("", "  ", "😀 x\ud800 \udc00y", "The cat, the\u00a0cat.\tok\u3000x\u200by  ");
    const expected = new Map<string, number>();
    for (const text of texts)
      for (const w of text.split(pythonSpace)) if (w !== "") expected.set(w, (expected.get(w) ?? 0) + 1);
    expect([...isolatedWordsOf(texts)]).toEqual([...expected]);
  });
});
