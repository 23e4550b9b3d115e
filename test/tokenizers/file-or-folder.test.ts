// Naming a tokenizer.json or the folder that holds it gives the same tokenizer: its tokenizer_config.json is read
// either way (issue 20, item 6).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadTokenizer, resolveTokenizerSpec } from "../../src/tokenizers/load.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "toklens-file-or-folder-"));
  await copyFile(
    fileURLToPath(new URL("../fixtures/tokenizers/wordpiece.tokenizer.json", import.meta.url)),
    join(dir, "tokenizer.json"),
  );
  // a switch the JS engine applies (transformers does too): it changes the tokens
  await writeFile(join(dir, "tokenizer_config.json"), JSON.stringify({ do_lowercase_and_remove_accent: true }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("a tokenizer.json named by file or by folder", () => {
  it("resolves to the same files, tokenizer_config.json included", async () => {
    const byFolder = await resolveTokenizerSpec(dir);
    const byFile = await resolveTokenizerSpec(join(dir, "tokenizer.json"));
    expect(byFolder).toMatchObject({ configPath: join(dir, "tokenizer_config.json") });
    expect({ ...byFile, id: "", name: "" }).toEqual({ ...byFolder, id: "", name: "" });
  });

  it("loads the same engine (the config's JS-only switch picks the JS engine) and encodes a text the same way", async () => {
    const text = "Héllo WÖRLD, the Ünïcode test";
    const [byFolder, byFile] = [await loadTokenizer(dir), await loadTokenizer(join(dir, "tokenizer.json"))];
    try {
      expect([byFolder.engine, byFile.engine]).toEqual(["js", "js"]);
      expect(byFile.encodeIds(text)).toEqual(byFolder.encodeIds(text));
    } finally {
      byFolder.dispose();
      byFile.dispose();
    }
  });
});
