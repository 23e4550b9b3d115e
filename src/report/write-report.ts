// writeReport: renders ReportData into a report directory, atomically (temp directory next to the target, then rename).
import { randomBytes } from "node:crypto";
import { renameSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { defaultCacheDir } from "../disk-cache.js";
import { OutputError } from "../errors.js";
import type { Warning } from "../types.js";
import { makeDirectories } from "../output-dir.js";
import { DEFAULT_CHART_EXPORT, NO_CHART_IMAGES, type ChartExport } from "./chart-formats.js";
import { buildCharts } from "./chart-registry.js";
import { resultsCsv } from "./csv.js";
import { renderChartImages, type ChartImageOptions } from "./export.js";
import { renderHtml } from "./html.js";
import { summaryMarkdown } from "./markdown.js";
import { compareLatex } from "./latex.js";
import { TABLE_METRICS } from "./compare-tables.js";
import type { ReportData, ReportFiles } from "../results/report-data.js";
import {
  asideFolderName,
  checkReportTarget,
  markTempFolder,
  mountPointError,
  removeOnSignal,
  removeStaleTempFolders,
  recoverInterruptedSwaps,
  reportManifest,
  REPORT_MANIFEST,
  type SignalGuard,
  tempFolderName,
} from "./report-dir.js";
import { buildReportModel } from "./report-model.js";

/** Options of `writeReport`. */
export interface WriteReportOptions extends ChartImageOptions {
  /** Also export every chart as an image: `svg`, `png`, or `none`. @default "none" */
  charts?: ChartExport;
  /**
   * Cache directory for the page's font subsets (under `fonts/`), or false to neither read nor write it.
   * @default ~/.cache/toklens ($TOKLENS_CACHE_DIR)
   */
  cache?: string | false;
  /** Called with each warning of writing (a cache entry that was ignored and recomputed). */
  onWarning?: (warning: Warning) => void;
}

/** The shape checks a report needs before anything is written; a JSON file from elsewhere may lack fields. */
function checkData(data: ReportData): void {
  const problems: string[] = [];
  if (typeof data?.title !== "string") problems.push("title must be a string");
  const c = data?.compare;
  if (
    !c ||
    !Array.isArray(c.tokenizers) ||
    !Array.isArray(c.languages) ||
    !Array.isArray(c.results) ||
    typeof c.pivot !== "string"
  ) {
    problems.push("compare must be the output of `toklens compare --json` (tokenizers, languages, pivot, results)");
  } else {
    if (!Array.isArray(c.summary)) problems.push("compare.summary must be an array");
    if (!Array.isArray(c.warnings)) problems.push("compare.warnings must be an array");
  }
  const p = data?.provenance;
  if (
    !p ||
    typeof p.command !== "string" ||
    typeof p.toolkitVersion !== "string" ||
    !p.corpus ||
    !Array.isArray(p.tokenizers)
  ) {
    problems.push("provenance must hold toolkitVersion, command, date, corpus {source, sha256} and tokenizers[]");
  }
  if (problems.length > 0) {
    throw new OutputError(
      `Cannot write a report from this data: ${problems.join("; ")}. Regenerate it with \`toklens compare --json\` or \`toklens run\`.`,
    );
  }
}

/**
 * Moves `from` to `to`, replacing a previous report directory at `to`; on failure restores the previous one. The two
 * renames are synchronous, so a SIGINT/SIGTERM handler never runs between them; a run killed there (kill -9) leaves the
 * previous report aside, which the next run restores (`recoverInterruptedSwaps`).
 */
async function swapInto(from: string, to: string, guard: SignalGuard): Promise<void> {
  // checked again right before replacing: the folder may have changed since the run started
  if (!(await checkReportTarget(to))) {
    renameSync(from, to);
    return;
  }
  // A directory cannot be swapped atomically with rename(2) alone: move the old one aside first, and move it
  // back if the second rename fails, so a reader sees either the old or the new report, never a half one.
  const aside = join(dirname(to), asideFolderName(to, process.pid, randomBytes(4).toString("hex")));
  guard.swap = { aside, target: to };
  try {
    renameSync(to, aside);
  } catch (err) {
    // a bind mount of the same file system shares its parent's device: only the rename tells
    throw (err as NodeJS.ErrnoException).code === "EBUSY" ? mountPointError(to, err) : err;
  }
  try {
    renameSync(from, to);
  } catch (err) {
    renameSync(aside, to);
    throw err;
  }
  await rm(aside, { recursive: true, force: true });
}

/** The run's temporary folder beside `target` (stale ones of interrupted runs removed), and its SIGINT/SIGTERM guard. */
async function makeTempFolder(target: string): Promise<{ temp: string; guard: SignalGuard }> {
  const parent = dirname(target);
  try {
    await makeDirectories(parent);
  } catch (err) {
    throw new OutputError(
      `Cannot create ${parent} for the report: ${(err as Error).message}. Choose a writable --out directory.`,
      { cause: err },
    );
  }
  await removeStaleTempFolders(parent, target);
  const temp = join(parent, tempFolderName(target, process.pid, randomBytes(4).toString("hex")));
  // listening before the folder exists: a signal between mkdir and the next line would otherwise leave it behind
  const guard = removeOnSignal(temp);
  try {
    await mkdir(temp);
  } catch (err) {
    guard.release();
    throw new OutputError(
      `Cannot write a report next to ${target}: ${(err as Error).message}. Choose a writable --out directory.`,
      { cause: err },
    );
  }
  return { temp, guard };
}

/** Writes every file of the report into `temp` (all but the manifest); returns the spec files and image paths. */
async function writeFiles(
  data: ReportData,
  temp: string,
  options: WriteReportOptions,
): Promise<{ specs: string[]; images: string[] }> {
  await markTempFolder(temp);
  const model = buildReportModel(data);
  const charts = buildCharts(model);
  const specs: string[] = [];
  for (const c of charts) {
    const file = `${c.name}.vl.json`;
    await writeFile(join(temp, file), JSON.stringify(c.spec, null, 2) + "\n");
    specs.push(file);
  }
  await writeFile(join(temp, "results.csv"), resultsCsv(model));
  await writeFile(join(temp, "summary.md"), summaryMarkdown(model));
  const header = `generated by toklens ${data.provenance.toolkitVersion}; rerun with: ${data.provenance.command}`;
  await writeFile(join(temp, "results.tex"), compareLatex(data.compare, TABLE_METRICS, header));
  await writeFile(join(temp, "results.json"), JSON.stringify({ $comment: header, ...data }, null, 2) + "\n");
  const fonts = {
    cacheDir: options.cache === false ? null : (options.cache ?? defaultCacheDir()),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  };
  await writeFile(join(temp, "index.html"), renderHtml(model, charts, fonts));
  const format = options.charts ?? DEFAULT_CHART_EXPORT;
  const images = format === NO_CHART_IMAGES ? [] : await renderChartImages(charts, temp, format, options);
  return { specs, images };
}

/**
 * Writes a report into `outDir`: index.html (self-contained), results.json, results.csv, summary.md, results.tex, one
 * `<name>.vl.json` per chart and, with `charts: "svg" | "png"`, one image per chart. Everything is written into
 * a temporary directory next to `outDir` and renamed into place at the end, so a failed run leaves any previous
 * report at `outDir` untouched. `outDir` may be missing, empty, or a previous toklens report (marked by
 * `.toklens-report.json`, which lists the files written); any other folder is refused with an OutputError. Temporary
 * folders of interrupted runs beside `outDir` are removed, and so is this run's on SIGINT/SIGTERM.
 */
export async function writeReport(
  data: ReportData,
  outDir: string,
  options: WriteReportOptions = {},
): Promise<ReportFiles> {
  checkData(data);
  const target = resolve(outDir);
  const parent = dirname(target);
  await recoverInterruptedSwaps(parent, target);
  await checkReportTarget(target);
  const { temp, guard } = await makeTempFolder(target);
  try {
    const { specs, images } = await writeFiles(data, temp, options);
    const written = [
      "index.html",
      "results.json",
      "results.csv",
      "summary.md",
      "results.tex",
      ...specs,
      ...images.map((p) => basename(p)),
    ];
    await writeFile(join(temp, REPORT_MANIFEST), reportManifest(written));
    await swapInto(temp, target, guard);
    return {
      dir: target,
      html: join(target, "index.html"),
      resultsJson: join(target, "results.json"),
      resultsCsv: join(target, "results.csv"),
      summaryMd: join(target, "summary.md"),
      resultsTex: join(target, "results.tex"),
      specs: specs.map((f) => join(target, f)),
      images: images.map((p) => join(target, basename(p))),
    };
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    // File-system failures (full disk, permissions) are the user's to fix; anything else is a bug and stays as is.
    if (
      err instanceof Error &&
      typeof (err as NodeJS.ErrnoException).code === "string" &&
      !(err instanceof OutputError)
    ) {
      throw new OutputError(
        `Writing the report to ${target} failed (${err.message}); any previous report there is unchanged. Check the disk space and permissions of ${parent}.`,
        { cause: err },
      );
    }
    throw err;
  } finally {
    guard.release();
  }
}
