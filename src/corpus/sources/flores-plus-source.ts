// `flores-plus:<dir>`: FLORES+ as published: the Hugging Face dataset (<split>/<code>.parquet) or the release archive (<split>/<split>.<code>).
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { ConfigError, CorpusError } from "../../errors.js";
import type { Segment, Warning } from "../../types.js";
import { floresPlusVariety, VARIETY_NAME } from "../flores-plus-codes.js";
import { FLORES_FILE_SPLITS, floresFileSplits, type FloresFileSplit } from "../flores-splits.js";
import { resolveCorpusLanguage, type LanguageInfo } from "../languages.js";
import { FLORES200_SIZES } from "./flores-source.js";
import { lineSegments, scanLineFile, scanWarnings } from "./line-files.js";
import { openParquetFiles } from "./parquet-source.js";
import type { LanguageSource, ReadOptions, SourceResult } from "./source.js";

type Split = FloresFileSplit;

/** One language file of one split. */
interface SplitFile {
  file: string;
  /** The FLORES+ name (`eng_Latn`, `apc_Arab_nort3139`). */
  name: string;
  info: LanguageInfo;
  note?: string;
  layout: "parquet" | "text";
}

/** The folder holding dev/ and devtest/: `dir` itself or the one folder the release archive unpacks to (floresp-v2.0-rc.3/). */
export async function floresPlusRoot(dir: string): Promise<string> {
  const isRoot = (d: string): boolean => FLORES_FILE_SPLITS.some((s) => existsSync(join(d, s)));
  if (isRoot(dir)) return dir;
  let children: string[];
  try {
    children = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => join(dir, e.name));
  } catch (cause) {
    throw new CorpusError(`Cannot read corpus folder ${dir}: ${(cause as Error).message}. Check the path.`, { cause });
  }
  const roots = children.filter(isRoot);
  if (roots.length === 1) return roots[0]!;
  throw new CorpusError(
    `${dir} is not a FLORES+ folder: expected dev/ and devtest/ holding <code>.parquet files (the Hugging Face dataset) ` +
      `or dev.<code> and devtest.<code> files (the release archive), or one folder (floresp-v2.0-rc.3/) holding them.`,
  );
}

/** The language files of one split folder, in either layout; a folder mixing both is refused. */
async function splitFiles(root: string, split: Split, warnings: Warning[]): Promise<Map<string, SplitFile>> {
  const dir = join(root, split);
  const out = new Map<string, SplitFile>();
  if (!existsSync(dir)) return out;
  const names = (await readdir(dir)).sort();
  const parquet = names.filter((n) => n.endsWith(".parquet"));
  const text = names.filter((n) => n.startsWith(`${split}.`) && !n.endsWith(".parquet"));
  if (parquet.length > 0 && text.length > 0)
    throw new CorpusError(
      `${dir} holds both Parquet files (${parquet[0]}) and text files (${text[0]}). Keep one layout of FLORES+ in a folder.`,
    );
  for (const n of parquet.length > 0 ? parquet : text) {
    const file = join(dir, n);
    const name = parquet.length > 0 ? basename(n, ".parquet") : n.slice(split.length + 1);
    const resolved = floresPlusLanguage(file, name);
    if (!resolved) {
      warnings.push({
        code: "variety-skipped",
        message: `${file}: ${name} is a FLORES+ variety toklens has no code for; it is skipped (read it on its own with parquet:${file} --lang <code>)`,
      });
      continue;
    }
    const prev = out.get(resolved.info.code);
    if (prev)
      throw new CorpusError(
        `Both ${prev.file} and ${file} are ${resolved.info.code} (${resolved.info.name}). Remove one of them.`,
      );
    out.set(resolved.info.code, { file, name, ...resolved, layout: parquet.length > 0 ? "parquet" : "text" });
  }
  return out;
}

/** The toklens language of a FLORES+ name; undefined for a variety toklens has no code for (`nob_Latn_radical`). */
function floresPlusLanguage(file: string, name: string): { info: LanguageInfo; note?: string } | undefined {
  const variety = floresPlusVariety(name);
  if (variety) {
    const info = resolveCorpusLanguage(variety).info;
    return { info, note: `${name} is the FLORES+ name of ${info.code} (${info.name}), as FLORES-200 names it` };
  }
  if (VARIETY_NAME.test(name)) return undefined;
  try {
    const r = resolveCorpusLanguage(name);
    return { info: r.info, ...(r.note ? { note: r.note } : {}) };
  } catch (err) {
    if (err instanceof ConfigError)
      throw new CorpusError(`Corpus file ${file} is not named after a language: ${err.message}`);
    throw err;
  }
}

