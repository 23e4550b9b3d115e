// js-tiktoken's getEncoding, memoised per test file: the package's own builds a new encoder from its rank table on
// every call (0.3 s for gpt2, over 1 s for cl100k_base on a busy machine), and the tests call it once per line.
import { getEncoding as buildEncoding, type Tiktoken, type TiktokenEncoding } from "js-tiktoken";

const encoders = new Map<TiktokenEncoding, Tiktoken>();

/** The same encoder as js-tiktoken's `getEncoding(name)` (no extra special tokens), built once per test file. */
export function getEncoding(name: TiktokenEncoding): Tiktoken {
  let encoder = encoders.get(name);
  if (!encoder) {
    encoder = buildEncoding(name);
    encoders.set(name, encoder);
  }
  return encoder;
}
