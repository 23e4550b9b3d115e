// The report stays true when the reader changes it (issue 21 items 1, 2, 3, 8), in headless Chromium: the sentences
// that name the pivot follow the pivot switch; unchecking a tokenizer recomputes the cheapest counts, the findings and
// the tables; the page state lives in the URL hash. Expected numbers are recomputed here from the fixture's rows.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ReportData } from "../../src/results/report-data.js";
import { sampleReportData } from "./report-fixtures.js";
import { FIXTURE_TOKENIZER_REFS, sharedReport } from "./shared-reports.js";
import { describeInChromium, sharedChromium } from "../helpers/chromium.js";

let browser: Browser;

interface Opened {
  page: Page;
  errors: string[];
  url: string;
}

async function open(url: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as { __toklens?: { ready: boolean } }).__toklens?.ready === true,
    null,
    { timeout: 60_000 },
  );
  // the state of the URL hash is applied after the charts are drawn (no such step: go on, the test then fails)
  await page
    .waitForFunction(() => document.documentElement.getAttribute("data-state-applied") === "true", null, {
      timeout: 20_000,
    })
    .catch(() => undefined);
  return { page, errors, url };
}

let samplePage: Promise<Opened> | undefined;

/**
 * The sample report (sharedReport("sample"), the data of sampleReportData(true)), opened once for the first three
 * tests: drawing its charts is most of a test's time. Each of them starts by checking that the page is as written
 * (`expectAsWritten`) and puts back the pivot or the tokenizers it changed before it ends.
 */
function sharedSamplePage(): Promise<Opened> {
  samplePage ??= sharedReport("sample").then((html) => open(pathToFileURL(html).href));
  return samplePage;
}

/** The page's controls as the report was written: the run's pivot, every tokenizer shown, no state in the hash. */
async function expectAsWritten(page: Page, data: ReportData): Promise<void> {
  expect(
    await page.evaluate(() => ({
      pivot: (document.getElementById("pivot-select") as HTMLSelectElement).value,
      hidden: [...document.querySelectorAll<HTMLInputElement>("input[data-show-tokenizer]")].filter((b) => !b.checked)
        .length,
      hash: location.hash,
    })),
  ).toEqual({ pivot: data.compare.pivot, hidden: 0, hash: "" });
}

const label = (data: ReportData, id: string) => data.compare.tokenizers.find((t) => t.id === id)!.name;
const langLabel = (data: ReportData, code: string) =>
  `${data.compare.languages.find((l) => l.code === code)!.name} (${code})`;

/** Per language: the tokenizer with the fewest tokens per byte among `ids` (ties: the earlier one), by hand. */
function cheapestBy(data: ReportData, ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of data.compare.languages) {
    let best: { id: string; cost: number } | null = null;
    for (const id of ids) {
      const r = data.compare.results.find((x) => x.tokenizer === id && x.language === l.code);
      if (!r || r.tokens <= 0 || r.bytes <= 0) continue;
      const cost = r.tokens / r.bytes;
      if (!best || cost < best.cost) best = { id, cost };
    }
    if (best) out.set(l.code, best.id);
  }
  return out;
}

function winsOf(cheapest: Map<string, string>): Map<string, number> {
  const wins = new Map<string, number>();
  for (const id of cheapest.values()) wins.set(id, (wins.get(id) ?? 0) + 1);
  return wins;
}

/** The data of the marks of chart `name` that carry `field`. */
const chartData = (page: Page, name: string, field: string) =>
  page.evaluate(
    ([name, field]) => {
      type Item = { items?: Item[]; datum?: Record<string, unknown> };
      const view = (window as unknown as { __toklens: { views: Record<string, { scenegraph(): { root: Item } }> } })
        .__toklens.views[name!]!;
      const out: Record<string, unknown>[] = [];
      const walk = (n: Item) => {
        if (n.datum && field! in n.datum) out.push(n.datum);
        for (const c of n.items ?? []) walk(c);
      };
      walk(view.scenegraph().root);
      return out;
    },
    [name, field],
  );

