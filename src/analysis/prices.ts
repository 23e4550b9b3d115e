// The prices file of `--prices`: USD per million tokens per tokenizer, read and validated with actionable errors.
import { ConfigError, editDistance } from "../errors.js";
import { parseInputJson, readInputFile } from "../input-file.js";
import { BUILTIN_TOKENIZERS, findBuiltin } from "../tokenizers/registry.js";
import type { PriceTable, TokenPrice } from "../results/prices.js";

/** Fields of the file's top level and of one price entry; anything else is a typo the user should hear about. */
const TOP_KEYS = ["$schema", "description", "currency", "date", "prices"] as const;
const ENTRY_NUMBER_KEYS = ["input", "output"] as const;
const ENTRY_STRING_KEYS = ["model", "source", "date", "note"] as const;

const EXAMPLE = `{"prices": {"o200k_base": {"input": 2.5, "output": 10}}}`;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The highest price accepted: USD 1,000,000 per million tokens (a dollar a token, far above any real price). A
 * higher one is a typo, and near 1e308 the costs overflow to Infinity and vanish from the tables.
 */
export const MAX_PRICE_USD = 1_000_000;

function checkPrice(where: string, field: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new ConfigError(
      `${where}: '${field}' must be a number of USD per million tokens (>= 0), got ${JSON.stringify(v)}.`,
    );
  }
  if (v > MAX_PRICE_USD) {
    throw new ConfigError(
      `${where}: '${field}' is ${v} USD per million tokens, above the ${MAX_PRICE_USD.toLocaleString("en-US")} toklens accepts. Give the price in USD per million tokens (e.g. 2.5).`,
    );
  }
  return v;
}

/** `, line N` of the first `"key":` in `text` (the prices file's source), or "" when it cannot be found. */
function lineOfKey(text: string | undefined, key: string): string {
  const at = text?.search(new RegExp(`${JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*:`));
  return text === undefined || at === undefined || at < 0 ? "" : `, line ${text.slice(0, at).split("\n").length}`;
}

/**
 * Validates parsed JSON as a prices file. Accepted shape: `{"prices": {"<tokenizer id or name>": <price>}}` where a
 * price is a number (USD per million input tokens) or `{"input": n, "output"?: n, "model"?, "source"?, "date"?,
 * "note"?}`; optional top-level `description`, `date`, `currency` (only "USD"). With the file's `text`, an entry's
 * error names its line.
 */
