// ISO 15924 writing systems toklens knows: English name, direction, and how words are delimited.

/**
 * How the word units of a script are found (see docs/corpora.md):
 * - `whitespace`: split at white space (and the Ethiopic word space U+1361);
 * - `segmenter`: `Intl.Segmenter` word granularity (ICU dictionaries for Han, Japanese, Thai, Lao, Khmer, Burmese);
 * - `tsheg`: Tibetan syllables, split at the tsheg and shad marks;
 * - `syllable`: grapheme clusters (orthographic syllables) for unspaced scripts ICU has no dictionary for.
 */
export type WordUnit = "whitespace" | "segmenter" | "tsheg" | "syllable";

export interface ScriptInfo {
  /** ISO 15924 code, e.g. `Latn`. */
  code: string;
  /** English name from ISO 15924. */
  name: string;
  direction: "ltr" | "rtl";
  /** Whether running text separates words with spaces. */
  spaced: boolean;
  wordUnit: WordUnit;
  /** The Unicode `Script` property value(s) the code covers, for detecting a text's script. */
  unicode: readonly string[];
}

type Row = [code: string, name: string, unicode: readonly string[], direction?: "rtl" | undefined, wordUnit?: WordUnit];

// Direction and spacing come from the Unicode/ISO 15924 script descriptions; unspaced ones were
// checked against the UDHR texts (characters per white-space unit above 20 for all of them).
const ROWS: readonly Row[] = [
  ["Adlm", "Adlam", ["Adlam"], "rtl"],
  ["Arab", "Arabic", ["Arabic"], "rtl"],
  ["Armn", "Armenian", ["Armenian"]],
  ["Bali", "Balinese", ["Balinese"], undefined, "syllable"],
  ["Bamu", "Bamum", ["Bamum"]],
  ["Beng", "Bengali (Bangla)", ["Bengali"]],
  ["Bugi", "Buginese", ["Buginese"]],
  ["Cakm", "Chakma", ["Chakma"]],
  ["Cans", "Unified Canadian Aboriginal Syllabics", ["Canadian_Aboriginal"]],
  ["Cher", "Cherokee", ["Cherokee"]],
  ["Copt", "Coptic", ["Coptic"]],
  ["Cyrl", "Cyrillic", ["Cyrillic"]],
  ["Deva", "Devanagari (Nagari)", ["Devanagari"]],
  ["Ethi", "Ethiopic (Geʻez)", ["Ethiopic"]],
  ["Geor", "Georgian (Mkhedruli)", ["Georgian"]],
  ["Gran", "Grantha", ["Grantha"]],
  ["Grek", "Greek", ["Greek"]],
  ["Gujr", "Gujarati", ["Gujarati"]],
  ["Guru", "Gurmukhi", ["Gurmukhi"]],
  ["Hang", "Hangul (Hangŭl, Hangeul)", ["Hangul"]],
  ["Hani", "Han (Hanzi, Kanji, Hanja)", ["Han"], undefined, "segmenter"],
  ["Hans", "Han (Simplified variant)", ["Han"], undefined, "segmenter"],
  ["Hant", "Han (Traditional variant)", ["Han"], undefined, "segmenter"],
  ["Hebr", "Hebrew", ["Hebrew"], "rtl"],
  ["Jpan", "Japanese (alias for Han + Hiragana + Katakana)", ["Han", "Hiragana", "Katakana"], undefined, "segmenter"],
  ["Java", "Javanese", ["Javanese"], undefined, "syllable"],
  ["Khmr", "Khmer", ["Khmer"], undefined, "segmenter"],
  ["Knda", "Kannada", ["Kannada"]],
  ["Kore", "Korean (alias for Hangul + Han)", ["Hangul", "Han"]],
  ["Lana", "Tai Tham (Lanna)", ["Tai_Tham"], undefined, "syllable"],
  ["Laoo", "Lao", ["Lao"], undefined, "segmenter"],
  ["Latn", "Latin", ["Latin"]],
  ["Lisu", "Lisu (Fraser)", ["Lisu"]],
  ["Mlym", "Malayalam", ["Malayalam"]],
  ["Mong", "Mongolian", ["Mongolian"]],
  ["Mtei", "Meitei Mayek (Meithei, Meetei)", ["Meetei_Mayek"]],
  ["Mymr", "Myanmar (Burmese)", ["Myanmar"], undefined, "segmenter"],
  ["Nkoo", "N’Ko", ["Nko"], "rtl"],
  ["Olck", "Ol Chiki (Ol Cemet’, Ol, Santali)", ["Ol_Chiki"]],
  ["Orya", "Oriya (Odia)", ["Oriya"]],
  ["Osge", "Osage", ["Osage"]],
  ["Sinh", "Sinhala", ["Sinhala"]],
  ["Sund", "Sundanese", ["Sundanese"]],
  ["Syrc", "Syriac", ["Syriac"], "rtl"],
  ["Tale", "Tai Le", ["Tai_Le"]],
  ["Taml", "Tamil", ["Tamil"]],
  ["Tavt", "Tai Viet", ["Tai_Viet"]],
  ["Telu", "Telugu", ["Telugu"]],
  ["Tfng", "Tifinagh (Berber)", ["Tifinagh"]],
  ["Tglg", "Tagalog (Baybayin, Alibata)", ["Tagalog"]],
  ["Thaa", "Thaana", ["Thaana"], "rtl"],
  ["Thai", "Thai", ["Thai"], undefined, "segmenter"],
  ["Tibt", "Tibetan", ["Tibetan"], undefined, "tsheg"],
  ["Vaii", "Vai", ["Vai"]],
  ["Yiii", "Yi", ["Yi"], undefined, "syllable"],
];

export const SCRIPTS: ReadonlyMap<string, ScriptInfo> = new Map(
  ROWS.map(([code, name, unicode, direction, wordUnit]) => {
    const unit = wordUnit ?? "whitespace";
    return [
      code,
      { code, name, unicode, direction: direction ?? "ltr", wordUnit: unit, spaced: unit === "whitespace" },
    ];
  }),
);

/**
 * The script record for an ISO 15924 code. A code toklens has no row for is treated as a spaced,
 * left-to-right script (the common case), so a new corpus language still gets word units.
 */
export function scriptInfo(code: string): ScriptInfo {
  return SCRIPTS.get(code) ?? { code, name: code, unicode: [], direction: "ltr", spaced: true, wordUnit: "whitespace" };
}
