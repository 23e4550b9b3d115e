// Opens a corpus from its one-string address (udhr, flores:<dir>, text:<dir>, jsonl:<file>, parquet:<file|dir> ...), filters and aligns it.
import { listChoices } from "../closed-set.js";
import { ConfigError, CorpusError } from "../errors.js";
import type { LanguageCode, Segment, Warning } from "../types.js";
import {
  CORPUS_FORMS,
  CORPUS_SOURCES,
  DEFAULT_CORPUS_OPTIONS,
  TABLE_OPTION_NAMES,
  type CorpusKind,
  type TableOptions,
  type CorpusPathKind,
} from "./corpus-options.js";
import { parseFloresSplit } from "./flores-splits.js";
import type { CorpusOptions } from "./corpus-options.js";
import { resolveCorpusLanguage } from "./languages.js";
import { openFloresPlus } from "./sources/flores-plus-source.js";
import { openFlores } from "./sources/flores-source.js";
import { openHfDataset } from "./sources/hf-dataset-source.js";
import { openJsonl } from "./sources/jsonl-source.js";
import { openParquet } from "./sources/parquet-source.js";
import type { LanguageSource, ReadOptions, SourceResult } from "./sources/source.js";
import { openTextDir } from "./sources/text-source.js";
import { openUdhr } from "./sources/udhr-source.js";

export type { CorpusOptions } from "./corpus-options.js";

export interface Corpus {
  /** The address the user gave, e.g. "udhr", "flores:/data/flores200". */
  source: string;
  /** Resolved FLORES-style codes available (after `languages` filtering), sorted. */
  languages: LanguageCode[];
  /** Segments with the same id are translations of each other. */
  parallel: boolean;
  segments(language: LanguageCode): AsyncIterable<Segment>;
  /** Languages kept only because of `allowUnaligned`; not aligned with the rest. */
  unaligned: LanguageCode[];
  warnings: Warning[];
  /** Corpus-specific notes, e.g. which UDHR variant was picked for a language, or which file was read. */
  describe(language: LanguageCode): { name: string; variant?: string; file?: string };
  /** Segments per language, known from opening the corpus. */
  segmentCount(language: LanguageCode): number;
}

export { CORPUS_FORMS, DEFAULT_CORPUS, DEFAULT_CORPUS_OPTIONS } from "./corpus-options.js";

const PATH_KINDS: readonly CorpusPathKind[] = CORPUS_SOURCES.flatMap((s) => (s.path === null ? [] : [s.kind]));
const NO_PATH_KINDS: readonly CorpusKind[] = CORPUS_SOURCES.flatMap((s) => (s.path === null ? [s.kind] : []));
/** The path kinds as a path's hint offers them (local ones only): a plain folder of text files first, the likeliest. */
const PATH_HINT = CORPUS_SOURCES.flatMap((s) => (s.path === null || "remote" in s ? [] : [s.kind])).sort(
  (a, b) => Number(b === "text") - Number(a === "text"),
);
const PATH_ADDRESS = new RegExp(`^(${PATH_KINDS.join("|")}):(.+)$`);

/** Splits a corpus address into its kind and path. */
export function parseCorpusSource(source: string): { kind: CorpusKind; path: string } {
  const s = source.trim();
  const bare = NO_PATH_KINDS.find((kind) => s === kind || s === `${kind}:`);
  if (bare) return { kind: bare, path: "" };
  const m = PATH_ADDRESS.exec(s);
  if (m) return { kind: m[1] as CorpusPathKind, path: m[2]! };
  const hint = /[/\\.]/.test(s)
    ? ` If '${s}' is a path, prefix it: ${listChoices((s.endsWith(".parquet") ? ["parquet"] : PATH_HINT).map((k) => `${k}:${s}`))}.`
    : "";
  throw new ConfigError(`Unknown corpus '${source}'. Use one of: ${CORPUS_FORMS}.${hint}`);
}

/**
 * Opens a corpus. Files are scanned once (line counts, UTF-8 validity, language codes) so that
 * bad input fails here with a clear message; segments are then streamed on demand.
 */
