// `parquet:<file|dir>`: rows of Parquet files, streamed one row group at a time; the language from a column, the file name or --lang.
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { ConfigError, CorpusError } from "../../errors.js";
import type { LanguageCode, Segment, Warning } from "../../types.js";
import { DEFAULT_TABLE_COLUMNS, type TableOptions } from "../corpus-options.js";
import { floresPlusVariety, VARIETY_NAME } from "../flores-plus-codes.js";
import { resolveCorpusLanguage, type LanguageInfo } from "../languages.js";
import { hashId } from "./jsonl-source.js";
import { decodeCell, openParquetFile, readRowGroup, type ParquetFile } from "./parquet-file.js";
import type { LanguageSource, ReadOptions, SourceResult } from "./source.js";

/** The FLORES+ columns that name a row's language and script (and, for a few varieties, its Glottolog code). */
const ISO_COLUMNS = { language: "iso_639_3", script: "iso_15924", variety: "glottocode" } as const;
const MASK64 = (1n << 64n) - 1n;

/** How one file says which language a row is in. */
type LangSource =
  { kind: "fixed"; raw: string } | { kind: "column"; column: string } | { kind: "iso"; variety: boolean };

/** One file of the corpus, with how its rows are read. */
interface Part {
  pf: ParquetFile;
  lang: LangSource;
  /** The columns read from each row group: text, then the language column(s), then the id (when there is one). */
  columns: string[];
  id: boolean;
}

interface Tally {
  info: LanguageInfo;
  note?: string;
  count: number;
  chars: number;
  /** A limit (--max-segments, --max-chars) stopped the language before its last row. */
  cut: boolean;
  idHash: bigint;
  empty: number;
  replaced: number;
  /** Row groups holding the language's rows, as `<part>:<group>`, in reading order. */
  groups: Set<string>;
  /**
   * 53-bit hashes of the ids seen, 8 bytes a row in a growing Float64Array (a Set<number> costs some 40): sorted once
   * the scan is done, equal neighbours are the candidates `refuseDuplicateIds` re-reads to tell duplicates from collisions.
   */
  idHashes: Float64Array;
  hashCount: number;
  repeated: Set<number>;
}

/** A row as the reader sees it: its language key, text and id (null when rows align by position). */
interface Row {
  raw: string;
  text: string | null;
  id: string | null;
  replaced: number;
  at: string;
}

/** The Parquet files of `path`: the file itself, or every `*.parquet` below the folder, in path order. */
export async function parquetFiles(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    throw new CorpusError(`Cannot read ${path}: ${(cause as Error).message}. Check the path.`, { cause });
  }
  if (info.isFile()) return [path];
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) await walk(join(dir, e.name));
      else if (e.isFile() && e.name.endsWith(".parquet")) out.push(join(dir, e.name));
    }
  };
  await walk(path);
  if (out.length === 0)
    throw new CorpusError(`No *.parquet files in ${path}. Give a Parquet file or a folder holding some.`);
  return out;
}

export async function openParquet(path: string, options: ReadOptions): Promise<SourceResult> {
  const files = await parquetFiles(path);
  return openParquetFiles(files, options, { root: path });
}

/**
 * Opens the given Parquet files as one corpus (also what `hf-dataset:` reads); `root` names the corpus in messages,
 * `base` is the folder whose subfolders may name a language (default `root`).
 */
