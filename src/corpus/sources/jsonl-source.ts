// `jsonl:<file>`: one {"lang", "text", "id"?} object per line; segments with the same id align across languages, an id is unique within one.
import { ConfigError, CorpusError } from "../../errors.js";
import type { Segment, Warning } from "../../types.js";
import { resolveCorpusLanguage, type LanguageInfo } from "../languages.js";
import { readLines } from "../read-lines.js";
import type { LanguageSource, ReadOptions, SourceResult } from "./source.js";

interface Tally {
  info: LanguageInfo;
  note?: string;
  raw: Set<string>;
  count: number;
  withId: number;
  /** Order-independent hash of the id set, so alignment is checked without keeping ids in memory. */
  idHash: bigint;
  replaced: number;
  empty: number;
  /** 53-bit hashes of the ids seen, to find an id used twice without keeping ids in memory. */
  idHashes: Set<number>;
  /** Hashes seen twice: a duplicate id, or (rarely) two ids with one hash; `findDuplicates` tells which. */
  repeated: Set<number>;
}

interface Row {
  lang: string;
  text: string;
  id?: string;
}

function parseRow(file: string, lineNumber: number, text: string): Row | null {
  if (text.trim() === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new CorpusError(
      `${file} line ${lineNumber} is not valid JSON (${(cause as Error).message}). Each line must be one object like {"lang":"eng_Latn","text":"...","id":"1"}.`,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CorpusError(
      `${file} line ${lineNumber} is not a JSON object. Each line must look like {"lang":"eng_Latn","text":"..."}.`,
    );
  }
  const o = value as Record<string, unknown>;
  if (typeof o.lang !== "string" || typeof o.text !== "string") {
    throw new CorpusError(
      `${file} line ${lineNumber} needs string fields "lang" and "text" (found ${Object.keys(o).join(", ") || "none"}).`,
    );
  }
  const id = o.id;
  if (id !== undefined && id !== null && typeof id !== "string" && typeof id !== "number") {
    throw new CorpusError(`${file} line ${lineNumber}: "id" must be a string or number.`);
  }
  return { lang: o.lang, text: o.text, ...(id !== undefined && id !== null ? { id: String(id) } : {}) };
}

const MASK64 = (1n << 64n) - 1n;
/** FNV-1a 64-bit of an id: summed over a language's ids, an order-independent signature of its id set. */
export function hashId(id: string): bigint {
  // FNV-1a 64-bit; summed over the ids of a language, equal sums mean equal id sets in practice
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < id.length; i++) {
    h ^= BigInt(id.charCodeAt(i));
    h = (h * 0x100000001b3n) & MASK64;
  }
  return h;
}

/** Resolves a `lang` seen for the first time to its code (remembered in `rawToCode`), starting its tally if new. */
function startLanguage(at: {
  file: string;
  lineNumber: number;
  lang: string;
  tallies: Map<string, Tally>;
  rawToCode: Map<string, string>;
}): string {
  const { file, lineNumber, lang, tallies, rawToCode } = at;
  let r;
  try {
    r = resolveCorpusLanguage(lang);
  } catch (err) {
    // Stryker disable next-line ConditionalExpression: equivalent, resolveCorpusLanguage throws only ConfigError for a string
    if (err instanceof ConfigError) throw new CorpusError(`${file} line ${lineNumber}: ${err.message}`);
    throw err;
  }
  const code = r.info.code;
  rawToCode.set(lang, code);
  if (!tallies.has(code)) {
    tallies.set(code, {
      info: r.info,
      ...(r.note ? { note: `${file}: ${r.note}` } : {}),
      raw: new Set(),
      count: 0,
      withId: 0,
      idHash: 0n,
      replaced: 0,
      empty: 0,
      idHashes: new Set(),
      repeated: new Set(),
    });
  }
  tallies.get(code)!.raw.add(lang);
  return code;
}

export async function openJsonl(file: string, options: ReadOptions): Promise<SourceResult> {
  const tallies = new Map<string, Tally>();
  const rawToCode = new Map<string, string>();
  let blank = 0;
  for await (const line of readLines(file, { normalize: false, replaceInvalid: options.replaceInvalid })) {
    const row = parseRow(file, line.number, line.text);
    if (!row) {
      blank++;
      continue;
    }
    const code =
      // Stryker disable next-line ConditionalExpression: equivalent, a cache: resolving the same lang again gives the same code and tally
      rawToCode.get(row.lang) ?? startLanguage({ file, lineNumber: line.number, lang: row.lang, tallies, rawToCode });
    const t = tallies.get(code)!;
    t.count++;
    t.replaced += line.replaced;
    if (row.text.trim() === "") t.empty++;
    const id = row.id ?? String(t.count);
    const h = hashId(id);
    if (row.id !== undefined) {
      t.withId++;
      const h53 = Number(h >> 11n);
      // Stryker disable next-line ConditionalExpression: equivalent, more candidate hashes only make refuseDuplicateIds re-read more ids; it reports real duplicates only
      if (t.idHashes.has(h53)) t.repeated.add(h53);
      else t.idHashes.add(h53);
    }
    // Stryker disable next-line ArithmeticOperator: equivalent, subtracting gives minus the sum mod 2^64, a bijection of it: signatures are only compared for equality
    t.idHash = (t.idHash + h) & MASK64;
  }
  if (tallies.size === 0)
    throw new CorpusError(
      `Corpus file ${file} is empty. Add one JSON object per line: {"lang":"eng_Latn","text":"...","id":"1"}.`,
    );
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, calling refuseDuplicateIds without candidates re-reads the file and finds no duplicate
  if ([...tallies.values()].some((t) => t.repeated.size > 0))
    await refuseDuplicateIds(file, tallies, rawToCode, options);

  const warnings: Warning[] = [];
  if (blank > 0)
    warnings.push({ code: "blank-lines-skipped", message: `${file}: ${blank} blank line(s) skipped (not rows)` });
  const languages: LanguageSource[] = [];
  for (const code of [...tallies.keys()].sort())
    languages.push(jsonlLanguage(file, code, tallies.get(code)!, { rawToCode, options, warnings }));
  return { languages, warnings, kind: "jsonl" };
}

