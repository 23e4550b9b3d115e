// `toklens adapt`: plans trimming and/or expansion of one tokenizer for a target language and writes the tokenizer files.
import type { Command } from "commander";
import {
  DEFAULT_HELD_OUT_EVERY,
  DEFAULT_PIVOT_LANGUAGE,
  SPLIT_WITH_DEFAULT,
  parseFloresSplit,
  type FloresSplit,
} from "../../analysis/defaults.js";
import { ConfigError } from "../../errors.js";
import { planAdaptation, type AdaptResult } from "../../analysis/adapt.js";
import { BUDGET_STRATEGIES, parseBudgetStrategy, planBudget } from "../../analysis/budget.js";

import { printBudget } from "./adapt-budget.js";
import { formatTable, printJson, terminalSafeLines } from "../output.js";
import { printWarnings } from "./corpus.js";
import { corpusOption, parsePositiveInt } from "./common-options.js";

interface AdaptCliOptions {
  lang?: string;
  langs?: string;
  budget?: string;
  strategy: string;
  compareStrategies?: boolean;
  parityWindow?: string;
  parityAlpha?: string;
  globalMerges?: string;
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

function parseKs(value: string, flag?: string): number[];
function parseKs(value: string | undefined, flag?: string): number[] | undefined;
function parseKs(value: string | undefined, flag = "--expand"): number[] | undefined {
  if (value === undefined) return undefined;
  const ks = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (ks.length === 0 || ks.some((k) => !Number.isInteger(k) || k < 0)) {
    throw new ConfigError(
      `Invalid ${flag} '${value}': give comma-separated token counts, e.g. ${flag} ${flag === "--budget" ? "1000,2000,4000,8000" : "0,500,1000,2000,5000"}.`,
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

function codes(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `--langs ... --budget ...`: one budget of new tokens for several languages. */
async function runBudget(tokenizer: string, opts: AdaptCliOptions, split: FloresSplit): Promise<void> {
  if (opts.langs === undefined || opts.budget === undefined)
    throw new ConfigError(
      "A shared budget needs both --langs <codes> and --budget <ks>, e.g. --langs amh_Ethi,som_Latn --budget 1000,4000.",
    );
  if (opts.lang !== undefined || opts.trim || opts.expand !== undefined)
    throw new ConfigError("--langs/--budget plan a shared budget; run --lang with --trim/--expand separately.");
  const budgets = parseKs(opts.budget, "--budget").filter((k) => k > 0);
  const strategies = opts.compareStrategies ? [...BUDGET_STRATEGIES] : [parseBudgetStrategy(opts.strategy)];
  const minPairFrequency = int(opts.minPairFrequency, "--min-pair-frequency", 1);
  const result = await planBudget({
    tokenizer,
    languages: codes(opts.langs),
    corpus: opts.corpus,
    pivot: opts.pivot,
    budgets,
    strategies,
    parity: {
      window: int(opts.parityWindow, "--parity-window", 0) ?? 0,
      alpha: int(opts.parityAlpha, "--parity-alpha", 1) ?? 2,
      globalMerges: int(opts.globalMerges, "--global-merges", 0) ?? 0,
    },
    ...(minPairFrequency !== undefined ? { minPairFrequency } : {}),
    outDir: opts.out ?? defaultOut(tokenizer, `budget-${codes(opts.langs).length}`),
    corpusOptions: { split },
  });
  printWarnings(result.warnings);
  if (opts.json) return printJson(result);
  printBudget(result);
}

export function register(program: Command): void {
  program
    .command("adapt")
    .description(
      "plan vocabulary trimming and expansion for a target language, or one budget of new tokens for several (--langs --budget); writes tokenizer.json files",
    )
    .argument(
      "<tokenizer>",
      "built-in id (tiktoken encodings are converted to a byte-level BPE tokenizer.json), tokenizer.json, or hf:<org>/<name>",
    )
    .option(
      "--lang <codes>",
      "target language (e.g. amh_Ethi); comma-separate several to trim for all of them (expansion trains on the first)",
    )
    .option(
      "--langs <codes>",
      "several target languages sharing one budget of new tokens (with --budget), e.g. amh_Ethi,som_Latn,swh_Latn",
    )
    .option("--budget <ks>", "with --langs: comma-separated numbers of new tokens, e.g. 1000,2000,4000,8000")
    .option(`--strategy <name>`, `with --langs: ${BUDGET_STRATEGIES.join(", ")}`, "parity")
    .option("--compare-strategies", "with --langs: run every strategy at the same budgets, side by side")
    .option("--parity-window <n>", "parity: moving-window variant over the last n choices (0 = off)", "0")
    .option("--parity-alpha <n>", "parity window: a language may take at most alpha/L of the window", "2")
    .option("--global-merges <m>", "parity hybrid: the first m merges by the languages' joint frequency", "0")
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
      if (opts.langs !== undefined || opts.budget !== undefined) return runBudget(tokenizer, opts, split);
      if (opts.lang === undefined)
        throw new ConfigError(
          "adapt needs --lang <code> (trim or expand for one language) or --langs <codes> --budget <ks> (one budget for several).",
        );
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
