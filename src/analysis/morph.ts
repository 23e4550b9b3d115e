// MorphScore (Arnett & Bergen 2025): the share of words whose tokenization puts a boundary at the gold morpheme boundary.
import { readCsvTable } from "../corpus/csv-table.js";
import { ConfigError } from "../errors.js";
import { packTokenBytes, placeByBytes, type TokenBytes } from "../tokenize/placement.js";
import { splitLongText } from "../tokenize/tokenize-corpus.js";
import type { Tokenizer } from "../tokenizers/tokenizer.js";
import { loadTokenizer } from "../tokenizers/load.js";
import {
  MORPH_SKIPS,
  type MorphExclusion,
  type MorphProtocol,
  type MorphScoreResult,
  type MorphSkip,
} from "../results/morph.js";
import type { Warning } from "../types.js";
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

/** The text before a word under the `in-context` protocol: after a word and a space, as it stands in running text. */
export const MORPH_CONTEXT = "the ";

/** The text before each gold word under a protocol. */
export function morphPrefix(protocol: MorphProtocol): string {
  return protocol === "in-context" ? MORPH_CONTEXT : "";
}

/** A gold file, read and checked: the usable rows, and the rows left out by reason. */
export interface MorphGold {
  file: string;
  items: MorphGoldItem[];
  skipped: Record<MorphSkip, number>;
  /** One `gold-rows-skipped` warning per reason with rows left out, naming the first few. */
  warnings: Warning[];
}

/** How many skipped rows a warning shows. */
const SHOWN_ROWS = 3;

/** A field as a warning shows it: quoted, cut after 20 characters. */
const shown = (value: string) => `'${[...value].length > 20 ? `${[...value].slice(0, 20).join("")}…` : value}'`;

/**
 * Reads a gold CSV in the published MorphScore layout: a header with `full_word`, `pt1` and `rest` (an unnamed
 * index column and any other columns are ignored; strict RFC 4180, UTF-8). A row is used when `pt1 + rest =
 * full_word` with both parts non-empty; a row with an empty part (no boundary inside the word) or whose parts do
 * not spell the word is left out, counted, and named in a warning. Only a file with no usable row is refused.
 */
export async function readMorphGold(file: string): Promise<MorphGold> {
  const rows = await readCsvTable(file, {
    label: `--gold file '${file}'`,
    columns: ["full_word", "pt1", "rest"],
    example: ",full_word,pt1,rest",
    unreadable: (reason) =>
      `Cannot read --gold file '${file}' (${reason}). Give a CSV in MorphScore's layout: full_word,pt1,rest.`,
  });
  const items: MorphGoldItem[] = [];
  const skippedLines: Record<MorphSkip, string[]> = { no_boundary: [], misspelled: [] };
  for (const { line, values } of rows) {
    const word = values["full_word"]!;
    const first = values["pt1"]!;
    const rest = values["rest"]!;
    if (!word && !first && !rest) continue;
    const reason: MorphSkip | undefined =
      first + rest !== word ? "misspelled" : !first || !rest ? "no_boundary" : undefined;
    if (reason) skippedLines[reason].push(`line ${line}: ${shown(first)} + ${shown(rest)} for ${shown(word)}`);
    else items.push({ word, first, rest });
  }
  const skipped = { no_boundary: skippedLines.no_boundary.length, misspelled: skippedLines.misspelled.length };
  if (items.length === 0)
    throw new ConfigError(
      `--gold file '${file}' has no usable row (${skipped.no_boundary} with an empty pt1 or rest, ${skipped.misspelled} whose pt1 + rest do not spell full_word). Give rows full_word,pt1,rest with pt1 + rest = full_word, both non-empty.`,
    );
  return { file, items, skipped, warnings: skipWarnings(file, skippedLines) };
}

/** The warnings for the rows a gold file left out. */
function skipWarnings(file: string, lines: Record<MorphSkip, string[]>): Warning[] {
  const why: Record<MorphSkip, string> = {
    no_boundary: "an empty pt1 or rest, so no morpheme boundary inside the word: nothing to judge",
    misspelled: "pt1 + rest does not spell full_word: corrupt rows",
  };
  return MORPH_SKIPS.filter((r) => lines[r].length > 0).map((r) => ({
    code: "gold-rows-skipped",
    message: `--gold file '${file}': ${lines[r].length} row(s) left out of the score (${why[r]}); first: ${lines[r].slice(0, SHOWN_ROWS).join("; ")}.`,
  }));
}

const utf8 = new TextEncoder();

/** What each id stands for (word-initial `Ġ`/`▁` as a space, `##` removed), to place tokens by their bytes. */
export function tokenBytesOf(tokenizer: Tokenizer): TokenBytes {
  return packTokenBytes(tokenizer.vocabSize, (id) => tokenizer.entry(id)?.bytes, tokenizer.unkId);
}

/**
 * Scores one word: tokenizes it as the protocol says (`morphPrefix(protocol) + word`, no special tokens) with the
 * engine the tokenize phase uses (`encodeBatch`), then scores it as `scoreIds` does.
 */
