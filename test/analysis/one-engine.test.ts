// One engine per tokenizer (issue 19 item 3): compare's tokenize phase, `tokenize`, `morph` and the token views
// give the same tokens for the same text and engine choice. The fixture is a Unigram tokenizer with byte fallback,
// on which the pure-JS engine and the native one disagree (the JS engine does not fall back to bytes), so a command
// that ran the other engine would count differently. The fixture (written by make-unigram-byte-fallback.mjs beside it)
// holds <unk> <s> </s>, the 256 <0xNN> pieces and 17 pieces of "the cat sat in the café", with Llama's decoders.
import { afterEach, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import type { LanguageCode } from "../../src/types.js";
import { BUILTIN_TOKENIZERS, isInstalled } from "../../src/tokenizers/registry.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { nativeEngineAvailable } from "../../src/tokenizers/huggingface-native.js";
import type { HfEngineChoice, Tokenizer } from "../../src/tokenizers/tokenizer.js";
import { tokenView, tokenViews } from "../../src/tokenizers/token-pieces.js";
import { prepareLanguage, tokenizeLanguage } from "../../src/tokenize/tokenize-corpus.js";
import { tokenizeText } from "../../src/analysis/tokenize-text.js";
import { morphScore, scoreIds, tokenBytesOf, type MorphGoldItem } from "../../src/analysis/morph.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

const fixture = fileURLToPath(new URL("../fixtures/tokenizers/unigram-byte-fallback.tokenizer.json", import.meta.url));
const native = await nativeEngineAvailable();

/** Texts with characters outside the fixture's vocabulary, which the native engine spells in <0xNN> pieces. */
const TEXTS = ["the cat sat in the café 中文", "xyz ñ", "the cat"];
/** Gold words whose boundary falls inside byte-fallback runs. */
const GOLD: MorphGoldItem[] = [
  { word: "xyz", first: "x", rest: "yz" },
  { word: "cañ", first: "ca", rest: "ñ" },
  { word: "catsat", first: "cat", rest: "sat" },
];

/** The tokens compare counts: the tokenize phase's per-segment token numbers. */
async function compareCounts(tokenizer: Tokenizer, texts: readonly string[]): Promise<number[]> {
  const prepared = prepareLanguage(
    "eng_Latn" as LanguageCode,
    texts.map((text, i) => ({ id: String(i), text })),
  );
  return [...(await tokenizeLanguage(tokenizer, prepared)).segments.tokens];
}

/** What each other command gives for the same texts, as token counts (morph: its score from compare's ids). */
async function everyCommand(tokenizer: Tokenizer, texts: readonly string[]) {
  const views = await tokenViews(tokenizer, texts);
  const tokenizeCommand = [];
  const tokenViewCounts = [];
  for (const text of texts) {
    tokenizeCommand.push((await tokenizer.encodeAsync(text)).ids.length);
    tokenViewCounts.push((await tokenView(tokenizer, text)).reduce((n, g) => n + g.tokens.length, 0));
  }
  return {
    tokenize: tokenizeCommand,
    tokenView: tokenViewCounts,
    reportTokenView: views.map((groups) => groups.reduce((n, g) => n + g.tokens.length, 0)),
  };
}

/** MorphScore as the compare phase's ids would give it: the morph command must agree. */
async function morphFromCompareIds(tokenizer: Tokenizer, items: readonly MorphGoldItem[]) {
  const table = tokenBytesOf(tokenizer);
  const encoded = await tokenizer.encodeBatch(items.map((i) => i.word));
  return items.map((item, i) => scoreIds(encoded[i]!.ids, table, item));
}

describe("a Unigram tokenizer with byte fallback: the same tokens in every command, for each engine choice", () => {
  const saved = process.env["TOKLENS_ENGINE"];
  afterEach(() => {
    if (saved === undefined) delete process.env["TOKLENS_ENGINE"];
    else process.env["TOKLENS_ENGINE"] = saved;
  });

  const choices: HfEngineChoice[] = native ? ["auto", "native", "js"] : ["js"];
  const counts = new Map<HfEngineChoice, number[]>();

  it.each(choices)("--engine %s", async (choice) => {
    const tokenizer = await loadTokenizer(fixture, { engine: choice });
    try {
      expect(tokenizer.engine).toBe(choice === "js" ? "js" : "native");
      const compare = await compareCounts(tokenizer, TEXTS);
      counts.set(choice, compare);
      const others = await everyCommand(tokenizer, TEXTS);
      expect(others).toEqual({ tokenize: compare, tokenView: compare, reportTokenView: compare });

      // `toklens tokenize --engine <choice>` (the flag reaches the loader as TOKLENS_ENGINE)
      if (choice === "auto") delete process.env["TOKLENS_ENGINE"];
      else process.env["TOKLENS_ENGINE"] = choice;
      const viaCommand = await tokenizeText([fixture], TEXTS[0]!);
      expect(viaCommand[0]!.count).toBe(compare[0]);
      expect(viaCommand[0]!.roundTrip).toBe(choice !== "js"); // the JS engine loses the characters it cannot spell

      const morph = await morphScore(tokenizer, GOLD, "gold.csv");
      const expected = await morphFromCompareIds(tokenizer, GOLD);
      expect(morph.scored).toBe(expected.filter((r) => r === 0 || r === 1).length);
      expect(morph.aligned).toBe(expected.filter((r) => r === 1).length);
      expect(morph.excluded.unknown).toBe(expected.filter((r) => r === "unknown").length);
    } finally {
      tokenizer.dispose();
    }
  });

  it.runIf(native)(
    "the fixture tells the engines apart: native spells unknown characters in bytes, js does not",
    () => {
      expect(counts.get("native")).toEqual([16, 7, 2]);
      expect(counts.get("auto")).toEqual(counts.get("native"));
      expect(counts.get("js")).toEqual([10, 4, 2]);
    },
  );
});

describe("every built-in: the same tokens in compare, tokenize, morph and the token views", () => {
  const TEXT = "Hi नमस्ते 𝄞 世界, ሰላም café\nok";

  // the worker's shared copy (test/helpers/shared-tokenizers.ts): other files of the worker load the same built-ins
  it.each(BUILTIN_TOKENIZERS.filter(isInstalled).map((t) => t.id))("%s", async (id) => {
    const tokenizer = await sharedTokenizer(id);
    const [compare] = await compareCounts(tokenizer, [TEXT]);
    expect(await everyCommand(tokenizer, [TEXT])).toEqual({
      tokenize: [compare],
      tokenView: [compare],
      reportTokenView: [compare],
    });
    const ids = (await tokenizer.encodeBatch([TEXT]))[0]!.ids;
    expect((await tokenizer.encodeAsync(TEXT)).ids).toEqual(Array.from(ids));
    // entries looked up one by one before the whole vocabulary is decoded are the vocabulary's: a load of its own,
    // since the shared copy's vocabulary may have been decoded by an earlier file (its entries are then the kept ones)
    const fresh = await loadTokenizer(id);
    try {
      const looked = Array.from(ids, (i) => fresh.entry(i));
      const byId = new Map(tokenizer.vocabulary().map((e) => [e.id, e]));
      expect(looked).toEqual(Array.from(ids, (i) => byId.get(i)));
      expect(looked.every((e) => e !== undefined)).toBe(true);
      expect(fresh.entry(fresh.vocabSize)).toBeUndefined();
      expect(tokenizer.entry(tokenizer.vocabSize)).toBeUndefined();
    } finally {
      fresh.dispose();
    }
    const morph = await morphScore(tokenizer, GOLD, "gold.csv");
    const expected = await morphFromCompareIds(tokenizer, GOLD);
    expect(morph.aligned).toBe(expected.filter((r) => r === 1).length);
    expect(morph.scored).toBe(expected.filter((r) => r === 0 || r === 1).length);
  });
});
