// Adapters from vocab analysis results to report sections: positions renamed, text decoded, overlap order kept.
import { describe, expect, it } from "vitest";
import { adaptationStudyFrom, vocabSectionFrom } from "../../src/report/from-vocab.js";
import { buildCharts } from "../../src/report/chart-registry.js";
import { buildReportModel } from "../../src/report/report-model.js";
import type { VocabComposition } from "../../src/vocab/composition.js";
import { QTOK_CLASSES } from "../../src/vocab/qtok.js";
import { sampleReportData } from "./report-fixtures.js";

function composition(tokenizer: string): VocabComposition {
  const classes = Object.fromEntries(
    QTOK_CLASSES.map((c, i) => [c, { count: i, share: i / 100 }]),
  ) as VocabComposition["classes"];
  const examples = Object.fromEntries(QTOK_CLASSES.map((c) => [c, []])) as unknown as VocabComposition["examples"];
  examples.spaced_alpha = [{ id: 7, token: "Ġthe", text: " the" }];
  return {
    tokenizer,
    entries: 100,
    classes,
    scriptPositions: [
      { script: "Latin", char: 26, spaced: 40, inner: 0, total: 66, shareOfAlpha: 0.9, shareOfVocab: 0.66 },
    ],
    lengthDistribution: [],
    partialUtf8Bytes: [],
    meanLength: 3,
    specialTokens: [],
    longest: [
      { id: 9, token: "Ġhello", text: " hello", length: 6 },
      { id: 10, token: "<0xE4>", text: null, length: 1 },
    ],
    examples,
    validUtf8Share: 1,
  };
}

describe("from-vocab adapters", () => {
  it("maps compositions and overlap to the vocab section", () => {
    const section = vocabSectionFrom(
      [
        { composition: composition("cl100k_base"), vocabSize: 100 },
        { composition: composition("llama3"), vocabSize: 120 },
      ],
      {
        tokenizers: ["cl100k_base", "llama3"],
        sizes: [100, 120],
        jaccard: [
          [1, 0.5],
          [0.5, 1],
        ],
        intersection: [
          [100, 73],
          [73, 120],
        ],
        pairs: [],
        clusterOrder: ["llama3", "cl100k_base"],
        linkage: [],
        sharedByAll: { count: 73, examples: [] },
        uniqueTo: [],
      },
    );
    const first = section.tokenizers[0]!;
    expect(first.vocabSize).toBe(100);
    // Zero counts are dropped; Qtok's spaced/char become reader-facing names.
    expect(first.scripts).toEqual([
      { script: "Latin", position: "word-initial", count: 40 },
      { script: "Latin", position: "single character", count: 26 },
    ]);
    expect(first.longest).toEqual([
      { id: 9, text: " hello", chars: 6 },
      { id: 10, text: "<0xE4>", chars: 1 },
    ]);
    expect(first.examples["spaced_alpha"]).toEqual([{ id: 7, text: " the", chars: 4 }]);
    expect(section.overlap).toEqual({
      tokenizers: ["cl100k_base", "llama3"],
      jaccard: [
        [1, 0.5],
        [0.5, 1],
      ],
      order: ["llama3", "cl100k_base"],
    });
  });

  it("cuts a 10 MB entry to 200 characters with a visible ellipsis and its full length, in longest and examples", () => {
    const huge = "\u12a0".repeat(10_000_000);
    const c = composition("user");
    c.longest = [{ id: 3, token: huge, text: huge, length: 10_000_000 }];
    c.examples.inner_alpha = [{ id: 3, token: huge, text: huge }];
    const section = vocabSectionFrom([{ composition: c, vocabSize: 4 }]);
    const shown = `${"\u12a0".repeat(200)}… (10,000,000 chars)`;
    expect(section.tokenizers[0]!.longest).toEqual([{ id: 3, text: shown, chars: 10_000_000 }]);
    expect(section.tokenizers[0]!.examples["inner_alpha"]).toEqual([{ id: 3, text: shown, chars: 10_000_000 }]);
    // an astral character is never split in half, and 200 characters are not cut
    const astral = "\u{1F600}".repeat(201);
    c.longest = [
      { id: 1, token: astral, text: astral, length: 201 },
      { id: 2, token: "y".repeat(200), text: "y".repeat(200), length: 200 },
    ];
    const again = vocabSectionFrom([{ composition: c, vocabSize: 4 }]).tokenizers[0]!.longest;
    expect(again[0]!.text).toBe(`${"\u{1F600}".repeat(200)}… (201 chars)`);
    expect(again[1]!.text).toBe("y".repeat(200));
  });

  it("maps coverage and expansion curves to an adaptation study the charts draw", () => {
    const study = adaptationStudyFrom(
      "llama3",
      "amh_Ethi",
      [{ target: 0.9, tokens: 446, shareOfVocab: 0.0035 }],
      [
        {
          added_tokens: 1000,
          requested: 1000,
          merges_added: 1000,
          vocab_size: 129256,
          fertility: 3.6,
          premium: 3.9,
        } as never,
      ],
    );
    expect(study).toEqual({
      tokenizer: "llama3",
      language: "amh_Ethi",
      trimming: [{ coverage: 0.9, tokens_needed: 446 }],
      expansion: [{ added_tokens: 1000, fertility: 3.6, premium: 3.9 }],
    });
    const data = sampleReportData(false);
    data.adaptation = { studies: [study] };
    expect(buildCharts(buildReportModel(data)).map((c) => c.name)).toContain("trimming");
  });
});
