// Builds hand-made VocabEntry lists for the vocabulary tests (independent of any tokenizer backend).
import type { VocabEntry } from "../../src/tokenizers/tokenizer.js";

const strict = new TextDecoder("utf-8", { fatal: true });

/** One entry: `bytes` as given (or the UTF-8 of `text`), flags default false. */
export function entry(
  id: number,
  token: string,
  content: string | number[],
  flags: Partial<Pick<VocabEntry, "special" | "byteFallback" | "wordInitial">> = {},
): VocabEntry {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : Uint8Array.from(content);
  let text: string | null;
  try {
    text = strict.decode(bytes);
  } catch {
    text = null;
  }
  return {
    id,
    token,
    bytes,
    text,
    partialUtf8: text === null,
    special: flags.special ?? false,
    byteFallback: flags.byteFallback ?? false,
    wordInitial: flags.wordInitial ?? (text !== null && text.startsWith(" ")),
  };
}
