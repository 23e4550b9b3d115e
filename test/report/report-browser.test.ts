// Opens real reports from file:// in headless Chromium: every chart draws marks, no console errors, no network, hostile text inert.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { writeReport } from "../../src/report/write-report.js";
import type { ReportData } from "../../src/results/report-data.js";
import { HOSTILE, sampleCompare, sampleReportData } from "./report-fixtures.js";
import { TOKENIZER_COLORS } from "../../src/report/charts/common.js";
import { tokenViewPage } from "../../src/report/token-view-html.js";
import { packTokenSplit, unpackTokenSplit } from "../../src/results/packed-tokens.js";
import { tokenView, type TokenGroup } from "../../src/tokenizers/token-pieces.js";
import { writeFileSync } from "node:fs";
import { describeInChromium, sharedChromium, SCREENSHOTS } from "../helpers/chromium.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";
import { FIXTURE_SAMPLE_LANGUAGES, fixtureTokenSamples, sharedReport } from "./shared-reports.js";

const OUT = join(process.cwd(), "test-output", "report");
const VIEWPORT = { width: 1280, height: 900 };

let browser: Browser;

interface Opened {
  page: Page;
  consoleErrors: string[];
  consoleAll: string[];
  requests: string[];
  marks: Record<string, number>;
  chartNames: string[];
}

/** Writes `data` as a report under test-output/report/<name>; returns its HTML file. */
async function writeFresh(name: string, data: ReportData): Promise<string> {
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  return (await writeReport(data, dir)).html;
}

/** Opens a report's HTML file (from writeFresh or sharedReport), waits for every chart, counts marks. */
async function openReport(html: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const consoleErrors: string[] = [];
  const consoleAll: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    consoleAll.push(m.text());
    if (m.type() === "error" || m.type() === "warning") consoleErrors.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on("request", (r) => {
    if (!r.url().startsWith("file:")) requests.push(r.url());
  });
  await page.goto(pathToFileURL(html).href);
  await page.waitForFunction(
    () => (window as unknown as { __toklens?: { ready: boolean } }).__toklens?.ready === true,
    null,
    { timeout: 30_000 },
  );
  const { marks, chartNames } = await page.evaluate(() => {
    type Item = { items?: Item[]; marktype?: string; role?: string };
    const state = (window as unknown as { __toklens: { views: Record<string, { scenegraph(): { root: Item } }> } })
      .__toklens;
    // Count the items of data marks (role "mark"), not axes, legends or titles.
    const count = (node: Item, inMark: boolean): number => {
      let n = inMark && node.marktype === undefined ? 1 : 0;
      for (const child of node.items ?? []) {
        const isDataMark = child.marktype !== undefined && child.role === "mark" && child.marktype !== "group";
        n += count(child, isDataMark || (inMark && child.marktype === undefined));
      }
      return n;
    };
    const marks: Record<string, number> = {};
    for (const [name, view] of Object.entries(state.views)) marks[name] = count(view.scenegraph().root, false);
    const chartNames = [...document.querySelectorAll("[data-chart]")].map((e) => e.getAttribute("data-chart")!);
    return { marks, chartNames };
  });
  return { page, consoleErrors, consoleAll, requests, marks, chartNames };
}

let samplePage: Promise<Opened> | undefined;

/**
 * The sample report (sharedReport("sample")), opened once for the file: drawing its 16 charts is most of a test's
 * time. The tests that use it read the page, hover, download or resize it; those that change what is drawn (the
 * key's highlight; the pivot switch and the chooser, whose redraws replace charts, last in the file) or the viewport
 * put the page back before they end and check that they did. Console errors and requests are collected over all of
 * them, so each test's `toEqual([])` covers the tests before it too.
 */
function sharedSamplePage(): Promise<Opened> {
  samplePage ??= sharedReport("sample").then(openReport);
  return samplePage;
}

/** The page's controls as the report was written: the run's pivot, every tokenizer shown, no state in the hash. */
async function expectAsWritten(page: Page): Promise<void> {
  expect(
    await page.evaluate(() => ({
      pivot: (document.getElementById("pivot-select") as HTMLSelectElement).value,
      hidden: [...document.querySelectorAll<HTMLInputElement>("input[data-show-tokenizer]")].filter((b) => !b.checked)
        .length,
      hash: location.hash,
    })),
  ).toEqual({ pivot: sampleCompare().pivot, hidden: 0, hash: "" });
}

