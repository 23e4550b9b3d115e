// `toklens languages`: lists the language registry, or the languages one corpus has with their segment counts.
import type { Command } from "commander";
import { SPLIT_WITH_DEFAULT, TABLE_OPTION_NAMES } from "../../analysis/defaults.js";
import { corpusLanguages, languageRegistry } from "../../analysis/corpus-info.js";
import { formatTable, printJson } from "../output.js";
import { addCorpusOptions, corpusOption } from "./common-options.js";
import { corpusOptionsFrom, printWarnings, type CorpusCliOptions } from "./corpus.js";

export function register(program: Command): void {
  addCorpusOptions(
    program
      .command("languages")
      .description("list the languages toklens knows, or those a corpus has (--corpus) with segment counts")
      .addOption(corpusOption("corpus", { placeholder: "<source>", default: null }))
      .addOption(corpusOption("split", SPLIT_WITH_DEFAULT))
      .addOption(corpusOption("allowUnaligned", { help: "also list languages whose segments do not align (flagged)" }))
      .addOption(corpusOption("replaceInvalid", { help: "replace invalid UTF-8 with U+FFFD instead of failing" })),
    TABLE_OPTION_NAMES,
  )
    .option("--json", "print a JSON array of {code, name, script, ...}")
    .action(async (opts: CorpusCliOptions & { corpus?: string }) => {
      if (!opts.corpus) {
        const rows = languageRegistry();
        if (opts.json) return printJson(rows);
        process.stdout.write(
          formatTable(
            ["code", "name", "script", "words", "FLORES-200", "UDHR"],
            rows.map((r) => [
              r.code,
              r.name,
              r.script,
              r.wordUnit,
              r.flores ?? "",
              r.udhr ? `${r.udhr}${r.udhrArticles === 30 ? "" : ` (${r.udhrArticles}/30)`}` : "",
            ]),
          ),
        );
        process.stdout.write(
          `\n${rows.length} languages. Codes are <ISO 639-3>_<ISO 15924>; deu, de, zho_Hans and other aliases are accepted.\n`,
        );
        return;
      }
      const corpus = await corpusLanguages(opts.corpus, corpusOptionsFrom(opts));
      printWarnings(corpus.warnings);
      const { rows } = corpus;
      if (opts.json) return printJson(rows);
      process.stdout.write(
        formatTable(
          ["code", "name", "script", "segments", "variant"],
          rows.map((r) => [r.code, r.name, r.script, `${r.segments}${r.aligned ? "" : " *"}`, r.variant ?? ""]),
        ),
      );
      process.stdout.write(
        `\n${rows.length} languages in ${opts.corpus}${corpus.unaligned.length ? "; * = not aligned (non-parity metrics only)" : ""}.\n`,
      );
    });
}