export async function openCorpus(source: string, options: CorpusOptions = {}): Promise<Corpus> {
  const { kind, path } = parseCorpusSource(source);
  const split = parseFloresSplit(options.split ?? DEFAULT_CORPUS_OPTIONS.split);
  const read: ReadOptions = {
    normalize: options.normalize ?? DEFAULT_CORPUS_OPTIONS.normalize,
    replaceInvalid: options.replaceInvalid ?? DEFAULT_CORPUS_OPTIONS.replaceInvalid,
    split,
    table: tableOptions(options),
  };
  return assemble(source, await OPENERS[kind](path, read), options);
}

/** The reader of each kind of corpus address. */
const OPENERS = {
  udhr: (_path, read) => openUdhr(read),
  flores: openFlores,
  text: openTextDir,
  jsonl: openJsonl,
  parquet: openParquet,
  "flores-plus": openFloresPlus,
  "hf-dataset": openHfDataset,
} satisfies Record<CorpusKind, (path: string, read: ReadOptions) => SourceResult | Promise<SourceResult>>;

/** The table options given (`parquet:`, `hf-dataset:`), without the unset ones. */
function tableOptions(options: CorpusOptions): TableOptions {
  return Object.fromEntries(TABLE_OPTION_NAMES.flatMap((k) => (options[k] === undefined ? [] : [[k, options[k]]])));
}

function assemble(source: string, result: SourceResult, options: CorpusOptions): Corpus {
  const warnings: Warning[] = [...result.warnings, ...registryWarnings(result.languages)];
  let langs = result.languages;
  if (options.languages && options.languages.length > 0)
    langs = keepRequested(source, langs, options.languages, warnings);
  const kept = setAsideIncomplete(result.kind, langs, options, warnings);
  langs = kept.langs;
  const { reference, unaligned: misaligned } = alignToReference(source, langs, options);
  const unaligned = [...kept.unaligned, ...misaligned];
  for (const l of unaligned) {
    warnings.push({
      code: "unaligned",
      language: l.info.code,
      message: `${l.info.code} is not aligned with the other languages (${l.incomplete ?? l.sizeLabel}); kept for non-parity metrics only`,
    });
  }

  if (langs.length === 0) throw new CorpusError(`Corpus ${source} has no usable languages.`);
  const byCode = new Map(langs.map((l) => [l.info.code, l]));
  const codes = [...byCode.keys()].sort();
  const lookup = languageLookup(source, byCode, codes, kept.skipped);
  return {
    source,
    languages: codes,
    parallel:
      result.kind === "udhr" ||
      result.kind === "flores" ||
      result.kind === "flores-plus" ||
      (reference?.length ?? 0) >= 2 ||
      codes.length === 1,
    unaligned: unaligned.map((l) => l.info.code).sort(),
    warnings,
    segments: (language) => lookup(language).segments(),
    describe: (language) => lookup(language).describe,
    segmentCount: (language) => lookup(language).count,
  };
}

/** Warnings for languages the corpus names by an alias, and for languages the registry does not know. */
function registryWarnings(langs: readonly LanguageSource[]): Warning[] {
  const warnings: Warning[] = [];
  for (const l of langs) if (l.note) warnings.push({ code: "language-alias", language: l.info.code, message: l.note });
  for (const l of langs) {
    if (!l.info.registered)
      warnings.push({
        code: "unregistered-language",
        language: l.info.code,
        message: `${l.info.code} is not in the language registry; name and word units are guessed from its script ${l.info.script}`,
      });
  }
  return warnings;
}

/** The languages asked for (any code form), each found in the corpus; a missing one is a CorpusError naming it. */
function keepRequested(
  source: string,
  langs: LanguageSource[],
  requested: readonly string[],
  warnings: Warning[],
): LanguageSource[] {
  const available = langs.map((l) => l.info.code);
  const keep = new Set<string>();
  const missing: string[] = [];
  for (const code of requested.map((c) => c.trim()).filter((c) => c !== "")) {
    const r = resolveCorpusLanguage(code, available);
    if (r.note) warnings.push({ code: "language-alias", language: r.info.code, message: r.note });
    if (available.includes(r.info.code)) keep.add(r.info.code);
    else missing.push(`${code}${r.info.code !== code ? ` (${r.info.code}, ${r.info.name})` : ` (${r.info.name})`}`);
  }
  if (missing.length > 0) {
    throw new CorpusError(
      `Not in corpus ${source}: ${missing.join(", ")}. It has ${available.length} languages; run \`toklens languages --corpus ${source}\` to list them.`,
    );
  }
  return langs.filter((l) => keep.has(l.info.code));
}

