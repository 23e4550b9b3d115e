// Backend for OpenAI encodings (tiktoken WASM): built-in encodings and `.tiktoken` rank files from disk.
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { basename } from "node:path";
import { TokenizerLoadError } from "../errors.js";
import {
  builtinEncoderSource,
  isTiktokenEncodingName,
  type BatchEncoding,
  type EncodeResult,
  type EntryBytesVisitor,
  type TiktokenEncodingName,
  type Tokenizer,
  type VocabEntry,
} from "./tokenizer.js";
import { bytesToByteLevel, decodeUtf8, makeVocabEntry, utf8 } from "./token-bytes.js";

interface EncoderData {
  pat_str: string;
  special_tokens: Record<string, number>;
  bpe_ranks: string;
}

/** Minimal surface of tiktoken's WASM class that this adapter uses. */
interface TiktokenCore {
  encode_ordinary(text: string): Uint32Array;
  encode(text: string, allowed?: "all" | string[], disallowed?: "all" | string[]): Uint32Array;
  decode(tokens: Uint32Array): Uint8Array;
  decode_single_token_bytes(token: number): Uint8Array;
  free(): void;
}

export interface TiktokenLoadOptions {
  id: string;
  name: string;
  /** A built-in encoding... */
  encoding?: TiktokenEncodingName;
  /** ...or a `.tiktoken` rank file (`<base64 token> <rank>` per line). */
  path?: string;
}

const require = createRequire(import.meta.url);

async function readBuiltinEncoder(
  encoding: TiktokenEncodingName,
): Promise<{ data: EncoderData; raw: Buffer; source: string }> {
  const path = require.resolve(`tiktoken/encoders/${encoding}.json`);
  const raw = await readFile(path);
  return { data: JSON.parse(raw.toString("utf8")) as EncoderData, raw, source: builtinEncoderSource(encoding) };
}

/** Parses a `.tiktoken` file; the split pattern and specials come from the encoding its name matches. */
async function readRankFile(
  path: string,
): Promise<{ data: EncoderData; raw: Buffer; source: string; assumed: string | null }> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (err) {
    throw new TokenizerLoadError(
      `Rank file '${path}' cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check the path.`,
      { cause: err },
    );
  }
  const text = raw.toString("utf8");
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const lineRe = /^[A-Za-z0-9+/=]+ \d+$/;
  const bad = lines.findIndex((l) => !lineRe.test(l.trim()));
  if (lines.length === 0 || bad !== -1) {
    throw new TokenizerLoadError(
      `'${path}' is not a .tiktoken rank file` +
        (bad !== -1 ? ` (line ${bad + 1} is not '<base64 token> <rank>')` : " (it is empty)") +
        `. Give a file like cl100k_base.tiktoken with one '<base64 token> <rank>' per line.`,
    );
  }
  const problem = rankTableProblem(lines);
  if (problem !== null) {
    throw new TokenizerLoadError(
      `'${path}' is not a usable .tiktoken rank file: ${problem}. ` +
        `Use the rank file of a real encoding unchanged (e.g. cl100k_base.tiktoken), with ranks 0 to n-1 and the 256 single-byte tokens.`,
    );
  }
  const stem = basename(path).replace(/\.tiktoken$/, "");
  const known = isTiktokenEncodingName(stem) ? stem : undefined;
  // Without a known name there is no record of the pre-tokenization pattern; cl100k_base's is the
  // common choice for modern encodings, and the assumption is stated in the tokenizer's name.
  const base = await readBuiltinEncoder(known ?? "cl100k_base");
  const maxRank = lines.reduce((m, l) => Math.max(m, Number(l.trim().split(" ")[1])), -1);
  const specials = known ? base.data.special_tokens : { "<|endoftext|>": maxRank + 1 };
  return {
    data: { pat_str: base.data.pat_str, special_tokens: specials, bpe_ranks: lines.join("\n") + "\n" },
    raw,
    source: path,
    assumed: known ? null : "cl100k_base",
  };
}

/**
 * What makes a rank table unusable for tiktoken, or null. Its WASM core panics (or leaves a value it cannot
 * free) on tables it does not expect, so check what it needs first: ranks 0..n-1 each used once, every token
 * distinct, and all 256 single bytes present (any text must break down into bytes that have a rank).
 * `lines` are the non-blank lines, each already known to be `<base64> <rank>`.
 */
