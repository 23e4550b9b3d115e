// `toklens tokenize`: shows how each tokenizer splits a text, with ids, count and a round-trip check.
import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { decodeUtf8 } from "../../corpus/read-lines.js";
import { ConfigError, OutputError } from "../../errors.js";
import { loadFromSpec, resolveTokenizerSpec } from "../../tokenizers/load.js";
import { bosToAdd, withBos } from "../../tokenizers/special-tokens.js";
import { tokenViewPage } from "../../report/token-view-html.js";
import { groupTokens, type TokenGroup } from "../../tokenizers/token-pieces.js";
import { formatTokenView, useColor } from "../token-view-terminal.js";
import { formatTable, printJson, terminalSafe } from "../output.js";
import { printWarnings } from "./corpus.js";
import { expandTokenizerRefs } from "./common-options.js";

interface TokenizeOptions {
  text?: string;
  file?: string;
  json?: boolean;
  specialTokens?: boolean;
  replaceInvalid?: boolean;
  view?: boolean;
  html?: string;
}

export function register(program: Command): void {
  program
    .command("tokenize")
    .description("tokenize a text with one or more tokenizers and show every token")
    .argument("<tokenizer...>", "built-in ids (see `toklens tokenizers`; `all` for every installed one), tokenizer files, or hf:<org>/<name>; label one with name=path")
    .option("--text <text>", "the text to tokenize")
    .option("--file <path>", "read the text from a UTF-8 file")
    .option("--replace-invalid", "with --file: replace invalid UTF-8 by U+FFFD (counted in a warning) instead of failing")
    .option("--special-tokens", "add the tokenizer's special tokens (BOS/EOS) as a model would see them")
    .option("--json", "print a JSON array with one object per tokenizer")
    .option("--view", "show token boundaries inline: coloured on a terminal, `|`-separated otherwise")
    .option("--html <file>", "also write a page showing each tokenizer's tokens (hover a token for id, stored string, bytes)")
    .action(async (given: string[], opts: TokenizeOptions, cmd: Command) => {
      const refs = expandTokenizerRefs(given);
      const verbose = Boolean(cmd.optsWithGlobals().verbose);
      const text = await readInput(opts);
      const results = [];
      const views: { id: string; label: string; groups: TokenGroup[] }[] = [];
      for (const ref of refs) {
        const started = performance.now();
        const spec = await resolveTokenizerSpec(ref);
        const tokenizer = await loadFromSpec(spec);
        const loadMs = performance.now() - started;
        if (verbose) process.stderr.write(`loaded ${tokenizer.id} (${tokenizer.source}) in ${loadMs.toFixed(0)} ms\n`);
        try {
          const encoded = tokenizer.encode(text, { addSpecialTokens: opts.specialTokens ?? false });
          const { ids, tokens } = opts.specialTokens ? withBos(encoded, await bosToAdd(spec, tokenizer)) : encoded;
          const vocab = tokenizer.vocabulary();
          const byId = new Map(vocab.map((e) => [e.id, e]));
          const decoded = tokenizer.decode(ids);
          if (opts.view || opts.html) views.push({ id: tokenizer.id, label: tokenizer.name, groups: groupTokens(ids, tokens, (id) => byId.get(id)) });
          results.push({
            tokenizer: tokenizer.id,
            name: tokenizer.name,
            count: ids.length,
            ids,
            tokens,
            texts: ids.map((id) => byId.get(id)?.text ?? null),
            roundTrip: decoded === text,
            ...(verbose ? { loadMs: Math.round(loadMs) } : {}),
          });
        } finally {
          tokenizer.dispose();
        }
      }
      if (opts.html) {
        try {
          await writeFile(opts.html, tokenViewPage(`toklens tokenize: ${refs.join(", ")}`, text, views));
        } catch (err) {
          throw new OutputError(`Cannot write --html '${opts.html}' (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check that its folder exists and is writable.`);
        }
        process.stderr.write(`wrote ${terminalSafe(opts.html)}\n`);
      }
      if (opts.json) return printJson(results);
      if (opts.view) {
        const color = useColor();
        results.forEach((r, i) => {
          process.stdout.write(`${terminalSafe(r.tokenizer)} (${terminalSafe(r.name)}): ${r.count} tokens, round-trip ${r.roundTrip ? "ok" : "LOSSY"}\n`);
          process.stdout.write(formatTokenView(views[i]!.groups, color) + "\n");
        });
        return;
      }
      for (const r of results) {
        process.stdout.write(`${terminalSafe(r.tokenizer)} (${terminalSafe(r.name)}): ${r.count} tokens, round-trip ${r.roundTrip ? "ok" : "LOSSY"}\n`);
        process.stdout.write(
          formatTable(
            ["#", "id", "token", "text"],
            r.ids.map((id, i) => [String(i), String(id), r.tokens[i] ?? "", r.texts[i] === null ? "(partial UTF-8)" : JSON.stringify(r.texts[i])]),
            [2, 3], // tokens such as `123` or `1.5` are text: aligned left
          ),
        );
        process.stdout.write("\n");
      }
    });
}

/** The text to tokenize. A --file must be UTF-8, checked like a corpus file (CorpusError, exit 4), unless --replace-invalid. */
async function readInput(opts: TokenizeOptions): Promise<string> {
  if (opts.text !== undefined && opts.file !== undefined) throw new ConfigError("Give either --text or --file, not both.");
  if (opts.text !== undefined) return opts.text;
  if (opts.file !== undefined) {
    let bytes: Buffer;
    try {
      bytes = await readFile(opts.file);
    } catch (err) {
      throw new ConfigError(`Cannot read --file '${opts.file}' (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check the path.`);
    }
    const { text, replaced } = decodeUtf8(bytes, { file: opts.file }, opts.replaceInvalid ?? false);
    if (replaced > 0) {
      printWarnings([
        {
          code: "replaced-invalid-utf8",
          message: `${opts.file}: ${replaced} invalid UTF-8 sequence(s) replaced by U+FFFD (--replace-invalid); the tokenizers see, and the round trip compares against, the replaced text`,
        },
      ]);
    }
    return text;
  }
  throw new ConfigError('Nothing to tokenize: give --text "..." or --file <path>.');
}
