// The words of strr_isolated joined by a special token and encoded in one text: each word's tokens must be exactly
// its tokens encoded alone (checked against the engine encoding every word alone), and a separator is used only
// where the tokenizer.json and a probe say the engine parts the text there.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { isolatingSeparator, type AddedTokenJson } from "../../src/tokenizers/json-components.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import type { BatchEncoding, Tokenizer } from "../../src/tokenizers/tokenizer.js";
import {
  isolatedLengths,
  isolatedLengthsOrAlone,
  isolatedPlan,
  isolatedWordsOf,
  tokenFlags,
  trustedSeparator,
} from "../../src/tokenize/tokenize-corpus.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

const special = (id: number, content: string, extra: Partial<AddedTokenJson> = {}): AddedTokenJson => ({
  id,
  content,
  special: true,
  normalized: false,
  single_word: false,
  lstrip: false,
  rstrip: false,
  ...extra,
});
const bpe = { type: "BPE" };

describe("isolatingSeparator", () => {
  it("takes the first special token matched as written, apart from every other added token", () => {
    const tj = { model: bpe, added_tokens: [special(0, "<unk>"), special(1, "<s>"), special(2, "</s>")] };
    expect(isolatingSeparator(tj, 0)).toEqual([1, "<s>"]); // never the unknown token
    expect(isolatingSeparator(tj, null)).toEqual([0, "<unk>"]);
  });

  it("refuses tokens the engine might not find where they were put", () => {
    const only = (t: AddedTokenJson, others: AddedTokenJson[] = []) =>
      isolatingSeparator({ model: bpe, added_tokens: [t, ...others] }, null);
    expect(only(special(5, "<x>", { normalized: true }))).toBeNull();
    expect(only({ id: 5, content: "<x>", special: true })).toBeNull(); // normalized not said
    expect(only(special(5, "<x>", { special: false }))).toBeNull();
    expect(only(special(5, "<x>", { single_word: true }))).toBeNull();
    expect(only(special(5, "<x>", { lstrip: true }))).toBeNull();
    expect(only(special(5, "<x>", { rstrip: true }))).toBeNull();
    expect(only(special(5, "<x y>"))).toBeNull(); // white space
    expect(only(special(5, ""))).toBeNull();
    // a prefix that is also a suffix: "ab" + "aba" holds "aba" from inside the word
    expect(only(special(5, "aba"))).toBeNull();
    expect(only(special(5, "<x>"))).toEqual([5, "<x>"]);
    // another added token holding it, inside it, or overlapping either end
    expect(only(special(5, "<x>"), [special(6, "<x>y")])).toBeNull();
    expect(only(special(5, "<x>"), [{ id: 6, content: "x" }])).toBeNull();
    expect(only(special(5, "<x>"), [{ id: 6, content: "y<x" }])).toBeNull();
    expect(only(special(5, "<x>"), [{ id: 6, content: ">y" }])).toBeNull();
    expect(only(special(5, "<x>"), [{ id: 6, content: "<y>" }])).toEqual([5, "<x>"]);
  });

  it("gives up after 16 candidates that each overlap another added token", () => {
    // "<" is inside every candidate: none is apart, and the 17th is not even checked
    const many = Array.from({ length: 17 }, (_, i) => special(i, `<t${i}>`));
    const tj = (extra: AddedTokenJson[]) => ({ model: bpe, added_tokens: [...many, ...extra] });
    expect(isolatingSeparator(tj([{ id: 99, content: "<" }]), null)).toBeNull();
    expect(isolatingSeparator(tj([]), null)).toEqual([0, "<t0>"]);
    const sixteenth = [...many.slice(0, 15).map((t) => ({ ...t, content: `${t.content}!` })), special(15, "[ok]")];
    expect(isolatingSeparator({ model: bpe, added_tokens: [...sixteenth, { id: 99, content: ">!" }] }, null)).toEqual([
      15,
      "[ok]",
    ]);
  });

  it("refuses pipelines that tell a text's first part from the others, and BPE dropout", () => {
    const added = [special(1, "</s>")];
    const first = { type: "Metaspace", replacement: "\u2581", prepend_scheme: "first" };
    expect(isolatingSeparator({ model: bpe, pre_tokenizer: first, added_tokens: added }, null)).toBeNull();
    const nested = { type: "Sequence", pretokenizers: [{ type: "Digits" }, first] };
    expect(isolatingSeparator({ model: bpe, pre_tokenizer: nested, added_tokens: added }, null)).toBeNull();
    const always = { ...first, prepend_scheme: "always" };
    expect(isolatingSeparator({ model: bpe, pre_tokenizer: always, added_tokens: added }, null)).toEqual([1, "</s>"]);
    expect(isolatingSeparator({ model: { type: "BPE", dropout: 0.1 }, added_tokens: added }, null)).toBeNull();
  });
});

