// Checks every built-in tokenizer against an independent implementation on real multilingual text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEncoding } from "js-tiktoken";
import rust from "tokenizers";
import llamaTokenizer from "llama-tokenizer-js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { BUILTIN_TOKENIZERS, isInstalled, resolvePackageFile } from "../../src/tokenizers/registry.js";
import type { Tokenizer } from "../../src/tokenizers/tokenizer.js";
import { sampleLines, scriptsIn } from "./sample-text.js";

const lines = sampleLines();

describe("the sample text", () => {
  it("has at least 100 lines in at least 20 scripts", () => {
    expect(lines.length).toBeGreaterThanOrEqual(100);
    expect(scriptsIn(lines.map((l) => l.text)).size).toBeGreaterThanOrEqual(20);
  });
});

describe("tiktoken (WASM) against js-tiktoken (pure JS)", () => {
  for (const encoding of ["gpt2", "r50k_base", "p50k_base", "cl100k_base", "o200k_base"] as const) {
    it(`${encoding}: identical ids and lossless round-trip on every line`, async () => {
      const ours = await loadTokenizer(encoding);
      const reference = getEncoding(encoding);
      try {
        for (const { code, text } of lines) {
          const ids = ours.encodeIds(text);
          expect(ids, `${encoding} ${code}`).toEqual(reference.encode(text));
          expect(ours.encode(text).ids).toEqual(ids);
          expect(ours.decode(ids)).toBe(text);
        }
      } finally {
        ours.dispose();
      }
    });
  }

  it("encodes special-token strings in text as ordinary text instead of throwing", async () => {
    const ours = await loadTokenizer("cl100k_base");
    const text = "before <|endoftext|> after";
    expect(ours.encodeIds(text)).toEqual(getEncoding("cl100k_base").encode(text, [], []));
    expect(ours.encodeIds(text)).not.toContain(100257);
    ours.dispose();
  });
});

const hfBuiltins = BUILTIN_TOKENIZERS.filter((t) => t.source.kind === "huggingface" && isInstalled(t));

describe("tokenizer.json through @huggingface/tokenizers against the Rust engine", () => {
  it("covers every installed Hugging Face built-in", () => {
    expect(hfBuiltins.map((t) => t.id)).toEqual(
      expect.arrayContaining(["mistral-7b", "llama3", "gemma3", "qwen3", "deepseek-v3"]),
    );
  });

  for (const entry of hfBuiltins) {
    it(`${entry.id}: identical ids on every line, and decode restores the (normalised) text`, async () => {
      if (entry.source.kind !== "huggingface") throw new Error("unreachable");
      const path = resolvePackageFile(entry.package, entry.source.file)!;
      const reference = rust.Tokenizer.fromFile(path);
      const ours = await loadTokenizer(entry.id);
      try {
        for (const { code, text } of lines) {
          const expected = (await reference.encode(text, null, { addSpecialTokens: false })).getIds();
          expect(ours.encodeIds(text), `${entry.id} ${code}`).toEqual(expected);
        }
        // round-trip: lossless up to the tokenizer's own Unicode normaliser (Claude's NFKC, Qwen's NFC)
        const form = ({ "claude-legacy": "NFKC", qwen3: "NFC" } as Record<string, string>)[entry.id];
        for (const { code, text } of lines) {
          expect(ours.decode(ours.encodeIds(text)), `${entry.id} ${code}`).toBe(form ? text.normalize(form) : text);
        }
      } finally {
        ours.dispose();
      }
    });
  }
});

describe("Llama 2 SentencePiece model against llama-tokenizer-js", () => {
  let llama2: Tokenizer;
  beforeAll(async () => {
    llama2 = await loadTokenizer("llama2");
  });
  afterAll(() => llama2.dispose());

  it("is Llama 2's vocabulary (▁Hello = 15043)", () => {
    expect(llama2.encode("Hello")).toEqual({ ids: [15043], tokens: ["▁Hello"] });
    expect(llama2.vocabSize).toBe(32000);
  });

  it("gives identical ids and a lossless round-trip on every line", () => {
    for (const { code, text } of lines) {
      const ids = llama2.encodeIds(text);
      expect(ids, code).toEqual(llamaTokenizer.encode(text, false, true));
      expect(llama2.decode(ids), code).toBe(text);
    }
  });

  it("adds BOS only when asked", () => {
    expect(llama2.encodeIds("Hello", { addSpecialTokens: true })).toEqual([1, 15043]);
  });
});
