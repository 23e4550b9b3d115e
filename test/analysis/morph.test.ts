// MorphScore on a hand-made gold file, worked out by hand for a BPE (gpt2), a SentencePiece (Llama 2) and a WordPiece tokenizer.
import { describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getEncoding } from "../helpers/js-tiktoken.js";
import llamaTokenizer from "llama-tokenizer-js";
import { morphScore, readMorphGold, scoreWord, tokenBytesOf } from "../../src/analysis/morph.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { ConfigError } from "../../src/errors.js";
import { runCli } from "../cli/run-cli.js";

const gold = fileURLToPath(new URL("../fixtures/morph/gold.csv", import.meta.url));
const wordpiece = fileURLToPath(new URL("../fixtures/tokenizers/wordpiece.tokenizer.json", import.meta.url));

/**
 * Each word tokenized after "the ", as in running text. The splits below are what the tokenizers' own packages
 * give (checked in the first test); | marks a token boundary inside the word, the gold boundary is in brackets.
 *
 * word         gold            gpt2                   Llama 2                 WordPiece fixture (lowercases)
 * tokenizers   tokenizer|s     token|izers     0      token|izers       0     token|izer|s      1
 * lighted      light|ed        light|ed        1      light|ed          1     [UNK]             unknown
 * uploads      upload|s        upload|s        1      upload|s          1     [UNK]             unknown
 * cherished    cherish|ed      cherished       single cher|ished        0     [UNK]             unknown
 * unrelated    un|related      unrelated       single un|related        1     un|related        1
 * words        word|s          words           single words             single word|s       1
 * aldiz        aldi|z          a|ld|iz         0      al|d|iz           0     [UNK]             unknown
 * Αδριανής     Αδριανή|ς       bytes: Α split in two tokens, δ, ή too; every other letter alone: a boundary before ς: 1
 *                                                     Llama 2: ▁ then one token per letter: 1; WordPiece: [UNK]
 * pieces       piece|s         pieces          single pieces            single piece|s      1
 * wording      wor|ding        wording         single word|ing          0     word|ing          0
 *
 * gpt2: 1 + 1 + 1 (Greek) = 3 of 5 scored = 0.6, 5 single-token. Llama 2: lighted, uploads, unrelated, Greek = 4 of 8
 * = 0.5, 2 single-token. WordPiece: tokenizers, unrelated, words, pieces = 4 of 5 = 0.8, 5 unknown.
 */
const EXPECTED = {
  gpt2: { morphscore: 0.6, aligned: 3, scored: 5, excluded: { single_token: 5, unknown: 0, unplaced: 0 } },
  llama2: { morphscore: 0.5, aligned: 4, scored: 8, excluded: { single_token: 2, unknown: 0, unplaced: 0 } },
  wordpiece: { morphscore: 0.8, aligned: 4, scored: 5, excluded: { single_token: 0, unknown: 5, unplaced: 0 } },
};