/**
 * Incomplete translations: kept as unaligned with `allowUnaligned`, dropped with a warning from an all-languages
 * UDHR run (`skipped`, so asking for one later says why it is missing), else a CorpusError.
 */
function setAsideIncomplete(
  kind: SourceResult["kind"],
  langs: LanguageSource[],
  options: CorpusOptions,
  warnings: Warning[],
): { langs: LanguageSource[]; unaligned: LanguageSource[]; skipped: Map<LanguageCode, LanguageSource> } {
  const skipped = new Map<LanguageCode, LanguageSource>();
  const incomplete = langs.filter((l) => l.incomplete);
  if (incomplete.length === 0) return { langs, unaligned: [], skipped };
  if (options.allowUnaligned) return { langs, unaligned: incomplete, skipped };
  if (kind === "udhr" && !options.languages?.length) {
    // all-languages runs drop incomplete translations rather than fail
    warnings.push({
      code: "incomplete-skipped",
      message: `Skipped ${incomplete.length} UDHR language(s) whose translation is incomplete: ${incomplete.map((l) => `${l.info.code} (${l.count}/30)`).join(", ")}. Pass --allow-unaligned to keep them for non-parity metrics.`,
    });
    for (const l of incomplete) skipped.set(l.info.code, l);
    return { langs: langs.filter((l) => !l.incomplete), unaligned: [], skipped };
  }
  const l = incomplete[0]!;
  throw new CorpusError(
    `${l.info.code} cannot be aligned: ${l.incomplete} (${l.sizeLabel}). Pass --allow-unaligned to keep it for non-parity metrics, or leave it out.`,
  );
}

/**
 * The reference alignment is the signature most languages share (English's on a tie); the complete languages
 * with another one are `unaligned` with `allowUnaligned`, else a CorpusError.
 */
function alignToReference(
  source: string,
  langs: readonly LanguageSource[],
  options: CorpusOptions,
): { reference: LanguageSource[] | undefined; unaligned: LanguageSource[] } {
  const complete = langs.filter((l) => !l.incomplete);
  const groups = new Map<string, LanguageSource[]>();
  for (const l of complete) groups.set(l.signature, [...(groups.get(l.signature) ?? []), l]);
  const ranked = [...groups.values()].sort(
    (a, b) =>
      b.length - a.length ||
      Number(b.some((l) => l.info.code === "eng_Latn")) - Number(a.some((l) => l.info.code === "eng_Latn")),
  );
  const reference = ranked[0];
  const unaligned: LanguageSource[] = [];
  for (const group of ranked.slice(1)) {
    for (const l of group) {
      if (!options.allowUnaligned) {
        const ref = reference![0]!;
        throw new CorpusError(
          `Misaligned corpus ${source}: ${l.info.code} has ${l.sizeLabel}, but ${ref.info.code}${reference!.length > 1 ? ` and ${reference!.length - 1} other language(s)` : ""} ha${reference!.length > 1 ? "ve" : "s"} ${ref.sizeLabel}${l.count === ref.count ? " (the same number of segments but different ids)" : ""}. Fix the file so segments align, or pass --allow-unaligned to keep it for non-parity metrics.`,
        );
      }
      unaligned.push(l);
    }
  }
  return { reference, unaligned };
}

/** A language of the corpus by any code form; one that is missing, or was skipped as incomplete, is a CorpusError. */
function languageLookup(
  source: string,
  byCode: ReadonlyMap<LanguageCode, LanguageSource>,
  codes: readonly LanguageCode[],
  skipped: ReadonlyMap<LanguageCode, LanguageSource>,
): (language: LanguageCode) => LanguageSource {
  return (language) => {
    const direct = byCode.get(language);
    if (direct) return direct;
    const r = resolveCorpusLanguage(language, codes);
    const found = byCode.get(r.info.code);
    const dropped = skipped.get(r.info.code);
    if (!found && dropped) {
      throw new CorpusError(
        `${dropped.info.code} (${dropped.info.name}) is in corpus ${source} but was skipped because ${dropped.incomplete}, so it cannot be aligned with the other languages. Pass --allow-unaligned to keep it for non-parity metrics, or leave it out.`,
      );
    }
    if (!found)
      throw new CorpusError(
        `Language ${language} is not in corpus ${source}. Run \`toklens languages --corpus ${source}\`.`,
      );
    return found;
  };
}
