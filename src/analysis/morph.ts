// MorphScore (Arnett & Bergen 2025): the share of words whose tokenization puts a boundary at the gold morpheme boundary.
import { readCsvTable } from "../corpus/csv-table.js";
import { ConfigError } from "../errors.js";
import { packTokenBytes, placeByBytes, type TokenBytes } from "../tokenize/placement.js";
import { splitLongText } from "../tokenize/tokenize-corpus.js";
import type { Tokenizer } from "../tokenizers/tokenizer.js";
import { loadTokenizer } from "../tokenizers/load.js";
import type { MorphExclusion, MorphScoreResult } from "../results/morph.js";
import type { MorphReportSection } from "../results/report-data.js";
import type { RunContext } from "./run-context.js";

/** One gold item: a word and its split into a first part and the rest (MorphScore's `full_word,pt1,rest`). */
export interface MorphGoldItem {
  word: string;
  /** The part before the morpheme boundary. */
  first: string;
  /** The part after it (`first + rest === word`). */
  rest: string;
}

/** The text a word is tokenized in: after a word and a space, as it stands in running text. */
export const MORPH_CONTEXT = "the ";

/**
 * Reads a gold CSV in the published MorphScore layout: a header with `full_word`, `pt1` and `rest` (an unnamed
 * index column and any other columns are ignored; strict RFC 4180, UTF-8). Each row must satisfy `pt1 + rest = full_word` with both parts
 * non-empty.
 */
export async function readMorphGold(file: string): Promise<MorphGoldItem[]> {
  const rows = await readCsvTable(file, {
    label: `--gold file '${file}'`,
    columns: ["full_word", "pt1", "rest"],
    example: ",full_word,pt1,rest",
    unreadable: (reason) =>
      `Cannot read --gold file '${file}' (${reason}). Give a CSV in MorphScore's layout: full_word,pt1,rest.`,
  });
  const items: MorphGoldItem[] = [];
  for (const { line, values } of rows) {
    const word = values["full_word"]!;
    const first = values["pt1"]!;
    const rest = values["rest"]!;
    if (!word && !first && !rest) continue;
    if (!first || !rest || first + rest !== word) {
      throw new ConfigError(
        `--gold file '${file}', line ${line}: pt1 '${first}' + rest '${rest}' must spell full_word '${word}', both non-empty. Fix the row.`,
      );
    }
    items.push({ word, first, rest });
  }
  if (items.length === 0)
    throw new ConfigError(`--gold file '${file}' has no rows. Add words in the layout full_word,pt1,rest.`);
  return items;
}

const utf8 = new TextEncoder();

/** What each id stands for (word-initial `Ġ`/`▁` as a space, `##` removed), to place tokens by their bytes. */
export function tokenBytesOf(tokenizer: Tokenizer): TokenBytes {
  return packTokenBytes(tokenizer.vocabSize, (id) => tokenizer.entry(id)?.bytes, tokenizer.unkId);
}

/**
 * Scores one word: tokenizes `MORPH_CONTEXT + word` with the engine the tokenize phase uses (`encodeBatch`), then
 * scores it as `scoreIds` does.
 */
export async function scoreWord(
  tokenizer: Tokenizer,
  table: TokenBytes,
  item: MorphGoldItem,
): Promise<0 | 1 | MorphExclusion> {
  const [ids] = await encodeCutBatch(tokenizer, [MORPH_CONTEXT + item.word]);
  return scoreIds(ids!, table, item);
}

/**
 * Scores one word from the ids of `MORPH_CONTEXT + word`: places each token in that text by the bytes it stands
 * for (so a word-initial marker `Ġ`/`▁` is the space before the word and `##` is no text: markers never shift a
 * boundary), and asks whether a token boundary falls at the gold boundary inside the word. Other boundaries
 * do not matter. A tokenizer that lowercases is placed against the lowercased text.
 */
