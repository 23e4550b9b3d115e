// Bench baseline child: `node flores-baseline.js <flores dir> <tokenizer.json>` reads dev+devtest of every language
// and encodes each line with the native `tokenizers` binding's encodeBatch, the fastest engine for a tokenizer.json.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { NativeBinding } from "./udhr.js";

const [dir, tokenizerFile] = process.argv.slice(2);
if (!dir || !tokenizerFile) throw new Error("usage: flores-baseline.js <flores dir> <tokenizer.json>");
const { Tokenizer } = (await import("tokenizers")) as unknown as NativeBinding;
const tokenizer = Tokenizer.fromFile(tokenizerFile);
const batch = 2000;
for (const split of ["dev", "devtest"]) {
  for (const name of readdirSync(join(dir, split)).sort()) {
    if (!name.endsWith(`.${split}`)) continue;
    const lines = readFileSync(join(dir, split, name), "utf8")
      .split("\n")
      .filter((l) => l.length > 0);
    for (let i = 0; i < lines.length; i += batch) {
      for (const e of await tokenizer.encodeBatch(lines.slice(i, i + batch), { addSpecialTokens: false })) e.getIds();
    }
  }
}
