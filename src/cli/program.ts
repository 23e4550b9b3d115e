// Builds the commander program; each command lives in commands/<name>.ts and only parses, calls the library and prints.
import { Command, Option } from "commander";
import { HF_ENGINE_CHOICES } from "../tokenizers/tokenizer.js";
import { enableLoadNotices } from "../tokenizers/load-notice.js";
import { TOOLKIT_VERSION } from "../version.js";

/** Each command module exports a `register(program)` that adds itself. */
type Register = (program: Command) => void;

/** Every command by name, in help order, with its module: a command's module is imported only when it is needed. */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<{ register: Register }>]> = [
  ["tokenizers", () => import("./commands/tokenizers.js")],
  ["tokenize", () => import("./commands/tokenize.js")],
  ["serve", () => import("./commands/serve.js")],
  ["compare", () => import("./commands/compare.js")],
  ["diff", () => import("./commands/diff.js")],
  ["languages", () => import("./commands/languages.js")],
  ["corpus", () => import("./commands/corpus.js")],
  ["vocab", () => import("./commands/vocab.js")],
  ["adapt", () => import("./commands/adapt.js")],
  ["morph", () => import("./commands/morph.js")],
  ["run", () => import("./commands/run.js")],
  ["report", () => import("./commands/report.js")],
];

/** Global options that take a value as the next argument (`--engine native`). */
const GLOBAL_VALUE_OPTIONS = new Set(["--engine"]);

/**
 * The command `argv` (user arguments, without node and the script) runs, or null when it names none that exists
 * (help, a usage error, no command): only that command's module is imported, so `toklens tokenize` does not load the
 * report writers, the corpus readers or the server. Anything else registers every command, as help needs.
 */
export function invokedCommand(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (GLOBAL_VALUE_OPTIONS.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith("-")) continue;
    return COMMANDS.some(([name]) => name === arg) ? arg : null;
  }
  return null;
}

/** The program; with `argv` (user arguments) naming a command, only that command is registered. */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
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
    .hook("preAction", (cmd, action) => {
      // the loader and the worker threads read the choice from the environment
      const engine = cmd.opts<{ engine?: string }>().engine;
      if (engine && engine !== "auto") process.env["TOKLENS_ENGINE"] = engine;
      // and --no-cache: tokenizer loads then neither read nor write their cache either
      if (action.opts<{ cache?: unknown }>().cache === false) process.env["TOKLENS_NO_CACHE"] = "1";
      // "loading gemma3 (262k)…" on stderr when it is a terminal and a load takes over half a second
      enableLoadNotices(process.stderr);
    })
    // before the commands are added: subcommands copy this setting when created, so their usage errors reach
    // main's handler (which maps them to exit 2) instead of calling process.exit(1) themselves
    .exitOverride();
  const only = argv ? invokedCommand(argv) : null;
  for (const [name, load] of COMMANDS) if (only === null || name === only) (await load()).register(program);
  return program;
}
