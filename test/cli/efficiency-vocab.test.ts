// --efficiency-vocab on the real bin: "observed" divides the same entropy by log(distinct tokens) instead of log(vocabulary size); bad values exit 2.
import { describe, expect, it } from "vitest";
import { callCli } from "./run-cli.js";

interface Row {
  tokenizer: string;
  language: string;
  unique_tokens: number;
  renyi_efficiency: number;
  shannon_efficiency: number;
}
interface Out {
  tokenizers: { id: string; vocabSize: number }[];
  results: Row[];
}

async function compare(extra: string[]): Promise<Out> {
  const r = await callCli([
    "compare",
    "gpt2",
    "--langs",
    "eng_Latn,deu_Latn",
    "--metrics",
    "unique_tokens,renyi_efficiency,shannon_efficiency",
    "--no-cache",
    "--json",
    ...extra,
  ]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Out;
}

describe("compare --efficiency-vocab", () => {
  it("observed x log(types) equals vocabulary x log(vocabulary size): the entropy is the same, only |V| changes", async () => {
    const byVocab = await compare([]);
    const byTypes = await compare(["--efficiency-vocab", "observed"]);
    const v = byVocab.tokenizers[0]!.vocabSize;
    expect(v).toBe(50257);
    for (const row of byVocab.results) {
      const other = byTypes.results.find((r) => r.language === row.language)!;
      expect(other.unique_tokens).toBe(row.unique_tokens);
      for (const k of ["renyi_efficiency", "shannon_efficiency"] as const) {
        expect(other[k] * Math.log(other.unique_tokens), `${row.language} ${k}`).toBeCloseTo(row[k] * Math.log(v), 10);
        expect(other[k]).toBeGreaterThan(row[k]); // fewer types than vocabulary entries: a smaller denominator
      }
    }
  });

  it("an unknown convention exits 2 naming the choices", async () => {
    const r = await callCli(["compare", "gpt2", "--langs", "eng_Latn", "--efficiency-vocab", "types"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Invalid --efficiency-vocab 'types'. Use vocabulary or observed");
  });
});
