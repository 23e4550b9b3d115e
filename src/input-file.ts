// Reads the small text files a user hands toklens (counts, prices, --group-by, --gold, analysis files): size and line
// length capped, UTF-8 checked, a BOM dropped, and errors that name the file and line but never quote its contents.
import { createReadStream } from "node:fs";
import type { ToklensError } from "./errors.js";

const MIB = 1024 * 1024;

/** The largest input file read whole: 64 MiB (a counts file of a million segments is about 50 MiB). */
export const MAX_INPUT_FILE_BYTES = 64 * MIB;
/** The longest line of an input file: 8 MiB (one gold word or one JSON line; `/dev/zero` has none). */
export const MAX_INPUT_LINE_BYTES = 8 * MIB;

export interface InputFileOptions {
  /** How messages name the file, e.g. `--gold file 'g.csv'`. */
  label: string;
  /** Builds the error of the caller's class (ConfigError for options, TokenizerLoadError for counts files...). */
  error: (message: string, options?: { cause?: unknown }) => ToklensError;
  /** The message when the file cannot be read, given the reason (`ENOENT`, `EISDIR`...). */
  unreadable: (reason: string) => string;
  /** @default MAX_INPUT_FILE_BYTES */
  maxBytes?: number;
  /** @default MAX_INPUT_LINE_BYTES */
  maxLineBytes?: number;
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function formatBytes(n: number): string {
  return n >= MIB && n % MIB === 0 ? `${n / MIB} MiB` : `${n} bytes`;
}

/**
 * The text of `file`, read in chunks so that a huge or endless file (`/dev/zero`) stops at the caps instead of
 * filling memory. A leading BOM is dropped; invalid UTF-8 is refused with the line it is on.
 */
export async function readInputFile(file: string, options: InputFileOptions): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_INPUT_FILE_BYTES;
  const maxLineBytes = options.maxLineBytes ?? MAX_INPUT_LINE_BYTES;
  const chunks: Buffer[] = [];
  let total = 0;
  let line = 1;
  let lineBytes = 0;
  const stream = createReadStream(file);
  const read = async function* (): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw options.error(options.unreadable(reason), { cause: err });
    }
  };
  for await (const chunk of read()) {
    total += chunk.length;
    if (total > maxBytes) {
      throw options.error(
        `${capitalized(options.label)} is larger than ${formatBytes(maxBytes)}, the most toklens reads from such a file. Is it the right file?`,
      );
    }
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); ; nl = chunk.indexOf(0x0a, from)) {
      const end = nl === -1 ? chunk.length : nl;
      lineBytes += end - from;
      if (lineBytes > maxLineBytes) {
        throw options.error(
          `Line ${line} of ${options.label} is longer than ${formatBytes(maxLineBytes)}, the longest line toklens reads from such a file. Is it a text file?`,
        );
      }
      if (nl === -1) break;
      line++;
      lineBytes = 0;
      from = nl + 1;
    }
    chunks.push(chunk);
  }
  let bytes = Buffer.concat(chunks);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  return decodeStrict(bytes, options);
}

const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decodeStrict(bytes: Buffer, options: InputFileOptions): string {
  try {
    return fatal.decode(bytes);
  } catch {
    // find the line: decode line by line until one fails
    let start = 0;
    for (let line = 1; ; line++) {
      const nl = bytes.indexOf(0x0a, start);
      const end = nl === -1 ? bytes.length : nl;
      try {
        fatal.decode(bytes.subarray(start, end));
      } catch {
        return failUtf8(options, line);
      }
      if (nl === -1) return failUtf8(options, line);
      start = nl + 1;
    }
  }
}

function failUtf8(options: InputFileOptions, line: number): never {
  throw options.error(
    `Line ${line} of ${options.label} is not valid UTF-8 (is it Latin-1 or another encoding?). Save the file as UTF-8.`,
  );
}

/**
 * Parses JSON read by readInputFile. A syntax error names the line and column, never the text around it (the V8
 * message quotes the start of the file, which may be anything the path pointed at).
 */
export function parseInputJson(text: string, options: InputFileOptions, hint: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const offset = jsonErrorOffset(text);
    const where = offset === undefined ? "" : ` at ${lineAndColumn(text, offset)}`;
    throw options.error(`${capitalized(options.label)} is not valid JSON${where}. ${hint}`, { cause: err });
  }
}

/** `line L, column C` (1-based) of a UTF-16 offset. */
export function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return `line ${line}, column ${offset - before.lastIndexOf("\n")}`;
}

const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** The offset where `text` stops being JSON (only called after JSON.parse failed); undefined if not found. */
function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const match = (re: RegExp): void => {
    re.lastIndex = i;
    if (!re.test(text)) throw i;
    i = re.lastIndex;
  };
  const expect = (c: string): void => {
    ws();
    if (text[i] !== c) throw i;
    i++;
  };
  const list = (close: string, item: () => void): void => {
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      ws();
      if (text[i] === close) return void i++;
      expect(",");
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      list("}", () => {
        ws();
        match(STRING);
        expect(":");
        value();
      });
    } else if (c === "[") {
      i++;
      list("]", value);
    } else match(c === '"' ? STRING : LITERAL);
  };
  try {
    value();
    ws();
    return i < text.length ? i : undefined;
  } catch (at) {
    return typeof at === "number" ? at : undefined; // a RangeError: nesting too deep to locate
  }
}
