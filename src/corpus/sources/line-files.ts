// Shared by the text and FLORES readers: one segment per line of a UTF-8 file, scanned once at open time.
import { open, readdir, stat, type FileHandle } from "node:fs/promises";
import { basename } from "node:path";
import { CorpusError, ConfigError } from "../../errors.js";
import type { Segment, Warning } from "../../types.js";
import { resolveCorpusLanguage, type LanguageInfo } from "../languages.js";
import { MAX_LINE_BYTES, readLines } from "../read-lines.js";
import type { ReadOptions } from "./source.js";

export interface LineFileScan {
  lines: number;
  emptyLines: number;
  replaced: number;
}

/**
 * Counts the lines of a file, validating its UTF-8 on the way (so errors surface when the corpus is
 * opened, not halfway through tokenizing). Throws for a file without text.
 */
export async function scanLineFile(file: string, options: ReadOptions): Promise<LineFileScan> {
  const scan = (!options.replaceInvalid && (await scanValidLineFile(file))) || (await scanLines(file, options));
  const { lines, emptyLines } = scan;
  if (emptyLines === lines) {
    throw new CorpusError(
      `Corpus file ${file} is empty${lines > 0 ? ` (${lines} blank lines)` : ""}. Add text (one segment per line) or remove the file.`,
    );
  }
  return scan;
}

/** `scanLineFile`'s counts, line by line as `readLines` reads them (with the errors it gives). */
async function scanLines(file: string, options: ReadOptions): Promise<LineFileScan> {
  let lines = 0;
  let emptyLines = 0;
  let replaced = 0;
  // Stryker disable next-line BooleanLiteral: equivalent, NFC changes neither the number of lines nor whether a line is blank
  for await (const line of readLines(file, { normalize: false, replaceInvalid: options.replaceInvalid })) {
    lines++;
    replaced += line.replaced;
    if (line.text.trim() === "") emptyLines++;
  }
  return { lines, emptyLines, replaced };
}

/** Bytes read at a time by `scanValidLineFile`. */
const SCAN_CHUNK_BYTES = 1 << 16;

/**
 * `scanLines`' counts for a file of valid UTF-8 whose lines are all short enough, in one decode per chunk read
 * instead of one per line (opening a FLORES-sized corpus read 400 files line by line); null for any other file, whose
 * problem `scanLines` then reports as `readLines` words it. A newline byte is never inside a UTF-8 sequence, so the
 * file decodes when every line does, and a line is blank when all its code units are ones `String.trim` removes
 * (its CR and a BOM among them).
 */
async function scanValidLineFile(file: string): Promise<LineFileScan | null> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const buffer = new Uint8Array(SCAN_CHUNK_BYTES);
  let lines = 0;
  let emptyLines = 0;
  let lineUnits = 0; // UTF-16 code units of the line so far
  let blank = true;
  let handle: FileHandle | null = null;
  try {
    handle = await open(file, "r");
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      const text = bytesRead > 0 ? decoder.decode(buffer.subarray(0, bytesRead), { stream: true }) : decoder.decode();
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0a) {
          lines++;
          if (blank) emptyLines++;
          lineUnits = 0;
          blank = true;
          continue;
        }
        lineUnits++;
        if (blank && !trimmed(c)) blank = false;
      }
      // at most 3 bytes a code unit: a line that may be too long is left to readLines' check and message
      if (lineUnits * 3 > MAX_LINE_BYTES) return null;
      if (bytesRead === 0) break;
    }
  } catch {
    return null; // invalid UTF-8 or a read error: readLines says which, and where
  } finally {
    await handle?.close().catch(() => undefined);
  }
  if (lineUnits > 0) {
    lines++;
    if (blank) emptyLines++;
  }
  return { lines, emptyLines, replaced: 0 };
}

/** Per UTF-16 code unit: 1 when `String.trim` removes it, 2 when not (0: not looked at yet). */
const trimClasses = new Uint8Array(0x10000);

