// The entry filter that picks the words strr_isolated encodes alone: it lets every entry's text through (with and
// without a leading space), hashes a string's UTF-8 as TextEncoder writes it, and lets few other words through.
import { describe, expect, it } from "vitest";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { entryFilter, hashUtf8, mayBeEntry } from "../../src/tokenize/entry-filter.js";
import { isolatedWordsOf, tokenFlags } from "../../src/tokenize/tokenize-corpus.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

/** FNV-1a over bytes, written from its definition (offset basis 2166136261, prime 16777619), in BigInt. */
function fnv1a(bytes: Uint8Array): number {
  let h = 2166136261n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 16777619n) % 2n ** 32n;
  return Number(h);
}

describe("entry filter", () => {
  it("hashes the UTF-8 bytes TextEncoder writes, lone surrogates as U+FFFD", () => {
    const samples = ["", "a", "é", "€", "\u{1F600}", "a\ud800b", "\udc00", "x\ud83d", "Всеобщая 人权 ሰው 🙂"];
    for (const s of samples) expect([s, hashUtf8(s)]).toEqual([s, fnv1a(new TextEncoder().encode(s))]);
  });

  it.each(["gpt2", "o200k_base", "llama2", "qwen3"])(
    "%s: every entry's text passes, and at most 1 in 100 UDHR words that are no entry's text",
    async (ref) => {
      const tokenizer = await sharedTokenizer(ref);
      const flags = tokenFlags(tokenizer);
      const filter = entryFilter(flags.tokenBytes);
      const { data, start, end } = flags.tokenBytes;
      const texts = new Set<string>();
      const decoder = new TextDecoder("utf-8", { fatal: true });
      for (let id = 0; id < start.length; id++) {
        if (start[id]! < 0) continue;
        let text: string;
        try {
          text = decoder.decode(data.subarray(start[id]!, end[id]!));
        } catch {
          continue; // not UTF-8 alone (a byte piece, part of a character): no word has these bytes
        }
        texts.add(text);
        if (text.startsWith(" ")) texts.add(text.slice(1));
      }
      for (const t of texts)
        if (!mayBeEntry(filter, t)) expect.unreachable(`entry text ${JSON.stringify(t)} filtered out`);
      const corpus = await openCorpus("udhr");
      const segments: string[] = [];
      for (const language of ["eng_Latn", "rus_Cyrl", "cmn_Hans", "hin_Deva", "amh_Ethi", "swh_Latn"])
        for await (const s of corpus.segments(language)) segments.push(s.text);
      let others = 0;
      let passed = 0;
      for (const w of isolatedWordsOf(segments).keys()) {
        if (texts.has(w)) continue;
        others++;
        if (mayBeEntry(filter, w)) passed++;
      }
      expect(others).toBeGreaterThan(1000);
      expect(passed / others).toBeLessThan(0.01);
    },
    120_000,
  );
});
