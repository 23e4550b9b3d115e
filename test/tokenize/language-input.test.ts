// What a streamed language keeps: nothing after hashing, its prepared chunks only while another read of it follows,
// so memory does not grow with the number of languages of a run.
import { describe, expect, it } from "vitest";
import type { Corpus } from "../../src/corpus/open-corpus.js";
import { corpusInput, KEEP_PREPARED_CHARS } from "../../src/tokenize/language-input.js";
import type { PreparedLanguage } from "../../src/tokenize/tokenize-corpus.js";

/** A one-language corpus of `texts` that counts how often its segments are read. */
function counted(texts: readonly string[]): Corpus & { reads: number } {
  const c = {
    reads: 0,
    source: "test",
    languages: ["eng_Latn"],
    parallel: true,
    unaligned: [],
    warnings: [],
    async *segments() {
      c.reads++;
      yield* texts.map((text, i) => ({ id: String(i + 1), text }));
    },
    describe: () => ({ name: "English" }),
    segmentCount: () => texts.length,
  };
  return c;
}

async function read(chunks: AsyncIterable<PreparedLanguage>): Promise<PreparedLanguage[]> {
  const out: PreparedLanguage[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe("corpusInput", () => {
  it("keeps nothing after hashing and releases its prepared chunks after the last read", async () => {
    const corpus = counted(["The cat sat.", "A dog ran."]);
    const input = await corpusInput(corpus, "eng_Latn");
    expect(corpus.reads).toBe(1); // the hashing pass
    expect(input.keptChunks).toBe(0);

    const first = await read(input.chunks({ keep: true }));
    expect(corpus.reads).toBe(2);
    expect(input.keptChunks).toBe(first.length);

    const second = await read(input.chunks());
    expect(corpus.reads).toBe(2); // served from the kept chunks
    expect(second).toEqual(first);
    expect(input.keptChunks).toBe(0); // released by the last read

    const third = await read(input.chunks());
    expect(corpus.reads).toBe(3); // read and prepared again, kept by no one
    expect(third).toEqual(first);
    expect(input.keptChunks).toBe(0);
  });

  it("never keeps a language over KEEP_PREPARED_CHARS", async () => {
    const line = "word ".repeat(1000);
    const corpus = counted(Array.from({ length: Math.ceil(KEEP_PREPARED_CHARS / line.length) + 1 }, () => line));
    const input = await corpusInput(corpus, "eng_Latn");
    await read(input.chunks({ keep: true }));
    expect(input.keptChunks).toBe(0);
  });
});
