// One Parquet file read through hyparquet: its columns and codecs checked when opened, then read one row group at a time.
import type { AsyncBuffer, FileMetaData } from "hyparquet";
import { CorpusError } from "../../errors.js";

let library: Promise<typeof import("hyparquet") & typeof import("hyparquet-compressors")> | undefined;

/** hyparquet and its codecs, imported with the first Parquet file: a run reading none does not load their 47 modules. */
function hyparquet() {
  return (library ??= Promise.all([import("hyparquet"), import("hyparquet-compressors")]).then(([h, c]) => ({
    ...h,
    ...c,
  })));
}

/** The codecs hyparquet reads itself (none, snappy) and those hyparquet-compressors adds. */
async function parquetCodecs(): Promise<readonly string[]> {
  return ["UNCOMPRESSED", "SNAPPY", ...Object.keys((await hyparquet()).compressors)];
}

/** The kind of value a top-level column holds, as toklens needs to know it. */
export type ColumnKind = "string" | "integer" | "other";

export interface ParquetFile {
  path: string;
  buffer: AsyncBuffer;
  metadata: FileMetaData;
  /** Top-level columns, in file order, with the kind of their values. */
  columns: ReadonlyMap<string, ColumnKind>;
  /** Rows of each row group, in order. */
  groupRows: readonly number[];
}

/** How a file that is not readable Parquet is refused: the file, what is wrong, and what to do. */
function corrupt(file: string, what: string, cause?: unknown): CorpusError {
  return new CorpusError(
    `${file} is not a readable Parquet file: ${what}. Check that the download is complete (re-download it), or that the file is Parquet.`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Opens a Parquet file: reads its footer (metadata) only, checks the magic bytes, that every column chunk uses a codec
 * toklens can decompress, and lists its top-level columns. No row data is read here.
 */
export async function openParquetFile(file: string): Promise<ParquetFile> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetSchema } = await hyparquet();
  const codecs = await parquetCodecs();
  let buffer: AsyncBuffer;
  try {
    buffer = await asyncBufferFromFile(file);
  } catch (cause) {
    throw new CorpusError(`Cannot read ${file}: ${(cause as Error).message}. Check the path.`, { cause });
  }
  if (buffer.byteLength < 12) throw corrupt(file, `it has only ${buffer.byteLength} bytes`);
  const head = new Uint8Array(await buffer.slice(0, 4));
  const tail = new Uint8Array(await buffer.slice(buffer.byteLength - 4));
  const magic = (b: Uint8Array): boolean => String.fromCharCode(...b) === "PAR1";
  if (!magic(head) || !magic(tail)) throw corrupt(file, "it does not start and end with the Parquet magic bytes PAR1");
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (cause) {
    throw corrupt(file, `its footer cannot be parsed (${(cause as Error).message})`, cause);
  }
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const codec = chunk.meta_data?.codec;
      if (codec !== undefined && !codecs.includes(codec)) {
        throw new CorpusError(
          `${file}: column ${chunk.meta_data!.path_in_schema.join(".")} is compressed with ${codec}, which toklens cannot decompress ` +
            `(it reads ${codecs.join(", ")}). Rewrite the file with another codec, e.g. pyarrow.parquet.write_table(table, path, compression="zstd").`,
        );
      }
    }
  }
  const columns = new Map<string, ColumnKind>();
  for (const child of parquetSchema(metadata).children) {
    const e = child.element;
    const integer = e.type === "INT32" || e.type === "INT64";
    const text = e.type === "BYTE_ARRAY" && (e.converted_type === "UTF8" || e.logical_type?.type === "STRING");
    columns.set(e.name, child.children.length > 0 ? "other" : integer ? "integer" : text ? "string" : "other");
  }
  return { path: file, buffer, metadata, columns, groupRows: metadata.row_groups.map((g) => Number(g.num_rows)) };
}

/**
 * The values of `columns` in row group `group`, one array per row in the order of `columns`. Strings come as raw
 * UTF-8 bytes (Uint8Array) so the caller decides what invalid UTF-8 means; a damaged group is a CorpusError.
 */
export async function readRowGroup(pf: ParquetFile, group: number, columns: readonly string[]): Promise<unknown[][]> {
  const { parquetRead, compressors } = await hyparquet();
  const rowStart = pf.groupRows.slice(0, group).reduce((a, b) => a + b, 0);
  let rows: unknown[][] = [];
  try {
    await parquetRead({
      file: pf.buffer,
      metadata: pf.metadata,
      columns: [...columns],
      rowStart,
      rowEnd: rowStart + pf.groupRows[group]!,
      utf8: false,
      // strings as their raw bytes: hyparquet's own decoding would turn invalid UTF-8 into U+FFFD without a word
      parsers: { stringFromBytes: (bytes: Uint8Array) => bytes },
      compressors,
      onComplete: (r: unknown[][]) => {
        rows = r;
      },
    });
  } catch (cause) {
    throw corrupt(
      pf.path,
      `row group ${group + 1} of ${pf.groupRows.length} cannot be decoded (${(cause as Error).message})`,
      cause,
    );
  }
  return rows;
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });
const LENIENT_UTF8 = new TextDecoder("utf-8");

/**
 * A cell as text: raw bytes decoded strictly, or (with `replace`) with each invalid UTF-8 sequence replaced by U+FFFD
 * and counted; "invalid" when the bytes are not UTF-8 and `replace` is off. Numbers become their decimal form.
 */
export function decodeCell(value: unknown, replace: boolean): { text: string; replaced: number } | "invalid" | null {
  if (value === null || value === undefined) return null;
  if (!(value instanceof Uint8Array)) return { text: String(value), replaced: 0 };
  try {
    return { text: STRICT_UTF8.decode(value), replaced: 0 };
  } catch {
    if (!replace) return "invalid";
    const text = LENIENT_UTF8.decode(value);
    // U+FFFD written in the data itself (EF BF BD) was not a replacement
    return { text, replaced: countChar(text, "\uFFFD") - countBytes(value, [0xef, 0xbf, 0xbd]) };
  }
}

function countChar(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

function countBytes(bytes: Uint8Array, seq: readonly number[]): number {
  let n = 0;
  for (let i = 0; i + seq.length <= bytes.length; i++) if (seq.every((b, j) => bytes[i + j] === b)) n++;
  return n;
}
