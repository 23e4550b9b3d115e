// `toklens tokenize --view` and `--html`, and left-aligned tokens: the real bin against js-tiktoken's split.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getEncoding } from "../helpers/js-tiktoken.js";
import { afterAll, describe, expect, it } from "vitest";
import { formatTokenView, useColor } from "../../src/cli/token-view-terminal.js";
import { tokenView } from "../../src/tokenizers/token-pieces.js";
import { callCli } from "./run-cli.js";
import { unpackTokenSplit } from "../../src/results/packed-tokens.js";
import { fromPageSplit, type PageTokenSplit } from "../../src/report/token-view-html.js";
import type { TokenSample } from "../../src/results/report-data.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-token-view-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const ANSI = /\u001b\[[0-9;]*m/g;

describe("toklens tokenize --view", () => {
  it("prints `|`-separated tokens with visible spaces when stdout is not a terminal", async () => {
    const r = await callCli(["tokenize", "gpt2", "--text", "Hello world 123", "--view"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
    // js-tiktoken: "Hello", " world", " 123"
    expect(
      getEncoding("gpt2")
        .encode("Hello world 123")
        .map((id) => getEncoding("gpt2").decode([id])),
    ).toEqual(["Hello", " world", " 123"]);
    expect(r.stdout).toBe("gpt2 (GPT-2 (50k)): 3 tokens, round-trip ok\nHello|·world|·123\n\n");
  });

  it("shows byte tokens as hex under the character they build, and breaks lines where the text does", async () => {
    const r = await callCli(["tokenize", "llama2", "--text", "a𝄞\nb", "--view"]);
    expect(r.code).toBe(0);
    // 𝄞 is U+1D11E, UTF-8 f0 9d 84 9e; Llama 2 has no entry for it and falls back to four <0xNN> pieces
    expect(r.stdout).toContain("𝄞[f0|9d|84|9e]");
    expect(r.stdout.split("\n")[1]).toMatch(/↵\[0a\]$/);
    expect(r.stdout.split("\n")[2]).toBe("b");
  });

  it("colours alternate tokens on a terminal, and the text without colours is the same view", async () => {
    const tok = await sharedTokenizer("gpt2");
    const groups = await tokenView(tok, "Hi नमस्ते");
    const coloured = formatTokenView(groups, true);
    expect(coloured).toContain("\u001b[30;48;5;153mHi\u001b[0m");
    expect(coloured.match(/48;5;153m/g)!.length + coloured.match(/48;5;223m/g)!.length).toBe(
      groups.reduce((n, g) => n + (g.bytes ? g.tokens.length : 1), 0),
    );
    const plain = formatTokenView(groups, false);
    expect(coloured.replace(ANSI, "")).toBe(
      plain.replace(/\|/g, (_, i: number) =>
        plain[i - 1]!.match(/[0-9a-f]/) && plain[i + 1]!.match(/[0-9a-f]/) ? " " : "",
      ),
    );
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(useColor({ isTTY: false }, {})).toBe(false);
  });

  it("--html writes a self-contained page with every tokenizer's split", async () => {
    const file = join(tmp, "view.html");
    const r = await callCli(["tokenize", "gpt2", "llama2", "--text", "Hi नमस्ते", "--html", file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("wrote");
    const html = readFileSync(file, "utf8");
    expect(html).toContain("Content-Security-Policy");
    const json = /<script type="application\/json" id="toklens-token-samples">(.*?)<\/script>/s.exec(html)![1]!;
    // the page carries the ids in base 64 (toPageSplit); fromPageSplit gives back the packed split of results.json
    const data = JSON.parse(json) as { samples: (Omit<TokenSample, "splits"> & { splits: PageTokenSplit[] })[] };
    const gpt2 = fromPageSplit(data.samples[0]!.splits.find((s) => s.tokenizer === "gpt2")!);
    expect(unpackTokenSplit(data.samples[0]!.text, gpt2).flatMap((g) => g.tokens.map((t) => t.id))).toEqual(
      getEncoding("gpt2").encode("Hi नमस्ते"),
    );
    expect(data.samples[0]!.splits.map((s) => s.tokenizer)).toEqual(["gpt2", "llama2"]);
  });

  it("--html into a missing folder is an output error naming the path", async () => {
    const r = await callCli(["tokenize", "gpt2", "--text", "hi", "--html", join(tmp, "no", "such", "view.html")]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain("no/such/view.html");
  });
});

describe("toklens tokenize table", () => {
  it("aligns tokens left, even when they look like numbers", async () => {
    const r = await callCli(["tokenize", "gpt2", "--text", "1 22 333"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const at = lines[1]!.indexOf("token");
    const rows = lines.slice(3, 6);
    expect(rows.map((l) => l.slice(at).split(/\s+/)[0])).toEqual(["1", "Ġ22", "Ġ333"]);
  });
});
