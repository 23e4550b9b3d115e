// `toklens serve`: starts the local live playground (src/serve/) and prints its URL; runs until interrupted.
import type { Command } from "commander";
import { ConfigError } from "../../errors.js";
import { DEFAULT_SERVE_PORT, DEFAULT_SERVE_TOKENIZERS, startServer } from "../../serve/server.js";
import { terminalSafe } from "../output.js";
import { corpusOption, expandTokenizerRefs, parsePositiveInt, splitList } from "./common-options.js";

interface ServeFlags {
  port: string;
  host: string;
  tokenizers?: string;
  corpus?: string;
  pivot?: string;
  prices?: string;
  reports?: string;
}

export function register(program: Command): void {
  program
    .command("serve")
    .description("start a local live playground: type a text, see every tokenizer's tokens as you type")
    .option("--port <n>", "port to listen on (0: any free port)", String(DEFAULT_SERVE_PORT))
    .option("--host <address>", "address to bind; anything but loopback lets other machines in (warned)", "127.0.0.1")
    .option(
      "--tokenizers <list>",
      `comma-separated tokenizers shown at start, loaded once (default: ${DEFAULT_SERVE_TOKENIZERS.join(",")}); the page adds others`,
    )
    .addOption(corpusOption("corpus", { help: "corpus of the language picker (default: udhr)", default: null }))
    .option("--pivot <lang>", "pivot language of compare-languages mode (default: eng_Latn)")
    .option("--prices <file>", "prices file (USD per million tokens per tokenizer): adds a cost column")
    .option("--reports <dir>", "list and serve the reports under this folder (nothing else on disk is served)")
    .action(serve);
}

async function serve(flags: ServeFlags): Promise<void> {
  const port = parsePositiveInt(flags.port, "--port", 0);
  if (port > 65535) throw new ConfigError(`--port ${flags.port} is above 65535. Give a port from 1 to 65535, or 0.`);
  const tokenizers = flags.tokenizers !== undefined ? expandTokenizerRefs(splitList(flags.tokenizers)) : undefined;
  if (tokenizers && tokenizers.length === 0)
    throw new ConfigError("--tokenizers is empty; list at least one, e.g. --tokenizers gpt2,llama3.");
  const running = await startServer({
    port,
    host: flags.host,
    ...(tokenizers ? { tokenizers } : {}),
    ...(flags.corpus ? { corpus: flags.corpus } : {}),
    ...(flags.pivot ? { pivot: flags.pivot } : {}),
    ...(flags.prices !== undefined ? { prices: flags.prices } : {}),
    ...(flags.reports !== undefined ? { reports: flags.reports } : {}),
  });
  for (const w of running.warnings) process.stderr.write(`warning: ${terminalSafe(w)}\n`);
  process.stdout.write(`toklens serve: ${running.url}  (Ctrl-C to stop)\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void running.close().then(done);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
