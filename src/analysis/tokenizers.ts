// The tokenizers a command can name: the built-in registry as rows, `all` expanded, and the tokenize phase's progress.
import { BUILTIN_TOKENIZERS, installCommand, isInstalled } from "../tokenizers/registry.js";

export type { TokenizeProgress } from "../tokenize/run.js";

/** The tokenizer reference that stands for every installed built-in, in `toklens tokenizers` order. */
export const ALL_BUILTINS = "all";

/** Expands `all` in a list of tokenizer references to the installed built-ins (duplicates dropped, order kept). */
export function expandTokenizerRefs(refs: readonly string[]): string[] {
  const out = refs.flatMap((r) => (r === ALL_BUILTINS ? BUILTIN_TOKENIZERS.filter(isInstalled).map((t) => t.id) : [r]));
  return [...new Set(out)];
}

/** One row per built-in tokenizer, as `toklens tokenizers --json` prints it. */
export function builtinTokenizerRows() {
  return BUILTIN_TOKENIZERS.map((t) => ({
    id: t.id,
    name: t.name,
    family: t.family,
    backend: t.backend,
    vocabSize: t.vocabSize,
    installed: isInstalled(t),
    package: t.package,
    models: t.models,
    licence: t.licence,
    ...(t.note ? { note: t.note } : {}),
    ...(isInstalled(t) ? {} : { install: installCommand(t) }),
  }));
}
