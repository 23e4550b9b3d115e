// The corpus-option table: the address forms, the parser, the analysis schema and the CLI options all read it.
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { analysisSchema } from "../../src/analysis/config-schema.js";
import { addCorpusOptions, corpusOption } from "../../src/cli/commands/common-options.js";
import {
  CORPUS_FORMS,
  CORPUS_FORMS_PROSE,
  CORPUS_OPTIONS,
  CORPUS_SOURCES,
  DEFAULT_CORPUS,
} from "../../src/corpus/corpus-options.js";
import { parseCorpusSource } from "../../src/corpus/open-corpus.js";
import { ConfigError } from "../../src/errors.js";

describe("corpus address forms", () => {
  it("are written from the table", () => {
    expect(CORPUS_FORMS).toBe(
      "udhr | flores:<dir> | text:<dir> | jsonl:<file> | parquet:<file|dir> | flores-plus:<dir> | hf-dataset:<org>/<name>[@revision]",
    );
    expect(CORPUS_FORMS_PROSE).toBe(
      "udhr, flores:<dir>, text:<dir>, jsonl:<file>, parquet:<file|dir>, flores-plus:<dir> or hf-dataset:<org>/<name>[@revision]",
    );
  });

  it("parse for every kind of the table, and nothing else", () => {
    for (const { kind, path } of CORPUS_SOURCES) {
      if (path === null) {
        expect(parseCorpusSource(kind)).toEqual({ kind, path: "" });
        expect(parseCorpusSource(`${kind}:`)).toEqual({ kind, path: "" });
      } else {
        expect(parseCorpusSource(` ${kind}:/data/x `)).toEqual({ kind, path: "/data/x" });
        expect(() => parseCorpusSource(`${kind}:`)).toThrow(ConfigError);
      }
    }
    expect(() => parseCorpusSource("tsv:/data")).toThrow(`Use one of: ${CORPUS_FORMS}.`);
    expect(() => parseCorpusSource("./data")).toThrow(
      "If './data' is a path, prefix it: text:./data, flores:./data, jsonl:./data, parquet:./data or flores-plus:./data.",
    );
    // a remote address is no path; a .parquet file is offered as parquet: alone
    expect(() => parseCorpusSource("shard.parquet")).toThrow(
      "If 'shard.parquet' is a path, prefix it: parquet:shard.parquet.",
    );
  });
});

describe("CORPUS_OPTIONS", () => {
  it("gives the analysis schema its corpus descriptions", () => {
    const corpus = analysisSchema().properties!["corpus"]!.properties!;
    expect(corpus["source"]!.description).toBe(CORPUS_OPTIONS.corpus.schema);
    expect(corpus["source"]!.default).toBe(DEFAULT_CORPUS);
    for (const key of ["split", "normalize", "replaceInvalid", "allowUnaligned", "joinSegments"] as const)
      expect(corpus[key]!.description).toBe(CORPUS_OPTIONS[key].schema);
  });

  it("become commander options, worded by the table or by the command", () => {
    const cmd = addCorpusOptions(new Command("x"), ["corpus", "normalize", "split"], {
      split: { help: "which split", default: "dev" },
    });
    expect(cmd.options.map((o) => [o.flags, o.description, o.defaultValue])).toEqual([
      ["--corpus <src>", CORPUS_FORMS, DEFAULT_CORPUS],
      ["--no-normalize", CORPUS_OPTIONS.normalize.help, undefined],
      ["--split <split>", "which split", "dev"],
    ]);
    const own = corpusOption("corpus", { placeholder: "<source>", default: null });
    expect([own.flags, own.defaultValue]).toEqual(["--corpus <source>", undefined]);
  });
});