export function rankTableProblem(lines: readonly string[]): string | null {
  const lineOfRank = new Array<number | undefined>(lines.length);
  const lineOfToken = new Map<string, number>();
  const singleBytes = new Set<number>();
  let outOfRange: { line: number; rank: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const [b64, rankText] = lines[i]!.trim().split(" ") as [string, string];
    const rank = Number(rankText);
    if (rank >= lines.length) {
      outOfRange ??= { line: i + 1, rank: rankText };
      continue;
    }
    const earlier = lineOfRank[rank];
    if (earlier !== undefined) return `lines ${earlier + 1} and ${i + 1} both have rank ${rank}`;
    lineOfRank[rank] = i;
    const bytes = Buffer.from(b64, "base64");
    const key = bytes.toString("hex");
    const sameToken = lineOfToken.get(key);
    if (sameToken !== undefined)
      return `lines ${sameToken + 1} and ${i + 1} hold the same token (bytes ${key || "(none)"})`;
    lineOfToken.set(key, i);
    if (bytes.length === 1) singleBytes.add(bytes[0]!);
  }
  if (outOfRange) {
    const gap = lineOfRank.findIndex((line) => line === undefined);
    return (
      `rank ${gap} is missing: the ${lines.length} tokens must have the ranks 0 to ${lines.length - 1} without gaps ` +
      `(line ${outOfRange.line} has rank ${outOfRange.rank})`
    );
  }
  if (singleBytes.size < 256) {
    const missing: string[] = [];
    for (let b = 0; b < 256 && missing.length < 8; b++)
      if (!singleBytes.has(b)) missing.push(`0x${b.toString(16).padStart(2, "0")}`);
    const more = 256 - singleBytes.size > missing.length ? ", ..." : "";
    return `${256 - singleBytes.size} of the 256 single-byte tokens are missing (${missing.join(", ")}${more}), so some text could not be encoded`;
  }
  return null;
}

export async function loadTiktokenTokenizer(options: TiktokenLoadOptions): Promise<Tokenizer> {
  const loaded = options.encoding
    ? { ...(await readBuiltinEncoder(options.encoding)), assumed: null }
    : options.path
      ? await readRankFile(options.path)
      : null;
  if (!loaded)
    throw new TokenizerLoadError(`Tiktoken tokenizer '${options.id}' needs an encoding name or a .tiktoken path.`);
  const { Tiktoken } = await import("tiktoken");
  let core: TiktokenCore;
  try {
    core = new Tiktoken(
      loaded.data.bpe_ranks,
      loaded.data.special_tokens,
      loaded.data.pat_str,
    ) as unknown as TiktokenCore;
  } catch (err) {
    throw new TokenizerLoadError(
      `tiktoken cannot load '${loaded.source}': ${String(err)}. Check that it is an intact .tiktoken file.`,
      { cause: err },
    );
  }
  const name = loaded.assumed ? `${options.name} (split pattern assumed: ${loaded.assumed})` : options.name;
  return new TiktokenTokenizer(
    options.id,
    name,
    loaded.source,
    core,
    loaded.data,
    createHash("sha256").update(loaded.raw).digest("hex"),
  );
}

/**
 * Token bytes by rank, read from tiktoken's rank text. Two layouts exist: `.tiktoken` files
 * (`<base64> <rank>` per line) and the compact blocks in tiktoken's bundled encoders
 * (`! <first rank> <base64> <base64> ...`, consecutive ranks). Gaps stay undefined.
 */
export function parseRanks(bpeRanks: string): Array<Uint8Array | undefined> {
  const byRank: Array<Uint8Array | undefined> = [];
  for (const line of bpeRanks.split("\n")) {
    if (line.startsWith("! ")) {
      const parts = line.split(" ");
      const first = Number(parts[1]);
      for (let i = 2; i < parts.length; i++) byRank[first + i - 2] = new Uint8Array(Buffer.from(parts[i]!, "base64"));
    } else {
      const sp = line.lastIndexOf(" ");
      if (sp > 0) byRank[Number(line.slice(sp + 1))] = new Uint8Array(Buffer.from(line.slice(0, sp), "base64"));
    }
  }
  return byRank;
}

/** A rank table packed: the bytes of every rank one after the other, and where each rank's start and end (-1: none). */
export interface PackedRanks {
  data: Uint8Array;
  start: Int32Array;
  end: Int32Array;
}

