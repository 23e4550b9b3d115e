// Malformed tokenizer files and folders: each is a TokenizerLoadError naming the file and the problem, never an engine crash.
import { beforeAll, describe, expect, it } from "vitest";
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadTokenizer, resolveTokenizerSpec } from "../../src/tokenizers/load.js";
import { readTiktokenEncoding } from "../../src/vocab/tiktoken-to-json.js";
import { loadError } from "../helpers/load-error.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "toklens-malformed-"));
});

/** `<base64> <rank>` lines: the 256 single bytes (rank = byte), then a few merges. */
function rankLines(): string[] {
  const lines: string[] = [];
  for (let b = 0; b < 256; b++) lines.push(`${Buffer.from([b]).toString("base64")} ${b}`);
  ["th", "he", "the", " t", " the"].forEach((m, i) => lines.push(`${Buffer.from(m).toString("base64")} ${256 + i}`));
  return lines;
}

async function rankFile(name: string, lines: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, lines.join("\n") + "\n");
  return file;
}

describe(".tiktoken rank files tiktoken cannot use", () => {
  it("a well-formed file loads and encodes", async () => {
    const tok = await loadTokenizer(await rankFile("good.tiktoken", rankLines()));
    try {
      expect(tok.decode(tok.encodeIds("the cat AB"))).toBe("the cat AB");
    } finally {
      tok.dispose();
    }
  });

  it("ranks 0-99 missing", async () => {
    const file = await rankFile("gap.tiktoken", rankLines().slice(100));
    const message = await loadError(file);
    expect(message).toContain(file);
    expect(message).toMatch(/rank 0 is missing: the 161 tokens must have the ranks 0 to 160 without gaps/);
  });

  it("a rank used twice, a token listed twice, a single byte missing", async () => {
    const lines = rankLines();
    expect(
      await loadError(
        await rankFile("duprank.tiktoken", [...lines.slice(0, -1), `${Buffer.from("xyz").toString("base64")} 5`]),
      ),
    ).toMatch(/lines 6 and 261 both have rank 5/);
    expect(
      await loadError(await rankFile("duptok.tiktoken", [...lines, `${Buffer.from("the").toString("base64")} 261`])),
    ).toMatch(/lines 259 and 262 hold the same token/);
    const noA = [...lines];
    noA[0x41] = `${Buffer.from("zz").toString("base64")} 65`;
    expect(await loadError(await rankFile("nobyte.tiktoken", noA))).toMatch(
      /1 of the 256 single-byte tokens are missing \(0x41\)/,
    );
  });

  it("the real cl100k_base ranks pass the checks", async () => {
    const { ranks } = await readTiktokenEncoding("cl100k_base");
    const file = await rankFile(
      "cl100k_base.tiktoken",
      ranks.map((bytes, rank) => `${Buffer.from(bytes).toString("base64")} ${rank}`),
    );
    const tok = await loadTokenizer(file);
    try {
      expect(tok.encodeIds("hello world")).toEqual([15339, 1917]);
    } finally {
      tok.dispose();
    }
  });
});

describe("paths and folders", () => {
  it("a symlink loop is named as one, not as a missing file", async () => {
    const a = join(dir, "loop-a.json");
    const b = join(dir, "loop-b.json");
    await symlink(b, a);
    await symlink(a, b);
    const message = await loadError(a);
    expect(message).toMatch(/loop-a\.json' is a symlink loop/);
    expect(message).not.toMatch(/does not exist/);
  });

  it("a folder with two candidate files and no tokenizer.json is refused, listing them", async () => {
    const lines = rankLines();
    const twoModels = join(dir, "two-models");
    await mkdir(twoModels);
    await writeFile(join(twoModels, "tokenizer.model"), "x");
    await writeFile(join(twoModels, "spiece.model"), "x");
    expect(await loadError(twoModels)).toMatch(
      /holds 2 candidate tokenizer files and no tokenizer\.json: 'spiece\.model', 'tokenizer\.model'/,
    );

    const mixed = join(dir, "mixed");
    await mkdir(mixed);
    await writeFile(join(mixed, "tokenizer.model"), "x");
    await writeFile(join(mixed, "enc.tiktoken"), lines.join("\n"));
    expect(await loadError(mixed)).toMatch(/'enc\.tiktoken', 'tokenizer\.model'/);

    const twoTiktoken = join(dir, "two-tiktoken");
    await mkdir(twoTiktoken);
    await writeFile(join(twoTiktoken, "a.tiktoken"), lines.join("\n"));
    await writeFile(join(twoTiktoken, "b.tiktoken"), lines.join("\n"));
    expect(await loadError(twoTiktoken)).toMatch(/'a\.tiktoken', 'b\.tiktoken'/);
  });

  it("tokenizer.json beside other candidates is the documented choice; a single candidate is used", async () => {
    const withJson = join(dir, "with-json");
    await mkdir(withJson);
    await writeFile(join(withJson, "tokenizer.json"), "{}");
    await writeFile(join(withJson, "tokenizer.model"), "x");
    await writeFile(join(withJson, "b.tiktoken"), "x");
    expect(await resolveTokenizerSpec(withJson)).toMatchObject({
      kind: "huggingface",
      path: join(withJson, "tokenizer.json"),
    });

    const single = join(dir, "single");
    await mkdir(single);
    await writeFile(join(single, "enc.tiktoken"), rankLines().join("\n"));
    await mkdir(join(single, "old.model")); // a folder, not a candidate file
    expect(await resolveTokenizerSpec(single)).toMatchObject({ kind: "tiktoken", path: join(single, "enc.tiktoken") });
  });
});
