// `toklens vocab`: what vocabularies are made of (Qtok classes, scripts, lengths), how they overlap, and per-language coverage.
import type { Command } from "commander";
import { CORPUS_FORMS, DEFAULT_EXAMPLES_PER_CLASS, SPLIT_WITH_DEFAULT } from "../../analysis/defaults.js";
import { QTOK_CLASSES, runVocab } from "../../analysis/vocab.js";
import type { OverlapReport, VocabComposition, VocabCoverage } from "../../analysis/vocab.js";
import { cutForDisplay } from "../../report/escape.js";
import { formatTable, printJson, terminalSafe } from "../output.js";
import { corpusOptionsFrom, printWarnings, type CorpusCliOptions } from "./corpus.js";
import { corpusOption, parsePositiveInt, progressReporter } from "./common-options.js";

interface VocabCliOptions extends CorpusCliOptions {
  corpus?: string;
  examples?: string;
  bracketedControl?: boolean;
  workers?: string;
  cache: boolean;
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
/** Longest vocabulary entry printed in full, in code points; longer ones end in `… (N chars)`. */
const TERMINAL_ENTRY_MAX_CHARS = 80;
/** An entry for a terminal: quoted decoded text (or the raw token of a partial UTF-8 piece), cut when over-long, control characters escaped. */
const show = (text: string | null, token: string): string => {
  const { head, cut } = cutForDisplay(text ?? token, TERMINAL_ENTRY_MAX_CHARS);
  return terminalSafe(text === null ? `${head}${cut} (partial UTF-8)` : `${JSON.stringify(head)}${cut}`);
};

function printComposition(c: VocabComposition): void {
  process.stdout.write(
    `\n${terminalSafe(c.tokenizer)}: ${c.entries.toLocaleString("en-US")} entries, ${pct(c.validUtf8Share)} complete UTF-8, ${c.specialTokens.length} special, mean length ${c.meanLength.toFixed(2)} chars\n`,
  );
  process.stdout.write(
    formatTable(
      ["class", "count", "share", "examples"],
      QTOK_CLASSES.map((k) => [
        k,
        String(c.classes[k].count),
        pct(c.classes[k].share),
        c.examples[k].map((e) => show(e.text, e.token)).join(" "),
      ]),
    ),
  );
  process.stdout.write(`scripts of alpha entries (top 12):\n`);
  process.stdout.write(
    formatTable(
      ["script", "char", "spaced", "inner", "total", "of alpha"],
      c.scriptPositions
        .slice(0, 12)
        .map((r) => [
          r.script,
          String(r.char),
          String(r.spaced),
          String(r.inner),
          String(r.total),
          pct(r.shareOfAlpha),
        ]),
    ),
  );
  process.stdout.write(
    `longest: ${c.longest
      .slice(0, 5)
      .map((e) => `${show(e.text, e.token)} (${e.length})`)
      .join(", ")}\n`,
  );
}

function printOverlap(o: OverlapReport): void {
  process.stdout.write(`\nJaccard similarity of decoded vocabularies (specials excluded), in clustering order:\n`);
  const idx = o.clusterOrder.map((n) => o.tokenizers.indexOf(n));
  process.stdout.write(
    formatTable(
      ["", ...o.clusterOrder],
      idx.map((i) => [o.tokenizers[i]!, ...idx.map((j) => o.jaccard[i]![j]!.toFixed(3))]),
    ),
  );
  process.stdout.write(
    `shared by all: ${o.sharedByAll.count.toLocaleString("en-US")}; unique: ${o.uniqueTo.map((u) => `${terminalSafe(u.tokenizer)} ${u.count.toLocaleString("en-US")}`).join(", ")}\n`,
  );
}

function printCoverage(c: VocabCoverage): void {
  process.stdout.write(`\ncoverage of ${terminalSafe(c.tokenizer)} (${c.entries.toLocaleString("en-US")} entries):\n`);
  process.stdout.write(
    formatTable(
      ["language", "entries used", "of vocab", "occurrences", "most frequent"],
      c.languages.map((l) => [
        l.language,
        String(l.usedEntries),
        pct(l.shareOfVocab),
        String(l.occurrences),
        l.top
          .slice(0, 6)
          .map((t) => show(t.text, t.token))
          .join(" "),
      ]),
    ),
  );
  process.stdout.write(`by script: ${c.scripts.map((s) => `${s.script} ${pct(s.shareOfVocab)}`).join(", ")}\n`);
  process.stdout.write(
    `never used by these languages: ${c.unreached.count.toLocaleString("en-US")} (${pct(c.unreached.share)})\n`,
  );
}

export function register(program: Command): void {
  program
    .command("vocab")
    .description(
      "vocabulary composition (Qtok classes, scripts, lengths), overlap between tokenizers, per-language coverage",
    )
    .argument("<tokenizer...>", "built-in ids (see `toklens tokenizers`), tokenizer files, or hf:<org>/<name>")
    .addOption(
      corpusOption("corpus", {
        placeholder: "<source>",
        help: `also measure per-language coverage on this corpus: ${CORPUS_FORMS}`,
        default: null,
      }),
    )
    .addOption(
      corpusOption("langs", {
        placeholder: "<codes>",
        help: "comma-separated languages for coverage (default: all of the corpus)",
      }),
    )
    .addOption(corpusOption("split", SPLIT_WITH_DEFAULT))
    .option("--examples <n>", "examples per class", String(DEFAULT_EXAMPLES_PER_CLASS))
    .option(
      "--no-bracketed-control",
      "count only real special tokens as control (Qtok also counts <...>/[...] strings)",
    )
    .option("--workers <n>", "worker threads for tokenizing the coverage corpus (default: one per core)")
    .option("--no-cache", "neither read nor write the tokenize cache (~/.cache/toklens or $TOKLENS_CACHE_DIR)")
    .option("--json", "print {tokenizers: [{classes, scriptPositions, ...}], overlap, coverage}")
    .action(async (refs: string[], opts: VocabCliOptions, command: Command) => {
      const examplesPerClass = parsePositiveInt(opts.examples ?? String(DEFAULT_EXAMPLES_PER_CLASS), "--examples", 0);
      const run = await runVocab({
        tokenizers: refs,
        examplesPerClass,
        bracketedAsControl: opts.bracketedControl ?? true,
        ...(opts.corpus ? { corpus: opts.corpus, corpusOptions: corpusOptionsFrom(opts) } : {}),
        ...(opts.workers !== undefined ? { workers: parsePositiveInt(opts.workers, "--workers") } : {}),
        ...(opts.cache ? {} : { cache: false as const }),
        onProgress: progressReporter(Boolean(command.optsWithGlobals().progress)),
      });
      printWarnings(run.warnings);
      if (opts.json) return printJson({ tokenizers: run.tokenizers, overlap: run.overlap, coverage: run.coverage });
      const { tokenizers: compositions, overlap, coverage } = run;
      for (const c of compositions) printComposition(c);
      if (overlap) printOverlap(overlap);
      for (const c of coverage ?? []) printCoverage(c);
    });
}
