// Defaults and closed sets checked against values written out here (not the constants the code reads) and against
// behaviour: the schema's `default`s and `enum`s, the CLI's option defaults, what a reader does when an option is absent.
import { describe, expect, it } from "vitest";
import type { Command } from "commander";
import { analysisSchema, type JsonSchema } from "../../src/analysis/config.js";
import {
  DEFAULT_CHART_EXPORT,
  DEFAULT_CORPUS,
  DEFAULT_DIFF_EXAMPLES,
  DEFAULT_EXAMPLES_PER_CLASS,
  DEFAULT_FLORES_SPLIT,
  DEFAULT_HELD_OUT_EVERY,
  DEFAULT_LONGEST_ENTRIES,
  DEFAULT_METRIC_OPTIONS,
  DEFAULT_PIVOT_LANGUAGE,
  FLORES_SPLITS,
  isFloresSplit,
  listChoices,
  parseFloresSplit,
} from "../../src/analysis/defaults.js";
import { buildProgram } from "../../src/cli/program.js";
import { ConfigError } from "../../src/errors.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { fileURLToPath } from "node:url";
import { resolveMetricOptions } from "../../src/metrics/options.js";
import { floresFileSplits } from "../../src/corpus/flores-splits.js";
import { isChartExport } from "../../src/report/chart-formats.js";
import { TIKTOKEN_ENCODINGS, isTiktokenEncodingName } from "../../src/tokenizers/tokenizer.js";
import { WARNING_CODES, isWarningCode } from "../../src/warning-codes.js";

/** Every `default` in a schema, by the path of its node (`/corpus/split`, `/adaptation/items/trim`). */
function schemaDefaults(node: JsonSchema, path = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (node.default !== undefined) out[path] = node.default;
  for (const [key, child] of Object.entries(node.properties ?? {}))
    Object.assign(out, schemaDefaults(child, `${path}/${key}`));
  if (node.items) Object.assign(out, schemaDefaults(node.items, `${path}/items`));
  return out;
}

/** The default of `--<flag>` on command `name`, or of the program itself for name "". */
function optionDefault(program: Command, name: string, flag: string): unknown {
  const cmd = name === "" ? program : program.commands.find((c) => c.name() === name);
  const option = cmd?.options.find((o) => o.long === `--${flag}`);
  if (!option) throw new Error(`no --${flag} on ${name}`);
  return option.defaultValue;
}

