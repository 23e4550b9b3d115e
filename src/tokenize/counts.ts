// `counts:<file.jsonl>` tokenizers: per-segment token counts from a provider's counting endpoint, in place of a tokenizer.
import { unmeasuredWords } from "./language-counts.js";
import { columnSum, segmentTable } from "./segment-table.js";
import { createHash } from "node:crypto";
import { basename, resolve } from "node:path";
import { CorpusError, TokenizerLoadError } from "../errors.js";
import { readInputFile } from "../input-file.js";
import type { LanguageCode, SegmentCounts, TokenizedLanguage, Warning } from "../types.js";
import { resolveLanguage } from "../corpus/languages.js";
import { JOINED_SEGMENT_ID } from "./join.js";
import type { TokenizerInfo } from "./cache.js";
import type { LanguageInput } from "./language-input.js";
import type { TokenizeRun, TokenizeRunOptions } from "./run-types.js";

/** The reference prefix of a counts tokenizer. */
export const COUNTS_PREFIX = "counts:";

export function isCountsRef(ref: string): boolean {
  return ref.startsWith(COUNTS_PREFIX);
}

/** How many bad lines or segments an error lists before "and N more". */
const LISTED = 5;

function listed(items: readonly string[]): string {
  return items.slice(0, LISTED).join(", ") + (items.length > LISTED ? ` and ${items.length - LISTED} more` : "");
}

/**
 * The largest count of one segment: a billion tokens. With the file capped at 64 MiB (under two million lines),
 * every total stays far below 2^53, so sums and premiums are exact; a larger count is a mistake in the file.
 */
export const MAX_SEGMENT_TOKENS = 1_000_000_000;

/** A parsed counts file: language -> segment id -> tokens, and the file's sha256. */
export interface CountsFile {
  path: string;
  sha256: string;
  counts: Map<string, Map<string, number>>;
}

/**
 * Reads `{"language", "id", "tokens"}` lines (JSON Lines; blank lines skipped). `tokens` is a whole number >= 0;
 * a (language, id) pair given twice is an error, as is any other shape.
 */
export async function readCountsFile(ref: string): Promise<CountsFile> {
  const path = resolve(ref.slice(COUNTS_PREFIX.length));
  if (ref.length === COUNTS_PREFIX.length)
    throw new TokenizerLoadError(
      `'${ref}' names no file. Use counts:<file.jsonl> with one {"language", "id", "tokens"} per segment.`,
    );
  const text = await readInputFile(path, {
    label: `the counts file '${path}'`,
    error: (message, o) => new TokenizerLoadError(message, o),
    unreadable: (reason) => `Cannot read the counts file '${path}' (${reason}). Check the path after 'counts:'.`,
  });
  const counts = new Map<string, Map<string, number>>();
  const bad: string[] = [];
  const twice: string[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      bad.push(`line ${i + 1} is not JSON`);
      return;
    }
    const r = row as { language?: unknown; id?: unknown; tokens?: unknown };
    if (
      typeof row !== "object" ||
      row === null ||
      Array.isArray(row) ||
      typeof r.language !== "string" ||
      typeof r.id !== "string" ||
      typeof r.tokens !== "number" ||
      !Number.isSafeInteger(r.tokens) ||
      r.tokens < 0
    ) {
      bad.push(`line ${i + 1} is not {"language": string, "id": string, "tokens": whole number >= 0}`);
      return;
    }
    if (r.tokens > MAX_SEGMENT_TOKENS) {
      bad.push(`line ${i + 1} counts ${r.tokens} tokens, above the ${MAX_SEGMENT_TOKENS} one segment may have`);
      return;
    }
    let byId = counts.get(r.language);
    if (!byId) counts.set(r.language, (byId = new Map()));
    if (byId.has(r.id)) twice.push(`${r.language} ${r.id} (line ${i + 1})`);
    byId.set(r.id, r.tokens);
  });
  if (bad.length > 0)
    throw new TokenizerLoadError(
      `Counts file '${path}': ${listed(bad)}. Each line must be one JSON object like {"language": "deu_Latn", "id": "1", "tokens": 42}.`,
    );
  if (twice.length > 0)
    throw new TokenizerLoadError(
      `Counts file '${path}' gives a segment twice: ${listed(twice)}. Keep one line per language and segment id.`,
    );
  if (counts.size === 0)
    throw new TokenizerLoadError(
      `Counts file '${path}' holds no counts. Write one {"language", "id", "tokens"} per segment (see README, "Closed tokenizers").`,
    );
  return { path, sha256: createHash("sha256").update(text).digest("hex"), counts };
}

/**
 * One language's TokenizedLanguage from the counts: tokens from the file, bytes / chars / words from the corpus.
 * No ids: frequencies are empty and the word counts that need token positions are 0 (`countsOnly` tells the
 * metrics). Segments missing from the file, or in the file but not in the corpus, are a CorpusError.
 */