export async function openParquetFiles(
  files: readonly string[],
  options: ReadOptions,
  at: { root: string; base?: string },
): Promise<SourceResult> {
  const table = checkTableOptions(options.table ?? {});
  const parts: Part[] = [];
  const warnings: Warning[] = [];
  for (const file of files) {
    const name = basename(file, ".parquet");
    // FLORES+ names a variety no toklens code holds (nob_Latn_radical) by its file only: its rows would merge into nob_Latn
    if (table.lang === undefined && VARIETY_NAME.test(name) && !floresPlusVariety(name)) {
      warnings.push({
        code: "variety-skipped",
        message: `${file}: ${name} is a FLORES+ variety toklens has no code for; it is skipped (read it on its own with parquet:${file} --lang <code>)`,
      });
      continue;
    }
    parts.push(await openPart(file, at.base ?? at.root, table));
  }
  const tallies = new Map<LanguageCode, Tally>();
  const rawToCode = new Map<string, LanguageCode>();
  for (const [p, part] of parts.entries()) {
    for (const [g, rows] of await rowGroups(part)) {
      for (const row of decodeRows(part, g, await rows(), options)) {
        const t = tallyOf(row, tallies, rawToCode);
        if (reachedLimit(t, table)) {
          t.cut = true;
          continue;
        }
        countRow(t, row, p, g);
      }
    }
  }
  if (tallies.size === 0) throw new CorpusError(`${at.root} has no rows (${files.length} Parquet file(s), all empty).`);
  for (const t of tallies.values()) findRepeatedHashes(t);
  if ([...tallies.values()].some((t) => t.repeated.size > 0))
    await refuseDuplicateIds(parts, tallies, rawToCode, options, table);
  const languages = [...tallies.keys()]
    .sort()
    .map((code) =>
      tableLanguage(code, tallies.get(code)!, { parts, rawToCode, options, table, warnings, root: at.root }),
    );
  return { languages, warnings, kind: "parquet" };
}

