// Reading tokens in Chromium (issue 21, item 7): two languages side by side on the same segment, samples that say
// what was cut, `tokenize --html` pages about the user's text, and a large report that shows its text before its
// charts are drawn.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { tokenSamples } from "../../src/analysis/token-samples.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { tokenViewPage } from "../../src/report/token-view-html.js";
import { writeReport } from "../../src/report/write-report.js";
import type { ReportData } from "../../src/results/report-data.js";
import { unpackTokenSplit } from "../../src/results/packed-tokens.js";
import { tokenView } from "../../src/tokenizers/token-pieces.js";
import { describeInChromium, sharedChromium, SCREENSHOTS } from "../helpers/chromium.js";
import { sharedSession } from "../helpers/shared-tokenizers.js";
import { sampleReportData } from "./report-fixtures.js";

const OUT = join(process.cwd(), "test-output", "report", "tokens");
const LANGS = ["eng_Latn", "hin_Deva", "jpn_Jpan", "amh_Ethi"];
const TOKENIZERS = ["gpt2", "llama3", "o200k_base"];

let browser: Browser;

/** The fixture report with real samples of LANGS by TOKENIZERS, cut at `maxChars`. */
async function withSamples(maxChars: number): Promise<ReportData> {
  const data = sampleReportData(false);
  data.tokenSamples = await tokenSamples(await openCorpus("udhr"), LANGS, TOKENIZERS, sharedSession(), maxChars, false);
  return data;
}

async function openReport(name: string, data: ReportData) {
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const files = await writeReport(data, dir);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(pathToFileURL(files.html).href);
  return page;
}

describeInChromium("reading tokens in the page", () => {
  beforeAll(async () => {
    browser = await sharedChromium();
  }, 60_000);

  it("shows a second language beside the first: the same segment, each tokenizer's two splits on one line", async () => {
    const data = await withSamples(300);
    const page = await openReport("pair", data);
    await page.selectOption("#tok-lang", "eng_Latn");
    await page.selectOption("#tok-lang2", "hin_Deva");
    const grid = await page.evaluate(() => {
      const pair = document.querySelector("#tok-view .tok-pair")!;
      const rows = [...pair.querySelectorAll<HTMLElement>(":scope > .tok-row")];
      return {
        languages: pair.getAttribute("data-languages"),
        heads: [...pair.querySelectorAll(".tok-pair-head .tok-sample")].map((p) => p.textContent ?? ""),
        rows: rows.map((r) => {
          const box = r.getBoundingClientRect();
          return {
            tokenizer: r.getAttribute("data-tokenizer"),
            top: box.top,
            left: box.left,
            toks: r.querySelectorAll(".tok").length,
          };
        }),
      };
    });
    expect(grid.languages).toBe("eng_Latn hin_Deva");
    const [eng, hin] = ["eng_Latn", "hin_Deva"].map((l) => data.tokenSamples!.samples.find((s) => s.language === l)!);
    expect(eng!.segment).toBe(hin!.segment);
    expect(grid.heads).toEqual([
      expect.stringContaining(`Segment ${eng!.segment}`),
      expect.stringContaining(`Segment ${hin!.segment}`),
    ]);
    // per tokenizer: English on the left, Hindi on the right, on the same line, with each split's own tokens
    expect(grid.rows.map((r) => r.tokenizer)).toEqual(TOKENIZERS.flatMap((t) => [t, t]));
    for (let i = 0; i < TOKENIZERS.length; i++) {
      const [left, right] = [grid.rows[2 * i]!, grid.rows[2 * i + 1]!];
      expect(left.top).toBe(right.top);
      expect(left.left).toBeLessThan(right.left);
      const count = (s: typeof eng, t: string) =>
        unpackTokenSplit(
          s!.text,
          s!.splits.find((x) => x.tokenizer === t)!,
        ).reduce((n, g) => n + g.tokens.length, 0);
      expect(left.toks).toBe(count(eng, TOKENIZERS[i]!));
      expect(right.toks).toBe(count(hin, TOKENIZERS[i]!));
    }
    if (SCREENSHOTS) await page.locator("#tokens").screenshot({ path: join(OUT, "pair.png") });
    // back to one language
    await page.selectOption("#tok-lang2", "");
    expect(await page.locator("#tok-view .tok-pair").count()).toBe(0);
    expect(await page.locator("#tok-view > .tok-row").count()).toBe(TOKENIZERS.length);
    await page.close();
  }, 120_000);

  it("cuts 100-character samples after a sentence where one ends, and says how much of the segment is shown", async () => {
    const data = await withSamples(100);
    const page = await openReport("cut", data);
    const byLang = (l: string) => data.tokenSamples!.samples.find((s) => s.language === l)!;
    // article 1 is 170, 189 and 103 characters long in English, Hindi and Amharic: each is cut after its first
    // sentence (".", the danda "।", the Ethiopic full stop "።"); the Japanese one (85) is whole
    const ends = { eng_Latn: /rights\.$/, hin_Deva: /।$/, amh_Ethi: /።$/ };
    for (const [lang, end] of Object.entries(ends)) {
      const s = byLang(lang);
      expect(s.cut, lang).toBe("sentence");
      expect(s.text, lang).toMatch(end);
      expect(s.segmentChars, lang).toBeGreaterThan(100);
    }
    expect(byLang("jpn_Jpan").cut).toBeUndefined();
    expect(byLang("jpn_Jpan").segmentChars).toBeUndefined();
    const [eng, hin] = [byLang("eng_Latn"), byLang("hin_Deva")];
    for (const [lang, s] of [
      ["eng_Latn", eng],
      ["hin_Deva", hin],
    ] as const) {
      await page.selectOption("#tok-lang", lang);
      const note = await page.locator("#tok-view .tok-sample .tok-muted").first().textContent();
      const how = {
        sentence: "cut after a sentence",
        space: "cut at a space, mid-sentence",
        char: "cut inside a word",
      }[s.cut!];
      expect(note).toBe(`Segment ${s.segment}, first ${[...s.text].length} of ${s.segmentChars} characters (${how}): `);
    }
    await page.selectOption("#tok-lang", "jpn_Jpan");
    expect(await page.locator("#tok-view .tok-sample .tok-muted").first().textContent()).toBe(
      `Segment ${byLang("jpn_Jpan").segment}: `,
    );
    const lede = await page.locator("#tokens .lede").textContent();
    expect(lede).toContain("cut after a sentence");
    await page.close();
  }, 120_000);

  it("a `tokenize --html` page describes the user's text, not one sample per language", async () => {
    const text = "Tokenizers split this sentence. 日本語も。";
    const splits = [];
    for (const ref of ["gpt2", "llama3"]) {
      // the worker's session, which has loaded both for the samples above
      const tok = await sharedSession().tokenizer(ref);
      splits.push({ id: ref, label: tok.name, groups: await tokenView(tok, text) });
    }
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, "tokenize.html");
    writeFileSync(file, tokenViewPage("toklens tokenize", text, splits));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    const lede = (await page.locator("#tokens .lede").textContent()) ?? "";
    expect(lede).toContain(`Your text (${[...text].length} characters, shown whole) as each of 2 tokenizers`);
    expect(lede).not.toContain("per language");
    expect(await page.locator("#tok-view .tok-sample .tok-muted").textContent()).toBe("The text: ");
    expect(await page.locator("#tok-lang2").count()).toBe(0);
    await page.close();
  }, 60_000);
});
