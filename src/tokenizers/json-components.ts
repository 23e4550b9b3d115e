// Questions about a tokenizer.json's pipeline (normalizer, pre-tokenizer, decoder), looking through Sequence nesting.

/** Does any component (recursively through Sequence) satisfy `pred`? */
export function anyComponent(component: unknown, pred: (c: Record<string, unknown>) => boolean): boolean {
  if (!component || typeof component !== "object") return false;
  if (Array.isArray(component)) return component.some((c) => anyComponent(c, pred));
  const c = component as Record<string, unknown>;
  if (pred(c)) return true;
  for (const key of ["normalizers", "pretokenizers", "pre_tokenizers", "decoders", "processors"]) {
    if (Array.isArray(c[key]) && anyComponent(c[key], pred)) return true;
  }
  return false;
}

/**
 * Whether the tokenizer maps bytes to printable characters (GPT-2's ByteLevel) in its pre-tokenizer or decoder:
 * its vocabulary is then written in that 256-character alphabet.
 */
export function usesByteLevel(tj: { pre_tokenizer?: unknown; decoder?: unknown }): boolean {
  const byteLevel = (c: Record<string, unknown>) => c["type"] === "ByteLevel";
  return anyComponent(tj.pre_tokenizer, byteLevel) || anyComponent(tj.decoder, byteLevel);
}
