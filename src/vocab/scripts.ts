// Unicode Script property of a character, derived from the engine's `\p{Script=...}` regexes.

/**
 * Long names of the Unicode Script property values (Unicode 15.1). Names the running engine does
 * not know are dropped when the table is built, so a newer list never breaks an older Node.
 */
const SCRIPT_NAMES = [
  // the common ones first: lookups test scripts in this order
  "Latin",
  "Common",
  "Inherited",
  "Han",
  "Cyrillic",
  "Arabic",
  "Greek",
  "Hangul",
  "Hiragana",
  "Katakana",
  "Devanagari",
  "Bengali",
  "Thai",
  "Hebrew",
  "Ethiopic",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Gujarati",
  "Gurmukhi",
  "Oriya",
  "Sinhala",
  "Georgian",
  "Armenian",
  "Myanmar",
  "Khmer",
  "Lao",
  "Tibetan",
  "Mongolian",
  "Thaana",
  "Syriac",
  "Tifinagh",
  "Cherokee",
  "Canadian_Aboriginal",
  "Yi",
  "Bopomofo",
  "Adlam",
  "Ahom",
  "Anatolian_Hieroglyphs",
  "Avestan",
  "Balinese",
  "Bamum",
  "Bassa_Vah",
  "Batak",
  "Bhaiksuki",
  "Brahmi",
  "Braille",
  "Buginese",
  "Buhid",
  "Carian",
  "Caucasian_Albanian",
  "Chakma",
  "Cham",
  "Chorasmian",
  "Coptic",
  "Cuneiform",
  "Cypriot",
  "Cypro_Minoan",
  "Deseret",
  "Dives_Akuru",
  "Dogra",
  "Duployan",
  "Egyptian_Hieroglyphs",
  "Elbasan",
  "Elymaic",
  "Glagolitic",
  "Gothic",
  "Grantha",
  "Gunjala_Gondi",
  "Hanifi_Rohingya",
  "Hanunoo",
  "Hatran",
  "Imperial_Aramaic",
  "Inscriptional_Pahlavi",
  "Inscriptional_Parthian",
  "Javanese",
  "Kaithi",
  "Kawi",
  "Kayah_Li",
  "Kharoshthi",
  "Khitan_Small_Script",
  "Khojki",
  "Khudawadi",
  "Lepcha",
  "Limbu",
  "Linear_A",
  "Linear_B",
  "Lisu",
  "Lycian",
  "Lydian",
  "Mahajani",
  "Makasar",
  "Mandaic",
  "Manichaean",
  "Marchen",
  "Masaram_Gondi",
  "Medefaidrin",
  "Meetei_Mayek",
  "Mende_Kikakui",
  "Meroitic_Cursive",
  "Meroitic_Hieroglyphs",
  "Miao",
  "Modi",
  "Mro",
  "Multani",
  "Nabataean",
  "Nag_Mundari",
  "Nandinagari",
  "New_Tai_Lue",
  "Newa",
  "Nko",
  "Nushu",
  "Nyiakeng_Puachue_Hmong",
  "Ogham",
  "Ol_Chiki",
  "Old_Hungarian",
  "Old_Italic",
  "Old_North_Arabian",
  "Old_Permic",
  "Old_Persian",
  "Old_Sogdian",
  "Old_South_Arabian",
  "Old_Turkic",
  "Old_Uyghur",
  "Osage",
  "Osmanya",
  "Pahawh_Hmong",
  "Palmyrene",
  "Pau_Cin_Hau",
  "Phags_Pa",
  "Phoenician",
  "Psalter_Pahlavi",
  "Rejang",
  "Runic",
  "Samaritan",
  "Saurashtra",
  "Sharada",
  "Shavian",
  "Siddham",
  "SignWriting",
  "Sogdian",
  "Sora_Sompeng",
  "Soyombo",
  "Sundanese",
  "Syloti_Nagri",
  "Tagalog",
  "Tagbanwa",
  "Tai_Le",
  "Tai_Tham",
  "Tai_Viet",
  "Takri",
  "Tangsa",
  "Tangut",
  "Tirhuta",
  "Toto",
  "Ugaritic",
  "Vai",
  "Vithkuqi",
  "Wancho",
  "Warang_Citi",
  "Yezidi",
  "Zanabazar_Square",
  "Garay",
  "Gurung_Khema",
  "Kirat_Rai",
  "Ol_Onal",
  "Sunuwar",
  "Todhri",
  "Tulu_Tigalari",
] as const;

/** A Unicode Script property value (`Latin`, `Ethiopic`, `Common`...), or `Unknown` for unassigned code points. */
export type ScriptName = string;

let table: ReadonlyArray<{ name: string; re: RegExp }> | null = null;

function scriptTable(): ReadonlyArray<{ name: string; re: RegExp }> {
  if (table) return table;
  const built: { name: string; re: RegExp }[] = [];
  for (const name of SCRIPT_NAMES) {
    try {
      built.push({ name, re: new RegExp(`^\\p{Script=${name}}$`, "u") });
    } catch {
      // this engine's Unicode version predates the script
    }
  }
  table = built;
  return table;
}

const cache = new Map<number, ScriptName>();

/** The Unicode Script of one code point (`Unknown` when no script claims it, e.g. unassigned). */
export function scriptOfCodePoint(codePoint: number): ScriptName {
  const hit = cache.get(codePoint);
  if (hit !== undefined) return hit;
  const ch = String.fromCodePoint(codePoint);
  let found: ScriptName = "Unknown";
  for (const { name, re } of scriptTable()) {
    if (re.test(ch)) {
      found = name;
      break;
    }
  }
  cache.set(codePoint, found);
  return found;
}

/** The Unicode Script of the first code point of `ch`. */
export function scriptOf(ch: string): ScriptName {
  const cp = ch.codePointAt(0);
  return cp === undefined ? "Unknown" : scriptOfCodePoint(cp);
}

/** Every script name this engine can test for. */
export function knownScripts(): string[] {
  return scriptTable().map((s) => s.name);
}
