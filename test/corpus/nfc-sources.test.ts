// NFC in every corpus reader: UDHR declarations that are not NFC, and JSONL rows whose text is decomposed (raw or as \u escapes).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openCorpus, type Corpus } from "../../src/corpus/open-corpus.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-nfc-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function texts(corpus: Corpus, language: string): Promise<string[]> {
  const out: string[] = [];
  for await (const s of corpus.segments(language)) out.push(s.text);
  return out;
}

describe("udhr", () => {
  // Counted with normalize: false: 17 of hin_Deva's 30 articles and all 30 of vie_Latn's are not NFC in the udhr package.
  it("gives NFC text for declarations stored decomposed, and the stored text with normalize: false", async () => {
    const langs = ["hin_Deva", "vie_Latn"];
    const nfc = await openCorpus("udhr", { languages: langs });
    const raw = await openCorpus("udhr", { languages: langs, normalize: false });
    for (const [lang, notNfc] of [
      ["hin_Deva", 17],
      ["vie_Latn", 30],
    ] as const) {
      const stored = await texts(raw, lang);
      const read = await texts(nfc, lang);
      expect(
        stored.filter((t) => t !== t.normalize("NFC")),
        lang,
      ).toHaveLength(notNfc);
      expect(read, lang).toEqual(stored.map((t) => t.normalize("NFC")));
    }
  });
});

describe("jsonl", () => {
  it("normalizes decomposed text whether written raw or as JSON \\u escapes, unless normalize is false", async () => {
    const file = join(tmp, "nfc.jsonl");
    writeFileSync(
      file,
      [
        JSON.stringify({ id: "1", lang: "fra_Latn", text: "cafe\u0301" }),
        '{"id":"2","lang":"fra_Latn","text":"e\\u0301te\\u0301"}',
        JSON.stringify({ id: "1", lang: "vie_Latn", text: "Vie\u0323\u0302t" }),
        JSON.stringify({ id: "2", lang: "vie_Latn", text: "ok" }),
      ].join("\n") + "\n",
    );
    const corpus = await openCorpus(`jsonl:${file}`);
    expect(await texts(corpus, "fra_Latn")).toEqual(["caf\u00e9", "\u00e9t\u00e9"]);
    expect(await texts(corpus, "vie_Latn")).toEqual(["Vi\u1ec7t", "ok"]);
    const raw = await openCorpus(`jsonl:${file}`, { normalize: false });
    expect(await texts(raw, "fra_Latn")).toEqual(["cafe\u0301", "e\u0301te\u0301"]);
  });
});