export function scoreIds(ids: ArrayLike<number>, table: TokenBytes, item: MorphGoldItem): 0 | 1 | MorphExclusion {
  const text = MORPH_CONTEXT + item.word;
  let bytes = utf8.encode(text);
  let spans = placeByBytes(bytes, ids, table);
  if (!spans) {
    bytes = utf8.encode(text.toLowerCase());
    if (bytes.length === utf8.encode(text).length) spans = placeByBytes(bytes, ids, table);
  }
  if (!spans) return "unplaced";
  const start = utf8.encode(MORPH_CONTEXT).length;
  const end = bytes.length;
  const gold = start + utf8.encode(item.first).length;
  let overlapping = 0;
  let aligned = false;
  for (let j = 0; j < ids.length; j++) {
    const s = spans[2 * j]!;
    const e = spans[2 * j + 1]!;
    if (e <= start || s >= end || s === e) continue; // outside the word, or a marker that takes no text
    if (ids[j] === table.unkId) return "unknown";
    overlapping++;
    if (e === gold || s === gold) aligned = true;
  }
  if (overlapping <= 1) return "single_token";
  return aligned ? 1 : 0;
}

/**
 * The ids of each text by the engine the tokenize phase uses (`encodeBatch`), a long text cut into pieces first as
 * corpus text is (a 2 MB gold word would abort a WASM engine), the pieces' ids joined again.
 */
async function encodeCutBatch(tokenizer: Tokenizer, texts: readonly string[]): Promise<number[][]> {
  const pieces = texts.map((t) => splitLongText(t));
  const encoded = await tokenizer.encodeBatch(pieces.flat());
  let k = 0;
  return pieces.map((ps) => ps.flatMap(() => Array.from(encoded[k++]!.ids)));
}

/**
 * MorphScore of a tokenizer on gold items: scored words with a boundary at the gold boundary / scored words. The
 * words are encoded in one batch by the engine the tokenize phase uses, so `morph` and `compare` see the same tokens.
 */
export async function morphScore(
  tokenizer: Tokenizer,
  items: readonly MorphGoldItem[],
  gold: string,
): Promise<MorphScoreResult> {
  const table = tokenBytesOf(tokenizer);
  const encoded = await encodeCutBatch(
    tokenizer,
    items.map((item) => MORPH_CONTEXT + item.word),
  );
  const excluded: Record<MorphExclusion, number> = { single_token: 0, unknown: 0, unplaced: 0 };
  let scored = 0;
  let aligned = 0;
  for (const [i, item] of items.entries()) {
    const r = scoreIds(encoded[i]!, table, item);
    if (r === 0 || r === 1) {
      scored++;
      aligned += r;
    } else excluded[r]++;
  }
  return {
    tokenizer: tokenizer.id,
    gold,
    words: items.length,
    scored,
    aligned,
    morphscore: scored > 0 ? aligned / scored : null,
    excluded,
  };
}

/** MorphScore of each tokenizer on each gold file (tokenizer-major), one tokenizer loaded at a time: `toklens morph`. */
export async function runMorph(refs: readonly string[], goldFiles: readonly string[]): Promise<MorphScoreResult[]> {
  const golds: [string, MorphGoldItem[]][] = [];
  for (const file of goldFiles) golds.push([file, await readMorphGold(file)]);
  const results: MorphScoreResult[] = [];
  for (const ref of refs) {
    const tokenizer = await loadTokenizer(ref);
    try {
      for (const [file, items] of golds) results.push(await morphScore(tokenizer, items, file));
    } finally {
      tokenizer.dispose();
    }
  }
  return results;
}

/** A gold file, read and checked. */
export interface MorphGold {
  file: string;
  items: MorphGoldItem[];
}

/** Reads and checks gold files (`readMorphGold`): what a run does before its first phase, so a bad file fails first. */
export async function readMorphGolds(files: readonly string[]): Promise<MorphGold[]> {
  return Promise.all(files.map(async (file) => ({ file, items: await readMorphGold(file) })));
}

/** A report's morph section: each tokenizer, as loaded by the run's session, on each gold file (tokenizer-major). */
export async function morphWithContext(
  ctx: Pick<RunContext, "session">,
  golds: readonly MorphGold[],
  refs: readonly string[],
): Promise<MorphReportSection> {
  const results: MorphReportSection["results"] = [];
  for (const ref of refs) {
    const { tokenizer } = await ctx.session.loaded(ref);
    for (const { file, items } of golds)
      results.push({ ...(await morphScore(tokenizer, items, file)), tokenizer: ref });
  }
  return { results };
}
