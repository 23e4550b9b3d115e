// `tokenizeText`'s round-trip check with --special-tokens: the specials the tokenizer added are not text (issue 20, item 17).
import { describe, expect, it } from "vitest";
import { tokenizeText } from "../../src/analysis/tokenize-text.js";

describe("tokenizeText round trip with special tokens", () => {
  it("is ok when only a BOS was added (mistral-7b from its post-processor/config, llama3 from the registry)", async () => {
    const [mistral, llama3] = await tokenizeText(["mistral-7b", "llama3"], "Hello world", { specialTokens: true });
    expect(mistral!.tokens[0]).toBe("<s>");
    expect(llama3!.tokens[0]).toBe("<|begin_of_text|>");
    expect([mistral!.roundTrip, llama3!.roundTrip]).toEqual([true, true]);
  });

  it("still reports a text that does not come back as lossy, with special tokens on or off", async () => {
    // a lone surrogate is not UTF-8 text: it decodes as U+FFFD
    const [plain] = await tokenizeText(["mistral-7b"], "ab\uD800");
    const [special] = await tokenizeText(["mistral-7b"], "ab\uD800", { specialTokens: true });
    expect([plain!.roundTrip, special!.roundTrip]).toEqual([false, false]);
  });
});