async function screenshots(opened: Opened, name: string): Promise<void> {
  const dir = join(OUT, name, "screenshots");
  mkdirSync(dir, { recursive: true });
  await opened.page.screenshot({ path: join(dir, "page-top.png") });
  for (const chart of opened.chartNames) {
    // The chart's box as a reader sees it (tall charts scroll inside it).
    const box = opened.page.locator(`.chart-box:has([data-chart="${chart}"])`);
    await box.screenshot({ path: join(dir, `${chart}.png`) });
  }
}

describeInChromium("HTML report in Chromium", () => {
  beforeAll(async () => {
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await (await samplePage?.catch(() => null))?.page.close();
  });

  it("renders every chart of the sample report offline, with marks, no console errors and no network", async () => {
    const opened = await sharedSamplePage();
    if (SCREENSHOTS) await screenshots(opened, "sample");
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
    expect(opened.chartNames.sort()).toEqual([
      "budget",
      "cheapest",
      "cost",
      "diff",
      "expansion",
      "fertility",
      "gini",
      "groups",
      "lorenz",
      "premium",
      "premium-heatmap",
      "premium-spread",
      "trimming",
      "vocab-classes",
      "vocab-overlap",
      "vocab-scripts",
    ]);
    // Expected mark counts from the fixture: 45 languages x 6 tokenizers = 270 rows.
    expect(opened.marks["premium"]).toBe(270 * 2 + 1); // interval rule + dot per row, and the parity line
    expect(opened.marks["premium-heatmap"]).toBe(270 * 2 + 45); // cell + text per row, one outline per language
    expect(opened.marks["premium-spread"]).toBe(44 * 6 + 6 + 1); // ticks for non-pivot languages, medians, parity
    expect(opened.marks["fertility"]).toBe(264 + 270); // Tibetan has no fertility (6 rows missing)
    expect(opened.marks["gini"]).toBe(12);
    // 5 of 6 tokenizers priced: interval rule + dot per row that has words (Tibetan has none)
    const priced = sampleReportData(true).compare.costs!.filter((c) => c.input_usd_per_thousand_words !== null).length;
    expect(priced).toBe(5 * 44);
    expect(opened.marks["cost"]).toBe(priced * 2);
    const costSection = await opened.page.locator("#cost").innerText();
    expect(costSection).toContain("What the same text costs in each language");
    expect(costSection).toContain("Words that fit in 8,192 tokens");
    expect(costSection).toContain("Fixture prices (not real)");
    // the diff: one bar and one interval line per language with a ratio, in order of change
    const diff = sampleReportData(true).diff!;
    expect(opened.marks["diff"]).toBe(diff.languages.filter((l) => l.ratio !== null).length * 2);
    const diffSection = await opened.page.locator("#diff").innerText();
    expect(diffSection).toContain("What changed from GPT-2 (50k) to cl100k_base (GPT-4)");
    expect(diffSection).toContain(
      `${diff.languages.filter((l) => l.change === "cheaper").length} languages got cheaper`,
    );
    expect(opened.marks["cheapest"]).toBe(12);
    expect(opened.marks["vocab-overlap"]).toBe(36 * 2);
    expect(opened.marks["trimming"]).toBeGreaterThanOrEqual(2 + 12); // 2 lines + 12 points
    expect(opened.marks["expansion"]).toBeGreaterThanOrEqual(4 + 24);
    for (const chart of ["vocab-classes", "vocab-scripts"]) expect(opened.marks[chart]).toBeGreaterThan(20);

    // Tooltips give exact values: hover Hindi's gemma3 cell in the heatmap.
    const row = sampleCompare().results.find((r) => r.tokenizer === "gemma3" && r.language === "hin_Deva")!;
    const point = await opened.page.evaluate(() => {
      type Item = {
        items?: Item[];
        marktype?: string;
        datum?: Record<string, unknown>;
        bounds?: { x1: number; x2: number; y1: number; y2: number };
      };
      const view = (
        window as unknown as {
          __toklens: {
            views: Record<
              string,
              { scenegraph(): { root: Item }; origin(): [number, number]; container(): HTMLElement }
            >;
          };
        }
      ).__toklens.views["premium-heatmap"]!;
      let cell: Item | null = null;
      const walk = (node: Item, type: string | undefined) => {
        if (
          !cell &&
          type === "rect" &&
          node.datum &&
          String(node.datum["language_label"]).includes("hin_Deva") &&
          String(node.datum["tokenizer_label"]).includes("Gemma 3") &&
          "tokens" in node.datum
        )
          cell = node;
        for (const child of node.items ?? []) walk(child, child.marktype ?? type);
      };
      walk(view.scenegraph().root, undefined);
      const b = (cell as Item | null)?.bounds;
      if (!b) return null;
      const svg = view.container().querySelector("svg")!;
      const [ox, oy] = view.origin();
      // between the cell's edge (an outline without a tooltip when it is the cheapest) and its centre (the value text)
      const at = () => ({
        x: svg.getBoundingClientRect().left + ox + b.x1 + 12,
        y: svg.getBoundingClientRect().top + oy + (b.y1 + b.y2) / 2,
      });
      // bring the cell into the viewport (the chart scrolls inside its box, the box inside the page)
      const box = view.container().closest(".chart-box");
      if (box) box.scrollTop += at().y - box.getBoundingClientRect().top - box.clientHeight / 2;
      window.scrollBy(0, at().y - window.innerHeight / 2);
      return at();
    });
    expect(point, "Hindi's gemma3 cell in the heatmap").not.toBeNull();
    await opened.page.mouse.move(point!.x, point!.y);
    const tooltip = opened.page.locator("#vg-tooltip-element");
    await tooltip.waitFor({ state: "visible", timeout: 5_000 });
    const text = await tooltip.innerText();
    expect(text).toContain("hin_Deva");
    expect(text).toContain("Gemma 3");
    expect(text).toContain(row.premium!.toFixed(3));
    expect(text).toContain(row.tokens.toLocaleString("en-US"));
    // the shared page as it was: pointer off the charts, the heatmap's box and the page scrolled to the top (a cell
    // scrolled to under the box's sticky head gets no pointer events)
    await opened.page.locator("header").first().hover();
    await opened.page.evaluate(() => {
      document.querySelector('.chart-box:has([data-chart="premium-heatmap"])')?.scrollTo(0, 0);
      window.scrollTo(0, 0);
    });
  });

  it("shows hostile tokenizer names, language names and vocabulary entries as text and runs none of them", async () => {
    const opened = await openReport(await sharedReport("hostile"));
    if (SCREENSHOTS) await screenshots(opened, "hostile");
    const pwned = await opened.page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned);
    expect(pwned).toBeUndefined();
    expect(opened.consoleAll.filter((m) => m.includes("PWNED"))).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
    const injected = await opened.page.evaluate(() => ({
      imgs: document.querySelectorAll("img").length,
      scripts: document.querySelectorAll("script").length,
      svgsOutsideCharts: [...document.querySelectorAll("svg")].filter((s) => !s.closest(".chart")).length,
      text: document.body.innerText,
      chartText: [...document.querySelectorAll(".chart svg text")].map((t) => t.textContent).join("\n"),
    }));
    expect(injected.imgs).toBe(0);
    expect(injected.scripts).toBe(12); // the data, specs, pivot and set JSON, vega, vega-lite, vega-embed, the page, pivot, chooser, set-summary and page-state scripts
    expect(injected.svgsOutsideCharts).toBe(0);
    // Shown literally, in tables and in chart labels.
    expect(injected.text).toContain(HOSTILE.img);
    expect(injected.text).toContain(HOSTILE.script);
    expect(injected.text).toContain(HOSTILE.comment);
    expect(injected.text).toContain(HOSTILE.svg);
    expect(injected.chartText).toContain(HOSTILE.img.slice(0, 20));
    expect(injected.chartText).toContain("</script><script>");
    await opened.page.close();
  });

  it("highlights a tokenizer from the premium chart's key, shows one legend and keeps titles out from under the sticky head", async () => {
    const opened = await sharedSamplePage();
    const page = opened.page;
    /** Opacity of the premium dots per tokenizer (the dots are the symbol marks). */
    const opacities = () =>
      page.evaluate(() => {
        type Item = { items?: Item[]; marktype?: string; opacity?: number; datum?: { tokenizer_label?: string } };
        const view = (window as unknown as { __toklens: { views: Record<string, { scenegraph(): { root: Item } }> } })
          .__toklens.views["premium"]!;
        const out: Record<string, number[]> = {};
        const walk = (node: Item, symbol: boolean) => {
          if (symbol && node.datum?.tokenizer_label !== undefined)
            (out[node.datum.tokenizer_label] ??= []).push(node.opacity ?? 1);
          for (const c of node.items ?? []) walk(c, c.marktype !== undefined ? c.marktype === "symbol" : symbol);
        };
        walk(view.scenegraph().root, false);
        return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...new Set(v)]]));
      });
    const before = await opacities();
    expect(Object.keys(before).length).toBe(6);
    const plain = Object.fromEntries(Object.keys(before).map((label) => [label, [0.95]]));
    expect(before).toEqual(plain);
    await page.locator('#head-premium button.key[data-tokenizer="Llama 3"]').click();
    await page.waitForFunction(
      () =>
        document.querySelector('#head-premium button.key[data-tokenizer="Llama 3"]')?.getAttribute("aria-pressed") ===
        "true",
    );
    // every tokenizer's dots but Llama 3's fade (polled: the view applies the highlight on its next run)
    const highlighted = Object.fromEntries(Object.keys(before).map((l) => [l, l === "Llama 3" ? [0.95] : [0.1]]));
    await expect.poll(opacities, { timeout: 5_000, interval: 50 }).toEqual(highlighted);
    // a second click clears the highlight (which also leaves the shared page as it was)
    await page.locator('#head-premium button.key[data-tokenizer="Llama 3"]').click();
    await expect.poll(opacities, { timeout: 5_000, interval: 50 }).toEqual(plain);

    const layout = await page.evaluate(() => ({
      legendsIn: Object.fromEntries(
        ["premium", "fertility"].map((n) => [n, document.querySelectorAll(`#chart-${n} .role-legend`).length]),
      ),
      titlesIn: Object.fromEntries(
        ["premium", "fertility"].map((n) => [n, document.querySelectorAll(`#chart-${n} .role-title`).length]),
      ),
      keys: Object.fromEntries(
        ["premium", "fertility"].map((n) => [n, document.querySelectorAll(`#head-${n} button.key`).length]),
      ),
      headTitle: document.querySelector("#head-premium .chart-title")?.textContent ?? "",
    }));
    expect(layout.legendsIn).toEqual({ premium: 0, fertility: 0 });
    expect(layout.titlesIn).toEqual({ premium: 0, fertility: 0 });
    expect(layout.keys).toEqual({ premium: 6, fertility: 6 });
    expect(layout.headTitle).toContain("How many times more tokens than English");
    // scrolled inside its box, the head stays on top and the first visible row starts below it
    const box = page.locator('.chart-box:has([data-chart="premium"])');
    await box.evaluate((el) => el.scrollTo(0, 300));
    const gap = await page.evaluate(() => {
      const head = document.getElementById("head-premium")!.getBoundingClientRect();
      const boxRect = document.querySelector('.chart-box:has([data-chart="premium"])')!.getBoundingClientRect();
      return { headTop: head.top - boxRect.top, headBottom: head.bottom };
    });
    expect(gap.headTop).toBeLessThan(2);
    await box.evaluate((el) => el.scrollTo(0, 0));
  });

  it("shows the heatmap tooltip when the pointer is at a cell's centre, on its text", async () => {
    const { page } = await sharedSamplePage();
    // no tooltip shown before (an earlier test on the shared page hovered a cell): the pointer on the page's header
    await page.locator("header").first().hover();
    await page.locator("#vg-tooltip-element.visible").waitFor({ state: "hidden", timeout: 5000 });
    const cell = page.locator("#chart-premium-heatmap g.mark-rect.role-mark path").nth(7);
    await cell.scrollIntoViewIfNeeded();
    const r = (await cell.boundingBox())!;
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    const tip = page.locator("#vg-tooltip-element.visible");
    await tip.waitFor({ timeout: 5000 });
    const tipText = await tip.textContent();
    expect(tipText).toContain("Premium vs English");
    // the hovered cell is the one drawn there: the text mark at its centre carries the same premium
    const texts = await page.locator("#chart-premium-heatmap g.mark-text.role-mark text").nth(7).textContent();
    const shown = Number((texts ?? "").replace("★", "").trim());
    expect(tipText).toContain(shown.toFixed(2).slice(0, 3));
  });

  it("keys a tokenizer's colour to the tokenizer across reports with different tokenizer sets", async () => {
    const part = sampleReportData(false);
    const keep = ["qwen3", "gemma3", "llama3"];
    part.compare.tokenizers = part.compare.tokenizers.filter((t) => keep.includes(t.id)).reverse();
    part.compare.results = part.compare.results.filter((r) => keep.includes(r.tokenizer));
    part.compare.summary = part.compare.summary.filter((s) => keep.includes(s.tokenizer));
    part.compare.warnings = [];
    const colours = async (opened: Opened) => {
      const fills = await opened.page.evaluate(() => {
        const out: Record<string, string> = {};
        document.querySelectorAll("#head-premium button.key").forEach((b) => {
          out[b.getAttribute("data-tokenizer")!] = (b.querySelector(".swatch") as HTMLElement).style.background;
        });
        // the marks themselves: the fill of each premium dot, by its tooltip's tokenizer
        type Item = { items?: Item[]; marktype?: string; fill?: string; datum?: { tokenizer_label?: string } };
        const view = (window as unknown as { __toklens: { views: Record<string, { scenegraph(): { root: Item } }> } })
          .__toklens.views["premium"]!;
        const marks: Record<string, string[]> = {};
        const walk = (node: Item, symbol: boolean) => {
          if (symbol && node.datum?.tokenizer_label)
            (marks[node.datum.tokenizer_label] ??= []).push(String(node.fill).toLowerCase());
          for (const c of node.items ?? []) walk(c, c.marktype !== undefined ? c.marktype === "symbol" : symbol);
        };
        walk(view.scenegraph().root, false);
        return { keys: out, marks: Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, [...new Set(v)]])) };
      });
      return fills;
    };
    // the full set: the sample report (sampleReportData(true)); the part: three of its tokenizers, in reverse order
    const a = await colours(await sharedSamplePage());
    const opened = await openReport(await writeFresh("colours-part", part));
    const b = await colours(opened);
    await opened.page.close();
    for (const [label, id] of [
      ["Qwen3", "qwen3"],
      ["Gemma 3", "gemma3"],
      ["Llama 3", "llama3"],
    ] as const) {
      expect(a.marks[label]).toEqual([TOKENIZER_COLORS[id]!.toLowerCase()]);
      expect(b.marks[label]).toEqual(a.marks[label]);
      expect(b.keys[label]).toBe(a.keys[label]);
    }
  });

  it("fits the summary charts in their boxes at 1400 px and 1000 px, labels included", async () => {
    // the charts have fixed widths and no script reads the page's width (the boxes are CSS), so the page drawn at
    // 1280 px and resized lays out as one opened at that width
    const opened = await sharedSamplePage();
    for (const width of [1400, 1000]) {
      await opened.page.setViewportSize({ width, height: 900 });
      expect(await opened.page.evaluate(() => window.innerWidth)).toBe(width);
      const fit = await opened.page.evaluate(() =>
        ["cheapest", "gini"].map((n) => {
          const box = document.querySelector(`.chart-box:has([data-chart="${n}"])`)!;
          const svg = box.querySelector("svg")!.getBoundingClientRect();
          const inner = box.getBoundingClientRect();
          return {
            n,
            overflow: box.scrollWidth - box.clientWidth,
            svgRight: svg.right,
            boxRight: inner.right,
            svgWidth: svg.width,
          };
        }),
      );
      for (const f of fit) {
        expect(f.overflow, `${f.n} at ${width}px`).toBeLessThanOrEqual(0);
        expect(f.svgRight, `${f.n} at ${width}px`).toBeLessThanOrEqual(f.boxRight);
        expect(f.svgWidth).toBeGreaterThan(300);
      }
    }
    await opened.page.setViewportSize(VIEWPORT);
  });

  it("shows every tokenizer's split of a real UDHR sample as .tok elements, per language, with ids and bytes on hover", async () => {
    // the fixture's tokenizers, loaded for real, on the first UDHR segment of each language: the report
    // sharedReport("token-samples") is the sample report with these samples
    const data = sampleReportData(true);
    const langs = FIXTURE_SAMPLE_LANGUAGES;
    data.tokenSamples = await fixtureTokenSamples();
    expect(data.tokenSamples.samples.map((s) => s.language)).toEqual(langs);
    const opened = await openReport(await sharedReport("token-samples"));
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
    const page = opened.page;
    const read = () =>
      page.evaluate(() =>
        [...document.querySelectorAll("#tok-view .tok-row")].map((row) => ({
          tokenizer: row.getAttribute("data-tokenizer"),
          toks: row.querySelectorAll(".tok").length,
          ids: [...row.querySelectorAll(".tok")].map((t) => Number(t.getAttribute("data-id"))),
          bytes: [...row.querySelectorAll(".tok")].map((t) => t.getAttribute("data-bytes")),
          titles: [...row.querySelectorAll(".tok")].map((t) => t.getAttribute("title")),
          byteGroups: row.querySelectorAll(".tok-group").length,
          title: row.querySelector(".tok")?.getAttribute("title") ?? "",
          label: row.querySelector(".tok-name .tok-muted")?.textContent ?? "",
        })),
      );
    const options = await page.evaluate(() =>
      [...document.querySelectorAll("#tok-lang option")].map((o) => (o as HTMLOptionElement).value),
    );
    expect(options.sort()).toEqual([...langs].sort());
    for (const lang of langs) {
      await page.selectOption("#tok-lang", lang);
      const rows = await read();
      const sample = data.tokenSamples!.samples.find((s) => s.language === lang)!;
      expect(rows.map((r) => r.tokenizer)).toEqual(data.compare.tokenizers.map((t) => t.id));
      for (const r of rows) {
        const split = sample.splits.find((s) => s.tokenizer === r.tokenizer)!;
        // one .tok per token, in order, with the ids, bytes and stored strings the tokenizer produced: the page's
        // unpacking of the packed splits agrees with unpackTokenSplit (which packed-tokens.test.ts checks against
        // the tokenizers' own groups)
        const tokens = unpackTokenSplit(sample.text, split).flatMap((g) => g.tokens);
        expect(r.ids, `${lang} ${r.tokenizer}`).toEqual(tokens.map((t) => t.id));
        expect(r.bytes, `${lang} ${r.tokenizer}`).toEqual(tokens.map((t) => t.hex));
        expect(r.titles, `${lang} ${r.tokenizer}`).toEqual(
          tokens.map((t) => `id ${t.id}\nstored ${JSON.stringify(t.token)}\nbytes ${t.hex || "(none)"}`),
        );
        // the row's "N tokens" counts the packed split's ids, not its groups
        expect(r.label, `${lang} ${r.tokenizer}`).toBe(` ${split.ids.split(" ").length} tokens`);
        expect(r.toks).toBeGreaterThan(3);
        expect(r.title).toMatch(/^id \d+\nstored ".*"\nbytes [0-9a-f ]+$/s);
      }
      // English needs no byte pieces in any of these; Amharic (Ethiopic) does in at least one
      if (lang === "eng_Latn") expect(rows.every((r) => r.byteGroups === 0)).toBe(true);
      if (lang === "amh_Ethi") expect(rows.some((r) => r.byteGroups > 0)).toBe(true);
    }
    if (SCREENSHOTS) {
      mkdirSync(join(OUT, "token-view"), { recursive: true });
      await page.locator("#tokens").screenshot({ path: join(OUT, "token-view", "tokens.png") });
    }
    await page.close();
  });

  it("the page of `toklens tokenize --html` shows one .tok per token for each tokenizer, under its CSP", async () => {
    const text = 'Hi नमस्ते 𝄞 <img src=x onerror="window.__pwned=1">';
    const splits = [];
    for (const ref of ["gpt2", "llama2", "cl100k_base"]) {
      const tok = await sharedTokenizer(ref);
      splits.push({ id: ref, label: tok.name, groups: await tokenView(tok, text) });
    }
    mkdirSync(join(OUT, "tokenize-html"), { recursive: true });
    const file = join(OUT, "tokenize-html", "view.html");
    writeFileSync(file, tokenViewPage("toklens tokenize", text, splits));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(pathToFileURL(file).href);
    const counts = await page.evaluate(() =>
      [...document.querySelectorAll(".tok-row")].map((r) => [
        r.getAttribute("data-tokenizer"),
        r.querySelectorAll(".tok").length,
      ]),
    );
    expect(counts).toEqual(splits.map((s) => [s.id, s.groups.reduce((n, g) => n + g.tokens.length, 0)]));
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => document.querySelectorAll("img").length)).toBe(0);
    expect(errors).toEqual([]);
    if (SCREENSHOTS) await page.screenshot({ path: join(OUT, "tokenize-html", "view.png"), fullPage: true });
    await page.close();
  });

  it("unpacks the tokens a spelling rule gets wrong from their stored exceptions, in the page as in unpackTokenSplit", async () => {
    // a token stored under another string than its bytes spell, and two byte pieces of U+1230 that never complete
    const groups: TokenGroup[] = [
      { text: "a", tokens: [{ id: 5, token: "<a-alias>", hex: "61" }], bytes: false },
      { text: " b", tokens: [{ id: 9, token: "\u2581b", hex: "20 62" }], bytes: false },
      {
        text: "\ufffd",
        tokens: [
          { id: 228, token: "<0xE1>", hex: "e1" },
          { id: 139, token: "<0x88>", hex: "88" },
        ],
        bytes: true,
      },
    ];
    const packed = packTokenSplit("x", "a b", groups);
    expect(packed.stored).toBe("metaspace");
    expect(packed.storedExceptions).toEqual([[0, "<a-alias>"]]);
    expect(packed.hexExceptions).toEqual([
      [2, "e1"],
      [3, "88"],
    ]);
    mkdirSync(join(OUT, "tokenize-html"), { recursive: true });
    const file = join(OUT, "tokenize-html", "exceptions.html");
    writeFileSync(file, tokenViewPage("exceptions", "a b", [{ id: "x", label: "X", groups }]));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll(".tok")].map((t) => [
        t.getAttribute("data-id"),
        t.getAttribute("data-bytes"),
        t.getAttribute("title"),
      ]),
    );
    expect(shown).toEqual(
      groups
        .flatMap((g) => g.tokens)
        .map((t) => [String(t.id), t.hex, `id ${t.id}\nstored ${JSON.stringify(t.token)}\nbytes ${t.hex}`]),
    );
    expect(await page.evaluate(() => document.querySelectorAll(".tok-group").length)).toBe(1);
    await page.close();
  });

  it("labels each tokenizer's row with its number of tokens, not of groups", async () => {
    // X: "a", " " and three byte pieces of U+1230 under one group (3 groups, 5 tokens); Y: the text as one token
    const text = "a \u1230";
    const x: TokenGroup[] = [
      { text: "a", tokens: [{ id: 5, token: "a", hex: "61" }], bytes: false },
      { text: " ", tokens: [{ id: 6, token: "\u2581", hex: "20" }], bytes: false },
      {
        text: "\u1230",
        tokens: [
          { id: 228, token: "<0xE1>", hex: "e1" },
          { id: 139, token: "<0x88>", hex: "88" },
          { id: 179, token: "<0xB0>", hex: "b0" },
        ],
        bytes: true,
      },
    ];
    const y: TokenGroup[] = [
      { text, tokens: [{ id: 7, token: "a\u2581\u1230", hex: "61 20 e1 88 b0" }], bytes: false },
    ];
    const splits = [
      { id: "x", label: "X", groups: x },
      { id: "y", label: "Y", groups: y },
    ];
    const packed = splits.map((s) => packTokenSplit(s.id, text, s.groups).ids.split(" ").length);
    expect(packed).toEqual([5, 1]);
    mkdirSync(join(OUT, "tokenize-html"), { recursive: true });
    const file = join(OUT, "tokenize-html", "labels.html");
    writeFileSync(file, tokenViewPage("labels", text, splits));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    const labels = await page.evaluate(() =>
      [...document.querySelectorAll(".tok-row")].map((r) => r.querySelector(".tok-name .tok-muted")?.textContent),
    );
    expect(labels).toEqual(packed.map((n) => ` ${n} tokens`));
    await page.close();
  });

  it("downloads a chart as SVG and PNG, and a table as CSV with full-precision numbers", async () => {
    const data = sampleReportData(true);
    const { page } = await sharedSamplePage();
    const fetch = async (selector: string) => {
      const [dl] = await Promise.all([page.waitForEvent("download"), page.locator(selector).first().click()]);
      return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
    };
    const svg = await fetch('button[data-download="premium.svg"]');
    expect(svg.name).toBe("premium.svg");
    expect(svg.bytes.toString("utf8")).toMatch(/^<svg/);
    expect(svg.bytes.toString("utf8")).toContain("Hindi (hin_Deva)");
    const png = await fetch('button[data-download="gini.png"]');
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const csv = await fetch('button[data-download="table-results.csv"]');
    const lines = csv.bytes.toString("utf8").trim().split("\r\n");
    expect(lines[0]).toBe(
      "Tokenizer,Language,Tokens,Words,Bytes,Fertility,Split words,Bytes/token,Chars/token,Premium,UNK,Byte fallback,Unique tokens,Rényi eff.",
    );
    expect(lines.length).toBe(1 + data.compare.results.length);
    // Hindi with Llama 3: the row's tokens and premium as in the data, not as rounded on the page
    const r = data.compare.results.find((x) => x.tokenizer === "llama3" && x.language === "hin_Deva")!;
    const row = lines.find((l) => l.startsWith("Llama 3,Hindi (hin_Deva),"))!.split(",");
    expect(Number(row[2])).toBe(r.tokens);
    expect(Number(row[9])).toBe(r.premium);
  });

  it("switches the pivot in the page: premiums become ratios of token counts against the new pivot", async () => {
    const data = sampleReportData(true);
    const opened = await sharedSamplePage();
    const page = opened.page;
    await expectAsWritten(page);
    const tokens = (tok: string, lang: string) =>
      data.compare.results.find((r) => r.tokenizer === tok && r.language === lang)!.tokens;
    /** The premium datum of one tokenizer x language in a chart's scenegraph. */
    const premiumIn = (chart: string, tokenizer: string, language: string) =>
      page.evaluate(
        ([chart, tokenizer, language]) => {
          type Item = {
            items?: Item[];
            datum?: { tokenizer_label?: string; language_label?: string; premium?: number };
          };
          const view = (window as unknown as { __toklens: { views: Record<string, { scenegraph(): { root: Item } }> } })
            .__toklens.views[chart!]!;
          let found: number | undefined;
          const walk = (n: Item) => {
            if (
              n.datum?.tokenizer_label === tokenizer &&
              n.datum?.language_label === language &&
              typeof n.datum?.premium === "number"
            )
              found = n.datum?.premium;
            for (const c of n.items ?? []) walk(c);
          };
          walk(view.scenegraph().root);
          return found;
        },
        [chart, tokenizer, language],
      );
    const before = await premiumIn("premium", "Llama 3", "Hindi (hin_Deva)");
    expect(before).toBeCloseTo(
      data.compare.results.find((r) => r.tokenizer === "llama3" && r.language === "hin_Deva")!.premium!,
      9,
    );
    await page.selectOption("#pivot-select", "deu_Latn");
    await page.waitForFunction(() => document.documentElement.getAttribute("data-pivot") === "deu_Latn");
    const expected = tokens("llama3", "hin_Deva") / tokens("llama3", "deu_Latn");
    expect(expected).not.toBeCloseTo(before!, 3);
    for (const chart of ["premium", "premium-heatmap", "premium-spread"]) {
      expect(await premiumIn(chart, "Llama 3", "Hindi (hin_Deva)"), chart).toBeCloseTo(expected, 9);
    }
    // German is now at parity, English is not
    expect(await premiumIn("premium", "Qwen3", "German (deu_Latn)")).toBe(1);
    expect(await premiumIn("premium", "Qwen3", "English (eng_Latn)")).toBeCloseTo(
      tokens("qwen3", "eng_Latn") / tokens("qwen3", "deu_Latn"),
      9,
    );
    expect(await page.locator("#head-premium .chart-title").textContent()).toContain("than German");
    // back to the run's pivot: ratios against English again (the fixture's stored premiums are rounded to 4
    // places, the page's recomputed ones are not), and the shared page as it was
    await page.selectOption("#pivot-select", "eng_Latn");
    await page.waitForFunction(() => document.documentElement.getAttribute("data-pivot") === "eng_Latn");
    const back = await premiumIn("premium", "Llama 3", "Hindi (hin_Deva)");
    expect(back).toBeCloseTo(tokens("llama3", "hin_Deva") / tokens("llama3", "eng_Latn"), 9);
    expect(back).toBeCloseTo(before!, 3);
    await expectAsWritten(page);
    expect(opened.consoleErrors).toEqual([]);
  });

  it("hides a tokenizer from every tokenizer chart when unchecked, and the pivot switch respects it", async () => {
    const data = sampleReportData(true);
    const opened = await sharedSamplePage();
    const page = opened.page;
    await expectAsWritten(page);
    /** Tokenizer labels drawn in a chart, with their fills for the premium dots. */
    const drawn = (chart: string) =>
      page.evaluate((chart) => {
        type Item = { items?: Item[]; fill?: string; datum?: { tokenizer_label?: string } };
        const view = (window as unknown as { __toklens: { views: Record<string, { scenegraph(): { root: Item } }> } })
          .__toklens.views[chart]!;
        const out = new Set<string>();
        const walk = (n: Item) => {
          if (n.datum?.tokenizer_label) out.add(n.datum.tokenizer_label);
          for (const c of n.items ?? []) walk(c);
        };
        walk(view.scenegraph().root);
        return [...out].sort();
      }, chart);
    const all = data.compare.tokenizers.map((t) => t.name).sort();
    for (const chart of ["premium", "premium-heatmap", "fertility", "gini", "cheapest"])
      expect(await drawn(chart), chart).toEqual(all);
    await page.locator('input[data-show-tokenizer="Qwen3"]').uncheck();
    await page.waitForFunction(() => document.documentElement.getAttribute("data-hidden-tokenizers") === "Qwen3");
    const rest = all.filter((l) => l !== "Qwen3");
    for (const chart of ["premium", "premium-heatmap", "premium-spread", "fertility", "gini", "cheapest"])
      expect(await drawn(chart), chart).toEqual(rest);
    // the pivot switch redraws without the hidden tokenizer too
    await page.selectOption("#pivot-select", "deu_Latn");
    await page.waitForFunction(() => document.documentElement.getAttribute("data-pivot") === "deu_Latn");
    expect(await drawn("premium")).toEqual(rest);
    await page.locator('input[data-show-tokenizer="Qwen3"]').check();
    await page.waitForFunction(() => document.documentElement.getAttribute("data-hidden-tokenizers") === "");
    expect(await drawn("premium")).toEqual(all);
    // back to the run's pivot (the shared page as it was)
    await page.selectOption("#pivot-select", "eng_Latn");
    await page.waitForFunction(() => document.documentElement.getAttribute("data-pivot") === "eng_Latn");
    await expectAsWritten(page);
    expect(opened.consoleErrors).toEqual([]);
  });
});
