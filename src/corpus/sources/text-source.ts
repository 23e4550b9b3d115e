// `text:<dir>`: one <code>.txt per language, one segment per line; parallel when line counts match.
import { CorpusError } from "../../errors.js";
import type { Warning } from "../../types.js";
import { languageFiles, lineSegments, rejectDuplicates, scanLineFile, scanWarnings } from "./line-files.js";
import type { LanguageSource, ReadOptions, SourceResult } from "./source.js";

export async function openTextDir(dir: string, options: ReadOptions): Promise<SourceResult> {
  const files = await languageFiles(dir, ".txt");
  if (files.length === 0)
    throw new CorpusError(
      `No <code>.txt files in ${dir}. A text corpus is a folder with one file per language, e.g. eng_Latn.txt.`,
    );
  rejectDuplicates(files);
  const warnings: Warning[] = [];
  const languages: LanguageSource[] = [];
  for (const f of files) {
    const scan = await scanLineFile(f.file, options);
    warnings.push(...scanWarnings(f.file, f.info.code, scan));
    languages.push({
      info: f.info,
      ...(f.note ? { note: `${f.file}: ${f.note}` } : {}),
      count: scan.lines,
      signature: `lines=${scan.lines}`,
      sizeLabel: `${scan.lines} lines in ${f.file}`,
      describe: { name: f.info.name, file: f.file },
      segments: () => lineSegments(f.file, "", options),
    });
  }
  return { languages, warnings, kind: "text" };
}
