// The program registers only the command a command line runs (so `tokenize` does not import the report writers),
// and every command's help is the same as in the full program.
import { describe, expect, it } from "vitest";
import { buildProgram, invokedCommand } from "../../src/cli/program.js";

describe("invokedCommand", () => {
  it.each([
    [["tokenize", "gpt2", "--text", "hi"], "tokenize"],
    [["--verbose", "report", "--out", "x"], "report"],
    [["--engine", "native", "compare", "gpt2"], "compare"],
    [["--engine=js", "tokenize", "gpt2"], "tokenize"],
    // the value of --engine is not a command, even when it looks like one
    [["--engine", "tokenize"], null],
    [["help", "compare"], null],
    [["bogus", "compare"], null],
    [["--help"], null],
    [[], null],
  ])("%o -> %o", (argv, command) => {
    expect(invokedCommand(argv)).toBe(command);
  });
});

describe("buildProgram with a command line", () => {
  it("registers only the command it runs, with the same help as the full program", async () => {
    const full = await buildProgram();
    const names = full.commands.map((c) => c.name());
    expect(names).toHaveLength(12);
    for (const name of names) {
      const one = await buildProgram([name, "--help"]);
      expect(one.commands.map((c) => c.name())).toEqual([name]);
      const help = (p: typeof full) => p.commands.find((c) => c.name() === name)!.helpInformation();
      expect(help(one), name).toBe(help(full));
    }
  });

  it("registers every command when the line names none (help lists them all)", async () => {
    const program = await buildProgram(["--help"]);
    expect(program.commands.map((c) => c.name())).toEqual((await buildProgram()).commands.map((c) => c.name()));
  });
});
