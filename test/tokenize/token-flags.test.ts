// tokenFlags reads each entry's bytes through Tokenizer.forEachEntryBytes where a backend has it (tiktoken: the rank
// text decoded into one buffer; tokenizer.json: the pieces decoded without building entries): the per-id tables must
// be those that entry(id) gives, id by id, for every backend and before and after the vocabulary is decoded.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { packRanks, parseRanks } from "../../src/tokenizers/tiktoken.js";
import type { Tokenizer } from "../../src/tokenizers/tokenizer.js";
import { packTokenBytes, type TokenBytes } from "../../src/tokenize/placement.js";
import { tokenFlags } from "../../src/tokenize/tokenize-corpus.js";
import { firstDifference, firstTableDifference } from "../helpers/arrays.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

const require = createRequire(import.meta.url);
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/tokenizers/${name}`, import.meta.url));

/** The tables as the tokenize phase built them before forEachEntryBytes: one entry(id) per id. */
function fromEntries(t: Tokenizer) {
  const byteFallback = new Uint8Array(t.vocabSize);
  const tokenBytes = packTokenBytes(
    t.vocabSize,
    (id) => {
      const e = t.entry(id);
      if (e?.byteFallback) byteFallback[id] = 1;
      return e?.bytes;
    },
    t.unkId,
  );
  return { byteFallback, tokenBytes };
}

const tables = (b: TokenBytes) => ({ start: b.start, end: b.end, data: b.data });

function expectSameTables(t: Tokenizer) {
  const flags = tokenFlags(t);
  const want = fromEntries(t);
  expect(firstDifference(flags.byteFallback, want.byteFallback)).toBeNull();
  expect(firstTableDifference(tables(flags.tokenBytes), tables(want.tokenBytes))).toBeNull();
  expect(flags.tokenBytes.unkId).toBe(want.tokenBytes.unkId);
  return flags;
}

const fallbackIds = (flags: { byteFallback: Uint8Array }) => flags.byteFallback.reduce((n, b) => n + b, 0);

describe("tokenFlags through forEachEntryBytes", () => {
  it.each(["gpt2", "cl100k_base", "o200k_base"])(
    "%s: the tables entry(id) gives; the 128 single bytes 0x80-0xff are the byte-fallback ids",
    async (ref) => {
      const t = await sharedTokenizer(ref);
      expect(typeof t.forEachEntryBytes).toBe("function");
      const flags = expectSameTables(t);
      // byte-level BPE: every byte has a rank of its own, and the 128 that are no whole character count as fallback
      expect(fallbackIds(flags)).toBe(128);
    },
  );

  it("tiktoken: the same tables once the whole vocabulary was decoded", async () => {
    const t = await loadTokenizer("cl100k_base");
    try {
      const before = tokenFlags(t);
      expect(t.vocabulary().length).toBe(100_256 + 5); // 100,256 ranks and 5 special tokens
      const after = expectSameTables(t);
      expect(firstTableDifference(tables(after.tokenBytes), tables(before.tokenBytes))).toBeNull();
      expect(after.tokenBytes.unkId).toBe(before.tokenBytes.unkId);
    } finally {
      t.dispose();
    }
  });

  it.each([
    ["mistral-7b", 256], // SentencePiece-style BPE with <0x00>..<0xFF> byte pieces
    ["llama3", 128], // byte-level BPE
  ])("%s: the tables entry(id) gives, %i byte-fallback ids", async (ref, fallback) => {
    const t = await sharedTokenizer(ref);
    expect(typeof t.forEachEntryBytes).toBe("function");
    expect(fallbackIds(expectSameTables(t))).toBe(fallback);
  });

  it.each(["unigram-byte-fallback.tokenizer.json", "wordpiece.tokenizer.json", "wordlevel.tokenizer.json"])(
    "fixture %s: the tables entry(id) gives, before and after vocabulary()",
    async (name) => {
      const t = await loadTokenizer(fixture(name));
      try {
        const before = expectSameTables(t);
        expect(t.vocabulary().length).toBeGreaterThan(0);
        const after = expectSameTables(t);
        expect(firstTableDifference(tables(after.tokenBytes), tables(before.tokenBytes))).toBeNull();
        expect(after.tokenBytes.unkId).toBe(before.tokenBytes.unkId);
      } finally {
        t.dispose();
      }
    },
  );
});

describe("packRanks", () => {
  /** parseRanks' table, packed the way the old per-rank path saw it. */
  const expectSameAsParse = (text: string) => {
    const byRank = parseRanks(text);
    const packed = packRanks(text);
    expect(packed.start.length).toBe(byRank.length);
    // the first rank that differs, found in one loop (an expect per rank took seconds over the five encodings)
    let mismatch: string | null = null;
    for (let r = 0; r < byRank.length && mismatch === null; r++) {
      const got = packed.start[r]! < 0 ? undefined : packed.data.subarray(packed.start[r], packed.end[r]);
      const want = byRank[r];
      if (want === undefined ? got !== undefined : !(got && Buffer.from(got).equals(Buffer.from(want))))
        mismatch = `rank ${r}: ${got ? Buffer.from(got).toString("hex") : "none"} where parseRanks has ${want ? Buffer.from(want).toString("hex") : "none"}`;
    }
    expect(mismatch).toBeNull();
  };

  it("reads hand-made tables as parseRanks does: rank lines, blocks, gaps, a repeated rank, junk", () => {
    const packed = packRanks("IQ== 0\n! 2 Ig== Iw==\nJA== 5\n");
    // "!" at 0, a gap at 1, '"' '#' at 2-3 from the block, a gap at 4, "$" at 5
    expect([...packed.start]).toEqual([0, -1, 1, 2, -1, 3]);
    expect(Buffer.from(packed.data).toString("latin1")).toBe('!"#$');
    expectSameAsParse("IQ== 0\n! 2 Ig== Iw==\nJA== 5\n");
    expectSameAsParse("IQ== 1\nIg== 1\n"); // the later line wins
    expectSameAsParse("! 7\nIQ==\n\n4oKs 2\n");
    expectSameAsParse("");
  });

  it("reads every encoding tiktoken bundles as parseRanks does", () => {
    for (const name of ["gpt2", "r50k_base", "p50k_base", "cl100k_base", "o200k_base"]) {
      const { bpe_ranks } = JSON.parse(readFileSync(require.resolve(`tiktoken/encoders/${name}.json`), "utf8")) as {
        bpe_ranks: string;
      };
      expectSameAsParse(bpe_ranks);
    }
  });
});
