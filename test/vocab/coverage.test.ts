// Per-language coverage on a hand-built vocabulary and hand-made token frequencies.
import { describe, expect, it } from "vitest";
import { vocabCoverage } from "../../src/vocab/coverage.js";
import type { TokenizedLanguage } from "../../src/types.js";
import { entry } from "./entries.js";
import { segmentTable } from "../../src/tokenize/segment-table.js";

const entries = [
  entry(0, "<s>", "<s>", { special: true }),
  entry(1, "Ã", [0xc3], { byteFallback: true }), // a raw high byte: marks the vocabulary as byte-level
  entry(2, "Ġthe", " the"),
  entry(3, "Ġcat", " cat"),
  entry(4, "ĠÐ¼Ð¸Ñ€", " мир"),
  entry(5, "áĪ", [0xe1, 0x88]),
  entry(6, "Ġhund", " hund"),
  entry(7, "Ġ", " "),
];

function lang(language: string, freq: Array<[number, number]>): TokenizedLanguage {
  return {
    tokenizer: "hand",
    language,
    vocabSize: entries.length,
    segments: segmentTable([]),
    tokenFrequencies: new Map(freq),
    wordOccurrences: 0,
    measuredWords: 0,
    wordTokens: 0,
    continuedWords: 0,
    singleTokenWords: 0,
    isolatedWords: 0,
    isolatedSingleTokenWords: 0,
    lossyChars: 0,
    lossUnmeasuredChars: 0,
  };
}

describe("vocabCoverage", () => {
  const cov = vocabCoverage(
    "hand",
    entries,
    [
      lang("eng_Latn", [
        [2, 10],
        [3, 2],
        [7, 1],
      ]),
      lang("deu_Latn", [
        [6, 4],
        [2, 1],
      ]),
      lang("rus_Cyrl", [
        [4, 3],
        [7, 5],
      ]),
    ],
    { top: 2 },
  );

  it("counts entries and occurrences per language", () => {
    expect(cov.languages.map((l) => [l.language, l.usedEntries, l.occurrences])).toEqual([
      ["eng_Latn", 3, 13],
      ["deu_Latn", 2, 5],
      ["rus_Cyrl", 2, 8],
    ]);
    expect(cov.languages[0]!.shareOfVocab).toBe(3 / 8);
    expect(cov.languages[0]!.top.map((t) => [t.text, t.count])).toEqual([
      [" the", 10],
      [" cat", 2],
    ]);
    // "Ġ" is one of the 256 byte tokens of a byte-level vocabulary
    expect(cov.languages[0]!.usedByClass).toMatchObject({ spaced_alpha: 2, pure_unicode: 1, char_other: 0 });
  });

  it("unions the languages of a script", () => {
    expect(cov.scripts).toEqual([
      { script: "Latn", languages: ["eng_Latn", "deu_Latn"], usedEntries: 4, shareOfVocab: 4 / 8 },
      { script: "Cyrl", languages: ["rus_Cyrl"], usedEntries: 2, shareOfVocab: 2 / 8 },
    ]);
  });

  it("lists entries no language reaches", () => {
    // used anywhere: 2, 3, 4, 6, 7 -> unreached 0, 1, 5
    expect(cov.unreached.count).toBe(3);
    expect(cov.unreached.share).toBe(3 / 8);
    expect(cov.unreached.byClass).toMatchObject({ control: 1, pure_unicode: 1, partial_utf8: 1 });
    expect(cov.unreached.examples.map((e) => e.id)).toEqual([0, 1, 5]);
  });
});