export function parsePriceTable(json: unknown, origin = "prices file", text?: string): PriceTable {
  if (!isPlainObject(json)) throw new ConfigError(`${origin}: expected a JSON object like ${EXAMPLE}.`);
  for (const key of Object.keys(json)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) {
      throw new ConfigError(
        `${origin}: unknown field '${key}'. Allowed: ${TOP_KEYS.join(", ")}; put tokenizers under "prices", e.g. ${EXAMPLE}.`,
      );
    }
  }
  if (json.currency !== undefined && json.currency !== "USD") {
    throw new ConfigError(
      `${origin}: currency '${String(json.currency)}' is not supported; give prices in USD ("currency": "USD").`,
    );
  }
  for (const key of ["description", "date"] as const) {
    if (json[key] !== undefined && typeof json[key] !== "string")
      throw new ConfigError(`${origin}: '${key}' must be a string.`);
  }
  const raw = json.prices;
  if (!isPlainObject(raw))
    throw new ConfigError(
      `${origin}: missing "prices" object mapping tokenizer ids to USD per million tokens, e.g. ${EXAMPLE}.`,
    );
  if (Object.keys(raw).length === 0)
    throw new ConfigError(`${origin}: "prices" is empty; add at least one tokenizer, e.g. ${EXAMPLE}.`);
  const prices: Record<string, TokenPrice> = {};
  for (const [name, value] of Object.entries(raw)) {
    const where = `${origin}${lineOfKey(text, name)}: prices["${name}"]`;
    if (name.trim() === "") throw new ConfigError(`${origin}: a tokenizer name in "prices" is empty.`);
    if (typeof value === "number") {
      prices[name] = { input: checkPrice(where, "input", value) };
      continue;
    }
    if (!isPlainObject(value))
      throw new ConfigError(
        `${where} must be a number (USD per million input tokens) or an object like {"input": 2.5, "output": 10}.`,
      );
    for (const key of Object.keys(value)) {
      if (
        !(ENTRY_NUMBER_KEYS as readonly string[]).includes(key) &&
        !(ENTRY_STRING_KEYS as readonly string[]).includes(key)
      ) {
        throw new ConfigError(
          `${where}: unknown field '${key}'. Allowed: ${[...ENTRY_NUMBER_KEYS, ...ENTRY_STRING_KEYS].join(", ")}.`,
        );
      }
    }
    if (value.input === undefined)
      throw new ConfigError(`${where}: 'input' (USD per million input tokens) is required.`);
    const price: TokenPrice = { input: checkPrice(where, "input", value.input) };
    if (value.output !== undefined) price.output = checkPrice(where, "output", value.output);
    for (const key of ENTRY_STRING_KEYS) {
      const s = value[key];
      if (s === undefined) continue;
      if (typeof s !== "string") throw new ConfigError(`${where}: '${key}' must be a string.`);
      price[key] = s;
    }
    prices[name] = price;
  }
  return {
    ...(typeof json.description === "string" ? { description: json.description } : {}),
    ...(typeof json.date === "string" ? { date: json.date } : {}),
    prices,
  };
}

/** Reads and validates a prices file. */
export async function readPriceTable(path: string): Promise<PriceTable> {
  const options = {
    label: `the prices file '${path}'`,
    error: (message: string, o?: { cause?: unknown }) => new ConfigError(message, o),
    unreadable: (reason: string) =>
      `Cannot read the prices file '${path}' (${reason}). Check the path given to --prices.`,
  };
  const text = await readInputFile(path, options);
  const json = parseInputJson(text, options, `Expected e.g. ${EXAMPLE}.`);
  return parsePriceTable(json, `prices file '${path}'`, text);
}

/** The price of a tokenizer: by its id first, then by its display name; undefined when the table has neither. */
export function priceFor(table: PriceTable, tokenizer: { id: string; name?: string }): TokenPrice | undefined {
  return table.prices[tokenizer.id] ?? (tokenizer.name !== undefined ? table.prices[tokenizer.name] : undefined);
}

/**
 * Refuses a price entry that is a misspelling of a tokenizer the run measures: a name that is neither a tokenizer of
 * the run nor a built-in id or name, within two edits (or a case change) of an unpriced tokenizer of the run. Entries
 * for other tokenizers are fine (one prices file serves many runs). Checked before tokenizing.
 */
export function checkPriceNames(table: PriceTable, refs: readonly string[]): void {
  const namesOf = (ref: string) => [ref, ...(findBuiltin(ref) ? [findBuiltin(ref)!.name] : [])];
  const known = new Set([...refs.flatMap(namesOf), ...BUILTIN_TOKENIZERS.flatMap((t) => [t.id, t.name])]);
  const unpriced = refs.filter((ref) => namesOf(ref).every((n) => table.prices[n] === undefined));
  for (const entry of Object.keys(table.prices)) {
    if (known.has(entry)) continue;
    const meant = unpriced.find((ref) =>
      namesOf(ref).some((n) => n.toLowerCase() === entry.toLowerCase() || editDistance(n, entry) <= 2),
    );
    if (meant !== undefined)
      throw new ConfigError(
        `The prices file has a price for '${entry}', which names no tokenizer, and none for ${meant}, which this run measures. Did you mean '${meant}'? Rename the entry to the tokenizer's id (prices are matched by exact id or name).`,
      );
  }
}
