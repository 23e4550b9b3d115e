// Checks the parts of a parsed tokenizer.json that would otherwise crash an engine or give silently wrong ids.
import { TokenizerLoadError } from "../errors.js";

/**
 * Ids at or above this are refused: engines size arrays by the largest id, and no real vocabulary comes
 * near 2^31 entries.
 */
export const MAX_TOKEN_ID = 2 ** 31 - 1;

/**
 * The largest id may be at most this many times the number of entries (but always up to
 * `SPARSE_ID_FLOOR`): a vocabulary of 3 entries with id 2,000,000,000 would make every per-id array
 * gigabytes long.
 */
export const MAX_ID_SPREAD = 16;
const SPARSE_ID_FLOOR = 1024;

/** A token string for a message: JSON-quoted (so control characters are visible) and cut short. */
function show(token: string): string {
  return JSON.stringify(token.length > 40 ? `${token.slice(0, 40)}…` : token);
}

function showValue(value: unknown): string {
  if (typeof value === "string") return `${show(value)} (a string)`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const REGENERATE = 'Regenerate it with the Python tokenizers library (`tokenizer.save("tokenizer.json")`).';

/** The ids and token strings of one tokenizer.json seen so far, and the failure message naming its file. */
class IdCensus {
  readonly ids = new Set<number>();
  // the model vocabulary's ids of a BPE/WordPiece/WordLevel model, kept apart from `ids` for speed
  vocabIds: { count: number; seen: Uint8Array } | null = null;
  maxId = -1;
  // where the largest id is, described only if a message needs it (262k descriptions would cost more than the check)
  maxWhere: () => string = () => "";
  readonly tokens = new Set<string>();

  constructor(private readonly path: string) {}

  fail(problem: string, fix: string): never {
    throw new TokenizerLoadError(`Tokenizer file '${this.path}' is malformed: ${problem}. ${fix}`);
  }

  checkId(id: unknown, where: string): number {
    if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0 || id > MAX_TOKEN_ID) {
      this.fail(
        `${where} has the id ${showValue(id)}; ids must be integers from 0 to ${MAX_TOKEN_ID}`,
        typeof id === "string" ? `Write ids as JSON numbers, not strings. ${REGENERATE}` : REGENERATE,
      );
    }
    return id;
  }

  /** Refuses a largest id far beyond the number of distinct ids (per-id tables would be huge). */
  checkSpread(largest: number, distinct: number): void {
    const limit = Math.max(MAX_ID_SPREAD * distinct, SPARSE_ID_FLOOR);
    if (largest >= limit) {
      this.fail(
        `${this.maxWhere()} has the id ${largest}, but there are only ${distinct} ids; ids above ${limit - 1} are refused ` +
          `(the bound is ${MAX_ID_SPREAD} times the number of entries, at least ${SPARSE_ID_FLOOR}) so that per-id tables stay small`,
        `Number the vocabulary from 0 without large gaps. ${REGENERATE}`,
      );
    }
  }

  note(id: number, where: () => string): void {
    this.ids.add(id);
    if (id > this.maxId) {
      this.maxId = id;
      this.maxWhere = where;
    }
  }
}

function checkUnigramVocab(census: IdCensus, model: Record<string, unknown>, vocab: unknown): void {
  if (!Array.isArray(vocab))
    census.fail(
      `the Unigram model's "vocab" is ${vocab === undefined ? "missing" : "not a list"}`,
      "A Unigram vocab is a list of [piece, score] pairs.",
    );
  const pieces = vocab as unknown[];
  pieces.forEach((pair, i) => {
    if (!Array.isArray(pair) || typeof pair[0] !== "string" || typeof pair[1] !== "number") {
      census.fail(`Unigram vocabulary entry ${i} is ${showValue(pair)}, not a [piece, score] pair`, REGENERATE);
    }
    census.tokens.add((pair as [string, number])[0]);
    census.note(i, () => `Unigram vocabulary entry ${i}`);
  });
  const unkId = model["unk_id"];
  if (unkId !== undefined && unkId !== null) {
    if (typeof unkId !== "number" || !Number.isSafeInteger(unkId) || unkId < 0 || unkId >= pieces.length) {
      census.fail(
        `the Unigram "unk_id" is ${showValue(unkId)}, outside its vocabulary of ${pieces.length} pieces (ids 0 to ${pieces.length - 1})`,
        `Set "unk_id" to the index of the unknown piece (usually 0, "<unk>"), or to null. ${REGENERATE}`,
      );
    }
  }
}

