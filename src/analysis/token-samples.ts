// The token-boundary view's data: per language one sample segment as each tokenizer of the run splits it.
import type { Corpus } from "../corpus/open-corpus.js";
import type { TokenizerSession } from "../corpus/tokenize-task.js";
import type { TokenSampleSection } from "../report/report-data.js";
import { tokenView } from "../tokenizers/token-pieces.js";
import type { LanguageCode } from "../types.js";

/** Longest sample shown, in code points: a sample is the language's first segment, cut at a space before this. */
export const SAMPLE_MAX_CHARS = 300;

/** The first `max` code points of `text`, ending at its last white space there when there is one past the middle. */
export function cutSample(text: string, max = SAMPLE_MAX_CHARS): string {
  const cps = [...text];
  if (cps.length <= max) return text;
  const head = cps.slice(0, max).join("");
  const space = head.search(/\s\S*$/u);
  return space > head.length / 2 ? head.slice(0, space) : head;
}

/**
 * Reads each language's first non-empty segment and encodes it with the session's loaded tokenizers (the ones the
 * tokenize phase used: nothing is loaded twice). Languages without text are left out.
 */
export async function tokenSamples(
  corpus: Pick<Corpus, "segments">,
  languages: readonly LanguageCode[],
  tokenizers: readonly string[],
  session: TokenizerSession,
  maxChars = SAMPLE_MAX_CHARS,
): Promise<TokenSampleSection> {
  const loaded = await Promise.all(tokenizers.map((ref) => session.tokenizer(ref)));
  const samples: TokenSampleSection["samples"] = [];
  for (const language of languages) {
    let first: { id: string; text: string } | undefined;
    for await (const segment of corpus.segments(language)) {
      if (segment.text.trim() !== "") {
        first = segment;
        break;
      }
    }
    if (!first) continue;
    const text = cutSample(first.text, maxChars);
    samples.push({
      language,
      segment: first.id,
      text,
      splits: loaded.map((tokenizer, i) => ({ tokenizer: tokenizers[i]!, groups: tokenView(tokenizer, text) })),
    });
  }
  return { samples };
}
