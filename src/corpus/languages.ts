// The language registry: FLORES-style codes, names, scripts, and resolution of the codes people type.
import { closestMatches, ConfigError } from "../errors.js";
import type { LanguageCode } from "../types.js";
import type { LanguageRecord, UdhrRecord } from "./build-language-data.js";
import { MACRO_ISO639_1, MACROLANGUAGES } from "./flores200-codes.js";
import { LANGUAGE_DATA } from "./language-data.js";
import { scriptInfo, type WordUnit } from "./scripts.js";

export interface LanguageInfo {
  /** FLORES-style code `<ISO 639-3>_<ISO 15924>`, e.g. `deu_Latn`. */
  code: LanguageCode;
  iso639_3: string;
  /** ISO 15924 script code, e.g. `Latn`. */
  script: string;
  /** English name. */
  name: string;
  direction: "ltr" | "rtl";
  /** Whether the script separates words with spaces (decides how words are counted). */
  spaced: boolean;
  /** English name of the script. */
  scriptName: string;
  /** How `segmentWords` finds words in this language. */
  wordUnit: WordUnit;
  iso639_1?: string;
  /** The code FLORES-200 files use for this language, when FLORES-200 has it (`zho_Hans` for `cmn_Hans`). */
  flores?: string;
  /** The built-in UDHR declaration used for this language, if any. */
  udhr?: UdhrRecord;
  /** False for a well-formed code found in a user corpus but unknown to the registry. */
  registered: boolean;
}

/** A resolved code, with a note when an alias (macrolanguage, ISO 639-1, FLORES code) was used. */
export interface LanguageResolution {
  info: LanguageInfo;
  /** What the user typed. */
  input: string;
  /** Set when the code was not the canonical one, saying which language was used instead and why. */
  note?: string;
}

function toInfo(r: LanguageRecord): LanguageInfo {
  const s = scriptInfo(r.script);
  return {
    code: r.code,
    iso639_3: r.iso639_3,
    script: r.script,
    name: r.name,
    direction: r.direction,
    spaced: s.spaced,
    scriptName: s.name,
    wordUnit: s.wordUnit,
    ...(r.iso639_1 ? { iso639_1: r.iso639_1 } : {}),
    ...(r.flores ? { flores: r.flores } : {}),
    ...(r.udhr ? { udhr: r.udhr } : {}),
    registered: true,
  };
}

const ALL: readonly LanguageInfo[] = LANGUAGE_DATA.map(toInfo);
const BY_CODE = new Map(ALL.map((l) => [l.code.toLowerCase(), l]));
const BY_FLORES = new Map(ALL.filter((l) => l.flores).map((l) => [l.flores!.toLowerCase(), l]));
const BY_ISO3 = new Map<string, LanguageInfo[]>();
const BY_ISO1 = new Map<string, Set<string>>();
for (const l of ALL) {
  BY_ISO3.set(l.iso639_3, [...(BY_ISO3.get(l.iso639_3) ?? []), l]);
  if (l.iso639_1) BY_ISO1.set(l.iso639_1, (BY_ISO1.get(l.iso639_1) ?? new Set()).add(l.iso639_3));
}

/**
 * The shape of a code `resolveLanguage` reads by its parts: an ISO 639-1/639-3 language, then an
 * optional ISO 15924 script and an optional region (2 letters or 3 digits), joined by `_` or `-`.
 */
const CODE_SHAPE = /^[a-z]{2,3}(?:[-_][a-z]{4})?(?:[-_](?:[a-z]{2}|[0-9]{3}))?$/i;
const CODE_PREFIX = /^[a-z]{2,3}(?:[-_][a-z]{4})?/i;

/** Every language toklens knows, sorted by code. */
export function listLanguages(): LanguageInfo[] {
  return [...ALL];
}

/** The registry entry with exactly this canonical code (case-insensitive), if any. */
export function findLanguage(code: string): LanguageInfo | undefined {
  return BY_CODE.get(code.trim().toLowerCase());
}

