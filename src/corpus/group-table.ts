// The `--group-by` table: a user's language,group CSV, its codes resolved against the run's languages.
import { readFile } from "node:fs/promises";
import { ConfigError } from "../errors.js";
import { resolveCorpusLanguage } from "./languages.js";
import type { Warning } from "../types.js";

/** The `--group-by` value that groups languages by their script (the corpus layer's ISO 15924 code). */
export const GROUP_BY_SCRIPT = "script";

/** language code -> group name. */
export type LanguageGroups = Map<string, string>;

/**
 * Reads a `language,group` CSV (a header row naming both columns; other columns are ignored; quoted fields as in
 * RFC 4180). Codes may be any form `toklens languages` accepts (`deu_Latn`, `deu`, `de`); they are resolved
 * against the run's languages, and rows for languages not in the run are counted in a warning.
 */
export async function readGroupCsv(
  file: string,
  runLanguages: readonly string[],
): Promise<{ groups: LanguageGroups; warnings: Warning[] }> {
  const rows = await readGroupRows(file);
  const groups: LanguageGroups = new Map();
  const outside: string[] = [];
  rows.forEach((row, i) => {
    const raw = String(row["language"] ?? "").trim();
    const group = String(row["group"] ?? "").trim();
    if (!raw && !group) return;
    if (!raw || !group)
      throw new ConfigError(
        `--group-by file '${file}', row ${i + 2}: both language and group are needed, got '${raw}','${group}'.`,
      );
    const code = runCode(raw, runLanguages);
    if (code === null) {
      outside.push(raw);
      return;
    }
    const before = groups.get(code);
    if (before !== undefined && before !== group) {
      throw new ConfigError(
        `--group-by file '${file}' puts ${code} in two groups ('${before}' and '${group}', row ${i + 2}); give each language one group.`,
      );
    }
    groups.set(code, group);
  });
  const warnings: Warning[] = [];
  if (outside.length > 0) {
    warnings.push({
      code: "group-language-not-in-run",
      message: `${outside.length} language(s) of '${file}' are not in this run and were ignored (${outside.slice(0, 5).join(", ")}${outside.length > 5 ? ", ..." : ""}).`,
    });
  }
  const missing = runLanguages.filter((l) => !groups.has(l));
  if (missing.length > 0) {
    warnings.push({
      code: "language-without-group",
      message: `${missing.length} language(s) of the run have no group in '${file}' and are left out of the groups (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", ..." : ""}). Add rows for them to include them.`,
    });
  }
  return { groups, warnings };
}

/** The rows of a `language,group` CSV, checked to have both columns. */
async function readGroupRows(file: string): Promise<Record<string, unknown>[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new ConfigError(
      `Cannot read --group-by file '${file}' (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Give "script" or a CSV with columns language,group.`,
    );
  }
  const aq = await import("arquero");
  let rows: Record<string, unknown>[];
  try {
    rows = aq.fromCSV(text.replace(/^\uFEFF/, ""), { parse: { language: String, group: String } }).objects() as Record<
      string,
      unknown
    >[];
  } catch (err) {
    throw new ConfigError(
      `--group-by file '${file}' is not valid CSV (${(err as Error).message}). Write one row per language: language,group.`,
    );
  }
  const columns =
    rows.length > 0
      ? Object.keys(rows[0]!)
      : text
          .split(/\r?\n/, 1)[0]!
          .split(",")
          .map((c) => c.trim());
  if (!columns.includes("language") || !columns.includes("group")) {
    throw new ConfigError(
      `--group-by file '${file}' has columns ${columns.map((c) => `'${c}'`).join(", ") || "(none)"}; it needs a header row with 'language' and 'group', e.g. "language,group".`,
    );
  }
  return rows;
}

/** The run's code for a CSV's language (any form `toklens languages` accepts), or null when it is not in the run. */
function runCode(raw: string, runLanguages: readonly string[]): string | null {
  if (runLanguages.includes(raw)) return raw;
  try {
    const resolved = resolveCorpusLanguage(raw, runLanguages).info.code;
    return runLanguages.includes(resolved) ? resolved : null;
  } catch {
    return null;
  }
}
