// MorphScore results (Arnett & Bergen 2025): one row per tokenizer x gold file, as `toklens morph --json` prints them.

/** Why a word was left out of the score. */
export const MORPH_EXCLUSIONS = ["single_token", "unknown", "unplaced"] as const;
export type MorphExclusion = (typeof MORPH_EXCLUSIONS)[number];

/**
 * Why a gold row was not used: `no_boundary` (pt1 or rest is empty, so the split has no boundary inside the word:
 * nothing to judge), `misspelled` (pt1 + rest do not spell full_word: the row is corrupt).
 */
export const MORPH_SKIPS = ["no_boundary", "misspelled"] as const;
export type MorphSkip = (typeof MORPH_SKIPS)[number];

/**
 * How a gold word is tokenized: `bare-word` (the word alone, no special tokens: the published scorer's protocol,
 * and the default), `in-context` (after `the `, as the word stands in running text: `toklens morph --context`).
 */
export const MORPH_PROTOCOLS = ["bare-word", "in-context"] as const;
export type MorphProtocol = (typeof MORPH_PROTOCOLS)[number];

/** MorphScore of one tokenizer on one gold file. */
export interface MorphScoreResult {
  tokenizer: string;
  /** The gold file. */
  gold: string;
  /** How the words were tokenized. */
  protocol: MorphProtocol;
  /** Gold rows used (the file's rows minus `skipped`). */
  words: number;
  /** Gold rows not used, by reason (a warning says so when any is not 0). */
  skipped: Record<MorphSkip, number>;
  /** Words scored (`words` minus the exclusions). */
  scored: number;
  /** Scored words with a token boundary at the gold boundary. */
  aligned: number;
  /** `aligned / scored`; null when no word could be scored. */
  morphscore: number | null;
  /**
   * Words left out: `single_token` (the whole word is one token: nothing to judge, as in the published tool),
   * `unknown` (a token of the word is the unknown token: the vocabulary does not cover its script), `unplaced` (the
   * tokenizer's normalizer changed the word beyond case, so its tokens cannot be lined up with it).
   */
  excluded: Record<MorphExclusion, number>;
}
