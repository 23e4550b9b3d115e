// Builds the commander program; each command lives in commands/<name>.ts and only parses, calls the library and prints.
import { Command, Option } from "commander";
import { HF_ENGINE_CHOICES } from "../tokenizers/tokenizer.js";
import { enableLoadNotices } from "../tokenizers/load-notice.js";
import { TOOLKIT_VERSION } from "../version.js";

/** Each command module exports a `register(program)` that adds itself. */
type Register = (program: Command) => void;

const COMMANDS: ReadonlyArray<() => Promise<{ register: Register }>> = [
  // one line per command module, in help order
  () => import("./commands/tokenizers.js"),
  () => import("./commands/tokenize.js"),
  () => import("./commands/serve.js"),
  () => import("./commands/compare.js"),
  () => import("./commands/diff.js"),
  () => import("./commands/languages.js"),
  () => import("./commands/corpus.js"),
  () => import("./commands/vocab.js"),
  () => import("./commands/adapt.js"),
  () => import("./commands/morph.js"),
  () => import("./commands/run.js"),
  () => import("./commands/report.js"),
];

export async function buildProgram(): Promise<Command> {
  const program = new Command();
  program
    .name("toklens")
    .description("Measure how well LLM tokenizers serve each language.")
    .version(TOOLKIT_VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .option("--verbose", "print timings (tokenizer load times, phases) on stderr")
    .option("--progress", "print progress lines on stderr even when it is not a terminal (CI logs, pipes)")
    .addOption(
      new Option(
        "--engine <engine>",
        "engine for tokenizer.json files: native (Rust tokenizers binding), js (pure JS), auto (native when it loads)",
      )
        .choices(HF_ENGINE_CHOICES)
        .default("auto"),
    )
    .hook("preAction", (cmd) => {
      // the loader and the worker threads read the choice from the environment
      const engine = cmd.opts<{ engine?: string }>().engine;
      if (engine && engine !== "auto") process.env["TOKLENS_ENGINE"] = engine;
      // "loading gemma3 (262k)…" on stderr when it is a terminal and a load takes over half a second
      enableLoadNotices(process.stderr);
    })
    // before the commands are added: subcommands copy this setting when created, so their usage errors reach
    // main's handler (which maps them to exit 2) instead of calling process.exit(1) themselves
    .exitOverride();
  for (const load of COMMANDS) (await load()).register(program);
  return program;
}
