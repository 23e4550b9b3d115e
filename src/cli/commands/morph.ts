// `toklens morph`: MorphScore of tokenizers on gold morpheme splits (Arnett & Bergen 2025's layout).
import type { Command } from "commander";
import { runMorph } from "../../analysis/morph.js";
import { ConfigError } from "../../errors.js";
import { formatTable, printJson, terminalSafe } from "../output.js";
import { printWarnings } from "./corpus.js";

interface MorphFlags {
  gold: string[];
  context?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command("morph")
    .description(
      "MorphScore: share of words whose tokens have a boundary at the gold morpheme boundary (Arnett & Bergen 2025)",
    )
    .argument("<tokenizer...>", "built-in ids (see `toklens tokenizers`), tokenizer files, or hf:<org>/<name>")
    .option(
      "--gold <file>",
      "gold CSV in MorphScore's layout (full_word,pt1,rest); repeat for several",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option(
      "--context",
      "tokenize each word after 'the ', as in running text (default: the word alone, as the published scorer does)",
    )
    .option("--json", "print a JSON array with one object per tokenizer x gold file")
    .action(async (refs: string[], flags: MorphFlags) => {
      if (!flags.gold || flags.gold.length === 0)
        throw new ConfigError(
          "Give a gold file with --gold <file.csv> (columns full_word,pt1,rest, as in MorphScore's data/*.csv).",
        );
      const { results, warnings } = await runMorph(refs, flags.gold, flags.context ? "in-context" : "bare-word");
      printWarnings(warnings);
      if (flags.json) return printJson(results);
      process.stdout.write(
        formatTable(
          ["tokenizer", "gold", "MorphScore", "scored", "single-token", "unknown", "unplaced", "rows skipped"],
          results.map((r) => [
            terminalSafe(r.tokenizer),
            terminalSafe(r.gold),
            r.morphscore === null ? "-" : r.morphscore.toFixed(3),
            `${r.aligned}/${r.scored}`,
            String(r.excluded.single_token),
            String(r.excluded.unknown),
            String(r.excluded.unplaced),
            String(r.skipped.no_boundary + r.skipped.misspelled),
          ]),
        ),
      );
      process.stdout.write(
        `Protocol: ${flags.context ? "in-context (each word after 'the ')" : "bare-word (each word alone, no special tokens, as the published scorer)"}. Scored words: a boundary at the gold boundary = 1, else 0. Excluded: single-token words, words with an unknown token, words the normalizer changed.\n`,
      );
    });
}
