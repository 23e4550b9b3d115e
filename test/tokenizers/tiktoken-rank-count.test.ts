// rankCount gives a tiktoken table's size without decoding its tokens (the vocabulary is decoded only when read).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { loadTiktokenTokenizer, parseRanks, rankCount } from "../../src/tokenizers/tiktoken.js";

const require = createRequire(import.meta.url);

describe("rankCount", () => {
  it("counts hand-made tables: rank lines, block lines, gaps and junk", () => {
    expect(rankCount("")).toBe(0);
    expect(rankCount("IQ== 0\nIg== 1\n")).toBe(2);
    // a gap: rank 5 is the highest, so six places
    expect(rankCount("IQ== 0\nIg== 5")).toBe(6);
    // a block from rank 3 holding three tokens: ranks 3, 4, 5
    expect(rankCount("! 3 IQ== Ig== Iw==\n")).toBe(6);
    expect(rankCount("IQ== 9\n! 3 IQ== Ig==\n")).toBe(10);
    // a block with no token, and a line without a rank, set nothing
    expect(rankCount("! 7\nIQ==\n")).toBe(0);
  });

  it("equals the length of the decoded table for every encoding tiktoken bundles", () => {
    for (const name of ["gpt2", "r50k_base", "p50k_base", "cl100k_base", "o200k_base"]) {
      const data = JSON.parse(readFileSync(require.resolve(`tiktoken/encoders/${name}.json`), "utf8")) as {
        bpe_ranks: string;
      };
      expect(rankCount(data.bpe_ranks), name).toBe(parseRanks(data.bpe_ranks).length);
    }
  });

  it("gives the published sizes: 50,256 ranks for gpt2, 100,256 for cl100k_base, 199,998 for o200k_base", () => {
    const size = (name: string) =>
      rankCount(
        (JSON.parse(readFileSync(require.resolve(`tiktoken/encoders/${name}.json`), "utf8")) as { bpe_ranks: string })
          .bpe_ranks,
      );
    expect(size("gpt2")).toBe(50_256);
    expect(size("cl100k_base")).toBe(100_256);
    expect(size("o200k_base")).toBe(199_998);
  });
});

describe("a tiktoken tokenizer's entries before its vocabulary is decoded", () => {
  it("spell the same bytes as the rank table, from the engine, for the first, last and some middle ranks", async () => {
    const data = JSON.parse(readFileSync(require.resolve("tiktoken/encoders/cl100k_base.json"), "utf8")) as {
      bpe_ranks: string;
    };
    const table = parseRanks(data.bpe_ranks);
    const tok = await loadTiktokenTokenizer({ id: "cl100k_base", name: "cl100k_base", encoding: "cl100k_base" });
    try {
      for (const id of [0, 1, 255, 256, 31_000, 77_777, 100_255]) {
        expect([...tok.entry(id)!.bytes], String(id)).toEqual([...table[id]!]);
      }
      // the gap before the specials, and ids outside the table, have no entry; a special has its own
      expect(tok.entry(100_256)).toBeUndefined();
      expect(tok.entry(-1)).toBeUndefined();
      expect(tok.entry(1.5)).toBeUndefined();
      expect(tok.entry(100_257)!.token).toBe("<|endoftext|>");
      // decoding the whole vocabulary afterwards gives the same entries
      const before = tok.entry(77_777)!;
      const all = tok.vocabulary();
      expect(all.find((e) => e.id === 77_777)).toEqual(before);
      expect(all.length).toBe(100_256 + 5);
    } finally {
      tok.dispose();
    }
  });
});
