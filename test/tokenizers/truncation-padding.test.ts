// A tokenizer.json may carry the truncation and padding its model is served with (sentence-transformers files cut
// texts at 128 or 512 tokens and pad each batch to its longest text). The native engine applies both to every
// encoding unless told not to; metrics count whole texts, unpadded, on every engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import rust from "tokenizers";
import { runCompare } from "../../src/analysis/compare.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";

const plain = fileURLToPath(new URL("../fixtures/tokenizers/wordpiece.tokenizer.json", import.meta.url));
const TRUNCATION = { direction: "Right", max_length: 3, strategy: "LongestFirst", stride: 0 };
const padding = (strategy: unknown) => ({
  strategy,
  direction: "Right",
  pad_to_multiple_of: null,
  pad_id: 0,
  pad_type_id: 0,
  pad_token: "[PAD]",
});

let dir: string;
const files: Record<string, string> = {};
let english: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "toklens-truncation-"));
  const json = JSON.parse(await readFile(plain, "utf8")) as Record<string, unknown>;
  const variants = {
    truncated: { truncation: TRUNCATION, padding: null },
    "padded-fixed": { truncation: null, padding: padding({ Fixed: 64 }) },
    "padded-longest": { truncation: null, padding: padding("BatchLongest") },
  };
  for (const [name, settings] of Object.entries(variants)) {
    files[name] = join(dir, `${name}.tokenizer.json`);
    await writeFile(files[name], JSON.stringify({ ...json, ...settings }));
  }
  const corpus = await openCorpus("udhr");
  english = [];
  for await (const s of corpus.segments("eng_Latn")) english.push(s.text);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Tokens of each text under the Rust engine reading `path` as it is (its truncation and padding applied). */
async function rustCounts(path: string, texts: string[]): Promise<number[]> {
  const t = rust.Tokenizer.fromFile(path);
  return (await t.encodeBatch(texts, { addSpecialTokens: false })).map((e) => e.getIds().length);
}

describe("a tokenizer.json with truncation or padding settings", () => {
  it("the fixtures really truncate and pad in the Rust engine (what the loader must switch off)", async () => {
    const whole = await rustCounts(plain, english);
    expect(Math.max(...whole)).toBeGreaterThan(64); // long enough to be cut, and longer than the fixed padding
    expect(await rustCounts(files["truncated"]!, english)).toEqual(whole.map(() => 3));
    expect(new Set(await rustCounts(files["padded-longest"]!, english))).toEqual(new Set([Math.max(...whole)]));
    expect((await rustCounts(files["padded-fixed"]!, english)).every((n, i) => n === Math.max(64, whole[i]!))).toBe(
      true,
    );
  });

  it("counts every token of every text, unpadded, on the native and the JS engine", async () => {
    const whole = await rustCounts(plain, english);
    const total = whole.reduce((a, b) => a + b, 0);
    for (const name of Object.keys(files)) {
      for (const engine of ["native", "js"] as const) {
        const result = await runCompare({
          tokenizers: [files[name]!],
          languages: ["eng_Latn"],
          metrics: ["bytes_per_token"],
          cache: false,
          workers: 1,
          load: { engine },
        });
        expect(result.results[0]!.tokens, `${name} on ${engine}`).toBe(total);
      }
      const tokenizer = await loadTokenizer(files[name]!, { engine: "native" });
      try {
        expect(
          (await tokenizer.encodeBatch(english)).map((e) => e.ids.length),
          name,
        ).toEqual(whole);
        expect(tokenizer.encodeIds(english[0]!).length, name).toBe(whole[0]);
      } finally {
        tokenizer.dispose();
      }
    }
  });
});
