// The prices a cost section was computed with (the validated `--prices` file), kept in the results as given.

/** The price of one tokenizer's tokens. */
export interface TokenPrice {
  /** USD per million input tokens. */
  input: number;
  /** USD per million output tokens, when given. */
  output?: number;
  /** The model these prices are for (informational). */
  model?: string;
  /** Where the figure comes from (URL or note). */
  source?: string;
  /** When the figure was read (ISO date). */
  date?: string;
  note?: string;
}

/** A validated prices file: tokenizer id or name -> price. */
export interface PriceTable {
  description?: string;
  date?: string;
  prices: Record<string, TokenPrice>;
}
