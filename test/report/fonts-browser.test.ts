// Reports and `tokenize --html` pages read in every script on a machine without fonts: Chromium runs with a
// fontconfig whose one font has no glyph but .notdef, so every glyph it draws comes from the fonts the page embeds.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tokenSamples } from "../../src/analysis/token-samples.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { subsetFont } from "../../src/report/font-subset.js";
import { loadChartFonts } from "../../src/report/fonts.js";
import { writeReport } from "../../src/report/write-report.js";
import { tokenViewPage } from "../../src/report/token-view-html.js";
import { tokenView } from "../../src/tokenizers/token-pieces.js";
import { describeInChromium, launchChromium, SCREENSHOTS } from "../helpers/chromium.js";
import { sharedSession } from "../helpers/shared-tokenizers.js";
import { sampleReportData } from "./report-fixtures.js";

const OUT = join(process.cwd(), "test-output", "report", "fonts");

/** One language of each of 19 scripts of the UDHR corpus, Han, kana and Hangul included. */
const LANGS = [
  "eng_Latn",
  "rus_Cyrl",
  "ell_Grek",
  "hin_Deva",
  "ben_Beng",
  "tam_Taml",
  "sin_Sinh",
  "jpn_Jpan",
  "cmn_Hans",
  "kor_Hang",
  "amh_Ethi",
  "arb_Arab",
  "heb_Hebr",
  "tha_Thai",
  "khm_Khmr",
  "mya_Mymr",
  "bod_Tibt",
  "kat_Geor",
  "hye_Armn",
];

let browser: Browser;
let fontconfig: string;

/**
 * Per character of `chars`: whether the page draws it as its .notdef box (or draws nothing at all). Each character
 * is drawn alone on a canvas in the body's font stack after the page's fonts for it are loaded, and its pixels are
 * compared with those of U+E000, a private-use character no font of the page has, which the browser can only draw
 * with a .notdef glyph.
 */
async function boxedCharacters(page: Page, chars: string[]): Promise<string[]> {
  return page.evaluate(async (list) => {
    const family = getComputedStyle(document.body).fontFamily;
    const font = `48px ${family}`;
    const canvas = document.createElement("canvas");
    canvas.width = 96;
    canvas.height = 96;
    const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
    const draw = (ch: string) => {
      ctx.clearRect(0, 0, 96, 96);
      ctx.font = font;
      ctx.fillStyle = "#000";
      ctx.fillText(ch, 24, 64);
      return ctx.getImageData(0, 0, 96, 96).data;
    };
    // the same pixels, value for value (what comparing the two arrays joined as text did, without building the text)
    const same = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
      return a.length === b.length;
    };
    await document.fonts.load(font, "\ue000");
    const notdef = draw("\ue000");
    const blank = (ctx.clearRect(0, 0, 96, 96), ctx.getImageData(0, 0, 96, 96).data);
    const out: string[] = [];
    for (const ch of list) {
      await document.fonts.load(font, ch);
      const pixels = draw(ch);
      if (same(pixels, notdef) || same(pixels, blank)) out.push(ch);
    }
    return out;
  }, chars);
}

/** The characters of `texts` that need a glyph: no white space, controls or invisible format characters. */
function inkCharacters(texts: string[]): string[] {
  return [...new Set(texts.join(""))].filter((c) => !/[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u.test(c));
}

describeInChromium("pages carry the glyphs of their own text (Chromium with a fontconfig without glyphs)", () => {
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "toklens-nofonts-"));
    fontconfig = join(dir, "fonts.conf");
    // One font, which maps no character (a bundled face cut to nothing but .notdef): Chromium's renderer aborts
    // ("Could not find any font") on a page with a form control when fontconfig lists no font at all, so the
    // emptiest usable fontconfig is one whose only font draws boxes.
    mkdirSync(join(dir, "fonts"));
    writeFileSync(join(dir, "fonts", "notdef-only.ttf"), subsetFont(loadChartFonts(["noto-sans-yi"])[0]!.data, []));
    writeFileSync(
      fontconfig,
      `<?xml version="1.0"?>\n<fontconfig><dir>${dir}/fonts</dir><cachedir>${dir}</cachedir></fontconfig>\n`,
    );
    browser = await launchChromium({ ...stringEnv(), FONTCONFIG_FILE: fontconfig });
    mkdirSync(OUT, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("has no system font to fall back on: a page without embedded fonts draws Latin, Han and Devanagari as boxes", async () => {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><body style="font-family: sans-serif">Ab 日本 नम</body>`);
    expect(await boxedCharacters(page, ["A", "b", "日", "本", "न", "म"])).toEqual(["A", "b", "日", "本", "न", "म"]);
    await page.close();
  });

  it("a report draws every character of its token samples in 19 scripts with a real glyph", async () => {
    const data = sampleReportData(false);
    // gpt2 in the worker's shared session (loaded once per worker, and used by the next test too)
    data.tokenSamples = await tokenSamples(
      await openCorpus("udhr"),
      LANGS,
      ["gpt2"],
      sharedSession(),
      undefined,
      false,
    );
    const dir = join(OUT, "report");
    rmSync(dir, { recursive: true, force: true });
    const files = await writeReport(data, dir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(files.html).href);
    const chars = inkCharacters(data.tokenSamples.samples.map((s) => s.text));
    expect(chars.length).toBeGreaterThan(500);
    expect(await boxedCharacters(page, chars)).toEqual([]);
    // the language names and the rest of the page's Latin text too
    expect(await boxedCharacters(page, inkCharacters([await page.innerText("body")]))).toEqual([]);
    await page.selectOption("#tok-lang", "jpn_Jpan");
    if (SCREENSHOTS) await page.locator("#tokens").screenshot({ path: join(OUT, "report-jpn.png") });
    await page.close();
  }, 120_000);

  it("a `tokenize --html` page draws its text with real glyphs", async () => {
    const text = "日本語のテキスト、한국어 문장, हिन्दी में पाठ, ትግርኛ, ภาษาไทย and English.";
    const groups = await tokenView(await sharedSession().tokenizer("gpt2"), text);
    const file = join(OUT, "tokenize.html");
    writeFileSync(file, tokenViewPage("toklens tokenize", text, [{ id: "gpt2", label: "GPT-2", groups }]));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    expect(await boxedCharacters(page, inkCharacters([text]))).toEqual([]);
    if (SCREENSHOTS) await page.screenshot({ path: join(OUT, "tokenize.png"), fullPage: true });
    await page.close();
  }, 60_000);
});

/** process.env without its undefined entries. */
function stringEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
}
