// MorphScore on a hand-made gold file, worked out by hand for a BPE (gpt2), a SentencePiece (Llama 2) and a WordPiece tokenizer.
import { describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getEncoding } from "../helpers/js-tiktoken.js";
import llamaTokenizer from "llama-tokenizer-js";
import { morphScore, readMorphGold, scoreWord, tokenBytesOf, type MorphGoldItem } from "../../src/analysis/morph.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { ConfigError } from "../../src/errors.js";
import { callCli } from "../cli/run-cli.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

const gold = fileURLToPath(new URL("../fixtures/morph/gold.csv", import.meta.url));
const wordpiece = fileURLToPath(new URL("../fixtures/tokenizers/wordpiece.tokenizer.json", import.meta.url));

/**
 * The in-context protocol (`--context`): each word tokenized after "the ", as in running text. The splits below are what the tokenizers' own packages
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
    it(`${name}, in context: the score worked out by hand`, async () => {
      const tokenizer = await sharedTokenizer(ref);
      const r = await morphScore(tokenizer, (await readMorphGold(gold)).items, gold, { protocol: "in-context" });
      expect(r.words).toBe(10);
      expect(r.protocol).toBe("in-context");
      expect({ morphscore: r.morphscore, aligned: r.aligned, scored: r.scored, excluded: r.excluded }).toEqual(
        EXPECTED[name],
      );
    });
  }

  it("bare word (the default, the published scorer's protocol): the splits are the tokenizers' own", () => {
    const gpt2 = getEncoding("gpt2");
    const pieces = (w: string) => gpt2.encode(w).map((id) => gpt2.decode([id]));
    expect(pieces("tokenizers")).toEqual(["token", "izers"]);
    expect(pieces("cherished")).toEqual(["cher", "ished"]);
    expect(pieces("wording")).toEqual(["w", "ording"]);
    expect(pieces("aldiz")).toEqual(["ald", "iz"]);
    expect(gpt2.encode("uploads")).toHaveLength(1);
    // Α, δ and ή are each two byte tokens: decoded one by one they are U+FFFD
    expect(pieces("Αδριανής")).toEqual([
      "\ufffd",
      "\ufffd",
      "\ufffd",
      "\ufffd",
      "ρ",
      "ι",
      "α",
      "ν",
      "\ufffd",
      "\ufffd",
      "ς",
    ]);
    const llama = (w: string) => llamaTokenizer.encode(w, false, true).map((id) => llamaTokenizer.vocabById[id]);
    expect(llama("uploads")).toEqual(["▁upload", "s"]);
    expect(llama("aldiz")).toEqual(["▁al", "d", "iz"]);
    expect(llama("Αδριανής")).toEqual(["▁", "Α", "δ", "ρ", "ι", "α", "ν", "ή", "ς"]);
  });

  /**
   * Bare word, by hand from the splits above (| a token boundary; gold in the table at the top):
   * gpt2: token|izers 0, light|ed 1, uploads single, cher|ished 0, un|related 1, words single, ald|iz 0, Αδριανή|ς 1
   * (by bytes), pieces single, w|ording 0: 3 of 7 scored. Llama 2: ▁token|izers 0, ▁light|ed 1, ▁upload|s 1,
   * ▁cher|ished 0, ▁un|related 1, ▁words single, ▁al|d|iz 0, ▁|Α|...|ή|ς 1 (the lone ▁ is no text), ▁pieces single,
   * ▁word|ing 0: 4 of 8. WordPiece splits a word alone as it does after a space: as in context.
   */
  const BARE = {
    gpt2: { morphscore: 3 / 7, aligned: 3, scored: 7, excluded: { single_token: 3, unknown: 0, unplaced: 0 } },
    llama2: { morphscore: 0.5, aligned: 4, scored: 8, excluded: { single_token: 2, unknown: 0, unplaced: 0 } },
    wordpiece: EXPECTED.wordpiece,
  };
  for (const [name, ref] of [
    ["gpt2", "gpt2"],
    ["llama2", "llama2"],
    ["wordpiece", wordpiece],
  ] as const) {
    it(`${name}, bare word (the default): the score worked out by hand`, async () => {
      const tokenizer = await sharedTokenizer(ref);
      const r = await morphScore(tokenizer, (await readMorphGold(gold)).items, gold);
      expect(r.protocol).toBe("bare-word");
      expect({ morphscore: r.morphscore, aligned: r.aligned, scored: r.scored, excluded: r.excluded }).toEqual(
        BARE[name],
      );
    });
  }

  it("the published scorer's rule (decoded pieces joined, exactly one split equal to [pt1, rest]) agrees word for word, but for a word with a token that is part of a character", async () => {
    // a second implementation of the published rule, on js-tiktoken's gpt2: 1 aligned, 0 not, "single" one token
    const enc = getEncoding("gpt2");
    const published = (item: MorphGoldItem): 0 | 1 | "single_token" => {
      const pieces = enc.encode(item.word).map((id) => enc.decode([id]));
      if (pieces.length === 1) return "single_token";
      let matches = 0;
      for (let t = 1; t < pieces.length; t++)
        if (pieces.slice(0, t).join("") === item.first && pieces.slice(t).join("") === item.rest) matches++;
      return matches === 1 ? 1 : 0;
    };
    const gpt2 = await sharedTokenizer("gpt2");
    const table = tokenBytesOf(gpt2);
    const differ: string[] = [];
    for (const item of (await readMorphGold(gold)).items) {
      const ours = await scoreWord(gpt2, table, item);
      if (ours !== published(item)) differ.push(`${item.word}: published ${published(item)}, toklens ${ours}`);
    }
    // Αδριανή|ς: a token ends at the gold boundary, but the pieces of Α, δ and ή decode to U+FFFD, so the joined
    // strings never equal the gold parts and the published rule counts a miss; toklens places tokens by bytes
    expect(differ).toEqual(["Αδριανής: published 0, toklens 1"]);
  });

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

  it("the CLI prints the same scores as JSON, bare word by default and in context with --context", async () => {
    const bare = await callCli(["morph", "gpt2", wordpiece, "--gold", gold, "--json"]);
    expect(bare.code, bare.stderr).toBe(0);
    const out = JSON.parse(bare.stdout) as { protocol: string; morphscore: number }[];
    expect(out.map((o) => [o.protocol, o.morphscore])).toEqual([
      ["bare-word", 3 / 7],
      ["bare-word", 0.8],
    ]);
    const context = await callCli(["morph", "gpt2", wordpiece, "--gold", gold, "--context"]);
    expect(context.code, context.stderr).toBe(0);
    expect(context.stdout).toMatch(/gpt2 +\S*gold\.csv +0\.600 +3\/5 /);
    expect(context.stdout).toContain("Protocol: in-context");
  });

  it("gold rows with an empty part or parts that do not spell the word are left out, counted and named", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-morph-"));
    try {
      // line 2 good; 3 empty rest, 4 empty pt1 (no boundary inside the word); 5 parts that do not spell the word;
      // 6 blank (not a row); 7 'nan' is a word part like any other (pandas reads it as NaN; toklens does not)
      const file = join(dir, "g.csv");
      await writeFile(
        file,
        ",full_word,pt1,rest\n0,lighted,light,ed\n1,yendirt,yendirt,\n2,it,,it\n3,નિપાળો,渡,ら\n,,,\n4,nanaba,nan,aba\n",
      );
      const g = await readMorphGold(file);
      expect(g.items.map((i) => i.word)).toEqual(["lighted", "nanaba"]);
      expect(g.skipped).toEqual({ no_boundary: 2, misspelled: 1 });
      expect(g.warnings.map((w) => [w.code, w.message])).toEqual([
        [
          "gold-rows-skipped",
          `--gold file '${file}': 2 row(s) left out of the score (an empty pt1 or rest, so no morpheme boundary inside the word: nothing to judge); first: line 3: 'yendirt' + '' for 'yendirt'; line 4: '' + 'it' for 'it'.`,
        ],
        [
          "gold-rows-skipped",
          `--gold file '${file}': 1 row(s) left out of the score (pt1 + rest does not spell full_word: corrupt rows); first: line 5: '渡' + 'ら' for 'નિપાળો'.`,
        ],
      ]);
      const r = await callCli(["morph", "gpt2", "--gold", file, "--json"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.match(/warning \[gold-rows-skipped\]/g)).toHaveLength(2);
      const [row] = JSON.parse(r.stdout) as { words: number; skipped: unknown }[];
      expect(row).toMatchObject({ words: 2, skipped: { no_boundary: 2, misspelled: 1 } });

      // a file with no usable row is refused, and nothing is scored
      await writeFile(join(dir, "b.csv"), "full_word,pt1,rest\ncats,ca,s\ncat,cat,\n");
      await expect(readMorphGold(join(dir, "b.csv"))).rejects.toThrow(ConfigError);
      const bad = await callCli(["morph", "gpt2", "--gold", join(dir, "b.csv")]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(
        "has no usable row (1 with an empty pt1 or rest, 1 whose pt1 + rest do not spell full_word)",
      );
      await writeFile(join(dir, "a.csv"), "word,stem\ncats,cat\n");
      await expect(readMorphGold(join(dir, "a.csv"))).rejects.toThrow(/lacks the column\(s\) full_word, pt1, rest/);
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
          morph: { gold: [gold], context: true },
        }),
      );
      const r = await callCli(["run", file, "--out", join(dir, "out"), "--no-cache"]);
      expect(r.code, r.stderr).toBe(0);
      const { readFile } = await import("node:fs/promises");
      const data = JSON.parse(await readFile(join(dir, "out", "results.json"), "utf8")) as {
        morph: { results: { tokenizer: string; protocol: string; morphscore: number; scored: number }[] };
      };
      expect(data.morph.results.map((m) => [m.tokenizer, m.protocol, m.morphscore, m.scored])).toEqual([
        ["gpt2", "in-context", 0.6, 5],
        ["llama2", "in-context", 0.5, 8],
      ]);
      const html = await readFile(join(dir, "out", "index.html"), "utf8");
      expect(html).toContain('<section id="morph"><h2>Morphological alignment (MorphScore)</h2>');
      expect(html).toContain("<td>in-context</td>");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