/**
 * The table `parseRanks` reads, packed in one buffer (each token's base64 decoded in place, not into a Buffer of its
 * own): the same bytes for every rank, a later line's winning over an earlier one's.
 */
export function packRanks(bpeRanks: string): PackedRanks {
  const count = rankCount(bpeRanks);
  const start = new Int32Array(count).fill(-1);
  const end = new Int32Array(count).fill(-1);
  // base64 is longer than what it decodes to, so the text's length bounds the bytes
  const data = Buffer.alloc(bpeRanks.length);
  let used = 0;
  const put = (rank: number, b64: string) => {
    if (!Number.isInteger(rank) || rank < 0 || rank >= count) return;
    const n = data.write(b64, used, "base64");
    start[rank] = used;
    used += n;
    end[rank] = used;
  };
  for (let from = 0; from < bpeRanks.length;) {
    let to = bpeRanks.indexOf("\n", from);
    if (to === -1) to = bpeRanks.length;
    const line = bpeRanks.slice(from, to);
    from = to + 1;
    if (line.startsWith("! ")) {
      const parts = line.split(" ");
      const first = Number(parts[1]);
      for (let i = 2; i < parts.length; i++) put(first + i - 2, parts[i]!);
    } else {
      const sp = line.lastIndexOf(" ");
      if (sp > 0) put(Number(line.slice(sp + 1)), line.slice(0, sp));
    }
  }
  return { data: data.subarray(0, used), start, end };
}

/**
 * One more than the highest rank of a table as `parseRanks` reads it (the length of its array), without decoding a
 * token: a block line `! <first> <t> <t> ...` holds ranks first..first+k-1, any other line ends in its rank.
 */
export function rankCount(bpeRanks: string): number {
  let count = 0;
  for (let start = 0; start < bpeRanks.length;) {
    let end = bpeRanks.indexOf("\n", start);
    if (end === -1) end = bpeRanks.length;
    const line = bpeRanks.slice(start, end);
    start = end + 1;
    let last: number;
    if (line.startsWith("! ")) {
      let fields = 1;
      for (let i = line.indexOf(" "); i !== -1; i = line.indexOf(" ", i + 1)) fields++;
      // no token after the first rank: no rank set
      last = fields < 3 ? -1 : Number(line.slice(2, line.indexOf(" ", 2))) + fields - 3;
    } else {
      const sp = line.lastIndexOf(" ");
      last = sp > 0 ? Number(line.slice(sp + 1)) : -1;
    }
    if (Number.isInteger(last) && last + 1 > count) count = last + 1;
  }
  return count;
}

