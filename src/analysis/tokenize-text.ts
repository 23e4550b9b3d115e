// Library entry point behind `toklens tokenize`: one text through several tokenizers, every token with its id,
// stored string and decoded text, the round trip checked.
import { readFile } from "node:fs/promises";
import { decodeUtf8 } from "../corpus/read-lines.js";
import { ConfigError } from "../errors.js";
import { encodeCut } from "../tokenize/tokenize-corpus.js";
import { loadFromSpec, resolveTokenizerSpec } from "../tokenizers/load.js";
import { bosToAdd, withBos } from "../tokenizers/special-tokens.js";
import { groupTokens, type TokenGroup } from "../tokenizers/token-pieces.js";

export type { TokenGroup };

export interface TextTokenization {
  tokenizer: string;
  name: string;
  count: number;
  ids: number[];
  tokens: string[];
  /** Decoded text of each token; null for a piece that is not complete UTF-8. */
  texts: (string | null)[];
  /** Whether decoding the ids gives the text back. */
  roundTrip: boolean;
  /** Where the tokenizer was loaded from, and how long that took. */
  source: string;
  loadMs: number;
  /** The tokens grouped into whole characters, for the token views (with `groups: true`). */
  groups: TokenGroup[] | null;
}

export interface TokenizeTextOptions {
  /** Add the tokenizer's special tokens (BOS/EOS) as a model would see them. @default false */
  specialTokens?: boolean;
  /** Also group the tokens for a token view. @default false */
  groups?: boolean;
  /** Called after each tokenizer is loaded (for --verbose). */
  onLoaded?: (info: { tokenizer: string; source: string; loadMs: number }) => void;
}

/** Tokenizes `text` with each tokenizer in turn, one loaded at a time. */
export async function tokenizeText(
  refs: readonly string[],
  text: string,
  options: TokenizeTextOptions = {},
): Promise<TextTokenization[]> {
  const results: TextTokenization[] = [];
  for (const ref of refs) {
    const started = performance.now();
    const spec = await resolveTokenizerSpec(ref);
    const tokenizer = await loadFromSpec(spec);
    const loadMs = performance.now() - started;
    options.onLoaded?.({ tokenizer: tokenizer.id, source: tokenizer.source, loadMs });
    try {
      const encoded = await encodeCut(tokenizer, text, { addSpecialTokens: options.specialTokens ?? false });
      const { ids, tokens } = options.specialTokens ? withBos(encoded, await bosToAdd(spec, tokenizer)) : encoded;
      const textIds = options.specialTokens
        ? withoutAddedSpecials(
            ids,
            (await encodeCut(tokenizer, text)).ids,
            (id) => tokenizer.entry(id)?.special === true,
          )
        : ids;
      results.push({
        tokenizer: tokenizer.id,
        name: tokenizer.name,
        count: ids.length,
        ids,
        tokens,
        texts: ids.map((id) => tokenizer.entry(id)?.text ?? null),
        roundTrip: (await tokenizer.decodeAsync(textIds)) === text,
        source: tokenizer.source,
        loadMs,
        groups: options.groups ? groupTokens(ids, tokens, (id) => tokenizer.entry(id)) : null,
      });
    } finally {
      tokenizer.dispose();
    }
  }
  return results;
}

/**
 * The ids of the text itself: `ids` without the special tokens the tokenizer (or `withBos`) put around the plain
 * encoding `plain`, so a BOS/EOS is not counted as text the round trip lost. `ids` unchanged if it is not the plain
 * encoding between special tokens.
 */
function withoutAddedSpecials(
  ids: readonly number[],
  plain: readonly number[],
  isSpecial: (id: number) => boolean,
): readonly number[] {
  const extra = ids.length - plain.length;
  // the plain encoding starts after a run of specials (at most `extra` of them) and only specials follow it
  for (let start = 0; start <= extra && (start === 0 || isSpecial(ids[start - 1]!)); start++) {
    if (!ids.slice(start + plain.length).every(isSpecial)) continue;
    if (plain.every((id, i) => ids[start + i] === id)) return plain;
  }
  return ids;
}

/** A UTF-8 text file, checked like a corpus file (CorpusError) unless `replaceInvalid`; `replaced` counts U+FFFD put in. */
export async function readTextFile(file: string, replaceInvalid: boolean): Promise<{ text: string; replaced: number }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new ConfigError(
      `Cannot read --file '${file}' (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check the path.`,
    );
  }
  return decodeUtf8(bytes, { file }, replaceInvalid);
}