describe("defaults", () => {
  it("each schema default, written out as the value it must be", () => {
    // literals, not the constants the schema is built from: a changed default must change this line too
    expect(schemaDefaults(analysisSchema())).toEqual({
      "/corpus/source": "udhr",
      "/corpus/split": "devtest",
      "/corpus/normalize": true,
      "/corpus/replaceInvalid": false,
      "/corpus/allowUnaligned": false,
      // flags the code reads as `if (x)`: absent is off
      "/corpus/joinSegments": false,
      "/vocab/enabled": true,
      "/vocab/examples": 5,
      "/vocab/longest": 10,
      "/adaptation": [],
      "/adaptation/items/trim": false,
      "/adaptation/items/expand": [],
      "/adaptation/items/strategies": ["frequency", "proportional", "parity"],
      "/pivot": "eng_Latn",
      "/efficiencyVocabSize": "vocabulary",
      "/charts": "none",
    });
    // what the metrics apply with no options is what the schema documents
    expect(resolveMetricOptions({}).efficiencyVocabSize).toBe("vocabulary");
  });

  it("a FLORES corpus opened without a split reads devtest, as the schema's default says", async () => {
    const flores = `flores:${fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url))}`;
    const texts = async (options: { split?: "dev" | "devtest" }) => {
      const corpus = await openCorpus(flores, { languages: ["eng_Latn"], ...options });
      const out: string[] = [];
      for await (const s of corpus.segments("eng_Latn")) out.push(s.text);
      return out;
    };
    const [absent, devtest, dev] = await Promise.all([texts({}), texts({ split: "devtest" }), texts({ split: "dev" })]);
    expect(absent.length).toBeGreaterThan(0);
    expect(absent).toEqual(devtest);
    expect(absent).not.toEqual(dev);
  });

  it("the schema's enums are the documented choices", () => {
    const schema = analysisSchema();
    expect(schema.properties!["corpus"]!.properties!["split"]!.enum).toEqual(["dev", "devtest", "dev+devtest"]);
    expect(schema.properties!["charts"]!.enum).toEqual(["none", "svg", "png"]);
  });

  it("the CLI's option defaults are the code defaults", async () => {
    const program = await buildProgram();
    const expected: Array<[command: string, flag: string, value: unknown]> = [
      ["compare", "pivot", DEFAULT_PIVOT_LANGUAGE],
      ["compare", "alpha", String(DEFAULT_METRIC_OPTIONS.renyiAlpha)],
      ["compare", "resamples", String(DEFAULT_METRIC_OPTIONS.bootstrapResamples)],
      ["compare", "efficiency-vocab", DEFAULT_METRIC_OPTIONS.efficiencyVocabSize],
      ["compare", "corpus", DEFAULT_CORPUS],
      ["diff", "resamples", String(DEFAULT_METRIC_OPTIONS.bootstrapResamples)],
      ["diff", "examples", String(DEFAULT_DIFF_EXAMPLES)],
      ["vocab", "examples", String(DEFAULT_EXAMPLES_PER_CLASS)],
      ["vocab", "split", DEFAULT_FLORES_SPLIT],
      ["languages", "split", DEFAULT_FLORES_SPLIT],
      ["corpus", "split", DEFAULT_FLORES_SPLIT],
      ["adapt", "split", DEFAULT_FLORES_SPLIT],
      ["adapt", "pivot", DEFAULT_PIVOT_LANGUAGE],
      ["adapt", "corpus", DEFAULT_CORPUS],
      ["adapt", "held-out-every", String(DEFAULT_HELD_OUT_EVERY)],
    ];
    for (const [command, flag, value] of expected)
      expect([command, flag, optionDefault(program, command, flag)]).toEqual([command, flag, value]);
  });

  it("the values themselves, as docs/analyses.md and the CLI help state them", () => {
    expect([DEFAULT_PIVOT_LANGUAGE, DEFAULT_FLORES_SPLIT, DEFAULT_CORPUS, DEFAULT_CHART_EXPORT]).toEqual([
      "eng_Latn",
      "devtest",
      "udhr",
      "none",
    ]);
    expect([DEFAULT_METRIC_OPTIONS.renyiAlpha, DEFAULT_METRIC_OPTIONS.bootstrapResamples]).toEqual([2.5, 1000]);
    expect([
      DEFAULT_EXAMPLES_PER_CLASS,
      DEFAULT_LONGEST_ENTRIES,
      DEFAULT_DIFF_EXAMPLES,
      DEFAULT_HELD_OUT_EVERY,
    ]).toEqual([5, 10, 5, 5]);
  });
});

describe("closed sets", () => {
  it("FLORES splits: the guard, the folders each reads, and the message naming the choices", () => {
    expect(FLORES_SPLITS.filter(isFloresSplit)).toEqual(["dev", "devtest", "dev+devtest"]);
    expect(["", "test", "Dev", "dev+", null, 1].filter(isFloresSplit)).toEqual([]);
    expect(FLORES_SPLITS.map(floresFileSplits)).toEqual([["dev"], ["devtest"], ["dev", "devtest"]]);
    expect(() => parseFloresSplit("test", "--split")).toThrow(ConfigError);
    expect(() => parseFloresSplit("test", "--split")).toThrow(
      "Unknown --split 'test'. Use dev, devtest or dev+devtest.",
    );
  });

  it("chart exports, tiktoken encodings and warning codes have guards that accept exactly the table", () => {
    expect(["none", "svg", "png", "pdf", "SVG"].filter(isChartExport)).toEqual(["none", "svg", "png"]);
    const encodings = ["gpt2", "r50k_base", "p50k_base", "cl100k_base", "o200k_base"];
    expect([...TIKTOKEN_ENCODINGS]).toEqual(encodings);
    expect(encodings.filter(isTiktokenEncodingName)).toEqual(encodings);
    expect(["cl100k", "o200k_base ", "llama3", "GPT2"].some(isTiktokenEncodingName)).toBe(false);
    // codes other tests and docs/warnings.md name, and near misses of them
    const codes = ["no-price", "no-text", "counts-only", "counts-unused", "group-language-not-in-run"];
    expect(codes.filter(isWarningCode)).toEqual(codes);
    expect(["No-price", "no-price ", "no_text", ""].some(isWarningCode)).toBe(false);
    expect(new Set(WARNING_CODES).size).toBe(WARNING_CODES.length);
    expect(isWarningCode("not-a-code")).toBe(false);
  });

  it("lists choices as prose", () => {
    expect([listChoices([]), listChoices(["a"]), listChoices(["a", "b"]), listChoices(["a", "b", "c"])]).toEqual([
      "",
      "a",
      "a or b",
      "a, b or c",
    ]);
  });
});
