// Opens real reports from file:// in headless Chromium: every chart draws marks, no console errors, no network, hostile
// text inert; the tables built from the page's data block; the report staying true when the reader changes it;
// reading tokens in the page. One file, so that these tests share one drawn sample page (with real token samples),
// one hostile page and one computation of the real samples.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fmt, int, pct } from "../../src/report/format.js";
import { num, table, text } from "../../src/report/html-table.js";
import { buildReportModel, type ReportModel } from "../../src/report/report-model.js";
import { writeReport } from "../../src/report/write-report.js";
import type { ReportData } from "../../src/results/report-data.js";
import { HOSTILE, hostileReportData, sampleCompare, sampleReportData } from "./report-fixtures.js";
import { TOKENIZER_COLORS } from "../../src/report/charts/common.js";
import { tokenViewPage } from "../../src/report/token-view-html.js";
import { packTokenSplit, unpackTokenSplit } from "../../src/results/packed-tokens.js";
import { tokenView, type TokenGroup } from "../../src/tokenizers/token-pieces.js";
import { writeFileSync } from "node:fs";
import { describeInChromium, sharedChromium, SCREENSHOTS } from "../helpers/chromium.js";
import { tokenSamples } from "../../src/analysis/token-samples.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { sharedSession, sharedTokenizer } from "../helpers/shared-tokenizers.js";
import {
  FIXTURE_SAMPLE_LANGUAGES,
  FIXTURE_TOKENIZER_REFS,
  fixtureTokenSamples,
  sharedReport,
} from "./shared-reports.js";

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
async function openReport(html: string, viewport = VIEWPORT): Promise<Opened> {
  const page = await browser.newPage({ viewport });
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
 * The sample report with real token samples (sharedReport("token-samples"): sampleReportData(true) and
 * fixtureTokenSamples()), opened once for the file: drawing its 16 charts is most of a test's time. The tests that use it read the page, hover, download, resize, sort or filter it; those that change what is
 * drawn (the key's highlight; the pivot switch, the chooser and the tests of "the report stays true", whose redraws
 * replace charts, last in the file) or the viewport put the page back before they end and check that they did
 * (`expectAsWritten`). Console errors and requests are collected over all of them, so each test's `toEqual([])`
 * covers the tests before it too.
 */
function sharedSamplePage(): Promise<Opened> {
  samplePage ??= sharedReport("token-samples").then(openReport);
  return samplePage;
}

let hostilePage: Promise<Opened> | undefined;

/**
 * The hostile report (sharedReport("hostile")), opened once for the file: the hostile-text test reads it, then the
 * table test sorts its results table and filters it (clearing the filter at the end).
 */
function sharedHostilePage(): Promise<Opened> {
  hostilePage ??= sharedReport("hostile").then(openReport);
  return hostilePage;
}

/**
 * Opens `url` (a report with a state in its hash) in a page of its own, waits for the charts and for the hash's
 * state to be applied.
 */
async function openWithState(url: string): Promise<{ page: Page; errors: string[] }> {
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
  return { page, errors };
}

/** The numbers and premium tables as html-table.ts renders them: the reference the page's script must match. */
function referenceTables(model: ReportModel): string {
  const results = table(
    "ref-results",
    [],
    model.rows.map((r) => [
      text(r.tokenizer_label),
      text(r.language_label),
      num(r.tokens, int(r.tokens)),
      num(r.words, int(r.words)),
      num(r.bytes, int(r.bytes)),
      num(r.fertility, fmt(r.fertility)),
      num(r.continued_words, pct(r.continued_words)),
      num(r.bytes_per_token, fmt(r.bytes_per_token)),
      num(r.chars_per_token, fmt(r.chars_per_token)),
      num(r.premium, fmt(r.premium)),
      num(r.unk_rate, pct(r.unk_rate, 2)),
      num(r.byte_fallback_rate, pct(r.byte_fallback_rate, 2)),
      num(r.unique_tokens, int(r.unique_tokens)),
      num(r.renyi_efficiency, fmt(r.renyi_efficiency)),
    ]),
  );
  const rowAt = new Map(model.rows.map((r) => [`${r.tokenizer}\u0000${r.language}`, r]));
  const premium = table(
    "ref-premium",
    [],
    model.languages.map((l) => [
      text(l.label),
      text(l.script),
      ...model.tokenizers.map((t) => {
        const r = rowAt.get(`${t.id}\u0000${l.code}`);
        const ci = r?.premium_ci ? ` [${fmt(r.premium_ci[0], 2)}–${fmt(r.premium_ci[1], 2)}]` : "";
        return num(r?.premium, r ? `${fmt(r.premium)}${ci}` : "–");
      }),
    ]),
  );
  return results + premium;
}

/**
 * On an opened report whose data is `data`: the tables the page script built from the data block equal the same
 * tables rendered as HTML by html-table.ts (parsed by the same browser into a detached template, never inserted
 * into the page), cell for cell and data-v for data-v; sorting and filtering work on the built rows; no script of
 * the data ran (window.__pwned, which every payload of HOSTILE sets, stays unset), neither while the page loaded nor
 * during the checks. The filter is cleared at the end (every row shown again); the results table stays sorted by
 * tokens.
 */
async function compareTables({ page, consoleErrors }: Opened, data: ReportData): Promise<void> {
  const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null);
  expect(await pwned()).toBeNull();
  const cells = (id: string) =>
    page.evaluate(
      (id) =>
        [...document.querySelectorAll(`#${id} tbody tr`)].map((tr) =>
          [...(tr as HTMLTableRowElement).cells].map(
            (td) => `${td.className}|${td.getAttribute("data-v")}|${td.textContent}`,
          ),
        ),
      id,
    );
  const model = buildReportModel(data);
  // the reference tables parsed by the same browser into a detached template (never inserted, never run), read the
  // same way
  const reference = await page.evaluate((html) => {
    const t = document.createElement("template");
    t.innerHTML = html;
    const of = (id: string) =>
      [...t.content.querySelectorAll(`#${id} tbody tr`)].map((tr) =>
        [...(tr as HTMLTableRowElement).cells].map(
          (td) => `${td.className}|${td.getAttribute("data-v")}|${td.textContent}`,
        ),
      );
    return { results: of("ref-results"), premium: of("ref-premium") };
  }, referenceTables(model));
  const results = await cells("table-results");
  expect(results).toHaveLength(model.rows.length);
  expect(results).toEqual(reference.results);
  const premium = await cells("table-premium");
  expect(premium).toHaveLength(model.languages.length);
  expect(premium).toEqual(reference.premium);
  // sorting and filtering work on the built rows
  await page.click("#table-results thead th:nth-child(3)");
  const tokens = await page.evaluate(() =>
    [...document.querySelectorAll("#table-results tbody tr")].map((tr) =>
      Number((tr as HTMLTableRowElement).cells[2]!.getAttribute("data-v")),
    ),
  );
  expect(tokens).toEqual([...model.rows.map((r) => r.tokens)].sort((a, b) => a - b));
  const lang = model.languages[3]!.label;
  await page.fill('input[data-filter="table-results"]', lang);
  const shown = await page.evaluate(() =>
    [...document.querySelectorAll("#table-results tbody tr:not([hidden])")].map(
      (tr) => (tr as HTMLTableRowElement).cells[1]!.textContent,
    ),
  );
  expect(shown.every((l) => l === lang)).toBe(true);
  expect(shown.length).toBe(
    model.rows.filter((r) => `${r.tokenizer_label}${r.language_label}`.toLowerCase().includes(lang.toLowerCase()))
      .length,
  );
  // the filter cleared: every row shown again
  await page.fill('input[data-filter="table-results"]', "");
  expect(await page.locator("#table-results tbody tr:not([hidden])").count()).toBe(model.rows.length);
  expect(await pwned()).toBeNull();
  expect(consoleErrors).toEqual([]);
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
    await (await hostilePage?.catch(() => null))?.page.close();
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
    const opened = await sharedHostilePage();
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
    // a page opened at each width (the shared page resized to it once measured an overflow of 80 px at 1000 px in one
    // CI run out of several: the layout after a resize is not always settled when it is read)
    const html = await sharedReport("token-samples");
    for (const width of [1400, 1000]) {
      const opened = await openReport(html, { width, height: 900 });
      try {
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
        expect(opened.consoleErrors).toEqual([]);
      } finally {
        await opened.page.close();
      }
    }
  });

  it("shows every tokenizer's split of a real UDHR sample as .tok elements, per language, with ids and bytes on hover", async () => {
    // the fixture's tokenizers, loaded for real, on the first UDHR segment of each language: the shared page is
    // the sample report with these samples
    const data = sampleReportData(true);
    const langs = FIXTURE_SAMPLE_LANGUAGES;
    data.tokenSamples = await fixtureTokenSamples();
    expect(data.tokenSamples.samples.map((s) => s.language)).toEqual(langs);
    const opened = await sharedSamplePage();
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
    // the first language again: the shared page as it was (no language in its hash)
    await page.selectOption(
      "#tok-lang",
      await page.evaluate(() => (document.getElementById("tok-lang") as HTMLSelectElement).options[0]!.value),
    );
    await expectAsWritten(page);
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

  // formerly tokens-browser.test.ts (issue 21, item 7): two languages side by side on the same segment, samples that
  // say what was cut, `tokenize --html` pages about the user's text
  describe("reading tokens in the page", () => {
    it("shows a second language beside the first: the same segment, each tokenizer's two splits on one line", async () => {
      // the shared page: the sample report with the real samples of its six tokenizers (300 characters at most)
      const data = { ...sampleReportData(true), tokenSamples: await fixtureTokenSamples() };
      const { page } = await sharedSamplePage();
      const TOKENIZERS = sampleCompare().tokenizers.map((t) => t.id);
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
      if (SCREENSHOTS) {
        mkdirSync(join(OUT, "tokens"), { recursive: true });
        await page.locator("#tokens").screenshot({ path: join(OUT, "tokens", "pair.png") });
      }
      // back to one language
      await page.selectOption("#tok-lang2", "");
      expect(await page.locator("#tok-view .tok-pair").count()).toBe(0);
      expect(await page.locator("#tok-view > .tok-row").count()).toBe(TOKENIZERS.length);
      // English, the first language, is shown: the shared page as it was
      await expectAsWritten(page);
    }, 120_000);

    it("cuts 100-character samples after a sentence where one ends, and says how much of the segment is shown", async () => {
      // the fixture's six tokenizers (loaded for the shared page's samples), samples cut at 100 characters; the page
      // is not waited on for its charts (only the token view is read)
      const data = sampleReportData(false);
      data.tokenSamples = await tokenSamples(
        await openCorpus("udhr"),
        FIXTURE_SAMPLE_LANGUAGES,
        FIXTURE_TOKENIZER_REFS,
        sharedSession(),
        100,
        false,
      );
      const page = await browser.newPage({ viewport: VIEWPORT });
      await page.goto(pathToFileURL(await writeFresh("tokens-cut", data)).href);
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
        expect(note).toBe(
          `Segment ${s.segment}, first ${[...s.text].length} of ${s.segmentChars} characters (${how}): `,
        );
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
      // gpt2 as the tokenize --html test above loaded it, llama3 from the session of the shared page's samples
      for (const [ref, tok] of [
        ["gpt2", await sharedTokenizer("gpt2")],
        ["llama3", await sharedSession().tokenizer("llama3")],
      ] as const)
        splits.push({ id: ref, label: tok.name, groups: await tokenView(tok, text) });
      mkdirSync(join(OUT, "tokens"), { recursive: true });
      const file = join(OUT, "tokens", "tokenize.html");
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

  // formerly page-data-browser.test.ts: the tables the page script builds from the data block
  describe("tables built from the page's data block", () => {
    it("equal the HTML tables of html-table.ts, sort and filter (sample report)", async () => {
      await compareTables(await sharedSamplePage(), {
        ...sampleReportData(true),
        tokenSamples: await fixtureTokenSamples(),
      });
    });

    it("show hostile names as text, exactly as the HTML tables do, and run none of them", async () => {
      await compareTables(await sharedHostilePage(), hostileReportData());
    });
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

  // formerly truth-browser.test.ts (issue 21 items 1, 2, 3, 8): the sentences that name the pivot follow the pivot
  // switch; unchecking a tokenizer recomputes the cheapest counts, the findings and the tables; the page state lives
  // in the URL hash. Expected numbers are recomputed here from the fixture's rows. The first three use the shared
  // sample page and put back what they change; they come after the pivot test, which checks the premiums as written
  // (a switch back to English recomputes them from the token counts: the fixture's, rounded to 4 places, are not).
  describe("the report stays true when the reader changes it", () => {
    it("names the new pivot in the premium section's heading and lede, the subtitle and the findings", async () => {
      const data = sampleReportData(true);
      const { page, consoleErrors: errors } = await sharedSamplePage();
      await expectAsWritten(page);
      expect(await page.locator("#premium h2").textContent()).toBe(
        "Premium: what each language pays relative to English",
      );
      await page.selectOption("#pivot-select", "deu_Latn");
      await page.waitForFunction(() => document.documentElement.getAttribute("data-pivot") === "deu_Latn");
      expect(await page.locator("#premium h2").textContent()).toBe(
        "Premium: what each language pays relative to German",
      );
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
      await expectAsWritten(page);
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
      const { page, consoleErrors: errors } = await sharedSamplePage();
      await expectAsWritten(page);
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
      await expectAsWritten(page);
      expect(errors).toEqual([]);
    });

    it("names the most even tokenizer of the shown set next to its cost", async () => {
      const data = sampleReportData(true);
      const ginis = data.compare.summary
        .filter((s) => s.gini !== null)
        .sort((a, b) => a.gini! - b.gini!)
        .map((s) => s.tokenizer);
      const { page, consoleErrors: errors } = await sharedSamplePage();
      await expectAsWritten(page);
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
      await expectAsWritten(page);
      expect(errors).toEqual([]);
    });

    it("keeps the pivot, the tokenizers shown, the token view's language and the filters in the URL hash", async () => {
      // the sample report with real token samples of English, Hindi, Japanese and Amharic by its six tokenizers
      const refs = FIXTURE_TOKENIZER_REFS;
      const hash = "#premium&pivot=deu_Latn&hide=Qwen3,Llama%203&tok=hin_Deva&filter-table-cheapest=Hindi";
      const first = await openWithState(pathToFileURL(await sharedReport("token-samples")).href + hash);
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
      const again = await openWithState(page.url());
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
});
