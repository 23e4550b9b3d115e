// Shared data types that flow config -> corpora -> tokenize -> metrics -> report.

/** FLORES-style language code: `<ISO 639-3>_<ISO 15924>`, e.g. `deu_Latn`, `zho_Hans`. */
export type LanguageCode = string;

/** One aligned unit of text (an article paragraph, a FLORES sentence, a line). */
export interface Segment {
  /** Stable id; segments with the same id are translations of each other. */
  id: string;
  text: string;
}

/** A warning carried in a result instead of a crash (a metric that could not be computed, ...). */
export interface Warning {
  code: string;
  message: string;
  tokenizer?: string;
  language?: LanguageCode;
}
