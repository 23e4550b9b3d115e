// `toklens corpus <source>`: per-language statistics of a corpus (segments, words, characters, UTF-8 bytes).
import type { Command } from "commander";
import {
  CORPUS_FORMS,
  DEFAULT_CORPUS_OPTIONS,
  SPLIT_WITH_DEFAULT,
  TABLE_OPTION_NAMES,
  parseFloresSplit,
} from "../../analysis/defaults.js";
import { ConfigError } from "../../errors.js";
import { corpusSegments, corpusStatistics, type CorpusOptions } from "../../analysis/corpus-info.js";
import { formatTable, printJson, printWarnings } from "../output.js";
import { addCorpusOptions, corpusOption, tableOptionsFrom, type TableFlags } from "./common-options.js";

/** Options shared by the commands that open a corpus. */
export interface CorpusCliOptions extends TableFlags {
  langs?: string;
  split?: string;
  normalize?: boolean;
  replaceInvalid?: boolean;
  allowUnaligned?: boolean;
  json?: boolean;
}

export function corpusOptionsFrom(opts: CorpusCliOptions): CorpusOptions {
  const split = parseFloresSplit(opts.split ?? DEFAULT_CORPUS_OPTIONS.split, "--split");
  return {
    ...tableOptionsFrom(opts),
    split,
    normalize: opts.normalize ?? DEFAULT_CORPUS_OPTIONS.normalize,
    replaceInvalid: opts.replaceInvalid ?? DEFAULT_CORPUS_OPTIONS.replaceInvalid,
    allowUnaligned: opts.allowUnaligned ?? DEFAULT_CORPUS_OPTIONS.allowUnaligned,
    ...(opts.langs
      ? {
          languages: opts.langs
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
  };
}

export { printWarnings };

export function register(program: Command): void {
  addCorpusOptions(
    program
      .command("corpus")
      .description("per-language statistics of a corpus: segments, words, characters, UTF-8 bytes")
      .argument("<source>", CORPUS_FORMS)
      .addOption(
        corpusOption("langs", {
          placeholder: "<codes>",
          help: "comma-separated language codes to keep (deu_Latn, de, zho_Hans ...)",
        }),
      )
      .addOption(corpusOption("split", SPLIT_WITH_DEFAULT))
      .addOption(corpusOption("normalize", { help: "keep text as written instead of NFC-normalising it" }))
      .addOption(
        corpusOption("replaceInvalid", {
          help: "replace invalid UTF-8 with U+FFFD (counted in a warning) instead of failing",
        }),
      )
      .addOption(
        corpusOption("allowUnaligned", {
          help: "keep languages whose segments do not align, flagged, for non-parity metrics",
        }),
      ),
    TABLE_OPTION_NAMES,
  )
    .option("--json", "print a JSON array of {language, name, segments, words, chars, bytes, ...}")
    .option(
      "--segments",
      'print every segment instead of statistics, one {"language", "id", "text"} JSON object per line (JSON Lines), the text exactly as toklens tokenizes it',
    )
    .option("--jsonl", "with --segments: JSON Lines output (the only format of --segments)")
    .action(async (source: string, opts: CorpusCliOptions & { segments?: boolean; jsonl?: boolean }, cmd: Command) => {
      if (opts.jsonl && !opts.segments)
        throw new ConfigError("--jsonl is the format of --segments; add --segments (or use --json for statistics).");
      if (opts.segments) {
        if (opts.json) throw new ConfigError("--segments prints JSON Lines; use --segments --jsonl, not --json.");
        const { warnings, segments } = await corpusSegments(source, corpusOptionsFrom(opts));
        printWarnings(warnings);
        await printSegments(segments);
        return;
      }
      const verbose = Boolean(cmd.optsWithGlobals().verbose);
      const corpus = await corpusStatistics(source, corpusOptionsFrom(opts));
      const { stats } = corpus;
      printWarnings(corpus.warnings);
      if (verbose) {
        process.stderr.write(
          `opened ${source} in ${corpus.openMs.toFixed(0)} ms; counted ${stats.length} languages in ${corpus.countMs.toFixed(0)} ms\n`,
        );
      }
      if (opts.json) return printJson(stats);
      process.stdout.write(
        formatTable(
          ["language", "name", "segments", "words", "chars", "bytes", "source"],
          stats.map((s) => [
            s.language,
            s.name,
            `${s.segments}${s.aligned ? "" : " *"}`,
            String(s.words),
            String(s.chars),
            String(s.bytes),
            s.variant ?? s.file ?? "",
          ]),
        ),
      );
      process.stdout.write(
        `\n${stats.length} languages${corpus.parallel ? ", aligned" : ""}${corpus.unaligned.length ? "; * = not aligned (non-parity metrics only)" : ""}.\n`,
      );
    });
}

/** One JSON line per segment, language by language, for producing `counts:` files from a provider's counting endpoint. */
async function printSegments(segments: AsyncIterable<{ language: string; id: string; text: string }>): Promise<void> {
  let lines = "";
  for await (const seg of segments) {
    lines += JSON.stringify({ language: seg.language, id: seg.id, text: seg.text }) + "\n";
    if (lines.length > 1 << 16) {
      if (!process.stdout.write(lines)) await new Promise((r) => process.stdout.once("drain", r));
      lines = "";
    }
  }
  if (lines && !process.stdout.write(lines)) await new Promise((r) => process.stdout.once("drain", r));
}
