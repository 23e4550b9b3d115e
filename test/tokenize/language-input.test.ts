// What a streamed language keeps: nothing after hashing, its prepared chunks only while another read of it follows,
// so memory does not grow with the number of languages of a run.
import { describe, expect, it } from "vitest";
import type { Corpus } from "../../src/corpus/open-corpus.js";
import { createHash } from "node:crypto";
import {
  CHUNK_BYTES,
  corpusInput,
  KEEP_PREPARED_CHARS,
  KEEP_RUN_CHARS,
  type LanguageInput,
} from "../../src/tokenize/language-input.js";
import { keepsBetweenReads } from "../../src/tokenize/run.js";
import { JOINED_SEGMENT_ID, joinedInput } from "../../src/tokenize/join.js";
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

  it("closes a chunk at CHUNK_BYTES of UTF-8 as well as at CHUNK_SEGMENTS segments", async () => {
    // 1,000 code units a line: 1,000 bytes in ASCII, 3,000 in Kannada (each U+0C95 is three UTF-8 bytes)
    const lines = (unit: string) => Array.from({ length: 600 }, () => unit.repeat(1000));
    const sizes = async (unit: string) =>
      (await read((await corpusInput(counted(lines(unit)), "eng_Latn", false)).chunks())).map((c) => c.pieces.length);
    // 600 ASCII lines are 600,000 bytes: one chunk under CHUNK_SEGMENTS, closed at the line that passes CHUNK_BYTES
    const ascii = Math.ceil(CHUNK_BYTES / 1000);
    expect(await sizes("a")).toEqual([ascii, 600 - ascii]);
    const kannada = Math.ceil(CHUNK_BYTES / 3000);
    expect(await sizes("\u0c95")).toEqual([kannada, kannada, kannada, 600 - 3 * kannada]);
  });
});

describe("corpusInput with hashWhileReading", () => {
  const texts = ["The cat sat.", "", "A dog ran \u{1F600}.", "Le chat."];

  it("reads the corpus once, and its hash and chunks are those of the pass before", async () => {
    const eager = await corpusInput(counted(texts), "eng_Latn");
    const corpus = counted(texts);
    const input = await corpusInput(corpus, "eng_Latn", true, true, { hashWhileReading: true });
    expect(corpus.reads).toBe(0);
    expect(input.segments).toBe(texts.length);
    expect(() => input.sha256).toThrow(/internal error: the hash of eng_Latn was read before its text/);
    expect(() => input.chars).toThrow(/internal error/);
    const chunks = await read(input.chunks());
    expect(corpus.reads).toBe(1);
    expect(input.sha256).toBe(eager.sha256);
    expect(chunks.map((c) => ({ ...c, sha256: eager.sha256 }))).toEqual(await read(eager.chunks()));
    // a second read prepares it again, keeping nothing, and the hash stays
    expect(await read(input.chunks({ keep: true }))).toEqual(chunks);
    expect(input.keptChunks).toBe(0);
    expect(input.sha256).toBe(eager.sha256);
  });

  it("a corpus that yields another number of segments than it counted is an internal error", async () => {
    const corpus = { ...counted(texts), segmentCount: () => texts.length + 1 };
    const input = await corpusInput(corpus, "eng_Latn", true, true, { hashWhileReading: true });
    await expect(read(input.chunks())).rejects.toThrow(
      /internal error: eng_Latn has 4 segments, but the corpus counted 5/,
    );
  });
});

describe("joinedInput", () => {
  it("hashes the joined text in one pass, keeping nothing, and prepares it on each read unless kept", async () => {
    const texts = ["The cat sat.", "A dog ran.", "Birds sing."];
    const corpus = counted(texts);
    const input = await joinedInput(corpus, "eng_Latn");
    expect(corpus.reads).toBe(1);
    expect(input.keptChunks).toBe(0);
    // the hash of the whole joined string, as if it had been built
    const joined = "The cat sat. A dog ran. Birds sing.";
    expect(input.sha256).toBe(
      createHash("sha256").update("toklens joined by single spaces\u0000").update(joined).digest("hex"),
    );
    expect(input.chars).toBe(joined.length);
    expect([input.segments, input.pieces]).toEqual([3, 1]);

    const first = await read(input.chunks({ keep: true }));
    expect(first.map((c) => [c.segmentIds, c.pieces, c.bytes, c.words])).toEqual([
      [[JOINED_SEGMENT_ID], [joined], [joined.length], [3 + 3 + 2]],
    ]);
    expect([corpus.reads, input.keptChunks]).toEqual([2, 1]);
    expect(await read(input.chunks())).toEqual(first);
    expect([corpus.reads, input.keptChunks]).toEqual([2, 0]);
    expect(await read(input.chunks())).toEqual(first);
    expect(corpus.reads).toBe(3);
  });
});

describe("keepsBetweenReads", () => {
  const sized = (chars: number) => ({ chars }) as LanguageInput;
  it("keeps a run's languages between reads only when several tokenizers read them and they are small in all", () => {
    // 3.8 million characters (UDHR) kept; 16 million and one not
    const udhr = [sized(2_000_000), sized(1_800_000)];
    expect(keepsBetweenReads([udhr, udhr], udhr)).toBe(true);
    expect(keepsBetweenReads([udhr, []], udhr)).toBe(false); // one tokenizer reads them once
    const big = [sized(KEEP_RUN_CHARS - 1_000_000), sized(1_000_001)];
    expect(keepsBetweenReads([big, big], big)).toBe(false);
    expect(keepsBetweenReads([big, big], big.slice(0, 1))).toBe(true);
    // one reader: the size is never asked (an input hashed while it is read throws when asked)
    const unsized = {
      get chars(): number {
        throw new Error("asked");
      },
    } as LanguageInput;
    expect(keepsBetweenReads([[unsized]], [unsized])).toBe(false);
  });
});
