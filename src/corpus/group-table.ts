// The `--group-by` table: a user's language,group CSV, its codes resolved against the run's languages.
import { ConfigError } from "../errors.js";
import { readCsvTable } from "./csv-table.js";
import { resolveCorpusLanguage } from "./languages.js";
import type { Warning } from "../types.js";

/** The `--group-by` value that groups languages by their script (the corpus layer's ISO 15924 code). */
export const GROUP_BY_SCRIPT = "script";

/** language code -> group name. */
export type LanguageGroups = Map<string, string>;

/**
 * Reads a `language,group` CSV (a header row naming both columns once; other columns are ignored; strict RFC 4180,
 * a malformed file is refused naming the line). Codes may be any form `toklens languages` accepts (`deu_Latn`, `deu`, `de`); they are resolved
 * against the run's languages, and rows for languages not in the run are counted in a warning.
 */
export async function readGroupCsv(
  file: string,
  runLanguages: readonly string[],
): Promise<{ groups: LanguageGroups; warnings: Warning[] }> {
  const rows = await readCsvTable(file, {
    label: `--group-by file '${file}'`,
    columns: ["language", "group"],
    example: "language,group",
    unreadable: (reason) =>
      `Cannot read --group-by file '${file}' (${reason}). Give "script" or a CSV with columns language,group.`,
  });
  const groups: LanguageGroups = new Map();
  const outside: string[] = [];
  rows.forEach(({ line, values }) => {
    const raw = values["language"]!.trim();
    const group = values["group"]!.trim();
    if (!raw && !group) return;
    if (!raw || !group)
      throw new ConfigError(
        `--group-by file '${file}', line ${line}: both language and group are needed, got '${raw}','${group}'.`,
      );
    const code = runCode(raw, runLanguages);
    if (code === null) {
      outside.push(raw);
      return;
    }
    const before = groups.get(code);
    if (before !== undefined && before !== group) {
      throw new ConfigError(
        `--group-by file '${file}' puts ${code} in two groups ('${before}' and '${group}', line ${line}); give each language one group.`,
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
