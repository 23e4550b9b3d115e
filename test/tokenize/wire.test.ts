// The wire form of chunks and results between the main thread and the pool workers: what arrives after a real
// structured clone (buffers transferred as the worker does) equals what was sent, field for field and in order.
import { segmentRows } from "../../src/tokenize/segment-table.js";
import { describe, expect, it } from "vitest";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { prepareLanguage, tokenizeLanguage } from "../../src/tokenize/tokenize-corpus.js";
import { chunkFromWire, chunkToWire, resultFromWire, resultToWire, wireTransfer } from "../../src/tokenize/wire.js";

const segments = [
  { id: "1", text: "All human beings are born free and equal in dignity and rights." },
  { id: "2", text: "" },
  { id: "3", text: "Jeder hat Anspruch auf die in dieser Erklärung verkündeten Rechte. 人人生而自由 🙂" },
  { id: "4", text: "ab ".repeat(70_000) }, // cut into several pieces
];

describe("wire form", () => {
  it("a chunk arrives with the same pieces, bytes and word spans", () => {
    const chunk = prepareLanguage("deu_Latn", segments);
    expect(chunk.pieces.length).toBeGreaterThan(segments.length);
    const wire = structuredClone(chunkToWire(chunk));
    // one buffer each for the bytes and the word spans of all pieces
    expect(wire.pieceBytes.length).toBe(chunk.pieceBytes.reduce((n, b) => n + b.length, 0));
    const back = chunkFromWire(wire);
    expect(back.pieceBytes.map((b) => [...b])).toEqual(chunk.pieceBytes.map((b) => [...b]));
    expect(back.pieceWords.map((w) => [...w])).toEqual(chunk.pieceWords.map((w) => [...w]));
    const strip = (p: typeof chunk) => ({ ...p, pieceBytes: null, pieceWords: null });
    expect(strip(back)).toEqual(strip(chunk));
  });

  it("a result arrives with the same counts, frequencies in the same order, and its segment ids", async () => {
    const tokenizer = await loadTokenizer("gpt2");
    try {
      const chunk = prepareLanguage("deu_Latn", segments);
      const result = await tokenizeLanguage(tokenizer, chunk);
      // the transfer detaches the result's own columns (a worker drops its result once sent): compare with a copy
      const expected = structuredClone(result);
      const wire = resultToWire(result);
      const cloned = structuredClone(wire, { transfer: wireTransfer(wire) });
      const back = resultFromWire(cloned, chunk.segmentIds);
      expect(back).toEqual(expected);
      expect(segmentRows(back.segments)).toEqual(segmentRows(expected.segments));
      expect(back.segments.tokens.length).toBe(chunk.segmentIds.length);
      expect([...back.tokenFrequencies]).toEqual([...expected.tokenFrequencies]);
      expect(() => resultFromWire(resultToWire(expected), ["1"])).toThrow(/segment counts back/);
    } finally {
      tokenizer.dispose();
    }
  });
});
