// MorphScore results (Arnett & Bergen 2025): one row per tokenizer x gold file, as `toklens morph --json` prints them.

/** Why a word was left out of the score. */
export const MORPH_EXCLUSIONS = ["single_token", "unknown", "unplaced"] as const;
export type MorphExclusion = (typeof MORPH_EXCLUSIONS)[number];

/** MorphScore of one tokenizer on one gold file. */
export interface MorphScoreResult {
  tokenizer: string;
  /** The gold file. */
  gold: string;
  /** Gold items read. */
  words: number;
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