/**
 * Resolves `deu`, `de`, `deu_Latn`, `de-DE`, `zh-Hans`, `zho_Hans` (a FLORES code), `German` to
 * one registry entry. Throws ConfigError, listing the closest codes, when the code is unknown,
 * malformed (`deu_<b>`, `eng_Latn\0`: anything but language, script and region subtags) or
 * matches several languages (e.g. `srp` is written in Cyrillic and Latin).
 */
export function resolveLanguage(code: string): LanguageInfo {
  return resolveLanguageDetailed(code).info;
}

/**
 * Like `resolveLanguage`, and says which alias was used. With `available` (the codes a corpus has),
 * a macrolanguage or ambiguous code resolves to the one the corpus has.
 */
export function resolveLanguageDetailed(
  code: string,
  options: { available?: readonly LanguageCode[] } = {},
): LanguageResolution {
  const input = code.trim();
  if (input === "")
    throw new ConfigError("Empty language code. Use a FLORES-style code such as deu_Latn (run `toklens languages`).");
  const available = options.available ? new Set(options.available) : null;
  const preferAvailable = (list: LanguageInfo[]): LanguageInfo[] => {
    if (!available) return list;
    const kept = list.filter((l) => available.has(l.code));
    return kept.length > 0 ? kept : list;
  };

  const exact = BY_CODE.get(input.toLowerCase());
  if (exact) return { info: exact, input };
  const flores = BY_FLORES.get(input.toLowerCase());
  if (flores) {
    return {
      info: flores,
      input,
      note: `${input} is the FLORES-200 code of ${flores.code} (${flores.name}); toklens uses the individual-language code ${flores.code}`,
    };
  }

  // only a well-formed tag is read subtag by subtag: `eng_../../x` or `eng_Latn\0` must not become eng_Latn
  const wellFormed = CODE_SHAPE.test(input);
  const parts = input.split(/[-_]/);
  const lang = (parts[0] ?? "").toLowerCase();
  const scriptPart = parts.slice(1).find((p) => /^[A-Za-z]{4}$/.test(p));
  const script = scriptPart ? scriptPart[0]!.toUpperCase() + scriptPart.slice(1).toLowerCase() : undefined;
  const withScript = (list: readonly LanguageInfo[]): LanguageInfo[] =>
    list.filter((l) => !script || l.script === script);

  if (wellFormed) {
    let notePrefix = "";
    let isos: string[];
    if (lang.length === 2) {
      const macro = MACRO_ISO639_1[lang];
      isos = macro ? [macro] : [...(BY_ISO1.get(lang) ?? [])];
      if (isos.length > 0) notePrefix = `${lang} is ISO 639-1 for ${isos.join("/")}; `;
    } else {
      isos = [lang];
    }
    let candidates = preferAvailable(withScript(isos.flatMap((iso) => BY_ISO3.get(iso) ?? [])));
    let note: string | undefined = undefined;
    if (candidates.length === 0) ({ candidates, note } = macrolanguageCandidates(isos, withScript, available));
    if (candidates.length === 1) {
      const info = candidates[0]!;
      const isAlias = info.code.toLowerCase() !== input.toLowerCase() && (note !== undefined || notePrefix !== "");
      return isAlias
        ? { info, input, note: `${notePrefix}${note ?? `resolved to ${info.code}`} (${info.code}, ${info.name})` }
        : { info, input };
    }
    if (candidates.length > 1) {
      const list = candidates.map((l) => `${l.code} (${l.name})`).join(", ");
      throw new ConfigError(
        `Ambiguous language '${input}': it matches ${list}. Give the full code, e.g. ${candidates[0]!.code}.`,
      );
    }
  }

  const byName = ALL.filter((l) => l.name.toLowerCase() === input.toLowerCase());
  if (byName.length === 1) return { info: byName[0]!, input, note: `'${input}' is the name of ${byName[0]!.code}` };

  if (!wellFormed && /^[a-z]{2,3}[-_]/i.test(input)) {
    // junk after a valid prefix: suggest from the prefix, not from the junk
    const prefix = CODE_PREFIX.exec(input)![0];
    throw new ConfigError(
      `Malformed language code '${printable(input)}': a language is a FLORES-style code (deu_Latn), an ISO 639-1 or 639-3 code (de, deu), ` +
        `a BCP 47 tag (de-DE, zh-Hans) or an English name (German). Closest: ${suggestions(prefix).join(", ")}. Run \`toklens languages\` to list codes.`,
    );
  }
  throw new ConfigError(
    `Unknown language '${printable(input)}'. Closest: ${suggestions(input).join(", ")}. Run \`toklens languages\` to list codes.`,
  );
}

