// The refusal a tokenizer load must give: a TokenizerLoadError (a load that succeeds fails the test), its message.
import { expect } from "vitest";
import { TokenizerLoadError } from "../../src/errors.js";
import { loadTokenizer, type LoadTokenizerOptions } from "../../src/tokenizers/load.js";

/** Loads `ref`, expects a TokenizerLoadError, and returns its message (a tokenizer that loads is disposed). */
export async function loadError(ref: string, options: LoadTokenizerOptions = {}): Promise<string> {
  const err = await loadTokenizer(ref, options).then(
    (t) => {
      t.dispose();
      return null;
    },
    (e: unknown) => e,
  );
  expect(err, ref).toBeInstanceOf(TokenizerLoadError);
  return (err as Error).message;
}
