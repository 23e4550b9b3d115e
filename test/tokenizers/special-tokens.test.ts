// `tokenize --special-tokens` puts the BOS each model adds first: from the post-processor, tokenizer_config.json's add_bos_token, or the registry note for Llama 3.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { resolveTokenizerSpec } from "../../src/tokenizers/load.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";
import { bosToAdd, withBos } from "../../src/tokenizers/special-tokens.js";
import { callCli } from "../cli/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-bos-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The first ids of "Hi there" with special tokens, as the models' model cards and configs give them. */
const EXPECTED: Record<string, { bos: number | null; first: number }> = {
  llama3: { bos: 128000, first: 128000 }, // <|begin_of_text|>, added by Meta's TemplateProcessing
  "deepseek-v3": { bos: 0, first: 0 }, // <｜begin▁of▁sentence｜>, add_bos_token: true
  "mistral-7b": { bos: null, first: 1 }, // <s> from its own TemplateProcessing
  gemma3: { bos: null, first: 2 }, // <bos> from its own TemplateProcessing
  qwen3: { bos: null, first: 13048 }, // add_bos_token: false, no BOS: "Hi"
};

describe("BOS with --special-tokens", () => {
  for (const [id, want] of Object.entries(EXPECTED)) {
    it(`${id}: BOS ${want.bos ?? "from the engine or none"}, first id ${want.first}`, async () => {
      const spec = await resolveTokenizerSpec(id);
      const tokenizer = await sharedTokenizer(id);
      const bos = await bosToAdd(spec, tokenizer);
      expect(bos?.id ?? null).toBe(want.bos);
      const { ids } = withBos(tokenizer.encode("Hi there", { addSpecialTokens: true }), bos);
      expect(ids[0]).toBe(want.first);
      expect(ids.filter((i) => i === want.first).length).toBe(1); // never two BOS
    });
  }

  it("finds the BOS id without decoding the whole vocabulary (llama3's registry note, DeepSeek-V3's config)", async () => {
    for (const [id, want] of [
      ["llama3", 128000],
      ["deepseek-v3", 0],
    ] as const) {
      const tokenizer = await sharedTokenizer(id);
      const vocabulary = vi.spyOn(tokenizer, "vocabulary");
      try {
        expect((await bosToAdd(await resolveTokenizerSpec(id), tokenizer))?.id).toBe(want);
        expect(vocabulary).not.toHaveBeenCalled();
      } finally {
        vocabulary.mockRestore();
      }
    }
  });

  it("reads add_bos_token from a user's tokenizer_config.json, and no config means no BOS", async () => {
    const spec = await resolveTokenizerSpec("deepseek-v3");
    if (spec.kind !== "huggingface") throw new Error("expected a tokenizer.json");
    const dir = join(tmp, "ds");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dir);
    writeFileSync(join(dir, "tokenizer.json"), readFileSync(spec.path));
    const user = await resolveTokenizerSpec(dir);
    // the same tokenizer.json as the built-in's, so the worker's loaded copy serves: the spec is what is under test
    const tokenizer = await sharedTokenizer("deepseek-v3");
    expect(await bosToAdd(user, tokenizer)).toBeNull();
    writeFileSync(
      join(dir, "tokenizer_config.json"),
      JSON.stringify({ add_bos_token: true, bos_token: "<｜end▁of▁sentence｜>" }),
    );
    const withConfig = await resolveTokenizerSpec(dir);
    expect(await bosToAdd(withConfig, tokenizer)).toMatchObject({
      id: 1,
      source: "tokenizer_config.json add_bos_token",
    });
  });

  it("the CLI shows <|begin_of_text|> first for llama3 and nothing extra without the flag", async () => {
    const on = await callCli(["tokenize", "llama3", "--text", "Hi there", "--special-tokens", "--json"]);
    expect(on.code).toBe(0);
    expect((JSON.parse(on.stdout) as Array<{ ids: number[] }>)[0]!.ids).toEqual([128000, 13347, 1070]);
    const off = await callCli(["tokenize", "llama3", "--text", "Hi there", "--json"]);
    expect((JSON.parse(off.stdout) as Array<{ ids: number[] }>)[0]!.ids).toEqual([13347, 1070]);
  });
});
