// `toklens report`: the built-in default analysis (built-in tokenizers x UDHR languages, vocabulary) with overrides.
import type { Command } from "commander";
import { CORPUS_FORMS, DEFAULT_CORPUS } from "../../analysis/defaults.js";
import { defaultAnalysis } from "../../analysis/default-analysis.js";
import { ConfigError } from "../../errors.js";
import { corpusOption, expandTokenizerRefs, parsePositiveInt, parseSplit, splitList } from "./common-options.js";
import {
  efficiencyVocabHelp,
  metricsHelp,
  parseEfficiencyVocab,
  parseMetricList,
} from "../../analysis/metric-choices.js";
import { reportRunFlags, runAndPrint, type ReportRunFlags } from "./run.js";

interface ReportFlags extends ReportRunFlags {
  tokenizers?: string;
  corpus?: string;
  langs?: string;
  allLangs?: boolean;
  split?: string;
  vocab: boolean;
  prices?: string;
  context?: string;
  efficiencyVocab?: string;
  groupBy?: string;
  pivot?: string;
  metrics?: string;
  reference?: string;
  budgetLangs?: string;
  budget?: string;
  budgetTokenizer: string;
}

export const DEFAULT_REPORT_DIR = "reports/default";

export function register(program: Command): void {
  const cmd = program
    .command("report")
    .description("write the default report: the built-in tokenizers x 45 UDHR languages, with vocabulary composition")
    .option(
      "--tokenizers <list>",
      "comma-separated tokenizer references instead of the default built-ins (`all`: every installed built-in; label one with name=path)",
    )
    .addOption(corpusOption("corpus", { help: `${CORPUS_FORMS} (default: ${DEFAULT_CORPUS})`, default: null }))
    .addOption(
      corpusOption("langs", {
        help: "comma-separated language codes (default: 45 UDHR languages; all for other corpora)",
      }),
    )
    .addOption(corpusOption("allLangs"))
    .addOption(corpusOption("split"))
    .option("--no-vocab", "skip vocabulary composition and overlap")
    .option(
      "--prices <file>",
      "prices file (USD per million tokens per tokenizer): adds the section on what the same text costs in each language",
    )
    .option(
      "--context <tokens>",
      "context window in tokens: the cost section says how many words and characters fit in it",
    )
    .option(
      "--group-by <script|file.csv>",
      "add a section grouping languages by script or by a CSV with columns language,group",
    )
    .option("--efficiency-vocab <convention>", efficiencyVocabHelp("(default: vocabulary)"))
    .option("--pivot <lang>", "pivot language of the premium (default: eng_Latn)")
    .option("--metrics <list>", metricsHelp())
    .option("--reference <tokenizer>", "reference tokenizer for nsl (normalised sequence length)")
    .option(
      "--budget-langs <codes>",
      "with --budget: add the part choosing one budget of new tokens for these languages (every strategy)",
    )
    .option("--budget <ks>", "with --budget-langs: numbers of new tokens, e.g. 1000,2000,4000,8000")
    .option("--budget-tokenizer <ref>", "with --budget-langs: the BPE tokenizer to extend", "gpt2");
  reportRunFlags(cmd, DEFAULT_REPORT_DIR).action(async (flags: ReportFlags, command: Command) => {
    if (flags.langs && flags.allLangs) throw new ConfigError("Give either --langs or --all-langs, not both.");
    const tokenizers = flags.tokenizers !== undefined ? expandTokenizerRefs(splitList(flags.tokenizers)) : undefined;
    const metrics = flags.metrics !== undefined ? parseMetricList(splitList(flags.metrics)) : undefined;
    if (tokenizers && tokenizers.length === 0)
      throw new ConfigError("--tokenizers is empty; list at least one, e.g. --tokenizers gpt2,llama3.");
    const config = defaultAnalysis({
      ...(tokenizers ? { tokenizers } : {}),
      ...(flags.corpus ? { corpus: flags.corpus } : {}),
      ...(flags.split ? { split: parseSplit(flags.split) } : {}),
      ...(flags.allLangs ? { languages: "all" as const } : flags.langs ? { languages: splitList(flags.langs) } : {}),
      vocab: flags.vocab,
      ...(flags.prices !== undefined ? { prices: flags.prices } : {}),
      ...(flags.context !== undefined ? { context: parsePositiveInt(flags.context, "--context") } : {}),
      ...(flags.pivot ? { pivot: flags.pivot } : {}),
      ...(metrics ? { metrics } : {}),
      ...(flags.reference ? { reference: flags.reference } : {}),
    });
    if (flags.efficiencyVocab !== undefined) config.efficiencyVocabSize = parseEfficiencyVocab(flags.efficiencyVocab);
    if (flags.groupBy !== undefined) config.groupBy = flags.groupBy;
    if ((flags.budgetLangs === undefined) !== (flags.budget === undefined))
      throw new ConfigError(
        "Give --budget-langs and --budget together, e.g. --budget-langs amh_Ethi,som_Latn --budget 1000,4000.",
      );
    if (flags.budgetLangs !== undefined && flags.budget !== undefined) {
      const budget = splitList(flags.budget).map((k) => parsePositiveInt(k, "--budget"));
      config.adaptation = [
        ...(config.adaptation ?? []),
        { tokenizer: flags.budgetTokenizer, langs: splitList(flags.budgetLangs), budget },
      ];
    }
    await runAndPrint(config, flags.out ?? DEFAULT_REPORT_DIR, flags, command);
  });
}