/**
 * For macrolanguage codes (`zho`, `ara`) that name no registry entry themselves: the first individual language
 * with entries, preferring one the corpus has (`available`); without one there, the registry's first, so the
 * caller can say what is missing.
 */
function macrolanguageCandidates(
  isos: readonly string[],
  withScript: (list: readonly LanguageInfo[]) => LanguageInfo[],
  available: ReadonlySet<string> | null,
): { candidates: LanguageInfo[]; note: string | undefined } {
  for (const macro of isos) {
    for (const individual of MACROLANGUAGES[macro] ?? []) {
      const found = withScript(BY_ISO3.get(individual) ?? []);
      const usable = available ? found.filter((l) => available.has(l.code)) : found;
      if (usable.length > 0 || (!available && found.length > 0)) {
        return {
          candidates: usable.length > 0 ? usable : found,
          note: `${macro} is a macrolanguage; using the individual language ${individual}`,
        };
      }
    }
  }
  if (available) {
    // the corpus has none of them: still resolve against the registry so the caller can say what is missing
    for (const macro of isos) {
      const first = MACROLANGUAGES[macro]?.find((i) => withScript(BY_ISO3.get(i) ?? []).length > 0);
      if (first) {
        return {
          candidates: withScript(BY_ISO3.get(first) ?? []),
          note: `${macro} is a macrolanguage; using the individual language ${first}`,
        };
      }
    }
  }
  return { candidates: [], note: undefined };
}

/** `value` with control characters escaped (\u0000), so a message never writes them to a terminal. */
function printable(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The closest registry codes to `input`, by code and by English name. */
export function suggestions(input: string, limit = 5): string[] {
  const codes = ALL.map((l) => l.code);
  const byCode = closestMatches(input.replace("-", "_"), codes, limit);
  const lower = input.toLowerCase();
  const byName = lower.length > 3 ? ALL.filter((l) => l.name.toLowerCase().includes(lower)).map((l) => l.code) : [];
  return [...new Set([...byName, ...byCode])].slice(0, limit);
}

const WELL_FORMED = /^([a-z]{3})_([A-Z][a-z]{3})$/;

/**
 * Resolves a code found in a corpus (a file name, a JSONL `lang`). A well-formed `xxx_Xxxx` code the
 * registry lacks is accepted as an unregistered language (FLORES+ keeps adding languages); anything
 * else unknown throws like `resolveLanguage`.
 */
export function resolveCorpusLanguage(code: string, available?: readonly LanguageCode[]): LanguageResolution {
  try {
    return resolveLanguageDetailed(code, available ? { available } : {});
  } catch (err) {
    const m = WELL_FORMED.exec(code.trim());
    if (!(err instanceof ConfigError) || !m) throw err;
    const s = scriptInfo(m[2]!);
    return {
      input: code,
      note: `${code} is not in the toklens language registry; using it as given`,
      info: {
        code: code.trim(),
        iso639_3: m[1]!,
        script: m[2]!,
        name: code.trim(),
        direction: s.direction,
        spaced: s.spaced,
        scriptName: s.name,
        wordUnit: s.wordUnit,
        registered: false,
      },
    };
  }
}

/** The ISO 15924 script of a code: the registry's, else the script part of a well-formed code. */
export function languageScript(code: LanguageCode): string {
  const known = BY_CODE.get(code.toLowerCase());
  if (known) return known.script;
  const m = /_([A-Z][a-z]{3})$/.exec(code);
  if (m) return m[1]!;
  return resolveLanguage(code).script;
}
