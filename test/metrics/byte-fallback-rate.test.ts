// byte_fallback_rate counts lone-byte tokens: <0xNN> pieces (Llama 2) and single non-ASCII byte tokens of a byte-level vocabulary (gpt2), checked against the tokenizers' own packages.
import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getEncoding } from "../helpers/js-tiktoken.js";
import llamaTokenizer from "llama-tokenizer-js";
import { get_encoding } from "tiktoken";
import { runCompare } from "../../src/analysis/compare.js";

const flores = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));

async function lines(lang: string): Promise<string[]> {
  const dev = await readFile(join(flores, "dev", `${lang}.dev`), "utf8");
  return dev
    .split("\n")
    .filter(Boolean)
    .map((l) => l.normalize("NFC"));
}

describe("byte_fallback_rate", () => {
  it("equals the share of lone-byte tokens counted with js-tiktoken (gpt2) and llama-tokenizer-js (Llama 2)", async () => {
    const result = await runCompare({
      tokenizers: ["gpt2", "llama2"],
      corpus: `flores:${flores}`,
      split: "dev",
      languages: ["eng_Latn", "hin_Deva"],
      cache: false,
      workers: 1,
    });
    const gpt2 = getEncoding("gpt2");
    const wasm = get_encoding("gpt2");
    try {
      for (const lang of ["eng_Latn", "hin_Deva"]) {
        let tokens = 0;
        let lone = 0;
        for (const line of await lines(lang)) {
          for (const id of gpt2.encode(line)) {
            tokens++;
            const bytes = wasm.decode_single_token_bytes(id);
            if (bytes.length === 1 && bytes[0]! >= 0x80) lone++;
          }
        }
        const row = result.results.find((r) => r.tokenizer === "gpt2" && r.language === lang)!;
        expect(row.tokens).toBe(tokens);
        expect(row.byte_fallback_rate, lang).toBeCloseTo(lone / tokens, 12);
        if (lang === "hin_Deva") expect(lone).toBeGreaterThan(0);
        else expect(lone).toBe(0);
      }
    } finally {
      wasm.free();
    }
    for (const lang of ["eng_Latn", "hin_Deva"]) {
      let tokens = 0;
      let pieces = 0;
      for (const line of await lines(lang)) {
        for (const id of llamaTokenizer.encode(line, false, true)) {
          tokens++;
          if (/^<0x[0-9A-F]{2}>$/.test(llamaTokenizer.vocabById[id]!)) pieces++;
        }
      }
      const row = result.results.find((r) => r.tokenizer === "llama2" && r.language === lang)!;
      expect(row.byte_fallback_rate, lang).toBeCloseTo(pieces / tokens, 12);
    }
  });
});
