// The native phase encodes chunks in batches across languages and counts one batch while the engine encodes the
// next: its counts equal those of tokenizing each language whole, alone, with the same tokenizer.
import { describe, expect, it, vi } from "vitest";
import type { Corpus } from "../../src/corpus/open-corpus.js";
import { LOAD_AHEAD_BATCHES } from "../../src/tokenize/native-phase.js";
import { corpusInput, NATIVE_BATCH_PIECES, runTokenize } from "../../src/tokenize/run.js";
import { TokenizerSession } from "../../src/tokenize/session.js";
import { CHUNK_SEGMENTS } from "../../src/tokenize/language-input.js";
import { prepareLanguage, tokenizeLanguage } from "../../src/tokenize/tokenize-corpus.js";
import type { Segment } from "../../src/types.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

/** Segments of several scripts, numbered so that no two are alike. */
function segmentsOf(language: string, count: number): Segment[] {
  const phrases: Record<string, string> = {
    eng_Latn: "All human beings are born free and equal in dignity and rights, number",
    rus_Cyrl: "Все люди рождаются свободными и равными в своем достоинстве, номер",
    cmn_Hans: "人人生而自由，在尊严和权利上一律平等。编号",
  };
  return Array.from({ length: count }, (_, i) => ({ id: `s${i}`, text: `${phrases[language]} ${i * 7919}.` }));
}

function corpusOf(texts: ReadonlyMap<string, Segment[]>): Corpus {
  return {
    source: "test",
    languages: [...texts.keys()],
    parallel: false,
    unaligned: [],
    warnings: [],
    async *segments(language) {
      yield* texts.get(language)!;
    },
    describe: (language) => ({ name: language }),
    segmentCount: (language) => texts.get(language)!.length,
  };
}

describe("the native phase", () => {
  it("gives, over several batches and chunks, the counts of each language tokenized whole and alone", async () => {
    // 2,500 segments a language: two chunks each (CHUNK_SEGMENTS), batches of NATIVE_BATCH_PIECES across languages
    const count = 2500;
    expect(count).toBeGreaterThan(Math.max(CHUNK_SEGMENTS, NATIVE_BATCH_PIECES));
    const texts = new Map(["eng_Latn", "rus_Cyrl", "cmn_Hans"].map((l) => [l, segmentsOf(l, count)] as const));
    const corpus = corpusOf(texts);
    for (const hashWhileReading of [false, true]) {
      const inputs = [];
      for (const language of texts.keys())
        inputs.push(await corpusInput(corpus, language, true, true, { hashWhileReading }));
      const run = await runTokenize({ tokenizers: ["llama3"], languages: inputs, cache: false, workers: 1 });
      const tokenizer = await sharedTokenizer("llama3", { engine: "native" });
      expect(run.computed).toBe(3);
      for (const [l, language] of [...texts.keys()].entries()) {
        const alone = await tokenizeLanguage(tokenizer, prepareLanguage(language, texts.get(language)!));
        expect(run.results[l], `${language} ${hashWhileReading}`).toEqual(alone);
        expect(run.results[l]!.segments.ids).toHaveLength(count);
      }
    }
  });

  it("loads the next tokenizer once a first batch of several batches' worth is with the engine", async () => {
    // 3 x 5,000 segments: more than the first batch of the first tokenizer holds
    const texts = new Map(["eng_Latn", "rus_Cyrl", "cmn_Hans"].map((l) => [l, segmentsOf(l, 5000)] as const));
    expect(15_000).toBeGreaterThan(LOAD_AHEAD_BATCHES * NATIVE_BATCH_PIECES);
    const corpus = corpusOf(texts);
    const inputs = [];
    for (const language of texts.keys()) inputs.push(await corpusInput(corpus, language));
    const session = new TokenizerSession({ cache: false, engine: "native" });
    const log: string[] = [];
    const loaded = session.loaded.bind(session);
    vi.spyOn(session, "loaded").mockImplementation(async (ref) => {
      log.push(`load ${ref}`);
      const l = await loaded(ref);
      const encodeBatch = l.tokenizer.encodeBatch.bind(l.tokenizer);
      // the separator's probe encodes a dozen words: only the batches of the phase are logged
      l.tokenizer.encodeBatch = (batch) => {
        if (batch.length > 100) log.push(`encode ${ref} ${batch.length}`);
        return encodeBatch(batch);
      };
      return l;
    });
    try {
      await runTokenize({ tokenizers: ["mistral-7b", "llama3"], languages: inputs, cache: false, workers: 1, session });
      const sizes = (ref: string) =>
        log.filter((e) => e.startsWith(`encode ${ref} `)).map((e) => Number(e.split(" ")[2]));
      expect(log.filter((e) => e.startsWith("load")).length).toBeGreaterThanOrEqual(2);
      // mistral-7b's first batch went to the engine before llama3 was asked for, and held six batches' pieces
      expect(log.indexOf("load llama3")).toBe(log.indexOf(`encode mistral-7b ${sizes("mistral-7b")[0]}`) + 1);
      expect(sizes("mistral-7b")[0]).toBeGreaterThanOrEqual(LOAD_AHEAD_BATCHES * NATIVE_BATCH_PIECES);
      // the next batches, and the last tokenizer's first, are of the usual size (pieces, then a few joined words)
      for (const n of [...sizes("mistral-7b").slice(1), ...sizes("llama3")])
        expect(n).toBeLessThan(2 * NATIVE_BATCH_PIECES);
      expect(sizes("mistral-7b").reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(15_000);
    } finally {
      session.dispose();
    }
  });
});