function trimmed(c: number): boolean {
  if (c > 0x20 && c < 0x7f) return false;
  let k = trimClasses[c]!;
  if (k === 0) k = trimClasses[c] = String.fromCharCode(c).trim() === "" ? 1 : 2;
  return k === 1;
}

/** Warnings for blank lines and replaced bytes found by `scanLineFile`. */
export function scanWarnings(file: string, language: string, scan: LineFileScan): Warning[] {
  const out: Warning[] = [];
  if (scan.emptyLines > 0) {
    out.push({
      code: "empty-segments",
      language,
      message: `${file}: ${scan.emptyLines} blank line(s) kept as empty segments so line numbers stay aligned`,
    });
  }
  if (scan.replaced > 0) {
    out.push({
      code: "replaced-invalid-utf8",
      language,
      message: `${file}: ${scan.replaced} invalid UTF-8 sequence(s) replaced by U+FFFD (--replace-invalid)`,
    });
  }
  return out;
}

/** Line numbers up to which segment ids are shared between the files of a prefix (FLORES-200 splits: about 1,000). */
const SHARED_ID_LINES = 10_000;
const sharedIds = new Map<string, string[]>();

/**
 * The id `<prefix><line number>`, one string for every file with that prefix (up to `SHARED_ID_LINES`): a run
 * keeps each segment's id with its counts, and 200 languages of one split need one copy of them, not 200.
 */
function lineId(prefix: string, line: number): string {
  if (line > SHARED_ID_LINES) return `${prefix}${line}`;
  let ids = sharedIds.get(prefix);
  if (!ids) sharedIds.set(prefix, (ids = []));
  return (ids[line] ??= `${prefix}${line}`);
}

/** Segments of a line file, ids `<prefix><line number>`. */
export async function* lineSegments(file: string, prefix: string, options: ReadOptions): AsyncGenerator<Segment> {
  for await (const line of readLines(file, { normalize: options.normalize, replaceInvalid: options.replaceInvalid })) {
    yield { id: lineId(prefix, line.number), text: line.text };
  }
}

/** Files in `dir` ending in `suffix`, mapped to registry languages; a code nobody knows is an error naming the file. */
export async function languageFiles(
  dir: string,
  suffix: string,
): Promise<Array<{ file: string; code: string; info: LanguageInfo; note?: string }>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(suffix));
    // Stryker disable next-line MethodExpression: equivalent on Linux, where libuv's scandir already returns names sorted by strcmp; kept for other platforms
    names.sort();
  } catch (cause) {
    throw new CorpusError(`Cannot read corpus folder ${dir}: ${(cause as Error).message}. Check the path.`, { cause });
  }
  const out: Array<{ file: string; code: string; info: LanguageInfo; note?: string }> = [];
  for (const name of names) {
    const code = basename(name, suffix);
    const file = `${dir}/${name}`;
    if (!(await stat(file)).isFile()) continue;
    try {
      const r = resolveCorpusLanguage(code);
      out.push({ file, code, info: r.info, ...(r.note ? { note: r.note } : {}) });
    } catch (err) {
      // Stryker disable next-line ConditionalExpression: equivalent, resolveCorpusLanguage throws only ConfigError for a string
      if (err instanceof ConfigError) {
        throw new CorpusError(
          `Corpus file ${file} is not named after a language: ${err.message} Rename it to <code>${suffix}, e.g. eng_Latn${suffix}.`,
        );
      }
      throw err;
    }
  }
  return out;
}

/** Two files that resolve to one language (zho_Hans.txt and cmn_Hans.txt) cannot both be used. */
export function rejectDuplicates(files: ReadonlyArray<{ file: string; info: LanguageInfo }>): void {
  const seen = new Map<string, string>();
  for (const f of files) {
    const prev = seen.get(f.info.code);
    if (prev)
      throw new CorpusError(
        `Both ${prev} and ${f.file} are ${f.info.code} (${f.info.name}). Remove or rename one of them.`,
      );
    seen.set(f.info.code, f.file);
  }
}
