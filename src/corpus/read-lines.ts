// Streams a UTF-8 text file line by line with flat memory: BOM and CRLF handled, invalid bytes located.
import { createReadStream } from "node:fs";
import { CorpusError } from "../errors.js";

export interface ReadLinesOptions {
  /** Substitute U+FFFD for invalid UTF-8 (and count it) instead of failing. @default false */
  replaceInvalid?: boolean;
  /** Apply Unicode NFC normalisation to every line. @default true */
  normalize?: boolean;
  /** Bytes read per chunk. @default 65536 */
  chunkSize?: number;
  /** The longest line accepted, in bytes before the LF; a longer one is a CorpusError. @default MAX_LINE_BYTES */
  maxLineBytes?: number;
}

/**
 * The longest line `readLines` accepts: 64 MiB. A file without newlines (`/dev/zero`, a binary file,
 * a minified dump) fails with a CorpusError instead of growing memory until the process dies.
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export interface Line {
  /** 1-based line number. */
  number: number;
  /** The line without its terminator (LF or CRLF). */
  text: string;
  /** Byte offset of the line's first byte in the file. */
  offset: number;
  /** Invalid UTF-8 sequences replaced by U+FFFD in this line (only with `replaceInvalid`). */
  replaced: number;
}

const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/**
 * Decodes UTF-8 the way every toklens text input does. Invalid bytes throw a CorpusError naming
 * `file`, the byte offset and the line of the first bad byte (offsets count from `offset`, lines from
 * `line`, or are counted in `bytes` when `line` is not given) and suggesting --replace-invalid; with
 * `replaceInvalid` they become U+FFFD and are counted. A BOM is kept as U+FEFF (callers strip it).
 */
export function decodeUtf8(
  bytes: Uint8Array,
  where: { file: string; offset?: number; line?: number },
  replaceInvalid: boolean,
): { text: string; replaced: number } {
  try {
    return { text: fatal.decode(bytes), replaced: 0 };
  } catch {
    const bad = firstInvalidByte(bytes);
    if (!replaceInvalid) {
      const line = where.line ?? countByte(bytes.subarray(0, bad), 0x0a) + 1;
      throw new CorpusError(
        `Invalid UTF-8 in ${where.file} at byte offset ${(where.offset ?? 0) + bad} (line ${line}). ` +
          "Convert the file to UTF-8, or pass --replace-invalid to substitute U+FFFD and count the replacements.",
      );
    }
    const text = lenient.decode(bytes);
    return { text, replaced: countChar(text, "\uFFFD") - countGenuineReplacementChars(bytes) };
  }
}

function countByte(bytes: Uint8Array, byte: number): number {
  let n = 0;
  for (let i = bytes.indexOf(byte); i !== -1; i = bytes.indexOf(byte, i + 1)) n++;
  return n;
}

const MIB = 1024 * 1024;

function formatBytes(n: number): string {
  return n >= MIB && n % MIB === 0 ? `${n / MIB} MiB (${n} bytes)` : `${n} bytes`;
}

/**
 * The lines of `file`, read in chunks: memory holds one chunk plus the current line, whatever the
 * file size. A final line without a terminator is still a line; an empty file yields nothing.
 * Invalid UTF-8 throws a CorpusError naming the file and the byte offset of the first bad byte.
 */
export async function* readLines(file: string, options: ReadLinesOptions = {}): AsyncGenerator<Line> {
  const normalize = options.normalize ?? true;
  const replaceInvalid = options.replaceInvalid ?? false;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineStart = 0;
  let fileOffset = 0;
  let number = 0;
  let first = true;
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  const stream = createReadStream(file, { highWaterMark: options.chunkSize ?? 65536 });
  const tooLong = (): CorpusError =>
    new CorpusError(
      `Line ${number + 1} of ${file} (from byte offset ${lineStart}) is longer than ${formatBytes(maxLineBytes)}, the longest line toklens reads. ` +
        "Is it a text file? Put one segment per line (one JSON object per line for jsonl:).",
    );

  const emit = (bytes: Buffer, start: number): Line => {
    let body = bytes;
    let at = start;
    if (first) {
      first = false;
      // past the end a Buffer index is undefined, so no length check is needed
      if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
        body = body.subarray(3);
        at += 3;
      }
    }
    if (body[body.length - 1] === 0x0d) body = body.subarray(0, body.length - 1);
    const { text, replaced } = decodeUtf8(body, { file, offset: at, line: number + 1 }, replaceInvalid);
    number++;
    return { number, text: normalize ? text.normalize("NFC") : text, offset: at, replaced };
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      for (let nl = chunk.indexOf(0x0a, from); nl !== -1; nl = chunk.indexOf(0x0a, from)) {
        const piece = chunk.subarray(from, nl);
        if (pendingBytes + piece.length > maxLineBytes) throw tooLong();
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, Buffer.concat([piece]) is a copy of piece with the same bytes
        const bytes = pendingBytes > 0 ? Buffer.concat([...pending, piece]) : piece;
        yield emit(bytes, lineStart);
        pending = [];
        pendingBytes = 0;
        lineStart = fileOffset + nl + 1;
        from = nl + 1;
      }
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, at from === chunk.length an empty piece is pushed and pendingBytes stays 0
      if (from < chunk.length) {
        // copy: the stream may reuse its buffer
        pending.push(Buffer.from(chunk.subarray(from)));
        pendingBytes += chunk.length - from;
        // checked before the newline arrives: a file without one must not fill memory
        if (pendingBytes > maxLineBytes) throw tooLong();
      }
      fileOffset += chunk.length;
    }
  } catch (err) {
    if (err instanceof CorpusError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new CorpusError(
      code === "ENOENT"
        ? `Corpus file not found: ${file}. Check the path.`
        : `Cannot read corpus file ${file}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  // no finally/destroy needed: leaving the for-await over the stream (by return, break or throw, also when the
  // consumer stops early) destroys it and closes the file; a test checks that the descriptor is closed
  if (pendingBytes > 0) yield emit(Buffer.concat(pending), lineStart);
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  // Stryker disable next-line EqualityOperator: equivalent, at i === bytes.length the byte is undefined, every range test fails and bytes.length is returned either way
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k] ?? 0; // past the end: 0 is no continuation byte
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** U+FFFD already present in the source (EF BF BD) is not a replacement. */
function countGenuineReplacementChars(bytes: Uint8Array): number {
  let n = 0;
  // Stryker disable next-line EqualityOperator,ArithmeticOperator: equivalent, positions whose i + 2 is past the end compare undefined and never count
  for (let i = 0; i + 2 < bytes.length; i++)
    if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  return n;
}