class TiktokenTokenizer implements Tokenizer {
  readonly backend = "tiktoken" as const;
  readonly engine = "wasm" as const;
  readonly family = "BPE" as const;
  readonly unkId = null;
  // byte-level BPE without a normalizer: the tokens of `encode_ordinary` spell the text
  readonly keepsText = true;
  readonly vocabSize: number;
  private core: TiktokenCore | null;
  private entries: VocabEntry[] | null = null;
  private displayTokens: string[] | null = null;
  private readonly specialIds: Map<number, string>;
  /** The rank table as read; decoded into `ranks` on the first lookup (a `tokenize` of a few ids never needs it). */
  private bpeRanks: string | null;
  private decodedRanks: Array<Uint8Array | undefined> | null = null;
  private readonly rankTotal: number;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly source: string,
    core: TiktokenCore,
    data: EncoderData,
    readonly sha256: string,
  ) {
    this.core = core;
    this.specialIds = new Map(Object.entries(data.special_tokens).map(([tok, id]) => [id, tok]));
    this.bpeRanks = data.bpe_ranks;
    this.rankTotal = rankCount(data.bpe_ranks);
    this.vocabSize = Math.max(this.rankTotal - 1, ...this.specialIds.keys()) + 1;
  }

  private get ranks(): Array<Uint8Array | undefined> {
    if (!this.decodedRanks) {
      this.decodedRanks = parseRanks(this.bpeRanks ?? "");
      this.bpeRanks = null;
    }
    return this.decodedRanks;
  }

  encode(text: string): EncodeResult {
    // Special-token strings in text are encoded as ordinary text: tiktoken would otherwise throw on
    // "<|endoftext|>" in a corpus, and OpenAI encodings add no BOS/EOS, so addSpecialTokens is a no-op.
    const ids = Array.from(this.live().encode_ordinary(text));
    return { ids, tokens: this.tokenStrings(ids) };
  }

  encodeIds(text: string): number[] {
    return Array.from(this.live().encode_ordinary(text));
  }

  encodeBatch(texts: readonly string[]): Promise<BatchEncoding[]> {
    // the engine's own Uint32Array per text: copying it into an array (as `encodeIds` does for callers that own and
    // change theirs) took about 17% of the tokenize phase (cl100k over UDHR: 1,120 ms against 960 ms)
    const engine = this.live();
    return Promise.resolve(texts.map((text) => ({ ids: engine.encode_ordinary(text), offsets: () => null })));
  }

  /** This engine is synchronous: the same tokens as `encode`. */
  encodeAsync(text: string): Promise<EncodeResult> {
    return new Promise((resolve) => resolve(this.encode(text)));
  }

  decodeAsync(ids: readonly number[]): Promise<string> {
    return new Promise((resolve) => resolve(this.decode(ids)));
  }

  decode(ids: readonly number[]): string {
    const engine = this.live();
    if (ids.length === 0) return "";
    return decodeUtf8(engine.decode(Uint32Array.from(ids)));
  }

  /**
   * The bytes of rank `id`: from the decoded table once it is (the whole vocabulary was read), before that from the
   * engine, which holds the same table (ranks 0..n-1 without gaps: `rankTableProblem`), so showing a few tokens never
   * decodes 100k-200k of them.
   */
  private rankBytes(id: number): Uint8Array | undefined {
    if (this.decodedRanks || !this.core) return this.ranks[id];
    if (!Number.isInteger(id) || id < 0 || id >= this.rankTotal) return undefined;
    return this.core.decode_single_token_bytes(id);
  }

  vocabulary(): readonly VocabEntry[] {
    if (!this.entries) {
      void this.ranks; // decoded at once: faster than one engine call per entry
      const entries: VocabEntry[] = [];
      for (let id = 0; id < this.vocabSize; id++) {
        const e = this.entry(id);
        if (e) entries.push(e); // none for a gap in the rank table (cl100k_base has one before its specials)
      }
      this.entries = entries;
    }
    return this.entries;
  }

  /** The bytes of every entry, from the rank text decoded into one buffer (no entry, no engine call per id). */
  forEachEntryBytes(visit: EntryBytesVisitor): void {
    const decoded = this.decodedRanks;
    const packed = decoded ? null : packRanks(this.bpeRanks ?? "");
    for (let id = 0; id < this.vocabSize; id++) {
      const special = this.specialIds.get(id);
      if (special !== undefined) {
        visit(id, utf8(special), false);
        continue;
      }
      let bytes: Uint8Array | undefined;
      if (decoded) bytes = decoded[id];
      else if (id < packed!.start.length && packed!.start[id]! >= 0)
        bytes = packed!.data.subarray(packed!.start[id], packed!.end[id]);
      if (bytes) visit(id, bytes, bytes.length === 1 && bytes[0]! >= 0x80);
    }
  }

  entry(id: number): VocabEntry | undefined {
    const special = this.specialIds.get(id);
    if (special !== undefined) {
      return makeVocabEntry(id, special, utf8(special), { special: true, byteFallback: false, wordInitial: false });
    }
    const bytes = this.rankBytes(id);
    if (!bytes) return undefined;
    return makeVocabEntry(id, bytesToByteLevel(bytes), bytes, {
      special: false,
      byteFallback: bytes.length === 1 && bytes[0]! >= 0x80,
      wordInitial: bytes[0] === 0x20,
    });
  }

  dispose(): void {
    const core = this.core;
    this.core = null;
    try {
      core?.free();
    } catch {
      // an engine whose WASM aborted mid-call stays "borrowed" and cannot be freed; throwing here would hide the
      // error that aborted it, and the memory goes with the instance
    }
  }

  /**
   * Token strings for display, in GPT-2's byte-level alphabet (`Ġthe`), as tokenizer.json files show them: decoded
   * per id as first shown, so showing a few tokens never decodes the whole vocabulary.
   */
  private tokenStrings(ids: readonly number[]): string[] {
    const display = (this.displayTokens ??= new Array<string>(this.vocabSize));
    return ids.map((id) => (display[id] ??= this.entry(id)?.token ?? ""));
  }

  private live(): TiktokenCore {
    if (!this.core) throw new Error(`Tokenizer '${this.id}' was used after dispose().`);
    return this.core;
  }
}