/** One language of the file from its tally; its warnings (empty segments, replaced bytes) go to `warnings`. */
function jsonlLanguage(
  file: string,
  code: string,
  t: Tally,
  at: { rawToCode: ReadonlyMap<string, string>; options: ReadOptions; warnings: Warning[] },
): LanguageSource {
  const { rawToCode, options, warnings } = at;
  if (t.withId !== 0 && t.withId !== t.count) {
    throw new CorpusError(
      `${file}: ${t.withId} of ${t.count} ${code} lines have an "id". Give every line an id, or none (lines then align by position).`,
    );
  }
  if (t.empty > 0)
    warnings.push({
      code: "empty-segments",
      language: code,
      message: `${file}: ${t.empty} empty ${code} segment(s)`,
    });
  if (t.replaced > 0)
    warnings.push({
      code: "replaced-invalid-utf8",
      language: code,
      message: `${file}: ${t.replaced} invalid UTF-8 sequence(s) in ${code} lines replaced by U+FFFD (--replace-invalid)`,
    });
  return {
    info: t.info,
    ...(t.note ? { note: t.note } : {}),
    count: t.count,
    signature: `n=${t.count};ids=${t.withId > 0 ? t.idHash.toString(16) : "position"}`,
    sizeLabel: `${t.count} ${code} segments${t.withId > 0 ? "" : " (no ids)"} in ${file}`,
    describe: { name: t.info.name, file },
    segments: () => jsonlSegments(file, code, t.count, t.raw, rawToCode, options),
  };
}

/**
 * A duplicate id inside one language would merge two segments into one downstream (and collapse
 * premium_ci), so it is refused. Only ids whose hash repeated at open time are re-read, to tell real
 * duplicates from hash collisions and to name their lines.
 */
async function refuseDuplicateIds(
  file: string,
  tallies: ReadonlyMap<string, Tally>,
  rawToCode: ReadonlyMap<string, string>,
  options: ReadOptions,
): Promise<void> {
  const seen = new Map<string, Map<string, number[]>>(); // code -> id -> line numbers
  for await (const line of readLines(file, { normalize: false, replaceInvalid: options.replaceInvalid })) {
    const row = parseRow(file, line.number, line.text);
    if (!row || row.id === undefined) continue;
    const code = rawToCode.get(row.lang)!;
    // Stryker disable next-line ConditionalExpression: equivalent, ids whose hash did not repeat occur once and are dropped by the at.length > 1 filter below
    if (!tallies.get(code)!.repeated.has(Number(hashId(row.id) >> 11n))) continue;
    const ids = seen.get(code) ?? seen.set(code, new Map()).get(code)!;
    ids.set(row.id, [...(ids.get(row.id) ?? []), line.number]);
  }
  const duplicates = [...seen]
    .flatMap(([code, ids]) => [...ids].filter(([, at]) => at.length > 1).map(([id, at]) => ({ code, id, at })))
    .sort((a, b) => a.at[1]! - b.at[1]!);
  if (duplicates.length === 0) return;
  const shown = duplicates.slice(0, 5).map((d) => `${d.code} id ${JSON.stringify(d.id)} on lines ${d.at.join(", ")}`);
  throw new CorpusError(
    `${file}: ${duplicates.length} id(s) used more than once within a language: ${shown.join("; ")}${duplicates.length > 5 ? "; ..." : ""}. ` +
      "An id names one segment per language (segments with the same id are translations of each other): give each segment its own id, or drop the ids to align by position.",
  );
}

/** Whether a JSONL line can hold one of `needles` as its lang: it contains one verbatim, or any JSON escape. */
function mayHold(text: string, needles: readonly string[]): boolean {
  // without a backslash, a string's raw text is exactly its JSON.stringify form without quotes
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, a pre-filter: passing more lines only parses more JSON, the lang check below decides
  return text.includes("\\") || needles.some((s) => text.includes(s));
}

async function* jsonlSegments(
  file: string,
  code: string,
  expected: number,
  raw: ReadonlySet<string>,
  rawToCode: ReadonlyMap<string, string>,
  options: ReadOptions,
): AsyncGenerator<Segment> {
  // Stryker disable next-line MethodExpression,UnaryOperator: equivalent, a longer needle (with its quotes) still occurs in the raw line, an empty one matches every line
  const needles = [...raw].map((r) => JSON.stringify(r).slice(1, -1));
  let n = 0;
  for await (const line of readLines(file, { normalize: false, replaceInvalid: options.replaceInvalid })) {
    // cheap pre-filter that never drops a row: most lines belong to other languages and need no JSON parse
    // Stryker disable next-line ConditionalExpression: equivalent, without the pre-filter every line is parsed and the lang check below decides
    if (!mayHold(line.text, needles)) continue;
    const row = parseRow(file, line.number, line.text);
    if (!row || rawToCode.get(row.lang) !== code) continue;
    n++;
    yield { id: row.id ?? String(n), text: options.normalize ? row.text.normalize("NFC") : row.text };
  }
  if (n !== expected) {
    throw new CorpusError(
      `${file} has ${n} ${code} rows now but had ${expected} when the corpus was opened. Was it changed during the run? Run again.`,
    );
  }
}
