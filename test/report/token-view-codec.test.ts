// The token view's script decodes packed splits by hand (assets/token-view.js `unpack`, embedded verbatim in every
// report page, so it cannot be generated from packed-tokens.ts without changing the page's bytes): here it is cut
// from the script and run in Node against unpackTokenSplit, split for split, on real tokenizers and awkward text.
import { describe, expect, it } from "vitest";
import { packTokenSplit, unpackTokenSplit, type PackedTokenSplit } from "../../src/results/packed-tokens.js";
import { TOKEN_VIEW_SCRIPT } from "../../src/report/page-assets.js";
import { toPageSplit, type PageTokenSplit } from "../../src/report/token-view-html.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { tokenView, type TokenGroup } from "../../src/tokenizers/token-pieces.js";

const TEXTS = [
  "All human beings are born free and equal in dignity and rights.",
  "Alle Menschen sind frei und gleich an Würde und Rechten geboren.",
  "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता प्राप्त है।",
  "ሁሉም ሰው የተወለደው በነጻነት፤ በክብርና በመብትም እኩልነት ነው።",
  "人人生而自由，在尊严和权利上一律平等。",
  "\ufeffa\u0000b\t𝄞 😀 ﬁ\n" + "é".normalize("NFD") + " ሰ",
];

function cut(from: string, to: string): string {
  const start = TOKEN_VIEW_SCRIPT.indexOf(from);
  const end = TOKEN_VIEW_SCRIPT.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`token-view.js has no '${from}' before '${to}'`);
  return TOKEN_VIEW_SCRIPT.slice(start, end);
}

/** `unpack(sampleText, pageSplit)` of the page script: it and what it calls need only TextEncoder and TextDecoder. */
const unpackInPage = new Function(`${cut("var BYTE_LEVEL", "var SPECIAL")}\nreturn unpack;`)() as (
  sampleText: string,
  split: PageTokenSplit,
) => TokenGroup[];

const samePage = (text: string, split: PackedTokenSplit) =>
  expect(unpackInPage(text, toPageSplit(split)), `${split.tokenizer} on ${text.slice(0, 20)}`).toEqual(
    unpackTokenSplit(text, split),
  );

describe("the token view's unpack (page script) and unpackTokenSplit", () => {
  it("give the same groups for real tokenizers of each spelling on text of several scripts", async () => {
    const rules = new Set<string>();
    for (const ref of ["gpt2", "llama2", "mistral-7b"]) {
      const tok = await loadTokenizer(ref);
      try {
        for (const text of TEXTS) {
          const split = packTokenSplit(ref, text, tokenView(tok, text));
          rules.add(split.stored);
          samePage(text, split);
        }
      } finally {
        tok.dispose();
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
