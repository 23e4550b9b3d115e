// Checks every built-in tokenizer against an independent implementation on real multilingual text.
import { beforeAll, describe, expect, it } from "vitest";
import { getEncoding } from "../helpers/js-tiktoken.js";
import llamaTokenizer from "llama-tokenizer-js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import {
  BUILTIN_TOKENIZERS,
  isInstalled,
  resolvePackageFile,
  type BuiltinTokenizer,
} from "../../src/tokenizers/registry.js";
import type { Tokenizer } from "../../src/tokenizers/tokenizer.js";
import { CANONICAL_SENTENCE, EXPECTED_COUNTS, sampleLines, scriptsIn } from "./sample-text.js";
import { sharedRustTokenizer, sharedTokenizer } from "../helpers/shared-tokenizers.js";

const lines = sampleLines();
// loaded once per test worker (test/helpers/shared-tokenizers.ts)
const shared = { load: sharedTokenizer };

/** The count of CANONICAL_SENTENCE by the independent implementation for `entry`, without special tokens. */
async function independentCount(entry: BuiltinTokenizer): Promise<number> {
  switch (entry.source.kind) {
    case "tiktoken":
      return getEncoding(entry.source.encoding).encode(CANONICAL_SENTENCE).length;
    case "sentencepiece":
      if (entry.id !== "llama2") throw new Error(`no independent implementation known for ${entry.id}`);
      return llamaTokenizer.encode(CANONICAL_SENTENCE, false, true).length;
    case "huggingface": {
      const reference = sharedRustTokenizer(resolvePackageFile(entry.package, entry.source.file)!);
      return (await reference.encode(CANONICAL_SENTENCE, null, { addSpecialTokens: false })).getIds().length;
    }
  }
}

// here rather than in registry-and-vocabulary.test.ts (which checks toklens' loads give these counts): this file loads
// the independent implementations anyway, the Rust references of the big tokenizer.json files (gemma3's 33 MB) included
describe("the canonical sentence's expected counts", () => {
  it("every expected count equals the independent implementation's count", async () => {
    const installed = BUILTIN_TOKENIZERS.filter(isInstalled);
    expect(Object.keys(EXPECTED_COUNTS).sort()).toEqual(installed.map((t) => t.id).sort());
    for (const entry of installed) expect(await independentCount(entry), entry.id).toBe(EXPECTED_COUNTS[entry.id]);
  });
});

describe("the sample text", () => {
  it("has at least 100 lines in at least 20 scripts", () => {
    expect(lines.length).toBeGreaterThanOrEqual(100);
    expect(scriptsIn(lines.map((l) => l.text)).size).toBeGreaterThanOrEqual(20);
  });
});

describe("tiktoken (WASM) against js-tiktoken (pure JS)", () => {
  for (const encoding of ["gpt2", "r50k_base", "p50k_base", "cl100k_base", "o200k_base"] as const) {
    it(`${encoding}: identical ids and lossless round-trip on every line`, async () => {
      const ours = await shared.load(encoding);
      const reference = getEncoding(encoding);
      for (const { code, text } of lines) {
        const ids = ours.encodeIds(text);
        expect(ids, `${encoding} ${code}`).toEqual(reference.encode(text));
        expect(ours.encode(text).ids).toEqual(ids);
        expect(ours.decode(ids)).toBe(text);
      }
    });
  }

  it("encodes special-token strings in text as ordinary text instead of throwing", async () => {
    const ours = await shared.load("cl100k_base");
    const text = "before <|endoftext|> after";
    expect(ours.encodeIds(text)).toEqual(getEncoding("cl100k_base").encode(text, [], []));
    expect(ours.encodeIds(text)).not.toContain(100257);
  });
});

const hfBuiltins = BUILTIN_TOKENIZERS.filter((t) => t.source.kind === "huggingface" && isInstalled(t));

describe("tokenizer.json: the native engine (Rust binding) and the JS engine (@huggingface/tokenizers) agree", () => {
  it("covers every installed Hugging Face built-in", () => {
    expect(hfBuiltins.map((t) => t.id)).toEqual(
      expect.arrayContaining(["mistral-7b", "llama3", "gemma3", "qwen3", "deepseek-v3"]),
    );
  });

  for (const entry of hfBuiltins) {
    it(`${entry.id}: identical ids on every line, and decode restores the (normalised) text`, async () => {
      if (entry.source.kind !== "huggingface") throw new Error("unreachable");
      const path = resolvePackageFile(entry.package, entry.source.file)!;
      const reference = sharedRustTokenizer(path);
      // the worker's default load of the built-in (registry-and-vocabulary, special-tokens and others read the same
      // object) when it runs the native engine, as every tokenizer.json built-in does: a second native load would
      // build the same Rust tokenizer again (gemma3's takes seconds)
      const auto = await sharedTokenizer(entry.id);
      const native = auto.engine === "native" ? auto : await sharedTokenizer(entry.id, { engine: "native" });
      // no other file loads the JS engine this way: loaded here and freed after, so the rest of the worker's files
      // do not carry its model (gemma3's is hundreds of MB) through every garbage collection
      const js = await loadTokenizer(entry.id, { engine: "js" });
      try {
        expect([native.engine, js.engine]).toEqual(["native", "js"]);
        const batch = await native.encodeBatch(lines.map((l) => l.text));
        for (const [i, { code, text }] of lines.entries()) {
          const expected = (await reference.encode(text, null, { addSpecialTokens: false })).getIds();
          expect(Array.from(batch[i]!.ids), `${entry.id} ${code} native`).toEqual(expected);
          // the ids are made into an array once, when first read; the offsets are the engine's
          expect(batch[i]!.ids).toBe(batch[i]!.ids);
          const offsets = (await reference.encode(text, null, { addSpecialTokens: false })).getOffsets();
          expect(batch[i]!.offsets(), `${entry.id} ${code} offsets`).toEqual(offsets);
          expect(js.encodeIds(text), `${entry.id} ${code} js`).toEqual(expected);
        }
        // round-trip: lossless up to the tokenizer's own Unicode normaliser (Claude's NFKC, Qwen's NFC)
        const form = ({ "claude-legacy": "NFKC", qwen3: "NFC" } as Record<string, string>)[entry.id];
        for (const { code, text } of lines) {
          expect(js.decode(js.encodeIds(text)), `${entry.id} ${code}`).toBe(form ? text.normalize(form) : text);
        }
      } finally {
        js.dispose();
      }
    });
  }

  it("refuses the native engine for a tokenizer_config.json switch only the JS engine applies, and auto picks JS", async () => {
    const { mkdtemp, copyFile, writeFile, rm } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const { fileURLToPath } = await import("node:url");
    const dir = await mkdtemp(join(tmpdir(), "toklens-config-"));
    try {
      await copyFile(
        fileURLToPath(new URL("../fixtures/tokenizers/wordpiece.tokenizer.json", import.meta.url)),
        join(dir, "tokenizer.json"),
      );
      await writeFile(join(dir, "tokenizer_config.json"), JSON.stringify({ remove_space: true }));
      await expect(loadTokenizer(dir, { engine: "native" })).rejects.toThrow(/remove_space.*--engine js/);
      const auto = await loadTokenizer(dir);
      expect(auto.engine).toBe("js");
      auto.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("Llama 2 SentencePiece model against llama-tokenizer-js", () => {
  let llama2: Tokenizer;
  beforeAll(async () => {
    llama2 = await sharedTokenizer("llama2");
  });

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
