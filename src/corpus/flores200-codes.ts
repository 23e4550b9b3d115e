// The 204 language codes of FLORES-200 (NLLB Team 2022) with English names, as used in its file names.
// Source: the FLORES-200 README language table (github.com/facebookresearch/flores, CC BY-SA 4.0);
// names shortened to plain English. Used to merge FLORES codes into the language registry.

export const FLORES200: ReadonlyArray<readonly [code: string, name: string]> = [
  ["ace_Arab", "Acehnese (Arabic script)"], ["ace_Latn", "Acehnese (Latin script)"],
  ["acm_Arab", "Mesopotamian Arabic"], ["acq_Arab", "Ta'izzi-Adeni Arabic"], ["aeb_Arab", "Tunisian Arabic"],
  ["afr_Latn", "Afrikaans"], ["ajp_Arab", "South Levantine Arabic"], ["aka_Latn", "Akan"], ["amh_Ethi", "Amharic"],
  ["apc_Arab", "North Levantine Arabic"], ["arb_Arab", "Modern Standard Arabic"],
  ["arb_Latn", "Modern Standard Arabic (Romanized)"], ["ars_Arab", "Najdi Arabic"], ["ary_Arab", "Moroccan Arabic"],
  ["arz_Arab", "Egyptian Arabic"], ["asm_Beng", "Assamese"], ["ast_Latn", "Asturian"], ["awa_Deva", "Awadhi"],
  ["ayr_Latn", "Central Aymara"], ["azb_Arab", "South Azerbaijani"], ["azj_Latn", "North Azerbaijani"],
  ["bak_Cyrl", "Bashkir"], ["bam_Latn", "Bambara"], ["ban_Latn", "Balinese"], ["bel_Cyrl", "Belarusian"],
  ["bem_Latn", "Bemba"], ["ben_Beng", "Bengali"], ["bho_Deva", "Bhojpuri"], ["bjn_Arab", "Banjar (Arabic script)"],
  ["bjn_Latn", "Banjar (Latin script)"], ["bod_Tibt", "Standard Tibetan"], ["bos_Latn", "Bosnian"],
  ["bug_Latn", "Buginese"], ["bul_Cyrl", "Bulgarian"], ["cat_Latn", "Catalan"], ["ceb_Latn", "Cebuano"],
  ["ces_Latn", "Czech"], ["cjk_Latn", "Chokwe"], ["ckb_Arab", "Central Kurdish"], ["crh_Latn", "Crimean Tatar"],
  ["cym_Latn", "Welsh"], ["dan_Latn", "Danish"], ["deu_Latn", "German"], ["dik_Latn", "Southwestern Dinka"],
  ["dyu_Latn", "Dyula"], ["dzo_Tibt", "Dzongkha"], ["ell_Grek", "Greek"], ["eng_Latn", "English"],
  ["epo_Latn", "Esperanto"], ["est_Latn", "Estonian"], ["eus_Latn", "Basque"], ["ewe_Latn", "Ewe"],
  ["fao_Latn", "Faroese"], ["fij_Latn", "Fijian"], ["fin_Latn", "Finnish"], ["fon_Latn", "Fon"],
  ["fra_Latn", "French"], ["fur_Latn", "Friulian"], ["fuv_Latn", "Nigerian Fulfulde"], ["gla_Latn", "Scottish Gaelic"],
  ["gle_Latn", "Irish"], ["glg_Latn", "Galician"], ["grn_Latn", "Guarani"], ["guj_Gujr", "Gujarati"],
  ["hat_Latn", "Haitian Creole"], ["hau_Latn", "Hausa"], ["heb_Hebr", "Hebrew"], ["hin_Deva", "Hindi"],
  ["hne_Deva", "Chhattisgarhi"], ["hrv_Latn", "Croatian"], ["hun_Latn", "Hungarian"], ["hye_Armn", "Armenian"],
  ["ibo_Latn", "Igbo"], ["ilo_Latn", "Ilocano"], ["ind_Latn", "Indonesian"], ["isl_Latn", "Icelandic"],
  ["ita_Latn", "Italian"], ["jav_Latn", "Javanese"], ["jpn_Jpan", "Japanese"], ["kab_Latn", "Kabyle"],
  ["kac_Latn", "Jingpho"], ["kam_Latn", "Kamba"], ["kan_Knda", "Kannada"], ["kas_Arab", "Kashmiri (Arabic script)"],
  ["kas_Deva", "Kashmiri (Devanagari script)"], ["kat_Geor", "Georgian"], ["knc_Arab", "Central Kanuri (Arabic script)"],
  ["knc_Latn", "Central Kanuri (Latin script)"], ["kaz_Cyrl", "Kazakh"], ["kbp_Latn", "Kabiyè"],
  ["kea_Latn", "Kabuverdianu"], ["khm_Khmr", "Khmer"], ["kik_Latn", "Kikuyu"], ["kin_Latn", "Kinyarwanda"],
  ["kir_Cyrl", "Kyrgyz"], ["kmb_Latn", "Kimbundu"], ["kmr_Latn", "Northern Kurdish"], ["kon_Latn", "Kikongo"],
  ["kor_Hang", "Korean"], ["lao_Laoo", "Lao"], ["lij_Latn", "Ligurian"], ["lim_Latn", "Limburgish"],
  ["lin_Latn", "Lingala"], ["lit_Latn", "Lithuanian"], ["lmo_Latn", "Lombard"], ["ltg_Latn", "Latgalian"],
  ["ltz_Latn", "Luxembourgish"], ["lua_Latn", "Luba-Kasai"], ["lug_Latn", "Ganda"], ["luo_Latn", "Luo"],
  ["lus_Latn", "Mizo"], ["lvs_Latn", "Standard Latvian"], ["mag_Deva", "Magahi"], ["mai_Deva", "Maithili"],
  ["mal_Mlym", "Malayalam"], ["mar_Deva", "Marathi"], ["min_Arab", "Minangkabau (Arabic script)"],
  ["min_Latn", "Minangkabau (Latin script)"], ["mkd_Cyrl", "Macedonian"], ["plt_Latn", "Plateau Malagasy"],
  ["mlt_Latn", "Maltese"], ["mni_Beng", "Meitei (Bengali script)"], ["khk_Cyrl", "Halh Mongolian"],
  ["mos_Latn", "Mossi"], ["mri_Latn", "Maori"], ["mya_Mymr", "Burmese"], ["nld_Latn", "Dutch"],
  ["nno_Latn", "Norwegian Nynorsk"], ["nob_Latn", "Norwegian Bokmål"], ["npi_Deva", "Nepali"],
  ["nso_Latn", "Northern Sotho"], ["nus_Latn", "Nuer"], ["nya_Latn", "Nyanja"], ["oci_Latn", "Occitan"],
  ["gaz_Latn", "West Central Oromo"], ["ory_Orya", "Odia"], ["pag_Latn", "Pangasinan"], ["pan_Guru", "Eastern Panjabi"],
  ["pap_Latn", "Papiamento"], ["pes_Arab", "Western Persian"], ["pol_Latn", "Polish"], ["por_Latn", "Portuguese"],
  ["prs_Arab", "Dari"], ["pbt_Arab", "Southern Pashto"], ["quy_Latn", "Ayacucho Quechua"], ["ron_Latn", "Romanian"],
  ["run_Latn", "Rundi"], ["rus_Cyrl", "Russian"], ["sag_Latn", "Sango"], ["san_Deva", "Sanskrit"],
  ["sat_Olck", "Santali"], ["scn_Latn", "Sicilian"], ["shn_Mymr", "Shan"], ["sin_Sinh", "Sinhala"],
  ["slk_Latn", "Slovak"], ["slv_Latn", "Slovenian"], ["smo_Latn", "Samoan"], ["sna_Latn", "Shona"],
  ["snd_Arab", "Sindhi"], ["som_Latn", "Somali"], ["sot_Latn", "Southern Sotho"], ["spa_Latn", "Spanish"],
  ["als_Latn", "Tosk Albanian"], ["srd_Latn", "Sardinian"], ["srp_Cyrl", "Serbian"], ["ssw_Latn", "Swati"],
  ["sun_Latn", "Sundanese"], ["swe_Latn", "Swedish"], ["swh_Latn", "Swahili"], ["szl_Latn", "Silesian"],
  ["tam_Taml", "Tamil"], ["tat_Cyrl", "Tatar"], ["tel_Telu", "Telugu"], ["tgk_Cyrl", "Tajik"], ["tgl_Latn", "Tagalog"],
  ["tha_Thai", "Thai"], ["tir_Ethi", "Tigrinya"], ["taq_Latn", "Tamasheq (Latin script)"],
  ["taq_Tfng", "Tamasheq (Tifinagh script)"], ["tpi_Latn", "Tok Pisin"], ["tsn_Latn", "Tswana"], ["tso_Latn", "Tsonga"],
  ["tuk_Latn", "Turkmen"], ["tum_Latn", "Tumbuka"], ["tur_Latn", "Turkish"], ["twi_Latn", "Twi"],
  ["tzm_Tfng", "Central Atlas Tamazight"], ["uig_Arab", "Uyghur"], ["ukr_Cyrl", "Ukrainian"], ["umb_Latn", "Umbundu"],
  ["urd_Arab", "Urdu"], ["uzn_Latn", "Northern Uzbek"], ["vec_Latn", "Venetian"], ["vie_Latn", "Vietnamese"],
  ["war_Latn", "Waray"], ["wol_Latn", "Wolof"], ["xho_Latn", "Xhosa"], ["ydd_Hebr", "Eastern Yiddish"],
  ["yor_Latn", "Yoruba"], ["yue_Hant", "Yue Chinese"], ["zho_Hans", "Chinese (Simplified)"],
  ["zho_Hant", "Chinese (Traditional)"], ["zsm_Latn", "Standard Malay"], ["zul_Latn", "Zulu"],
];