describe("MorphScore", () => {
  it("the splits in the table are the tokenizers' own (js-tiktoken for gpt2, llama-tokenizer-js for Llama 2)", () => {
    const gpt2 = getEncoding("gpt2");
    const pieces = (ids: number[]) => ids.map((id) => gpt2.decode([id]));
    expect(pieces(gpt2.encode("the tokenizers"))).toEqual(["the", " token", "izers"]);
    expect(pieces(gpt2.encode("the lighted"))).toEqual(["the", " light", "ed"]);
    expect(pieces(gpt2.encode("the aldiz"))).toEqual(["the", " a", "ld", "iz"]);
    expect(gpt2.encode("the cherished")).toHaveLength(2);
    const llama = (t: string) => llamaTokenizer.encode(t, false, true).map((id) => llamaTokenizer.vocabById[id]);
    expect(llama("the cherished")).toEqual(["▁the", "▁cher", "ished"]);
    expect(llama("the unrelated")).toEqual(["▁the", "▁un", "related"]);
    expect(llama("the wording")).toEqual(["▁the", "▁word", "ing"]);
    expect(llama("the aldiz")).toEqual(["▁the", "▁al", "d", "iz"]);
  });

  for (const [name, ref] of [
    ["gpt2", "gpt2"],
    ["llama2", "llama2"],
    ["wordpiece", wordpiece],
  ] as const) {
    it(`${name}: the score worked out by hand`, async () => {
      const tokenizer = await loadTokenizer(ref);
      try {
        const r = await morphScore(tokenizer, await readMorphGold(gold), gold);
        expect(r.words).toBe(10);
        expect({ morphscore: r.morphscore, aligned: r.aligned, scored: r.scored, excluded: r.excluded }).toEqual(
          EXPECTED[name],
        );
      } finally {
        tokenizer.dispose();
      }
    });
  }

  it("markers never shift a boundary, and a lowercasing tokenizer is lined up with the lowercased word", async () => {
    const wp = await loadTokenizer(wordpiece);
    const llama = await loadTokenizer("llama2");
    try {
      // Tokenizers -> token|##izer|##s after lowercasing: the ## pieces take no text, the boundary at 9 is found
      expect(await scoreWord(wp, tokenBytesOf(wp), { word: "Tokenizers", first: "Tokenizer", rest: "s" })).toBe(1);
      expect(await scoreWord(wp, tokenBytesOf(wp), { word: "Tokenizers", first: "Token", rest: "izers" })).toBe(1);
      expect(await scoreWord(wp, tokenBytesOf(wp), { word: "Tokenizers", first: "Tok", rest: "enizers" })).toBe(0);
      // ▁light|ed: the ▁ is the space before the word, so the boundary is after 5 letters, not 6
      expect(await scoreWord(llama, tokenBytesOf(llama), { word: "lighted", first: "light", rest: "ed" })).toBe(1);
      expect(await scoreWord(llama, tokenBytesOf(llama), { word: "lighted", first: "ligh", rest: "ted" })).toBe(0);
    } finally {
      wp.dispose();
      llama.dispose();
    }
  });

  it("the CLI prints the same scores as JSON; bad gold files are ConfigErrors naming the fix", async () => {
    const r = runCli(["morph", "gpt2", wordpiece, "--gold", gold, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { tokenizer: string; morphscore: number }[];
    expect(out.map((o) => o.morphscore)).toEqual([0.6, 0.8]);
    const dir = await mkdtemp(join(tmpdir(), "toklens-morph-"));
    try {
      await writeFile(join(dir, "a.csv"), "word,stem\ncats,cat\n");
      await expect(readMorphGold(join(dir, "a.csv"))).rejects.toThrow(/lacks the column\(s\) full_word, pt1, rest/);
      await writeFile(join(dir, "b.csv"), "full_word,pt1,rest\ncats,ca,s\n");
      await expect(readMorphGold(join(dir, "b.csv"))).rejects.toThrow(ConfigError);
      const bad = runCli(["morph", "gpt2", "--gold", join(dir, "b.csv")]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("pt1 'ca' + rest 's' must spell full_word 'cats'");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("an analysis naming gold files adds the scores to results.json and a MorphScore section to the report", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-morph-run-"));
    try {
      const flores = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));
      const file = join(dir, "a.json");
      await writeFile(
        file,
        JSON.stringify({
          title: "morph",
          tokenizers: ["gpt2", "llama2"],
          corpus: { source: `flores:${flores}`, split: "dev" },
          languages: "all",
          morph: { gold: [gold] },
        }),
      );
      const r = runCli(["run", file, "--out", join(dir, "out"), "--no-cache"]);
      expect(r.code, r.stderr).toBe(0);
      const { readFile } = await import("node:fs/promises");
      const data = JSON.parse(await readFile(join(dir, "out", "results.json"), "utf8")) as {
        morph: { results: { tokenizer: string; morphscore: number; scored: number }[] };
      };
      expect(data.morph.results.map((m) => [m.tokenizer, m.morphscore, m.scored])).toEqual([
        ["gpt2", 0.6, 5],
        ["llama2", 0.5, 8],
      ]);
      const html = await readFile(join(dir, "out", "index.html"), "utf8");
      expect(html).toContain('<section id="morph"><h2>Morphological alignment (MorphScore)</h2>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
