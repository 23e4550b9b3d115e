// The token view's script decodes packed splits with packed-token-codec.ts, inlined by scripts/report-assets.mjs: here
// that inlined code is cut from the page script and run in Node against unpackTokenSplit, split for split, on real
// tokenizers and awkward text.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { packTokenSplit, unpackTokenSplit, type PackedTokenSplit } from "../../src/results/packed-tokens.js";
import { TOKEN_VIEW_SCRIPT } from "../../src/report/page-assets.js";
import { toPageSplit, type PageTokenSplit } from "../../src/report/token-view-html.js";
import { BYTE_TO_UNICODE } from "../../src/tokenizers/token-bytes.js";
import { spellToken } from "../../src/results/packed-token-codec.js";
import { assertPageAssetsFresh, inlinedModule } from "./inlined-module.js";
import { tokenView, type TokenGroup } from "../../src/tokenizers/token-pieces.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

const TEXTS = [
  "All human beings are born free and equal in dignity and rights.",
  "Alle Menschen sind frei und gleich an Würde und Rechten geboren.",
  "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता प्राप्त है।",
  "ሁሉም ሰው የተወለደው በነጻነት፤ በክብርና በመብትም እኩልነት ነው።",
  "人人生而自由，在尊严和权利上一律平等。",
  "\ufeffa\u0000b\t𝄞 😀 ﬁ\n" + "é".normalize("NFD") + " ሰ",
];

const CODEC = "src/results/packed-token-codec.ts";

/** The page's unpackGroups and base64Ids: packed-token-codec.ts as report-assets.mjs inlined it into the script. */
const page = inlinedModule<{
  unpackGroups: (sampleText: string, split: PageTokenSplit, ids: readonly number[]) => TokenGroup[];
  base64Ids: (ids64: string, width: number) => number[];
}>(TOKEN_VIEW_SCRIPT, CODEC, ["unpackGroups", "base64Ids"]);

/** What the page's script does with a split: `unpackGroups(sample.text, packed, base64Ids(...))`. */
const unpackInPage = (text: string, split: PageTokenSplit): TokenGroup[] =>
  page.unpackGroups(text, split, page.base64Ids(split.ids64, split.idWidth));

const samePage = (text: string, split: PackedTokenSplit) =>
  expect(unpackInPage(text, toPageSplit(split)), `${split.tokenizer} on ${text.slice(0, 20)}`).toEqual(
    unpackTokenSplit(text, split),
  );

describe("the token view's decoder (page script) and unpackTokenSplit", () => {
  it("are one implementation: the page script carries packed-token-codec.ts, generated, not a copy", () => {
    const asset = readFileSync(new URL("../../src/report/assets/token-view.js", import.meta.url), "utf8");
    expect(asset).toContain(`// @inline ${CODEC}`);
    expect(asset).not.toContain("function unpackGroups");
    expect(TOKEN_VIEW_SCRIPT).toMatch(/\nfunction unpackGroups\(sampleText, split, ids\) \{\n/);
    expect(TOKEN_VIEW_SCRIPT).toContain("unpackGroups(sample.text, packed, base64Ids(packed.ids64, packed.idWidth))");
    assertPageAssetsFresh();
  });

  it("spell byte-level tokens with GPT-2's map, as token-bytes.ts has it", () => {
    const all = Uint8Array.from({ length: 256 }, (_, b) => b);
    expect(spellToken("byte-level", all, false)).toBe(BYTE_TO_UNICODE.join(""));
  });

  it("give the same groups for real tokenizers of each spelling on text of several scripts", async () => {
    const rules = new Set<string>();
    for (const ref of ["gpt2", "llama2", "mistral-7b"]) {
      const tok = await sharedTokenizer(ref);
      for (const text of TEXTS) {
        const split = packTokenSplit(ref, text, await tokenView(tok, text));
        rules.add(split.stored);
        samePage(text, split);
      }
    }
    expect([...rules].sort()).toEqual(["byte-level", "metaspace"]);
  }, 120_000);

  it("give the same groups for stored and hex exceptions and an empty split", () => {
    const groups: TokenGroup[] = [
      { text: "a", tokens: [{ id: 7, token: "<a-alias>", hex: "61" }], bytes: false },
      {
        text: "\ufffd",
        tokens: [
          { id: 228, token: "<0xE1>", hex: "e1" },
          { id: 139, token: "<0x88>", hex: "88" },
        ],
        bytes: true,
      },
      { text: " b", tokens: [{ id: 300_000, token: "▁b", hex: "20 62" }], bytes: false },
    ];
    const split = packTokenSplit("t", "a", groups);
    expect(split.hexExceptions).toHaveLength(2);
    expect(split.storedExceptions).toEqual([[0, "<a-alias>"]]);
    samePage("a", split);
    expect(unpackInPage("a", toPageSplit(split))).toEqual(groups);
    samePage("", packTokenSplit("t", "", []));
  });
});
