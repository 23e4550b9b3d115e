// The --prices file: accepted shapes, the committed example, and an actionable error for each kind of mistake.
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../../src/errors.js";
import { parsePriceTable, priceFor, readPriceTable } from "../../src/analysis/prices.js";

const example = fileURLToPath(new URL("../../analyses/prices.example.json", import.meta.url));

function errorOf(json: unknown): string {
  try {
    parsePriceTable(json, "p.json");
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("prices file", () => {
  it("accepts a bare number (input price) or an object, and looks tokenizers up by id, then by name", () => {
    const t = parsePriceTable({
      prices: { cl100k_base: 3, "o200k_base (GPT-4o)": { input: 2.5, output: 10, source: "s", date: "2026-01-01" } },
    });
    expect(t.prices).toEqual({
      cl100k_base: { input: 3 },
      "o200k_base (GPT-4o)": { input: 2.5, output: 10, source: "s", date: "2026-01-01" },
    });
    expect(priceFor(t, { id: "cl100k_base", name: "whatever" })).toEqual({ input: 3 });
    expect(priceFor(t, { id: "o200k_base", name: "o200k_base (GPT-4o)" })?.output).toBe(10);
    expect(priceFor(t, { id: "gpt2", name: "GPT-2" })).toBeUndefined();
  });

  it("rejects each mistake with a message naming the value and the fix", () => {
    expect(errorOf([])).toContain("expected a JSON object");
    expect(errorOf({ cl100k_base: 3 })).toContain("unknown field 'cl100k_base'");
    expect(errorOf({ prices: {} })).toContain('"prices" is empty');
    expect(errorOf({ currency: "EUR", prices: { a: 1 } })).toContain("currency 'EUR' is not supported");
    expect(errorOf({ prices: { a: -1 } })).toBe(
      `p.json: prices["a"]: 'input' must be a number of USD per million tokens (>= 0), got -1.`,
    );
    expect(errorOf({ prices: { a: { output: 2 } } })).toContain("'input' (USD per million input tokens) is required");
    expect(errorOf({ prices: { a: { input: 1, ouput: 2 } } })).toContain("unknown field 'ouput'");
    expect(errorOf({ prices: { a: { input: "1" } } })).toContain(`got "1"`);
    expect(errorOf({ prices: { a: "cheap" } })).toContain("must be a number");
  });

  it("reads the committed example, which says it is an example with placeholder figures, dated, each with a source", async () => {
    const t = await readPriceTable(example);
    expect(t.description).toMatch(/EXAMPLE/);
    expect(t.description).toMatch(/placeholders, NOT real prices/);
    expect(t.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [name, p] of Object.entries(t.prices)) {
      expect(p.source, name).toMatch(/placeholder/);
      expect(p.date, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    await expect(readPriceTable("/no/such/prices.json")).rejects.toThrow(
      /Cannot read the prices file '\/no\/such\/prices.json'/,
    );
  });
});
