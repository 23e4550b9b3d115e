// FLORES+ names a few varieties with a Glottolog code after language and script; toklens codes carry no variety.
import type { LanguageCode } from "../types.js";

/**
 * FLORES+ varieties (`<iso>_<Script>_<glottocode>`, FLORES+ 2.0-rc.2 changelog) and the toklens code of the same
 * text in FLORES-200, so a FLORES+ run lines up with a FLORES-200 run of the same language.
 */
export const FLORES_PLUS_VARIETIES = {
  /** North Levantine Arabic: FLORES-200 `apc_Arab`. */
  apc_Arab_nort3139: "apc_Arab",
  /** South Levantine Arabic: FLORES-200 `ajp_Arab` (ISO 639-3 has merged ajp into apc). */
  apc_Arab_sout3123: "ajp_Arab",
  /** Twi (Asante): FLORES-200 `aka_Latn`. */
  twi_Latn_asan1239: "aka_Latn",
  /** Twi (Akuapem): FLORES-200 `twi_Latn`. */
  twi_Latn_akua1239: "twi_Latn",
} as const satisfies Record<string, LanguageCode>;

/** The toklens code of a FLORES+ variety name, or undefined for a name without a variety part (or an unknown one). */
export function floresPlusVariety(name: string): LanguageCode | undefined {
  return (FLORES_PLUS_VARIETIES as Record<string, LanguageCode>)[name];
}

/** `<iso>_<Script>_<variety>`: a FLORES+ name with a variety part (a glottocode, or e.g. `nob_Latn_radical`). */
export const VARIETY_NAME = /^[a-z]{3}_[A-Z][a-z]{3}_[A-Za-z0-9]+$/;
