// Exit codes for usage errors: commander's own errors exit 2 like other option errors; help and version exit 0. The
// usage errors run in process (callCli, main.ts's exit mapping); no command, help and --version run the real binary.
import { describe, expect, it } from "vitest";
import { callCli, runCli } from "./run-cli.js";

describe("toklens usage errors", () => {
  it.each([
    [["compare", "gpt2", "--bogus"], "unknown option '--bogus'"],
    [["--bogus"], "unknown option '--bogus'"],
    [["compare"], "missing required argument 'tokenizer'"],
    [["tokenize", "gpt2", "--text"], "option '--text <text>' argument missing"],
    [["adapt", "gpt2"], "adapt needs --lang <code> (trim or expand for one language) or --langs <codes> --budget <ks>"],
    [["bogus"], "unknown command 'bogus'"],
    [["languages", "extra"], "too many arguments"],
  ])("%o exits 2 with a message naming the fix", async (args, message) => {
    const r = await callCli(args);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });

  it("no command prints the usage and exits 2; --help, help <command> and --version exit 0", () => {
    const none = runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: toklens");
    for (const args of [["--help"], ["compare", "--help"], ["help", "compare"]]) {
      const r = runCli(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout).toContain("Usage: toklens");
    }
    const version = runCli(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe("0.1.0");
  });
});

describe("toklens compare --resamples", () => {
  it("refuses more than 100,000 resamples with exit 2 before tokenizing, naming the value and the cap", async () => {
    const r = await callCli([
      "compare",
      "gpt2",
      "--langs",
      "eng_Latn,deu_Latn",
      "--resamples",
      "1000000000",
      "--no-cache",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Too many bootstrap resamples: 1000000000. The cap is 100,000");
    expect(r.stdout).toBe("");
  });
});
