// The real `tokenize` and `vocab` on a tokenizer.json whose entries hold ESC/OSC sequences, C1 controls, a bidi override and a 1 MB entry.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { callCli } from "./run-cli.js";

const OSC = "\x1b]0;pwned\x07"; // sets the terminal title when printed raw
const C1 = "b\u009bc"; // U+009B is CSI in an 8-bit terminal
const BIDI = "\u202eevil";
const HUGE = "x".repeat(1_000_000);
/** Characters no terminal output may hold raw: C0 except newline, DEL, C1, bidi embeddings and overrides. */
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

const dir = mkdtempSync(join(tmpdir(), "toklens-terminal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tokenizer = join(dir, "tokenizer.json");
const vocab: Record<string, number> = { "[UNK]": 0, a: 1, [OSC]: 2, [C1]: 3, [BIDI]: 4, [HUGE]: 5 };
writeFileSync(
  tokenizer,
  JSON.stringify({
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [
      { id: 0, content: "[UNK]", single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
    ],
    normalizer: null,
    pre_tokenizer: { type: "WhitespaceSplit" },
    post_processor: null,
    decoder: null,
    model: { type: "WordLevel", vocab, unk_token: "[UNK]" },
  }),
);

describe("terminal safety", () => {
  it("tokenize shows ESC, C1 and bidi characters of tokens as escapes, in the table and in --json", async () => {
    const text = `a ${OSC} ${C1} ${BIDI}`;
    const r = await callCli(["tokenize", tokenizer, "--text", text]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain("\\x1b]0;pwned\\x07");
    expect(r.stdout).toContain("b\\x9bc");
    expect(r.stdout).toContain("\\u{202E}evil");
    const json = await callCli(["tokenize", tokenizer, "--text", text, "--json"]);
    expect(json.code).toBe(0);
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    const [result] = JSON.parse(json.stdout) as Array<{ tokens: string[] }>;
    expect(result!.tokens).toEqual(["a", OSC, C1, BIDI]);
  });

  it("vocab escapes control characters and cuts a 1 MB entry to 80 characters with its full length", async () => {
    const r = await callCli(["vocab", tokenizer]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain(`"${"x".repeat(80)}"… (1,000,000 chars)`);
    expect(r.stdout).not.toContain("x".repeat(81));
    expect(r.stdout.length).toBeLessThan(5_000);
  });

  it("vocab llama2 writes no C1 control characters (its vocabulary decodes some)", async () => {
    const r = await callCli(["vocab", "llama2"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toMatch(/\\x[89][0-9a-f]/);
  });
});