/** The token -> id vocabulary of a BPE, WordPiece or WordLevel model; returns its token of each id. */
function checkTokenVocab(census: IdCensus, type: string, vocab: unknown): Array<string | undefined> {
  if (!vocab || typeof vocab !== "object" || Array.isArray(vocab)) {
    census.fail(
      `the ${type} model's "vocab" is ${vocab === undefined ? "missing" : "not an object of token -> id"}`,
      `A ${type} vocab maps each token string to its id. ${REGENERATE}`,
    );
  }
  // ids are checked into a typed array indexed by id (a Map or Set of 262k entries costs far more); the
  // spread bound below keeps that array small, so it is applied first
  const table = vocab as Record<string, unknown>;
  // the keys once, walked twice by index (a `for...in` over a 262k-key object costs more than the array), their ids
  // kept from the first walk for the second
  const keys = Object.keys(table);
  const ids = new Uint32Array(keys.length);
  let top = -1;
  let topToken = "";
  for (let k = 0; k < keys.length; k++) {
    const token = keys[k]!;
    const raw = table[token];
    const id =
      typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 0 && raw <= MAX_TOKEN_ID
        ? raw
        : census.checkId(raw, `vocabulary entry ${show(token)}`);
    ids[k] = id;
    if (id > top) {
      top = id;
      topToken = token;
    }
  }
  const count = keys.length;
  census.maxWhere = () => `vocabulary entry ${show(topToken)}`;
  census.checkSpread(top, count);
  const seen = new Uint8Array(top + 1);
  // the id -> token table the adapter needs, filled by this pass instead of another one over 262k entries
  const tokens = new Array<string | undefined>(top + 1);
  for (let k = 0; k < keys.length; k++) {
    const token = keys[k]!;
    const id = ids[k]!;
    tokens[id] = token;
    if (seen[id] === 1) {
      const other = Object.keys(table).find((k) => k !== token && table[k] === id)!;
      census.fail(
        `the vocabulary entries ${show(other)} and ${show(token)} both have the id ${id}, so decoding id ${id} cannot tell them apart`,
        `Give every entry its own id. ${REGENERATE}`,
      );
    }
    seen[id] = 1;
  }
  census.vocabIds = { count, seen };
  census.maxId = top;
  return tokens;
}

function checkAddedTokens(census: IdCensus, added: unknown): void {
  if (added === undefined || added === null) return;
  if (!Array.isArray(added)) census.fail(`"added_tokens" is not a list`, REGENERATE);
  (added as unknown[]).forEach((t, i) => {
    const content = (t as { content?: unknown } | null)?.content;
    if (typeof content !== "string") census.fail(`added token ${i} has no string "content"`, REGENERATE);
    const id = census.checkId((t as { id?: unknown }).id, `added token ${show(content as string)}`);
    census.tokens.add(content as string);
    // an added token repeating a vocabulary id is the same id, not another one
    const vocabIds = census.vocabIds;
    if (vocabIds && id < vocabIds.seen.length && vocabIds.seen[id] === 1) return;
    census.note(id, () => `added token ${show(content as string)}`);
  });
}

/** WordPiece replaces every word it cannot split with its unknown token, so that token must exist. */
function checkWordPieceUnk(census: IdCensus, model: Record<string, unknown>, vocab: unknown): void {
  const unk = model["unk_token"];
  const inVocab = typeof unk === "string" && Object.prototype.hasOwnProperty.call(vocab as object, unk);
  if (typeof unk !== "string" || !(inVocab || census.tokens.has(unk))) {
    census.fail(
      typeof unk !== "string"
        ? `the WordPiece model has no "unk_token"`
        : `the WordPiece "unk_token" ${show(unk)} is not in its vocabulary`,
      `WordPiece replaces every word it cannot split with its unknown token, so set "unk_token" to one in the vocabulary (usually "[UNK]").`,
    );
  }
}

/**
 * Throws TokenizerLoadError, naming `path`, the entry and the fix, when the model vocabulary or the
 * added tokens of a tokenizer.json cannot be right: ids that are not non-negative integers below 2^31,
 * ids far beyond the number of entries, two vocabulary strings with one id, a Unigram `unk_id` outside
 * the vocabulary, or a WordPiece model without an unknown token in its vocabulary. `json.model.type` must
 * already be known to be one of BPE, Unigram, WordPiece, WordLevel.
 */
export function validateTokenizerJson(json: unknown, path: string): ModelTokens {
  const model = (json as { model: Record<string, unknown> }).model;
  const type = String(model["type"]);
  const vocab = model["vocab"];
  const census = new IdCensus(path);
  let tokens: ModelTokens = null;
  if (type === "Unigram") checkUnigramVocab(census, model, vocab);
  else tokens = checkTokenVocab(census, type, vocab);
  checkAddedTokens(census, (json as { added_tokens?: unknown }).added_tokens);
  census.checkSpread(census.maxId, census.ids.size + (census.vocabIds?.count ?? 0));
  if (type === "WordPiece") checkWordPieceUnk(census, model, vocab);
  return tokens;
}

/**
 * What validation read on the way: the model's stored token of each id of a token -> id vocabulary (BPE,
 * WordPiece, WordLevel; undefined for an unused id), null for a Unigram list (already indexed by id).
 */
export type ModelTokens = ReadonlyArray<string | undefined> | null;

/**
 * What is wrong with a JSON text, from a JSON.parse error, without any of the text itself: V8 quotes the
 * first characters of the input in some messages, and a tokenizer path may lead to any file (a private key,
 * /etc/passwd), so the message is rebuilt from the kind of error and its position only.
 */
export function describeJsonSyntaxError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const at = /at position (\d+)/.exec(message)?.[1];
  const where = at !== undefined ? ` at character ${at}` : "";
  if (/Unexpected end of JSON input|Unterminated/i.test(message)) return "it ends before the JSON is complete";
  if (/after JSON/i.test(message)) return `unexpected text after the JSON value${where}`;
  if (/control character/i.test(message)) return `a control character inside a string${where}`;
  return `a character that cannot appear there${where}`;
}
