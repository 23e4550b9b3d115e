// Terminal output helpers: control characters from tokenizer files are shown as escapes, never sent to the terminal.
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatTable, printJson, terminalSafe, terminalSafeLines } from "../../src/cli/output.js";

describe("terminalSafe", () => {
  it("escapes ESC, BEL, DEL, C1 controls, bidi overrides and isolates; keeps other text", () => {
    expect(terminalSafe("\x1b]0;pwned\x07")).toBe("\\x1b]0;pwned\\x07");
    expect(terminalSafe("a\x7fb\u0085c\u009bd")).toBe("a\\x7fb\\x85c\\x9bd");
    expect(terminalSafe("\u202eevil\u2066x\u2069")).toBe("\\u{202E}evil\\u{2066}x\\u{2069}");
    expect(terminalSafe("line\nnext\ttab\r")).toBe("line\\nnext\\ttab\\r");
    expect(terminalSafe("Grüße ▁ 日本 \u{1F600}")).toBe("Grüße ▁ 日本 \u{1F600}");
    expect(terminalSafeLines("first\n\tsecond \x1b[2J")).toBe("first\n\tsecond \\x1b[2J");
  });

  it("formatTable escapes every cell and aligns by the escaped width", () => {
    const table = formatTable(
      ["token", "n"],
      [
        ["\x1b[31mred", "1"],
        ["b\u009bc", "22"],
      ],
    );
    expect(table).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(table.split("\n")).toEqual([
      "token        n",
      "-----------  --",
      "\\x1b[31mred   1",
      "b\\x9bc       22",
      "",
    ]);
  });
});

describe("printJson", () => {
  const writes: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    writes.length = 0;
  });

  it("writes C1 controls and bidi overrides as \\u escapes that parse back to the same strings", () => {
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    const value = { tokens: ["\x1b]0;x\x07", "b\u009bc", "\u202eevil", "\x7f"] };
    printJson(value);
    const out = writes.join("");
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
    expect(out).toContain("b\\u009bc");
    expect(JSON.parse(out)).toEqual(value);
  });
});
