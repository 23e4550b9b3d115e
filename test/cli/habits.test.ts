// CLI habits: --progress lines off a terminal (tokenize tasks, vocabulary phase), report's --pivot/--metrics/
// --reference, name=path labels, `all` built-ins, a compare table that wraps to the terminal width.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ALL_BUILTINS, expandTokenizerRefs, phaseProgress } from "../../src/cli/commands/common-options.js";
import { displayWidth, formatWrappedTable } from "../../src/cli/output.js";
import type { ReportData } from "../../src/results/report-data.js";
import { BUILTIN_TOKENIZERS, isInstalled } from "../../src/tokenizers/registry.js";
import { callCli } from "./run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-habits-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const wordlevel = fileURLToPath(new URL("../fixtures/tokenizers/wordlevel.tokenizer.json", import.meta.url));

describe("progress", () => {
  it("prints nothing off a terminal unless asked; with --progress, throttled lines and always the last", () => {
    const written: string[] = [];
    const sink = { isTTY: false, write: (t: string) => written.push(t) };
    expect(phaseProgress("tokenize", "tasks", false, sink)).toBeUndefined();
    let t = 0;
    const show = phaseProgress("tokenize", "tasks", true, sink, () => t)!;
    show(1, 4, "a");
    t = 500;
    show(2, 4, "b"); // within 2 s of the last line: skipped
    t = 2600;
    show(3, 4, "c");
    t = 2700;
    show(4, 4, "d"); // the last task is always printed
    expect(written).toEqual(["tokenize: 1/4 tasks  a\n", "tokenize: 3/4 tasks  c\n", "tokenize: 4/4 tasks  d\n"]);
    const tty: string[] = [];
    const onTty = phaseProgress("vocabulary", "tokenizers", false, { isTTY: true, write: (x: string) => tty.push(x) })!;
    onTty(1, 2, "(gpt2)");
    onTty(2, 2, "(llama2)");
    expect(tty).toEqual([
      "\r\u001b[Kvocabulary: 1/2 tokenizers  (gpt2)",
      "\r\u001b[Kvocabulary: 2/2 tokenizers  (llama2)",
      "\r\u001b[K",
    ]);
  });

  it("`toklens --progress compare` counts tokenizer x language tasks on a piped stderr", async () => {
    const r = await callCli([
      "--progress",
      "compare",
      "gpt2",
      "llama2",
      "--langs",
      "eng,deu,fra",
      "--no-cache",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^tokenize: 6\/6 tasks {2}\(/m);
    expect(r.stderr).not.toContain("languages");
    expect((await callCli(["compare", "gpt2", "--langs", "eng", "--no-cache", "--json"])).stderr).toBe("");
  });
});

describe("toklens report without an analysis file", () => {
  it("takes --pivot, --metrics, --reference, labels and prints vocabulary progress", async () => {
    const out = join(tmp, "report");
    const r = await callCli([
      "--progress",
      "report",
      "--tokenizers",
      `base=gpt2,llama2,words=${wordlevel}`,
      "--langs",
      "eng,deu,fra",
      "--pivot",
      "deu",
      "--metrics",
      "premium,fertility,nsl",
      "--reference",
      "gpt2",
      "--out",
      out,
      "--no-cache",
    ]);
    expect(r.stderr).toMatch(/^vocabulary: 3\/3 tokenizers {2}\(/m);
    expect(r.code).toBe(0);
    const data = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as ReportData;
    expect(data.compare.pivot).toBe("deu_Latn");
    expect(data.compare.tokenizers.map((t) => t.name)).toEqual(["base", "Llama 2 (32k SentencePiece)", "words"]);
    const row = (tok: string, lang: string) =>
      data.compare.results.find((x) => x.tokenizer === tok && x.language === lang)!;
    // premium against German, nsl against gpt2, from the token counts themselves
    expect(row("base=gpt2", "eng_Latn").premium).toBeCloseTo(
      row("base=gpt2", "eng_Latn").tokens / row("base=gpt2", "deu_Latn").tokens,
      12,
    );
    expect(row("llama2", "fra_Latn").nsl).toBeCloseTo(
      row("llama2", "fra_Latn").tokens / row("base=gpt2", "fra_Latn").tokens,
      12,
    );
    expect(row("llama2", "fra_Latn").bytes_per_token).toBeNull(); // not asked for
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain(">base<");
  });
});

describe("tokenizer references", () => {
  it("`all` stands for every installed built-in, once, in registry order", () => {
    const installed = BUILTIN_TOKENIZERS.filter(isInstalled).map((t) => t.id);
    expect(installed).toContain("gpt2");
    expect(expandTokenizerRefs([ALL_BUILTINS])).toEqual(installed);
    expect(expandTokenizerRefs(["llama3", ALL_BUILTINS])).toEqual([
      "llama3",
      ...installed.filter((id) => id !== "llama3"),
    ]);
  });

  it("name=path labels a tokenizer file; tokenize shows the label", async () => {
    const r = await callCli(["tokenize", `mine=${wordlevel}`, "gpt2=gpt2", "--text", "hello world", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { name: string }[];
    expect(out.map((o) => o.name)).toEqual(["mine", "gpt2"]);
    const bad = await callCli(["tokenize", "mine=./no/such/tokenizer.json", "--text", "x"]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain("no/such/tokenizer.json");
  });
});

describe("compare table with many tokenizers", () => {
  it("wraps columns into tables that fit the width, each repeating the language column", () => {
    const header = ["language", ...Array.from({ length: 10 }, (_, i) => `tokenizer-number-${i}`)];
    const rows = [["eng_Latn English", ...header.slice(1).map((_, i) => `${i}.00 (0.95–1.05)`)]];
    const text = formatWrappedTable(header, rows, 100);
    for (const line of text.split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(100);
    const headers = text.split("\n").filter((l) => l.startsWith("language"));
    expect(headers.length).toBeGreaterThan(2);
    for (const h of header.slice(1)) expect(text.split(h).length - 1).toBe(1);
    expect(text.split("eng_Latn English").length - 1).toBe(headers.length);
  });

  it("`compare` at 60 columns prints no table line wider than 60, and every tokenizer once", async () => {
    const refs = ["gpt2", "r50k_base", "p50k_base", "cl100k_base", "o200k_base", "llama2"];
    const r = await callCli(["compare", ...refs, "--langs", "eng,hin", "--metrics", "premium", "--no-cache"], {
      env: { COLUMNS: "60" },
    });
    expect(r.code).toBe(0);
    const premium = r.stdout.split("summary:")[0]!;
    const widest = Math.max(...premium.split("\n").slice(1).map(displayWidth));
    expect(widest).toBeLessThanOrEqual(60);
    for (const ref of refs) expect(premium.split(new RegExp(`\\b${ref}\\b`)).length - 1, ref).toBe(1);
  });
});

describe("toklens adapt folder names", () => {
  it("says next to expanded-<K>/ how many new tokens it holds when the text ran out of pairs", async () => {
    const out = join(tmp, "adapt");
    const r = await callCli(["adapt", "gpt2", "--lang", "amh_Ethi", "--expand", "0,2000", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const added = JSON.parse(readFileSync(join(out, "expanded-2000", "added-tokens.json"), "utf8")) as unknown[];
    expect(added.length).toBeLessThan(2000);
    expect(r.stdout).toContain(
      `expanded-2000/tokenizer.json (asked for 2000 new tokens, holds ${added.length}: the training text has no more pairs to merge)`,
    );
  });
});