/**
 * ISO 639-3 macrolanguages -> their individual languages, in the order toklens prefers when a
 * corpus has more than one. Corpora disagree on which level they use (FLORES: `zho_Hans`, `est_Latn`;
 * UDHR: `cmn`, `ekk`), so a code at either level finds the other. Source: SIL ISO 639-3 macrolanguage mappings.
 */
export const MACROLANGUAGES: Readonly<Record<string, readonly string[]>> = {
  aka: ["twi", "fat"], ara: ["arb", "ary", "arz", "apc", "ajp", "acm", "aeb", "acq", "ars"], aym: ["ayr"],
  aze: ["azj", "azb"], est: ["ekk"], fas: ["pes", "prs"], ful: ["fuv", "fuf", "fuc", "ffm"], grn: ["gug"],
  hbs: ["hrv", "srp", "bos"], kau: ["knc"], kon: ["kng", "ktu"], kur: ["kmr", "ckb"], lav: ["lvs"],
  mlg: ["plt"], mon: ["khk"], msa: ["zsm", "zlm", "ind", "min"], nep: ["npi"], nor: ["nob", "nno"],
  ori: ["ory"], orm: ["gaz", "hae"], pus: ["pbt", "pbu"], que: ["quy", "quz", "qug", "qvc"], sqi: ["als"],
  swa: ["swh"], uzb: ["uzn"], yid: ["ydd"], zho: ["cmn", "yue", "nan", "hak", "wuu", "gan", "hsn", "cjy"],
  din: ["dik"], kok: ["gom"], tmh: ["taq"], zza: ["diq"], kln: ["niq"], luy: ["lko"],
};

/** ISO 639-1 two-letter codes of macrolanguages, which UDHR metadata does not list. */
export const MACRO_ISO639_1: Readonly<Record<string, string>> = {
  ak: "aka", ar: "ara", ay: "aym", az: "aze", et: "est", fa: "fas", ff: "ful", gn: "grn", kr: "kau", kg: "kon",
  ku: "kur", lv: "lav", mg: "mlg", mn: "mon", ms: "msa", ne: "nep", no: "nor", or: "ori", om: "orm", ps: "pus",
  qu: "que", sq: "sqi", sw: "swa", uz: "uzb", yi: "yid", zh: "zho",
};