const findings = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll("ul.findings li")].map((li) => li.textContent ?? ""));

const tableColumn = (page: Page, id: string, column: number) =>
  page.evaluate(
    ([id, column]) =>
      Object.fromEntries(
        [...(document.getElementById(id as string) as HTMLTableElement).tBodies[0]!.rows].map((r) => [
          r.cells[0]!.textContent!,
          r.cells[column as number]!.textContent!,
        ]),
      ),
    [id, column] as const,
  );

describeInChromium("the report stays true when the reader changes it", () => {
  beforeAll(async () => {
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await (await samplePage?.catch(() => null))?.page.close();
  });

  it("names the new pivot in the premium section's heading and lede, the subtitle and the findings", async () => {
    const data = sampleReportData(true);
    const { page, errors } = await sharedSamplePage();
    await expectAsWritten(page, data);
    expect(await page.locator("#premium h2").textContent()).toBe(
      "Premium: what each language pays relative to English",
    );
    await page.selectOption("#pivot-select", "deu_Latn");
    await page.waitForFunction(() => document.documentElement.getAttribute("data-pivot") === "deu_Latn");
    expect(await page.locator("#premium h2").textContent()).toBe("Premium: what each language pays relative to German");
    const lede = (await page.locator("#premium > p.lede").textContent())!;
    expect(lede).toContain("tokens for the same text in German, per tokenizer");
    expect(lede).not.toContain("English");
    expect(await page.locator("header p.lede").textContent()).toContain("pivot German (deu_Latn)");
    // the most expensive language against German, by hand: median over tokenizers of tokens / German tokens
    const ids = data.compare.tokenizers.map((t) => t.id);
    const tokens = (id: string, code: string) =>
      data.compare.results.find((r) => r.tokenizer === id && r.language === code)!.tokens;
    let worst = { code: "", median: -1 };
    for (const l of data.compare.languages) {
      if (l.code === "deu_Latn") continue;
      const ps = ids.map((id) => tokens(id, l.code) / tokens(id, "deu_Latn")).sort((a, b) => a - b);
      const m = ps.length % 2 ? ps[ps.length >> 1]! : (ps[ps.length / 2 - 1]! + ps[ps.length / 2]!) / 2;
      if (m > worst.median || (m === worst.median && l.code > worst.code)) worst = { code: l.code, median: m };
    }
    const ps = ids.map((id) => ({ id, p: tokens(id, worst.code) / tokens(id, "deu_Latn") }));
    const lo = ps.reduce((a, b) => (a.p <= b.p ? a : b));
    const hi = ps.reduce((a, b) => (a.p >= b.p ? a : b));
    expect(await findings(page)).toContain(
      `Most expensive language (median premium): ${langLabel(data, worst.code)}, ${lo.p.toFixed(2)}× German with ${label(data, lo.id)} up to ${hi.p.toFixed(2)}× with ${label(data, hi.id)}.`,
    );
    expect((await findings(page)).join(" ")).not.toContain("× English");
    // back to the run's pivot: the heading names English again (and the shared page is as written)
    await page.selectOption("#pivot-select", "eng_Latn");
    await page.waitForFunction(() => document.documentElement.getAttribute("data-pivot") === "eng_Latn");
    expect(await page.locator("#premium h2").textContent()).toBe(
      "Premium: what each language pays relative to English",
    );
    await expectAsWritten(page, data);
    expect(errors).toEqual([]);
  });

  it("recounts the cheapest tokenizers, the findings and the tables for the tokenizers left checked", async () => {
    const data = sampleReportData(true);
    const all = data.compare.tokenizers.map((t) => t.id);
    const before = winsOf(cheapestBy(data, all));
    const top = [...before.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const rest = all.filter((id) => id !== top);
    const cheapest = cheapestBy(data, rest);
    const after = winsOf(cheapest);
    const n = cheapest.size;
    const { page, errors } = await sharedSamplePage();
    await expectAsWritten(page, data);
    const counts = async () =>
      Object.fromEntries(
        (await chartData(page, "cheapest", "languages")).map((d) => [d["tokenizer_label"], d["languages"]]),
      );
    expect(await counts()).toEqual(Object.fromEntries(all.map((id) => [label(data, id), before.get(id) ?? 0])));
    await page.locator(`input[data-show-tokenizer="${label(data, top)}"]`).uncheck();
    await page.waitForFunction(
      (l) => document.documentElement.getAttribute("data-hidden-tokenizers") === l,
      label(data, top),
    );
    // the bars of the others now add up to every language again
    const got = await counts();
    expect(got).toEqual(Object.fromEntries(rest.map((id) => [label(data, id), after.get(id) ?? 0])));
    expect(Object.values(got).reduce((a, b) => (a as number) + (b as number), 0)).toBe(n);
    const winner = [...after.entries()].sort((a, b) => b[1] - a[1] || rest.indexOf(a[0]) - rest.indexOf(b[0]))[0]!;
    const said = await findings(page);
    expect(said).toContain(`Cheapest for the most languages: ${label(data, winner[0])} (${winner[1]} of ${n}).`);
    expect(said.join(" ")).not.toContain(label(data, top));
    // the tokenizers table and the cheapest-per-language table
    const column = await tableColumn(page, "table-tokenizers", 6);
    for (const id of rest) expect(column[label(data, id)], id).toBe(String(after.get(id) ?? 0));
    expect(column[label(data, top)]).toBe("–");
    const perLanguage = await tableColumn(page, "table-cheapest", 1);
    for (const [code, id] of cheapest) expect(perLanguage[langLabel(data, code)], code).toBe(label(data, id));
    // the heatmap's star follows: one starred cell per language, on the new cheapest tokenizer
    const stars = (await chartData(page, "premium-heatmap", "cheapest")).filter((d) => d["cheapest"] === "yes");
    expect(new Map(stars.map((d) => [d["language_label"], d["tokenizer_label"]]))).toEqual(
      new Map([...cheapest].map(([code, id]) => [langLabel(data, code), label(data, id)])),
    );
    // checked again: the page as written
    await page.locator(`input[data-show-tokenizer="${label(data, top)}"]`).check();
    await page.waitForFunction(() => document.documentElement.getAttribute("data-hidden-tokenizers") === "");
    expect(await counts()).toEqual(Object.fromEntries(all.map((id) => [label(data, id), before.get(id) ?? 0])));
    await expectAsWritten(page, data);
    expect(errors).toEqual([]);
  });

  it("names the most even tokenizer of the shown set next to its cost", async () => {
    const data = sampleReportData(true);
    const ginis = data.compare.summary
      .filter((s) => s.gini !== null)
      .sort((a, b) => a.gini! - b.gini!)
      .map((s) => s.tokenizer);
    const { page, errors } = await sharedSamplePage();
    await expectAsWritten(page, data);
    expect((await findings(page))[0]).toMatch(
      new RegExp(`^Most even across languages: ${label(data, ginis[0]!).replace(/[()]/g, "\\$&")} \\(Gini `),
    );
    await page.locator(`input[data-show-tokenizer="${label(data, ginis[0]!)}"]`).uncheck();
    await page.waitForFunction(
      (l) => document.documentElement.getAttribute("data-hidden-tokenizers") === l,
      label(data, ginis[0]!),
    );
    const first = (await findings(page))[0]!;
    const gini = data.compare.summary.find((s) => s.tokenizer === ginis[1])!.gini!;
    expect(first.startsWith(`Most even across languages: ${label(data, ginis[1]!)} (Gini ${gini.toFixed(3)}`)).toBe(
      true,
    );
    // shown again: the most even of all is named again (and the shared page is as written)
    await page.locator(`input[data-show-tokenizer="${label(data, ginis[0]!)}"]`).check();
    await page.waitForFunction(() => document.documentElement.getAttribute("data-hidden-tokenizers") === "");
    expect((await findings(page))[0]).toMatch(
      new RegExp(`^Most even across languages: ${label(data, ginis[0]!).replace(/[()]/g, "\\$&")} \\(Gini `),
    );
    await expectAsWritten(page, data);
    expect(errors).toEqual([]);
  });

  it("keeps the pivot, the tokenizers shown, the token view's language and the filters in the URL hash", async () => {
    // the sample report with real token samples of English, Hindi, Japanese and Amharic by its six tokenizers
    const refs = FIXTURE_TOKENIZER_REFS;
    const hash = "#premium&pivot=deu_Latn&hide=Qwen3,Llama%203&tok=hin_Deva&filter-table-cheapest=Hindi";
    const first = await open(pathToFileURL(await sharedReport("token-samples")).href + hash);
    const page = first.page;
    const view = () =>
      page.evaluate(() => ({
        pivot: (document.getElementById("pivot-select") as HTMLSelectElement).value,
        drawnPivot: document.documentElement.getAttribute("data-pivot"),
        hidden: [...document.querySelectorAll<HTMLInputElement>("input[data-show-tokenizer]")]
          .filter((b) => !b.checked)
          .map((b) => b.getAttribute("data-show-tokenizer")),
        drawnHidden: document.documentElement.getAttribute("data-hidden-tokenizers"),
        tok: (document.getElementById("tok-lang") as HTMLSelectElement).value,
        tokRows: [...document.querySelectorAll("#tok-view .tok-row")].length,
        filter: (document.querySelector('input[data-filter="table-cheapest"]') as HTMLInputElement).value,
        cheapestRows: [...(document.getElementById("table-cheapest") as HTMLTableElement).tBodies[0]!.rows]
          .filter((r) => !r.hidden)
          .map((r) => r.cells[0]!.textContent),
        hash: location.hash,
      }));
    const expected = {
      pivot: "deu_Latn",
      drawnPivot: "deu_Latn",
      hidden: ["Llama 3", "Qwen3"],
      drawnHidden: "Llama 3|Qwen3",
      tok: "hin_Deva",
      tokRows: refs.length,
      filter: "Hindi",
      cheapestRows: ["Hindi (hin_Deva)"],
    };
    expect(await view()).toMatchObject(expected);
    // the charts drew without the hidden tokenizers, against German
    const drawn = new Set((await chartData(page, "premium", "premium")).map((d) => d["tokenizer_label"]));
    expect(drawn.has("Qwen3") || drawn.has("Llama 3")).toBe(false);
    expect(await page.locator("#premium h2").textContent()).toContain("relative to German");
    // a change is written back into the hash; the link then reopens that view
    await page.locator('input[data-show-tokenizer="Qwen3"]').check();
    await page.waitForFunction(() => document.documentElement.getAttribute("data-hidden-tokenizers") === "Llama 3");
    const firstTok = await page.evaluate(
      () => (document.getElementById("tok-lang") as HTMLSelectElement).options[0]!.value,
    );
    expect(firstTok).not.toBe("hin_Deva");
    await page.selectOption("#tok-lang", firstTok);
    await page.fill('input[data-filter="table-cheapest"]', "");
    const hashNow = (await view()).hash;
    expect(hashNow).toBe("#premium&pivot=deu_Latn&hide=Llama%203");
    // a nav link keeps the state behind its anchor
    await page.click('nav a[href="#numbers"]');
    expect((await view()).hash).toBe("#numbers&pivot=deu_Latn&hide=Llama%203");
    const again = await open(page.url());
    expect(await again.page.evaluate(() => location.hash)).toBe("#numbers&pivot=deu_Latn&hide=Llama%203");
    const v2 = await again.page.evaluate(() => ({
      pivot: document.documentElement.getAttribute("data-pivot"),
      hidden: document.documentElement.getAttribute("data-hidden-tokenizers"),
      tok: (document.getElementById("tok-lang") as HTMLSelectElement).value,
    }));
    expect(v2).toEqual({ pivot: "deu_Latn", hidden: "Llama 3", tok: firstTok });
    expect([...first.errors, ...again.errors]).toEqual([]);
    await page.close();
    await again.page.close();
  });
});