/** Checks the column names and limits a user gave (empty names, limits below 1). */
function checkTableOptions(table: TableOptions): TableOptions {
  for (const key of ["textColumn", "langColumn", "idColumn", "lang"] as const) {
    const v = table[key];
    if (v !== undefined && v.trim() === "")
      throw new ConfigError(
        `--${kebab(key)} is empty. Give a column name${key === "lang" ? " (a language code)" : ""}.`,
      );
  }
  for (const key of ["maxSegments", "maxChars"] as const) {
    const v = table[key];
    if (v !== undefined && !(Number.isSafeInteger(v) && v >= 1))
      throw new ConfigError(`Invalid --${kebab(key)} '${v}'. Use a whole number >= 1.`);
  }
  return table;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Opens one file and decides how its rows are read; a missing column names the columns the file has. */
async function openPart(file: string, root: string, table: TableOptions): Promise<Part> {
  const pf = await openParquetFile(file);
  const has = (c: string): boolean => pf.columns.has(c);
  const listed = `It has the columns ${[...pf.columns.keys()].join(", ") || "(none)"}`;
  const textColumn = table.textColumn ?? DEFAULT_TABLE_COLUMNS.text;
  if (!has(textColumn))
    throw new CorpusError(
      `${file} has no text column '${textColumn}'. ${listed}; name the text one with --text-column.`,
    );
  if (pf.columns.get(textColumn) !== "string")
    throw new CorpusError(
      `${file}: column '${textColumn}' does not hold strings, so it cannot be the text. ${listed}; name the text one with --text-column.`,
    );
  let lang: LangSource;
  if (table.lang !== undefined) lang = { kind: "fixed", raw: table.lang };
  else if (table.langColumn !== undefined) {
    if (!has(table.langColumn))
      throw new CorpusError(
        `${file} has no language column '${table.langColumn}'. ${listed}; name the language one with --lang-column.`,
      );
    lang = { kind: "column", column: table.langColumn };
  } else if (has(ISO_COLUMNS.language) && has(ISO_COLUMNS.script))
    lang = { kind: "iso", variety: has(ISO_COLUMNS.variety) };
  else lang = { kind: "fixed", raw: languageFromPath(file, root, listed) };
  const idColumn = table.idColumn ?? DEFAULT_TABLE_COLUMNS.id;
  const id = idColumn !== "none" && has(idColumn);
  if (!id && idColumn !== "none" && table.idColumn !== undefined)
    throw new CorpusError(
      `${file} has no id column '${idColumn}'. ${listed}; name the id one with --id-column, or pass --id-column none to align rows by position.`,
    );
  const langColumns =
    lang.kind === "column"
      ? [lang.column]
      : lang.kind === "iso"
        ? [ISO_COLUMNS.language, ISO_COLUMNS.script, ...(lang.variety ? [ISO_COLUMNS.variety] : [])]
        : [];
  return { pf, lang, columns: [textColumn, ...langColumns, ...(id ? [idColumn] : [])], id };
}

/** The language a file's name (`eng_Latn.parquet`) or one of its folders (`data/deu_Latn/train/0.parquet`) names. */
function languageFromPath(file: string, root: string, listed: string): string {
  const names = [basename(file, ".parquet")];
  for (let dir = dirname(file); relative(root, dir) !== "" && !relative(root, dir).startsWith(".."); dir = dirname(dir))
    names.push(basename(dir));
  for (const name of names) {
    if (floresPlusVariety(name)) return name;
    if (/^[a-z]{2,3}[-_][A-Z][a-z]{3}$/.test(name)) return name;
  }
  throw new CorpusError(
    `${file}: no language for its rows. ${listed}; name the language column with --lang-column, give every row one language with --lang <code>, ` +
      `or name the file (or its folder) after the language, e.g. eng_Latn.parquet.`,
  );
}

/** The row groups of a part, each with a reader of its rows (read when called, so one group is in memory at a time). */
async function rowGroups(part: Part): Promise<Array<[number, () => Promise<unknown[][]>]>> {
  return part.pf.groupRows.map((_, g) => [g, () => readRowGroup(part.pf, g, part.columns)]);
}

/** The rows of one row group, decoded; invalid UTF-8 is a CorpusError (or replaced and counted with --replace-invalid). */
function* decodeRows(part: Part, group: number, rows: unknown[][], options: ReadOptions): Generator<Row> {
  const first = part.pf.groupRows.slice(0, group).reduce((a, b) => a + b, 0);
  for (const [i, cells] of rows.entries()) {
    const at = `${part.pf.path} row ${first + i + 1}`;
    const cell = (k: number, what: string) => {
      const d = decodeCell(cells[k], options.replaceInvalid);
      if (d === "invalid")
        throw new CorpusError(
          `${at}: invalid UTF-8 in column ${part.columns[k]} (${what}). Fix the file, or pass --replace-invalid to substitute U+FFFD and count the replacements.`,
        );
      return d;
    };
    const text = cell(0, "the text");
    const raw = rowLanguage(part, (k) => cell(k, "the language")?.text ?? null, at);
    let id: string | null = null;
    if (part.id) {
      const d = cell(part.columns.length - 1, "the id");
      if (d === null)
        throw new CorpusError(
          `${at}: the id column '${part.columns.at(-1)}' is empty (null). Give every row an id, or pass --id-column none to align rows by position.`,
        );
      id = d.text;
    }
    yield { raw, text: text?.text ?? null, id, replaced: text?.replaced ?? 0, at };
  }
}

/** The language key of a row: --lang, its language column, or iso_639_3 + iso_15924 (+ a FLORES+ variety). */
function rowLanguage(part: Part, cell: (k: number) => string | null, at: string): string {
  const lang = part.lang;
  if (lang.kind === "fixed") return lang.raw;
  const value = cell(1);
  if (value === null || value.trim() === "")
    throw new CorpusError(
      `${at}: the language column '${part.columns[1]}' is empty. Give every row a language, or pass --lang <code> for the whole file.`,
    );
  if (lang.kind === "column") return value;
  const script = cell(2);
  if (script === null || script.trim() === "")
    throw new CorpusError(
      `${at}: the script column '${ISO_COLUMNS.script}' is empty. Give every row a script code (ISO 15924, e.g. Latn).`,
    );
  const code = `${value.trim()}_${script.trim()}`;
  const variety = lang.variety ? cell(3) : null;
  return variety !== null && floresPlusVariety(`${code}_${variety}`) ? `${code}_${variety}` : code;
}

/** The tally of a row's language, started when the language is first seen. */
function tallyOf(row: Row, tallies: Map<LanguageCode, Tally>, rawToCode: Map<string, LanguageCode>): Tally {
  let code = rawToCode.get(row.raw);
  if (code === undefined) {
    const variety = floresPlusVariety(row.raw);
    let r;
    try {
      r = resolveCorpusLanguage(variety ?? row.raw);
    } catch (err) {
      if (err instanceof ConfigError) throw new CorpusError(`${row.at}: ${err.message}`);
      throw err;
    }
    code = r.info.code;
    rawToCode.set(row.raw, code);
    const note = variety ? `${row.raw} is the FLORES+ name of ${code} (${r.info.name}) in FLORES-200` : r.note;
    if (!tallies.has(code))
      tallies.set(code, {
        info: r.info,
        ...(note ? { note: `${row.at}: ${note}` } : {}),
        count: 0,
        chars: 0,
        cut: false,
        idHash: 0n,
        empty: 0,
        replaced: 0,
        groups: new Set(),
        idHashes: new Float64Array(1024),
        hashCount: 0,
        repeated: new Set(),
      });
  }
  return tallies.get(code)!;
}

function reachedLimit(t: { count: number; chars: number }, table: TableOptions): boolean {
  return (
    (table.maxSegments !== undefined && t.count >= table.maxSegments) ||
    (table.maxChars !== undefined && t.chars >= table.maxChars)
  );
}

function countRow(t: Tally, row: Row, part: number, group: number): void {
  t.count++;
  t.chars += row.text === null ? 0 : codePoints(row.text);
  t.replaced += row.replaced;
  if (row.text === null || row.text.trim() === "") t.empty++;
  t.groups.add(`${part}:${group}`);
  const h = hashId(row.id ?? String(t.count));
  if (row.id !== null) {
    if (t.hashCount === t.idHashes.length) {
      const grown = new Float64Array(t.idHashes.length * 2);
      grown.set(t.idHashes);
      t.idHashes = grown;
    }
    t.idHashes[t.hashCount++] = Number(h >> 11n);
  }
  t.idHash = (t.idHash + h) & MASK64;
}

/** The id hashes that occur more than once (sorted, equal neighbours); the hash array is freed. */
function findRepeatedHashes(t: Tally): void {
  const sorted = t.idHashes.subarray(0, t.hashCount).sort();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) t.repeated.add(sorted[i]!);
  t.idHashes = new Float64Array(0);
  t.hashCount = 0;
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** One language from its tally; its warnings (empty segments, replaced bytes, a sample) go to `warnings`. */
function tableLanguage(
  code: LanguageCode,
  t: Tally,
  at: {
    parts: readonly Part[];
    rawToCode: ReadonlyMap<string, LanguageCode>;
    options: ReadOptions;
    table: TableOptions;
    warnings: Warning[];
    root: string;
  },
): LanguageSource {
  const { parts, warnings, root, table } = at;
  const withIds = parts.some((p) => p.id);
  if (t.empty > 0)
    warnings.push({
      code: "empty-segments",
      language: code,
      message: `${root}: ${t.empty} empty (or null) ${code} text(s) kept as empty segments`,
    });
  if (t.replaced > 0)
    warnings.push({
      code: "replaced-invalid-utf8",
      language: code,
      message: `${root}: ${t.replaced} invalid UTF-8 sequence(s) in ${code} texts replaced by U+FFFD (--replace-invalid)`,
    });
  if (t.cut) {
    const limit =
      table.maxSegments !== undefined && t.count >= table.maxSegments
        ? `--max-segments ${table.maxSegments}`
        : `--max-chars ${table.maxChars}`;
    warnings.push({
      code: "sampled",
      language: code,
      message: `${root}: ${code} was cut to its first ${t.count} segments (${t.chars} characters) by ${limit}`,
    });
  }
  const groups = [...t.groups].map((s) => s.split(":").map(Number) as [number, number]);
  const files = [...new Set(groups.map(([p]) => parts[p]!.pf.path))];
  return {
    info: t.info,
    ...(t.note ? { note: t.note } : {}),
    count: t.count,
    signature: `n=${t.count};ids=${withIds ? t.idHash.toString(16) : "position"}`,
    sizeLabel: `${t.count} ${code} segments${withIds ? "" : " (no ids)"} in ${files.length === 1 ? files[0] : `${files.length} files of ${root}`}`,
    describe: { name: t.info.name, file: files.length === 1 ? files[0]! : `${files.length} files in ${root}` },
    segments: () => tableSegments(code, t, groups, at),
  };
}

async function* tableSegments(
  code: LanguageCode,
  t: Tally,
  groups: ReadonlyArray<[number, number]>,
  at: {
    parts: readonly Part[];
    rawToCode: ReadonlyMap<string, LanguageCode>;
    options: ReadOptions;
    table: TableOptions;
    root: string;
  },
): AsyncGenerator<Segment> {
  const { parts, rawToCode, options, table } = at;
  const seen = { count: 0, chars: 0 };
  for (const [p, g] of groups) {
    const part = parts[p]!;
    for (const row of decodeRows(part, g, await readRowGroup(part.pf, g, part.columns), options)) {
      if (rawToCode.get(row.raw) !== code) continue;
      if (reachedLimit(seen, table)) break;
      seen.count++;
      const text = row.text ?? "";
      seen.chars += codePoints(text);
      yield { id: row.id ?? String(seen.count), text: options.normalize ? text.normalize("NFC") : text };
    }
    if (reachedLimit(seen, table)) break;
  }
  if (seen.count !== t.count)
    throw new CorpusError(
      `${at.root} has ${seen.count} ${code} rows now but had ${t.count} when the corpus was opened. Was it changed during the run? Run again.`,
    );
}

/** An id used twice within a language would merge two segments downstream; the candidates are re-read to name them. */
async function refuseDuplicateIds(
  parts: readonly Part[],
  tallies: ReadonlyMap<LanguageCode, Tally>,
  rawToCode: ReadonlyMap<string, LanguageCode>,
  options: ReadOptions,
  table: TableOptions,
): Promise<void> {
  const seen = new Map<string, string[]>(); // code + id -> where
  const counted = new Map<LanguageCode, { count: number; chars: number }>();
  for (const part of parts) {
    if (!part.id) continue;
    for (const [g, rows] of await rowGroups(part)) {
      for (const row of decodeRows(part, g, await rows(), options)) {
        const code = rawToCode.get(row.raw)!;
        const c = counted.get(code) ?? counted.set(code, { count: 0, chars: 0 }).get(code)!;
        if (reachedLimit(c, table)) continue;
        c.count++;
        c.chars += row.text === null ? 0 : codePoints(row.text);
        if (!tallies.get(code)!.repeated.has(Number(hashId(row.id!) >> 11n))) continue;
        const key = `${code} id ${JSON.stringify(row.id)}`;
        seen.set(key, [...(seen.get(key) ?? []), row.at]);
      }
    }
  }
  const duplicates = [...seen].filter(([, where]) => where.length > 1);
  if (duplicates.length === 0) return;
  const shown = duplicates.slice(0, 5).map(([key, where]) => `${key} at ${where.join(" and ")}`);
  throw new CorpusError(
    `${duplicates.length} id(s) used more than once within a language: ${shown.join("; ")}${duplicates.length > 5 ? "; ..." : ""}. ` +
      "An id names one segment per language (segments with the same id are translations of each other): give each row its own id, " +
      "pick another column with --id-column, or pass --id-column none to align rows by position.",
  );
}