export async function openFloresPlus(dir: string, options: ReadOptions): Promise<SourceResult> {
  const root = await floresPlusRoot(dir);
  const wanted = floresFileSplits(options.split);
  const warnings: Warning[] = [];
  const bySplit = new Map<Split, Map<string, SplitFile>>();
  for (const split of FLORES_FILE_SPLITS) bySplit.set(split, await splitFiles(root, split, warnings));
  for (const split of wanted) {
    if (bySplit.get(split)!.size === 0)
      throw new CorpusError(
        `FLORES+ folder ${root} has no ${split} files. Use --split ${split === "dev" ? "devtest" : "dev"} or check the folder.`,
      );
  }
  const codes = new Set<string>();
  for (const split of wanted) for (const code of bySplit.get(split)!.keys()) codes.add(code);
  for (const split of FLORES_FILE_SPLITS) {
    if (wanted.includes(split)) continue;
    for (const [code, f] of bySplit.get(split)!) {
      if (!codes.has(code))
        warnings.push({
          code: "split-missing",
          language: code,
          message: `${f.file} has no ${wanted[0]} counterpart; ${code} is skipped (use --split ${split})`,
        });
    }
  }
  const languages: LanguageSource[] = [];
  const sizes = new Map<Split, Set<number>>(wanted.map((s) => [s, new Set()]));
  for (const code of [...codes].sort()) {
    const { source, parts } = await floresPlusLanguageSource(code, { root, wanted, bySplit, options, warnings });
    languages.push(source);
    for (const p of parts) sizes.get(p.split)!.add(p.count);
  }
  warnings.push(...sizeWarnings(root, sizes));
  return { languages, warnings, kind: "flores-plus" };
}

/** One split of one language: its size, alignment signature and segments (ids `<split>:<id>`). */
interface SplitPart {
  split: Split;
  file: string;
  count: number;
  signature: string;
  segments: () => AsyncIterable<Segment>;
}

async function readSplitFile(
  f: SplitFile,
  split: Split,
  options: ReadOptions,
  warnings: Warning[],
): Promise<SplitPart> {
  if (f.layout === "text") {
    const scan = await scanLineFile(f.file, options);
    warnings.push(...scanWarnings(f.file, f.info.code, scan));
    return {
      split,
      file: f.file,
      count: scan.lines,
      signature: `lines=${scan.lines}`,
      segments: () => lineSegments(f.file, `${split}:`, options),
    };
  }
  // the file name says the language: a FLORES+ file holds one, and its iso columns cannot tell the varieties apart
  const opened = await openParquetFiles([f.file], { ...options, table: { lang: f.name } }, { root: f.file });
  warnings.push(...opened.warnings);
  const lang = opened.languages[0]!;
  return {
    split,
    file: f.file,
    count: lang.count,
    signature: lang.signature,
    segments: async function* () {
      for await (const s of lang.segments()) yield { id: `${split}:${s.id}`, text: s.text };
    },
  };
}

async function floresPlusLanguageSource(
  code: string,
  at: {
    root: string;
    wanted: Split[];
    bySplit: Map<Split, Map<string, SplitFile>>;
    options: ReadOptions;
    warnings: Warning[];
  },
): Promise<{ source: LanguageSource; parts: SplitPart[] }> {
  const { root, wanted, bySplit, options, warnings } = at;
  const parts: SplitPart[] = [];
  let first: SplitFile | undefined;
  const missing: Split[] = [];
  for (const split of wanted) {
    const f = bySplit.get(split)!.get(code);
    if (!f) {
      missing.push(split);
      continue;
    }
    first ??= f;
    parts.push(await readSplitFile(f, split, options, warnings));
  }
  const info = first!.info;
  const gap = missing[0];
  const source: LanguageSource = {
    info,
    ...(first!.note ? { note: `${first!.file}: ${first!.note}` } : {}),
    count: parts.reduce((s, p) => s + p.count, 0),
    signature: wanted.map((s) => `${s}=${parts.find((p) => p.split === s)?.signature ?? "missing"}`).join(","),
    sizeLabel: parts.map((p) => `${p.count} segments in ${p.file}`).join(" + ") + (gap ? ` (no ${gap} file)` : ""),
    ...(gap ? { incomplete: `it has no ${gap} file in ${root}` } : {}),
    describe: { name: info.name, file: parts.map((p) => p.file).join(", ") },
    segments: async function* () {
      for (const p of parts) yield* p.segments();
    },
  };
  return { source, parts };
}

/** A folder whose languages agree with each other but not with the release is a different dataset (or a sample). */
function sizeWarnings(root: string, sizes: ReadonlyMap<Split, ReadonlySet<number>>): Warning[] {
  const warnings: Warning[] = [];
  for (const [split, counts] of sizes) {
    const only = [...counts][0]!;
    if (counts.size === 1 && only !== FLORES200_SIZES[split]) {
      warnings.push({
        code: "flores-size",
        message: `${root}/${split} has ${only} segments per language; FLORES+ has ${FLORES200_SIZES[split]}. Is this a sample or another dataset?`,
      });
    }
  }
  return warnings;
}