export async function scoreWord(
  tokenizer: Tokenizer,
  table: TokenBytes,
  item: MorphGoldItem,
  protocol: MorphProtocol = "bare-word",
): Promise<0 | 1 | MorphExclusion> {
  const [ids] = await encodeCutBatch(tokenizer, [morphPrefix(protocol) + item.word]);
  return scoreIds(ids!, table, item, protocol);
}

/**
 * Scores one word from the ids of `morphPrefix(protocol) + word`: places each token in that text by the bytes it
 * stands for (so a word-initial marker `Ġ`/`▁` is the space before the word, or no text when the word stands
 * alone, and `##` is no text: markers never shift a boundary), and asks whether a token boundary falls at the gold
 * boundary inside the word. Other boundaries do not matter. A tokenizer that lowercases is placed against the
 * lowercased text.
 */
export function scoreIds(
  ids: ArrayLike<number>,
  table: TokenBytes,
  item: MorphGoldItem,
  protocol: MorphProtocol = "bare-word",
): 0 | 1 | MorphExclusion {
  const prefix = morphPrefix(protocol);
  const text = prefix + item.word;
  let bytes = utf8.encode(text);
  let spans = placeByBytes(bytes, ids, table);
  if (!spans) {
    bytes = utf8.encode(text.toLowerCase());
    if (bytes.length === utf8.encode(text).length) spans = placeByBytes(bytes, ids, table);
  }
  if (!spans) return "unplaced";
  const start = utf8.encode(prefix).length;
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

/** How `morphScore` tokenizes, and what it reports of the gold file. */
export interface MorphScoreOptions {
  /** @default "bare-word" (the published scorer's protocol) */
  protocol?: MorphProtocol;
  /** The gold rows left out when the file was read. @default none */
  skipped?: Record<MorphSkip, number>;
}

/**
 * MorphScore of a tokenizer on gold items: scored words with a boundary at the gold boundary / scored words. The
 * words are encoded in one batch by the engine the tokenize phase uses, so `morph` and `compare` see the same tokens.
 */
export async function morphScore(
  tokenizer: Tokenizer,
  items: readonly MorphGoldItem[],
  gold: string,
  options: MorphScoreOptions = {},
): Promise<MorphScoreResult> {
  const protocol = options.protocol ?? "bare-word";
  const table = tokenBytesOf(tokenizer);
  const prefix = morphPrefix(protocol);
  const encoded = await encodeCutBatch(
    tokenizer,
    items.map((item) => prefix + item.word),
  );
  const excluded: Record<MorphExclusion, number> = { single_token: 0, unknown: 0, unplaced: 0 };
  let scored = 0;
  let aligned = 0;
  for (const [i, item] of items.entries()) {
    const r = scoreIds(encoded[i]!, table, item, protocol);
    if (r === 0 || r === 1) {
      scored++;
      aligned += r;
    } else excluded[r]++;
  }
  return {
    tokenizer: tokenizer.id,
    gold,
    protocol,
    words: items.length,
    skipped: { ...(options.skipped ?? { no_boundary: 0, misspelled: 0 }) },
    scored,
    aligned,
    morphscore: scored > 0 ? aligned / scored : null,
    excluded,
  };
}

/** What `toklens morph` returns: the scores (tokenizer-major) and the warnings of reading the gold files. */
export interface MorphRun {
  results: MorphScoreResult[];
  warnings: Warning[];
}

/** MorphScore of each tokenizer on each gold file (tokenizer-major), one tokenizer loaded at a time: `toklens morph`. */
export async function runMorph(
  refs: readonly string[],
  goldFiles: readonly string[],
  protocol: MorphProtocol = "bare-word",
): Promise<MorphRun> {
  const golds: MorphGold[] = [];
  for (const file of goldFiles) golds.push(await readMorphGold(file));
  const results: MorphScoreResult[] = [];
  for (const ref of refs) {
    const tokenizer = await loadTokenizer(ref);
    try {
      for (const { file, items, skipped } of golds)
        results.push(await morphScore(tokenizer, items, file, { protocol, skipped }));
    } finally {
      tokenizer.dispose();
    }
  }
  return { results, warnings: golds.flatMap((g) => g.warnings) };
}

/** Reads and checks gold files (`readMorphGold`): what a run does before its first phase, so a bad file fails first. */
export async function readMorphGolds(files: readonly string[]): Promise<MorphGold[]> {
  return Promise.all(files.map((file) => readMorphGold(file)));
}

/** A report's morph section: each tokenizer, as loaded by the run's session, on each gold file (tokenizer-major). */
export async function morphWithContext(
  ctx: Pick<RunContext, "session">,
  golds: readonly MorphGold[],
  refs: readonly string[],
  protocol: MorphProtocol = "bare-word",
): Promise<MorphReportSection> {
  const results: MorphReportSection["results"] = [];
  for (const ref of refs) {
    const { tokenizer } = await ctx.session.loaded(ref);
    for (const { file, items, skipped } of golds)
      results.push({ ...(await morphScore(tokenizer, items, file, { protocol, skipped })), tokenizer: ref });
  }
  const warnings = golds.flatMap((g) => g.warnings);
  return { results, ...(warnings.length > 0 ? { warnings } : {}) };
}
