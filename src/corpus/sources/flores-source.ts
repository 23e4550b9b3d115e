// `flores:<dir>`: a FLORES-200 folder as distributed (dev/<code>.dev, devtest/<code>.devtest).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CorpusError } from "../../errors.js";
import type { Segment, Warning } from "../../types.js";
import { FLORES_FILE_SPLITS, floresFileSplits, type FloresFileSplit } from "../flores-splits.js";
import type { LanguageInfo } from "../languages.js";
import { languageFiles, lineSegments, rejectDuplicates, scanLineFile, scanWarnings } from "./line-files.js";
import type { LanguageSource, ReadOptions, SourceResult } from "./source.js";

/** Sentences per language in the released FLORES-200 splits. */
export const FLORES200_SIZES = { dev: 997, devtest: 1012 } as const satisfies Record<FloresFileSplit, number>;
type Split = FloresFileSplit;

/** The folder holding dev/ and devtest/: `dir` itself or the `flores200_dataset` folder the archive unpacks to. */
export function floresRoot(dir: string): string {
  for (const root of [dir, join(dir, "flores200_dataset")]) {
    if (existsSync(join(root, "dev")) || existsSync(join(root, "devtest"))) return root;
  }
  throw new CorpusError(
    `${dir} is not a FLORES-200 folder: expected dev/<code>.dev and devtest/<code>.devtest (or a flores200_dataset/ folder holding them).`,
  );
}

export async function openFlores(dir: string, options: ReadOptions): Promise<SourceResult> {
  const root = floresRoot(dir);
  const wanted: Split[] = floresFileSplits(options.split);
  const bySplit: FilesBySplit = new Map();
  for (const split of FLORES_FILE_SPLITS) {
    const splitDir = join(root, split);
    const files = existsSync(splitDir) ? await languageFiles(splitDir, `.${split}`) : [];
    rejectDuplicates(files);
    bySplit.set(split, new Map(files.map((f) => [f.info.code, f])));
  }
  for (const split of wanted) {
    if (bySplit.get(split)!.size === 0) {
      throw new CorpusError(
        `FLORES folder ${root} has no ${split}/<code>.${split} files. Use --split ${split === "dev" ? "devtest" : "dev"} or check the folder.`,
      );
    }
  }

  const warnings: Warning[] = [];
  const codes = new Set<string>();
  for (const split of wanted) for (const code of bySplit.get(split)!.keys()) codes.add(code);
  // a language only in the split that was not asked for is skipped, with a warning
  for (const split of FLORES_FILE_SPLITS) {
    // Stryker disable next-line ConditionalExpression: equivalent, every code of a wanted split is in codes, so it would add no warning
    if (wanted.includes(split)) continue;
    for (const [code, f] of bySplit.get(split)!) {
      if (!codes.has(code)) {
        warnings.push({
          code: "split-missing",
          language: code,
          // another split is skipped only when one split is wanted
          message: `${f.file} has no ${wanted[0]} counterpart; ${code} is skipped (use --split ${split})`,
        });
      }
    }
  }

  const languages: LanguageSource[] = [];
  for (const code of [...codes].sort())
    languages.push(await floresLanguage(code, { root, wanted, bySplit, options, warnings }));
  warnings.push(...floresSizeWarnings(root, wanted, languages));
  return { languages, warnings, kind: "flores" };
}

/** The files of each split, by language code. */
type FilesBySplit = Map<Split, Map<string, { file: string; info: LanguageInfo; note?: string }>>;

/** One language: its files in the wanted splits scanned (their warnings added to `warnings`), to be read on demand. */
async function floresLanguage(
  code: string,
  at: { root: string; wanted: Split[]; bySplit: FilesBySplit; options: ReadOptions; warnings: Warning[] },
): Promise<LanguageSource> {
  const { root, wanted, bySplit, options, warnings } = at;
  const parts: Array<{ split: Split; file: string; lines: number }> = [];
  let info: LanguageInfo | undefined;
  let note: string | undefined;
  const missing: Split[] = [];
  for (const split of wanted) {
    const f = bySplit.get(split)!.get(code);
    if (!f) {
      missing.push(split);
      continue;
    }
    info = f.info;
    note = f.note ? `${f.file}: ${f.note}` : note;
    const scan = await scanLineFile(f.file, options);
    warnings.push(...scanWarnings(f.file, code, scan));
    parts.push({ split, file: f.file, lines: scan.lines });
  }
  const count = parts.reduce((s, p) => s + p.lines, 0);
  // at most one: the language has a file in some wanted split, and at most two are wanted
  const gap = missing[0];
  return {
    info: info!,
    ...(note ? { note } : {}),
    count,
    signature: wanted.map((s) => `${s}=${parts.find((p) => p.split === s)?.lines ?? "missing"}`).join(","),
    sizeLabel: parts.map((p) => `${p.lines} lines in ${p.file}`).join(" + ") + (gap ? ` (no ${gap} file)` : ""),
    ...(gap ? { incomplete: `it has no ${gap} file in ${root}` } : {}),
    describe: { name: info!.name, file: parts.map((p) => p.file).join(", ") },
    segments: () => floresSegments(parts, options),
  };
}

/** A folder whose languages agree with each other but not with the release is a different dataset. */
function floresSizeWarnings(root: string, wanted: Split[], languages: LanguageSource[]): Warning[] {
  const warnings: Warning[] = [];
  for (const split of wanted) {
    const counts = new Set(languages.map((l) => l.signature.split(",").find((s) => s.startsWith(`${split}=`))));
    if (counts.size === 1 && !counts.has(`${split}=${FLORES200_SIZES[split]}`)) {
      warnings.push({
        code: "flores-size",
        message: `${root}/${split} has ${[...counts][0]!.split("=")[1]} lines per language; the FLORES-200 release has ${FLORES200_SIZES[split]}. Is this a different version of FLORES?`,
      });
    }
  }
  return warnings;
}

async function* floresSegments(
  parts: ReadonlyArray<{ split: Split; file: string }>,
  options: ReadOptions,
): AsyncGenerator<Segment> {
  for (const p of parts) yield* lineSegments(p.file, `${p.split}:`, options);
}
