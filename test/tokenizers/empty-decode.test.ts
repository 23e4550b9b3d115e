// Empty input in every backend: encoding "" gives no ids and decoding no ids gives "" (the HF engine threw on []).
import { describe, expect, it } from "vitest";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

// one built-in tokenizer per backend; llama3 and mistral-7b are the two the fuzz pass caught throwing
const BY_BACKEND = { tiktoken: ["gpt2"], sentencepiece: ["llama2"], huggingface: ["llama3", "mistral-7b"] } as const;

describe("decode([])", () => {
  for (const [backend, ids] of Object.entries(BY_BACKEND)) {
    for (const id of ids) {
      it(`${backend} (${id}): "" encodes to no ids and [] decodes to ""`, async () => {
        const tokenizer = await sharedTokenizer(id);
        expect(tokenizer.backend).toBe(backend);
        expect(tokenizer.encode("").ids).toEqual([]);
        expect(tokenizer.decode([])).toBe("");
        // a non-empty decode still works after the guard
        expect(tokenizer.decode(tokenizer.encode("Hello world").ids)).toBe("Hello world");
      }, 120_000);
    }
  }

  // the guard does not hide use after dispose: one tokenizer of each backend loaded here, not shared, to dispose it
  for (const id of ["gpt2", "llama2", "mistral-7b"]) {
    it(`${id}: decode([]) after dispose() throws`, async () => {
      const tokenizer = await loadTokenizer(id);
      expect(tokenizer.decode([])).toBe("");
      tokenizer.dispose();
      expect(() => tokenizer.decode([])).toThrow(/dispose/);
    });
  }
});
