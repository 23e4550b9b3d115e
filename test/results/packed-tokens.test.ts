// The packed token-split format restores exactly the groups the tokenizers produced, on real tokenizers of every
// backend and spelling and real UDHR text of several scripts, and costs a fraction of the unpacked JSON.
import { describe, expect, it } from "vitest";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { cutSample } from "../../src/analysis/token-samples.js";
import { packTokenSplit, spellToken, unpackTokenSplit } from "../../src/results/packed-tokens.js";
import { tokenView, type TokenGroup } from "../../src/tokenizers/token-pieces.js";
import { utf8 } from "../../src/tokenizers/token-bytes.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

// one per backend and spelling: tiktoken byte-level, SentencePiece WASM and tokenizer.json metaspace with byte
// fallback, tokenizer.json byte-level (deepseek-v3, which on Burmese closes byte runs before a character completes)
const BUILT_INS = ["gpt2", "llama2", "mistral-7b", "deepseek-v3"];
const LANGS = [
  "eng_Latn",
  "amh_Ethi",
  "cmn_Hans",
  "jpn_Jpan",
  "hin_Deva",
  "mya_Mymr",
  "bod_Tibt",
  "kor_Hang",
  "arb_Arab",
];

describe("packed token splits", () => {
  it("unpack(pack(groups)) is the groups, for real tokenizers on real text, at about a tenth of the bytes", async () => {
    const corpus = await openCorpus("udhr");
    const texts: string[] = [];
    for (const lang of LANGS) {
      for await (const seg of corpus.segments(lang)) {
        texts.push(cutSample(seg.text));
        break;
      }
    }
    // text that forces the awkward cases: a lone half of a character at the end, BOM, controls, a 4-byte character
    texts.push("\ufeffa\u0000b\t𝄞 😀 ﬁ\n", "é".normalize("NFD") + " ሰ");
    let full = 0;
    let packed = 0;
    const rules = new Set<string>();
    let hexExceptions = 0;
    for (const ref of BUILT_INS) {
      const tok = await sharedTokenizer(ref);
      for (const text of texts) {
        const groups = await tokenView(tok, text);
        const split = packTokenSplit(ref, text, groups);
        expect(unpackTokenSplit(text, split), `${ref} on ${text.slice(0, 20)}`).toEqual(groups);
        // ids are the encoder's own, in order
        expect(split.ids.split(" ").map(Number)).toEqual(
          Array.from(tok.encode(text, { addSpecialTokens: false }).ids, Number),
        );
        rules.add(split.stored);
        hexExceptions += split.hexExceptions?.length ?? 0;
        full += JSON.stringify(groups).length;
        packed += JSON.stringify(split).length;
      }
    }
    expect(packed / full).toBeLessThan(0.2);
    // the texts reach the rules and the verbatim bytes, so those paths are checked too
    expect([...rules].sort()).toEqual(["byte-level", "metaspace"]);
    expect(hexExceptions).toBeGreaterThan(0);
  }, 120_000);

  it("stores a group closed before its character completed with its real bytes", () => {
    // two pieces of U+1230 (e1 88 b0) without the last byte: the group's text is U+FFFD, not the bytes' UTF-8
    const groups: TokenGroup[] = [
      { text: "a", tokens: [{ id: 7, token: "a", hex: "61" }], bytes: false },
      {
        text: "\ufffd",
        tokens: [
          { id: 228, token: "<0xE1>", hex: "e1" },
          { id: 139, token: "<0x88>", hex: "88" },
        ],
        bytes: true,
      },
    ];
    const split = packTokenSplit("t", "a", groups);
    expect(split.text).toBe("a\ufffd");
    expect(split.groups).toBe("1 1:1:1");
    expect(split.ids).toBe("7 228 139");
    expect(split.stored).toBe("metaspace");
    expect(split.hexExceptions).toEqual([
      [1, "e1"],
      [2, "88"],
    ]);
    expect(split.storedExceptions).toBeUndefined();
    expect(unpackTokenSplit("a", split)).toEqual(groups);
  });

  it("spells stored strings by the three rules, checked by hand", () => {
    expect(spellToken("byte-level", utf8(" the"), false)).toBe("Ġthe");
    expect(spellToken("byte-level", utf8("人"), false)).toBe("äºº");
    expect(spellToken("metaspace", utf8(" the"), false)).toBe("▁the");
    expect(spellToken("metaspace", Uint8Array.of(0x0a), true)).toBe("<0x0A>");
    expect(spellToken("utf8", utf8(" the"), false)).toBe(" the");
  });
});
