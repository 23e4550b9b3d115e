// The real bin: `toklens tokenizers` and `toklens tokenize`, their JSON shapes, and exit codes on bad input.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { callCli } from "./run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-tokenize-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SENTENCE = "The hearing also marks the date for the suspect’s right to a speedy trial.";

describe("toklens tokenize", () => {
  it("--json counts 16 tokens for cl100k_base and 18 for gpt2, with ids, tokens and a round-trip", async () => {
    const r = await callCli(["tokenize", "cl100k_base", "gpt2", "--text", SENTENCE, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Array<{
      tokenizer: string;
      ids: number[];
      tokens: string[];
      count: number;
      roundTrip: boolean;
    }>;
    expect(out.map((o) => [o.tokenizer, o.count])).toEqual([
      ["cl100k_base", 16],
      ["gpt2", 18],
    ]);
    for (const o of out) {
      expect(o.ids.length).toBe(o.count);
      expect(o.tokens.length).toBe(o.count);
      expect(o.roundTrip).toBe(true);
    }
    expect(out[0]!.tokens[1]).toBe("Ġhearing");
  });

  it("prints a table with each token and reports load times with --verbose", async () => {
    const r = await callCli(["--verbose", "tokenize", "llama2", "--text", "Hello world"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/llama2 .*: 2 tokens, round-trip ok/);
    expect(r.stdout).toMatch(/15043\s+▁Hello\s+" Hello"/);
    expect(r.stderr).toMatch(/loaded llama2 .* in \d+ ms/);
  });

  it("unknown tokenizer: exit code 3 and the closest ids on stderr", async () => {
    const r = await callCli(["tokenize", "gpt-4o", "--text", "x"]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/Unknown tokenizer 'gpt-4o'/);
    expect(r.stderr).toMatch(/toklens tokenizers/);
  });

  it("--file that is not UTF-8 (Latin-1) is refused with exit 4 naming the byte; --replace-invalid goes on and says so", async () => {
    const file = join(tmp, "latin1.txt");
    writeFileSync(file, Buffer.from("Gr\xfc\xdfe aus K\xf6ln\n", "latin1")); // ü at byte 2
    const refused = await callCli(["tokenize", "gpt2", "--file", file]);
    expect(refused.code).toBe(4);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(`Invalid UTF-8 in ${file} at byte offset 2 (line 1)`);
    expect(refused.stderr).toContain("--replace-invalid");
    const replaced = await callCli(["tokenize", "gpt2", "--file", file, "--replace-invalid", "--json"]);
    expect(replaced.code).toBe(0);
    expect(replaced.stderr).toMatch(
      /warning \[replaced-invalid-utf8\]: .*latin1\.txt: 3 invalid UTF-8 sequence\(s\) replaced by U\+FFFD/,
    );
    const [out] = JSON.parse(replaced.stdout) as Array<{ tokens: string[]; roundTrip: boolean }>;
    expect(out!.roundTrip).toBe(true); // true of the replaced text, which the warning says
    // a valid UTF-8 file is read as before, with no warning
    const utf8 = join(tmp, "utf8.txt");
    writeFileSync(utf8, "Grüße aus Köln\n");
    const ok = await callCli(["tokenize", "gpt2", "--file", utf8]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toMatch(/round-trip ok/);
  });

  it('empty text: 0 tokens and a round trip, for --text "" and an empty --file', async () => {
    const empty = join(tmp, "empty.txt");
    writeFileSync(empty, "");
    const r = await callCli(["tokenize", "llama3", "--text", ""]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^llama3 .*: 0 tokens, round-trip ok\n/);
    const j = await callCli(["tokenize", "mistral-7b", "gpt2", "llama2", "--file", empty, "--json"]);
    expect(j.stderr).toBe("");
    expect(j.code).toBe(0);
    expect(
      (JSON.parse(j.stdout) as Array<{ count: number; roundTrip: boolean }>).map((o) => [o.count, o.roundTrip]),
    ).toEqual([
      [0, true],
      [0, true],
      [0, true],
    ]);
  });

  it("no text: exit code 2 with the fix", async () => {
    const r = await callCli(["tokenize", "gpt2"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--text/);
  });
});

describe("toklens tokenizers", () => {
  it("--json lists at least 12 installed tokenizers with id, vocabSize and backend", async () => {
    const r = await callCli(["tokenizers", "--json"]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Array<{ id: string; vocabSize: number; backend: string; installed: boolean }>;
    expect(list.filter((t) => t.installed).length).toBeGreaterThanOrEqual(12);
    expect(list.find((t) => t.id === "llama2")).toMatchObject({ vocabSize: 32000, backend: "sentencepiece" });
    expect(list.find((t) => t.id === "o200k_base")).toMatchObject({ backend: "tiktoken" });
  });
});

describe("toklens compare", () => {
  const flores = new URL("../fixtures/analysis/flores", import.meta.url).pathname;

  it("--json prints exactly one object with the documented fields", async () => {
    const r = await callCli([
      "compare",
      "cl100k_base",
      "gpt2",
      "--corpus",
      `flores:${flores}`,
      "--split",
      "dev+devtest",
      "--langs",
      "eng_Latn,deu_Latn,hin_Deva",
      "--json",
      "--no-cache",
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual([
      "languages",
      "lorenz",
      "pivot",
      "results",
      "summary",
      "tokenizers",
      "warnings",
    ]);
    expect(out.results).toHaveLength(6);
    expect(Object.keys(out.results[0]).sort()).toEqual(
      [
        "tokenizer",
        "language",
        "segments",
        "tokens",
        "words",
        "chars",
        "bytes",
        "fertility",
        "continued_words",
        "word_fertility",
        "strr",
        "strr_isolated",
        "bytes_per_token",
        "chars_per_token",
        "premium",
        "premium_ci",
        "unk_rate",
        "lossy_chars",
        "byte_fallback_rate",
        "unique_tokens",
        "vocab_utilization",
        "renyi_efficiency",
        "shannon_efficiency",
      ].sort(),
    );
    expect(out.summary[0]).toHaveProperty("gini");
  });

  it("--csv prints a header and one row per tokenizer x language", async () => {
    const r = await callCli([
      "compare",
      "gpt2",
      "--corpus",
      `flores:${flores}`,
      "--split",
      "dev",
      "--langs",
      "eng_Latn,hin_Deva",
      "--csv",
      "--no-cache",
    ]);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^tokenizer,language,segments,tokens,/);
    expect(rows).toHaveLength(3);
  });

  it("an unknown metric or language exits 2 naming the value and the fix", async () => {
    const bad = await callCli(["compare", "gpt2", "--metrics", "fertilty", "--no-cache"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown metric 'fertilty'.*'fertility'/);
    const lang = await callCli(["compare", "gpt2", "--corpus", `flores:${flores}`, "--langs", "xx_Latn", "--no-cache"]);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toMatch(/xx_Latn/);
  });

  it("an incomplete UDHR translation exits 4 saying it is incomplete and naming --allow-unaligned", async () => {
    const r = await callCli(["compare", "gpt2", "--langs", "eng,khk_Mong", "--no-cache"]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(
      "khk_Mong (Mongolian, Halh) is in corpus udhr but was skipped because its UDHR translation (khk_mong) is incomplete: 1 of 30 articles",
    );
    expect(r.stderr).toContain("Pass --allow-unaligned");
    expect(r.stderr).not.toContain("is not in corpus");
  });
});
