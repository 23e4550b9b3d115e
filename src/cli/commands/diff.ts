// `toklens diff <A> <B>`: what changed from tokenizer A to B: vocabulary by entry bytes, tokens per language with intervals.
import type { Command } from "commander";
import { DEFAULT_DIFF_EXAMPLES, DEFAULT_METRIC_OPTIONS } from "../../analysis/defaults.js";
import { runDiff, type VocabDiff } from "../../analysis/diff.js";
import { metricOptionsFrom } from "../../analysis/metric-choices.js";
import { cutForDisplay } from "../../report/escape.js";
import { formatTable, printJson, terminalSafe, terminalSafeLines } from "../output.js";
import {
  corpusOptionFlags,
  corpusRunOptions,
  parsePositiveInt,
  progressReporter,
  type CorpusFlags,
} from "./common-options.js";

interface DiffFlags extends CorpusFlags {
  seed?: string;
  resamples?: string;
  examples: string;
  workers?: string;
  cache: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command("diff")
    .description(
      "what changed from tokenizer A to B: vocabulary (by entry bytes, per Qtok class and script) and tokens per language, B/A with 95% intervals",
    )
    .argument("<a>", "the tokenizer before: built-in id, tokenizer file, or hf:<org>/<name>[@rev]")
    .argument("<b>", "the tokenizer after");
  corpusOptionFlags(cmd)
    .option("--seed <int>", "bootstrap seed (results are reproducible for a seed)")
    .option(
      "--resamples <int>",
      "bootstrap resamples for the ratio's interval (at most 100000)",
      String(DEFAULT_METRIC_OPTIONS.bootstrapResamples),
    )
    .option("--examples <n>", "example entries per vocabulary group", String(DEFAULT_DIFF_EXAMPLES))
    .option("--workers <n>", "worker threads for tokenizing (default: one per core)")
    .option("--no-cache", "neither read nor write the tokenize cache (~/.cache/toklens or $TOKLENS_CACHE_DIR)")
    .option("--json", "print one JSON object")
    .action(async (a: string, b: string, flags: DiffFlags) => {
      const metricOptions = metricOptionsFrom({
        ...(flags.seed !== undefined ? { seed: parsePositiveInt(flags.seed, "--seed", 0) } : {}),
        resamples: parsePositiveInt(
          flags.resamples ?? String(DEFAULT_METRIC_OPTIONS.bootstrapResamples),
          "--resamples",
        ),
      });
      const result = await runDiff({
        a,
        b,
        ...corpusRunOptions(flags),
        metricOptions,
        examples: parsePositiveInt(flags.examples, "--examples", 0),
        ...(flags.workers !== undefined ? { workers: parsePositiveInt(flags.workers, "--workers") } : {}),
        ...(flags.cache ? {} : { cache: false as const }),
        onProgress: progressReporter(),
      });
      if (flags.json) printJson(result);
      else process.stdout.write(summary(result));
    });
}

const int = (n: number) => n.toLocaleString("en-US");
const examples = (list: readonly string[]) =>
  list
    .map((e) => {
      const c = cutForDisplay(e, 24);
      return JSON.stringify(c.head + (c.cut ? "…" : ""));
    })
    .join(" ");

function summary(d: Awaited<ReturnType<typeof runDiff>>): string {
  let out = `What changed from ${terminalSafe(d.a.id)} (A) to ${terminalSafe(d.b.id)} (B)\n\n`;
  if (d.vocabulary) out += vocabularySummary(d.vocabulary);
  out += `tokens per language on ${terminalSafe(d.corpus)}: B/A below 1 means B needs fewer tokens (95% paired bootstrap interval)\n`;
  out += formatTable(
    ["language", "tokens A", "tokens B", "B/A", "95% interval", "change"],
    d.languages.map((l) => [
      `${l.language} ${l.name}`,
      int(l.tokens_a),
      int(l.tokens_b),
      l.ratio === null ? "-" : l.ratio.toFixed(3),
      l.ratio_ci ? `${l.ratio_ci[0].toFixed(3)}–${l.ratio_ci[1].toFixed(3)}` : "-",
      l.change === null
        ? "-"
        : l.change === "no significant change"
          ? l.change
          : `${l.change} by ${Math.abs((1 - l.ratio!) * 100).toFixed(1)}%`,
    ]),
  );
  const count = (c: string) => d.languages.filter((l) => l.change === c).length;
  out += `\n${count("cheaper")} languages cheaper, ${count("dearer")} dearer, ${count("no significant change")} with no significant change\n`;
  if (d.warnings.length)
    out += `${d.warnings.length} warning(s); see --json for all. First: ${terminalSafeLines(d.warnings[0]!.message)}\n`;
  return out;
}

function vocabularySummary(v: VocabDiff): string {
  let out = "";
  out += "vocabulary, compared by the exact bytes each entry decodes to (special tokens apart)\n";
  out += formatTable(
    ["", "A", "B"],
    [
      ["entries", int(v.a.entries), int(v.b.entries)],
      ["distinct byte strings", int(v.a.distinct), int(v.b.distinct)],
      ["special tokens", int(v.a.specials), int(v.b.specials)],
    ],
  );
  out += `\nshared ${int(v.shared)}, only in A ${int(v.onlyA)}, only in B ${int(v.onlyB)}; special tokens shared ${v.specials.shared}, only in A ${v.specials.onlyA.length}, only in B ${v.specials.onlyB.length}\n\n`;
  out +=
    "by Qtok class\n" +
    formatTable(
      ["class", "shared", "only A", "only B", "examples only in B"],
      v.classes.map((g) => [g.name, int(g.shared), int(g.onlyA), int(g.onlyB), examples(g.examplesOnlyB)]),
    ) +
    "\n\n";
  out +=
    "by script (letters of one script; the 12 that changed most)\n" +
    formatTable(
      ["script", "shared", "only A", "only B", "examples only in B"],
      v.scripts.slice(0, 12).map((g) => [g.name, int(g.shared), int(g.onlyA), int(g.onlyB), examples(g.examplesOnlyB)]),
    ) +
    "\n\n";
  return out;
}