describe("isolatedPlan and isolatedLengths", () => {
  const sep = { id: 9, content: "|" };
  const enc = (...ids: number[]): BatchEncoding => ({ ids, offsets: () => null });

  it("joins runs of words, and a word holding the separator's text is a text of its own", () => {
    const plan = isolatedPlan(["a", "b|c", "d", "e"], sep);
    expect(plan.texts).toEqual(["a", "b|c", "d|e"]);
    expect(plan.sizes).toEqual([1, 1, 2]);
    expect(isolatedPlan(["a", "b"], null).texts).toEqual(["a", "b"]);
    // ids of "b|c" include the separator's: a word alone is all its own ids
    expect(Array.from(isolatedLengths(plan, [enc(1, 2), enc(3, 9, 4), enc(5, 9, 6, 7)])!)).toEqual([2, 3, 1, 2]);
  });

  it("is null when a joined text does not come back as its words, and the words are then encoded alone", async () => {
    const plan = isolatedPlan(["a", "b", "c"], sep);
    expect(isolatedLengths(plan, [enc(1, 2, 9, 3)])).toBeNull(); // one separator for three words
    expect(isolatedLengths(plan, [enc(1, 9, 9, 9, 3)])).toBeNull(); // three
    expect(Array.from(isolatedLengths(plan, [enc(1, 9, 9, 3, 3)])!)).toEqual([1, 0, 2]); // a word of no token
    const encodeBatch = vi.fn(async (texts: readonly string[]) => texts.map(() => enc(4, 4, 4)));
    const lengths = await isolatedLengthsOrAlone({ encodeBatch } as unknown as Tokenizer, plan, [enc(1, 2)]);
    expect(Array.from(lengths)).toEqual([3, 3, 3]);
    expect(encodeBatch).toHaveBeenCalledWith(["a", "b", "c"]);
  });
});

describe("word separators of real tokenizers", () => {
  // words of seven UDHR scripts, and words spelled by the separators' texts or around them
  const extra =
    "<s> </s> <pad> <eos> <bos> <|endoftext|> <|begin_of_text|> x<s>y <s>x x</s <pad <|end caf\u00e9 cafe\u0301 " +
    "\u2581word \u2581 a\ud800b \u{1F600} 1234567 'll";
  const languages = ["eng_Latn", "deu_Latn", "rus_Cyrl", "arb_Arab", "hin_Deva", "cmn_Hans", "amh_Ethi"];

  async function words(): Promise<string[]> {
    const corpus = await openCorpus("udhr");
    const texts = [extra];
    for (const language of languages) for await (const seg of corpus.segments(language)) texts.push(seg.text);
    return [...isolatedWordsOf(texts).keys()];
  }

  it.each(["mistral-7b", "llama3", "qwen3", "gemma3"])(
    "%s: every word's tokens joined are its tokens alone",
    async (ref) => {
      const tokenizer = await sharedTokenizer(ref);
      const separator = await trustedSeparator(tokenizer, tokenFlags(tokenizer));
      expect(separator).not.toBeNull();
      const all = await words();
      const plan = isolatedPlan(all, separator);
      expect(plan.texts.length).toBeLessThan(all.length / 100);
      const joined = isolatedLengths(plan, await tokenizer.encodeBatch(plan.texts));
      const alone = (await tokenizer.encodeBatch(all)).map((e) => e.ids.length);
      expect(joined).not.toBeNull();
      expect(Array.from(joined!)).toEqual(alone);
    },
    120_000,
  );

  it("a Metaspace that marks only the first part has no separator, and the probe refuses one forced on it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-separator-"));
    try {
      const fixture = new URL("../fixtures/tokenizers/unigram-byte-fallback.tokenizer.json", import.meta.url);
      const tj = JSON.parse(await readFile(fixture, "utf8")) as { pre_tokenizer: Record<string, unknown> };
      tj.pre_tokenizer["prepend_scheme"] = "first";
      const path = join(dir, "tokenizer.json");
      await writeFile(path, JSON.stringify(tj));
      const first = await loadTokenizer(path, { engine: "native", cache: false });
      const always = await loadTokenizer(fixture.pathname, { engine: "native", cache: false });
      try {
        expect(first.wordSeparator).toBeUndefined();
        expect(always.wordSeparator).toEqual({ id: 1, content: "<s>" });
        // the words after the first lose their word marker when joined: the probe sees it
        const forced = Object.create(first, { wordSeparator: { value: { id: 2, content: "</s>" } } }) as Tokenizer;
        expect(await trustedSeparator(forced, tokenFlags(forced))).toBeNull();
        const plan = isolatedPlan(["cat", "sat"], { id: 2, content: "</s>" });
        const joined = isolatedLengths(plan, await first.encodeBatch(plan.texts));
        const alone = (await first.encodeBatch(["cat", "sat"])).map((e) => e.ids.length);
        expect(Array.from(joined!)).not.toEqual(alone);
        // a separator id the engine does not give there: refused too
        const wrong = Object.create(always, { wordSeparator: { value: { id: 2, content: "<s>" } } }) as Tokenizer;
        expect(await trustedSeparator(wrong, tokenFlags(wrong))).toBeNull();
        expect(await trustedSeparator(always, tokenFlags(always))).toEqual({ id: 1, content: "<s>" });
      } finally {
        first.dispose();
        always.dispose();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