export async function countsLanguage(ref: string, file: CountsFile, input: LanguageInput): Promise<TokenizedLanguage> {
  const byId = file.counts.get(input.language) ?? new Map<string, number>();
  const segments: SegmentCounts[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for await (const chunk of input.chunks()) {
    chunk.segmentIds.forEach((id, s) => {
      seen.add(id);
      const tokens = byId.get(id);
      if (tokens === undefined) {
        missing.push(id);
        return;
      }
      segments.push({
        id,
        tokens,
        bytes: chunk.bytes[s]!,
        chars: chunk.chars[s]!,
        words: chunk.words[s]!,
        unk: 0,
        byteFallback: 0,
      });
    });
  }
  const where = `counts file '${file.path}'`;
  if (missing.length > 0) {
    throw new CorpusError(
      missingCountsMessage(where, file, input.language, missing) ??
        `The ${where} has no count for ${missing.length} segment(s) of ${input.language} in the corpus: ${listed(missing)}. Count every segment that \`toklens corpus <src> --segments --jsonl\` lists, for the same corpus and options.`,
    );
  }
  const extra = [...byId.keys()].filter((id) => !seen.has(id));
  if (extra.length > 0) {
    throw new CorpusError(
      `The ${where} has ${extra.length} segment id(s) of ${input.language} the corpus does not: ${listed(extra)}. It was made from another corpus, split or version; regenerate it from \`toklens corpus <src> --segments --jsonl\`.`,
    );
  }
  const table = segmentTable(segments);
  return {
    tokenizer: ref,
    language: input.language,
    vocabSize: 0,
    segments: table,
    tokenFrequencies: new Map(),
    ...unmeasuredWords(columnSum(table, "words")),
    lossyChars: 0,
    // nothing about what a closed tokenizer loses is known
    lossUnmeasuredChars: columnSum(table, "chars"),
    countsOnly: true,
  };
}

/**
 * Why a counts file has no count for a language's segments, when the reason is one a user can name: the language
 * is spelt another way in the file (`deu` for `deu_Latn`), or the run joins segments and the file counts them one
 * by one. Null for plain missing segments.
 */
function missingCountsMessage(
  where: string,
  file: CountsFile,
  language: LanguageCode,
  missing: readonly string[],
): string | null {
  const byId = file.counts.get(language);
  if (!byId || byId.size === 0) {
    const codes = [...file.counts.keys()];
    const alias = codes.find((code) => aliasOf(code) === language);
    if (alias !== undefined)
      return `The ${where} has no counts under ${language}, the corpus' code for it, but has counts under '${alias}', which names ${language}. Write the language codes as the corpus does ("language": "${language}"), as \`toklens corpus <src> --segments --jsonl\` lists them.`;
    return `The ${where} has no counts for ${language}; its languages are ${listed(codes.map((c) => `'${c}'`))}. Add counts for ${language} (codes as \`toklens corpus <src> --segments --jsonl\` lists them), or leave ${language} out of the run.`;
  }
  if (missing.length === 1 && missing[0] === JOINED_SEGMENT_ID) {
    return `The ${where} counts ${language} segment by segment, but this run joins each language's segments into one string (--join-segments, or "joinSegments" in an analysis file), whose count is not the sum of the segments'. Leave --join-segments out, or count each language's joined text and give one line per language: {"language": "${language}", "id": "${JOINED_SEGMENT_ID}", "tokens": N}.`;
  }
  return null;
}

/** The corpus code a counts file's language code names, if it names one (`deu` -> `deu_Latn`). */
function aliasOf(code: string): LanguageCode | undefined {
  try {
    return resolveLanguage(code).code;
  } catch {
    return undefined; // not a language code at all
  }
}

/** What a report and `compare --json` show for a counts tokenizer. */
function countsInfo(ref: string, file: CountsFile): TokenizerInfo {
  return {
    id: ref,
    name: basename(file.path),
    backend: "counts",
    family: "counts",
    vocabSize: 0,
    sha256: file.sha256,
    source: file.path,
  };
}

/**
 * runTokenize for a list that holds `counts:` references: the real tokenizers go through `tokenize` (the
 * ordinary phase), the counts are read from their files, and the results are put back in the order asked.
 */
export async function runTokenizeWithCounts(
  options: TokenizeRunOptions,
  tokenize: (o: TokenizeRunOptions) => Promise<TokenizeRun>,
): Promise<TokenizeRun> {
  const started = performance.now();
  const real = options.tokenizers.filter((r) => !isCountsRef(r));
  const base = real.length > 0 ? await tokenize({ ...options, tokenizers: real }) : null;
  const warnings: Warning[] = [...(base?.warnings ?? [])];
  const infos: TokenizerInfo[] = [];
  const results: TokenizedLanguage[] = [];
  for (const ref of options.tokenizers) {
    if (!isCountsRef(ref)) {
      const t = real.indexOf(ref);
      infos.push(base!.tokenizers[t]!);
      results.push(...base!.results.slice(t * options.languages.length, (t + 1) * options.languages.length));
      continue;
    }
    const file = await readCountsFile(ref);
    infos.push(countsInfo(ref, file));
    for (const input of options.languages) results.push(await countsLanguage(ref, file, input));
    const unused = [...file.counts.keys()].filter((l) => !options.languages.some((i) => i.language === l));
    if (unused.length > 0) {
      warnings.push({
        code: "counts-unused",
        tokenizer: ref,
        message: `${ref} also has counts for ${listed(unused)}, which this run does not measure.`,
      });
    }
  }
  return {
    tokenizers: infos,
    results,
    cacheHits: base?.cacheHits ?? 0,
    computed: base?.computed ?? 0,
    tokenizeMs: base?.tokenizeMs ?? {},
    elapsedMs: performance.now() - started,
    warnings,
  };
}
