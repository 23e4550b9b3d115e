// `toklens adapt`: plans trimming and/or expansion of one tokenizer for a target language and writes the tokenizer files.
import type { Command } from "commander";
import {
  DEFAULT_HELD_OUT_EVERY,
  DEFAULT_PIVOT_LANGUAGE,
  SPLIT_WITH_DEFAULT,
  parseFloresSplit,
} from "../../analysis/defaults.js";
import { ConfigError } from "../../errors.js";
import { planAdaptation, type AdaptResult } from "../../analysis/adapt.js";
import { formatTable, printJson, terminalSafeLines } from "../output.js";
import { printWarnings } from "./corpus.js";
import { corpusOption, parsePositiveInt } from "./common-options.js";

interface AdaptCliOptions {
  lang: string;
  corpus: string;
  pivot: string;
  split: string;
  trim?: boolean;
  expand?: string;
  minFrequency?: string;
  hiddenSize?: string;
  heldOutEvery?: string;
  minPairFrequency?: string;
  out?: string;
  json?: boolean;
}

function int(value: string | undefined, flag: string, min: number): number | undefined {
  return value === undefined ? undefined : parsePositiveInt(value, flag, min);
}

function parseKs(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const ks = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (ks.length === 0 || ks.some((k) => !Number.isInteger(k) || k < 0)) {
    throw new ConfigError(
      `Invalid --expand '${value}': give comma-separated token counts, e.g. --expand 0,500,1000,2000,5000.`,
    );
  }
  return ks;
}

function defaultOut(tokenizer: string, lang: string): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "");
  return `toklens-adapt/${safe(tokenizer)}_${safe(lang.split(",")[0] ?? lang)}`;
}

function printHuman(r: AdaptResult): void {
  process.stdout.write(
    terminalSafeLines(
      `${r.tokenizer} for ${r.languages.join(" + ")} on ${r.corpus} (pivot ${r.pivot}), base vocabulary ${r.base.vocabSize.toLocaleString("en-US")}${r.base.convertedFromTiktoken ? " (tiktoken converted to byte-level BPE)" : ""}`,
    ) + "\n\n",
  );
  if (r.trimming) {
    process.stdout.write("trimming: tokens needed to cover a share of token occurrences\n");
    process.stdout.write(
      formatTable(
        ["coverage", "tokens", "of vocab"],
        r.trimming.coverage.map((c) => [
          `${(100 * c.target).toFixed(1)}%`,
          String(c.tokens),
          `${(100 * c.shareOfVocab).toFixed(3)}%`,
        ]),
      ),
    );
    process.stdout.write("\n");
  }
  if (r.expansion) {
    process.stdout.write(`expansion (${r.expansion.split}):\n`);
    process.stdout.write(
      formatTable(
        ["added tokens", "requested", "vocab", "fertility", "premium"],
        r.expansion.points.map((p) => [
          String(p.added_tokens),
          String(p.requested),
          String(p.vocab_size),
          p.fertility?.toFixed(3) ?? "n/a",
          p.premium?.toFixed(3) ?? "n/a",
        ]),
      ),
    );
    process.stdout.write("\n");
  }
  for (const line of r.recommendation) process.stdout.write(`${terminalSafeLines(line)}\n`);
  const files = Object.entries(r.artifacts);
  // expanded-<K> is named by the K asked for; say when it holds fewer new tokens, and why
  const note = (key: string): string => {
    const k = /^expanded(\d+)$/.exec(key)?.[1];
    const point = k === undefined ? undefined : r.expansion?.points.find((p) => p.requested === Number(k));
    return point && point.added_tokens < point.requested
      ? ` (asked for ${point.requested} new tokens, holds ${point.added_tokens}: the training text has no more pairs to merge)`
      : "";
  };
  if (files.length) process.stdout.write(`\nwrote:\n${files.map(([k, v]) => `  ${k}: ${v}${note(k)}`).join("\n")}\n`);
}

export function register(program: Command): void {
  program
    .command("adapt")
    .description(
      "plan vocabulary trimming and expansion for a target language; writes trimmed/expanded tokenizer.json files",
    )
    .argument(
      "<tokenizer>",
      "built-in id (tiktoken encodings are converted to a byte-level BPE tokenizer.json), tokenizer.json, or hf:<org>/<name>",
    )
    .requiredOption(
      "--lang <codes>",
      "target language (e.g. amh_Ethi); comma-separate several to trim for all of them (expansion trains on the first)",
    )
    .addOption(corpusOption("corpus", { placeholder: "<source>" }))
    .option("--pivot <code>", "language premium is measured against", DEFAULT_PIVOT_LANGUAGE)
    .addOption(corpusOption("split", SPLIT_WITH_DEFAULT))
    .option("--trim", "trimming table and a trimmed tokenizer.json that tokenizes the target text identically")
    .option(
      "--expand <ks>",
      "comma-separated numbers of new tokens to evaluate on held-out text, e.g. 0,500,1000,2000,5000",
    )
    .option("--min-frequency <n>", "trimming keeps tokens used at least n times (identity holds only at 1)", "1")
    .option("--hidden-size <n>", "model hidden size, for embedding parameters saved by trimming")
    .option(
      "--held-out-every <n>",
      "hold out every n-th segment of the target language from expansion training",
      String(DEFAULT_HELD_OUT_EVERY),
    )
    .option("--min-pair-frequency <n>", "expansion merges need a pair seen at least n times in training", "1")
    .option("--out <dir>", "directory for the artifacts (default toklens-adapt/<tokenizer>_<lang>)")
    .option(
      "--json",
      "print the full result as JSON (trimming table, expansion curve with added_tokens, fertility, premium)",
    )
    .action(async (tokenizer: string, opts: AdaptCliOptions) => {
      const split = parseFloresSplit(opts.split, "--split");
      const languages = opts.lang
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const expand = parseKs(opts.expand);
      const minFrequency = int(opts.minFrequency, "--min-frequency", 1);
      const hiddenSize = int(opts.hiddenSize, "--hidden-size", 1);
      const heldOutEvery = int(opts.heldOutEvery, "--held-out-every", 2);
      const minPairFrequency = int(opts.minPairFrequency, "--min-pair-frequency", 1);
      const result = await planAdaptation({
        tokenizer,
        languages,
        corpus: opts.corpus,
        pivot: opts.pivot,
        trim: opts.trim ?? false,
        ...(expand ? { expand } : {}),
        ...(minFrequency !== undefined ? { minFrequency } : {}),
        ...(hiddenSize !== undefined ? { hiddenSize } : {}),
        ...(heldOutEvery !== undefined ? { heldOutEvery } : {}),
        ...(minPairFrequency !== undefined ? { minPairFrequency } : {}),
        outDir: opts.out ?? defaultOut(tokenizer, opts.lang),
        corpusOptions: { split },
      });
      printWarnings(result.warnings);
      if (opts.json) return printJson(result);
      printHuman(result);
    });
}
