// Opens real reports from file:// in headless Chromium: every chart draws marks, no console errors, no network, hostile text inert.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReport } from "../../src/report/write-report.js";
import type { ReportData } from "../../src/report/report-data.js";
import { HOSTILE, hostileReportData, manyLanguagesReportData, sampleCompare, sampleReportData } from "./report-fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const OUT = join(process.cwd(), "test-output", "report");

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the report browser test needs Debian's Chromium. Run \`apt-get install -y chromium\` (CI's .ci/run installs it).`);
  }
  const { chromium } = await import("playwright-core");
  // launch() gives a fresh temporary profile (the default context), so nothing from another run leaks in.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
});

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  consoleErrors: string[];
  consoleAll: string[];
  requests: string[];
  marks: Record<string, number>;
  chartNames: string[];
}

/** Writes `data` as a report under test-output/report/<name>, opens it, waits for every chart, counts marks. */
async function openReport(name: string, data: ReportData): Promise<Opened> {
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const files = await writeReport(data, dir);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
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
  await page.goto(pathToFileURL(files.html).href);
  await page.waitForFunction(() => (window as unknown as { __toklens?: { ready: boolean } }).__toklens?.ready === true, null, { timeout: 30_000 });
  const { marks, chartNames } = await page.evaluate(() => {
    type Item = { items?: Item[]; marktype?: string; role?: string };
    const state = (window as unknown as { __toklens: { views: Record<string, { scenegraph(): { root: Item } }> } }).__toklens;
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

describe("HTML report in Chromium", () => {
  it("renders every chart of the sample report offline, with marks, no console errors and no network", async () => {
    const opened = await openReport("sample", sampleReportData(true));
    await screenshots(opened, "sample");
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
    expect(opened.chartNames.sort()).toEqual([
      "cheapest", "expansion", "fertility", "gini", "premium", "premium-heatmap", "premium-spread", "trimming",
      "vocab-classes", "vocab-overlap", "vocab-scripts",
    ]);
    // Expected mark counts from the fixture: 45 languages x 6 tokenizers = 270 rows.
    expect(opened.marks["premium"]).toBe(270 * 2 + 1); // interval rule + dot per row, and the parity line
    expect(opened.marks["premium-heatmap"]).toBe(270 * 2 + 45); // cell + text per row, one outline per language
    expect(opened.marks["premium-spread"]).toBe(44 * 6 + 6 + 1); // ticks for non-pivot languages, medians, parity
    expect(opened.marks["fertility"]).toBe(264 + 270); // Tibetan has no fertility (6 rows missing)
    expect(opened.marks["gini"]).toBe(12);
    expect(opened.marks["cheapest"]).toBe(12);
    expect(opened.marks["vocab-overlap"]).toBe(36 * 2);
    expect(opened.marks["trimming"]).toBeGreaterThanOrEqual(2 + 12); // 2 lines + 12 points
    expect(opened.marks["expansion"]).toBeGreaterThanOrEqual(4 + 24);
    for (const chart of ["vocab-classes", "vocab-scripts"]) expect(opened.marks[chart]).toBeGreaterThan(20);

    // Tooltips give exact values: hover Hindi's gemma3 cell in the heatmap.
    const row = sampleCompare().results.find((r) => r.tokenizer === "gemma3" && r.language === "hin_Deva")!;
    const point = await opened.page.evaluate(() => {
      type Item = { items?: Item[]; marktype?: string; datum?: Record<string, unknown>; bounds?: { x1: number; x2: number; y1: number; y2: number } };
      const view = (window as unknown as { __toklens: { views: Record<string, { scenegraph(): { root: Item }; origin(): [number, number]; container(): HTMLElement }> } }).__toklens.views["premium-heatmap"]!;
      let cell: Item | null = null;
      const walk = (node: Item, type: string | undefined) => {
        if (!cell && type === "rect" && node.datum && String(node.datum["language_label"]).includes("hin_Deva") && String(node.datum["tokenizer_label"]).includes("Gemma 3") && "tokens" in node.datum) cell = node;
        for (const child of node.items ?? []) walk(child, child.marktype ?? type);
      };
      walk(view.scenegraph().root, undefined);
      const b = (cell as Item | null)?.bounds;
      if (!b) return null;
      const svg = view.container().querySelector("svg")!;
      const [ox, oy] = view.origin();
      // between the cell's edge (an outline without a tooltip when it is the cheapest) and its centre (the value text)
      const at = () => ({ x: svg.getBoundingClientRect().left + ox + b.x1 + 12, y: svg.getBoundingClientRect().top + oy + (b.y1 + b.y2) / 2 });
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
    await opened.page.close();
  });

  it("keeps 400+ languages legible: sorted rows, a language filter, charts in scroll boxes", async () => {
    const data = manyLanguagesReportData();
    const opened = await openReport("many-languages", data);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
    const n = data.compare.languages.length;
    expect(n).toBeGreaterThan(400);
    expect(opened.marks["premium"]).toBe(n * 6 * 2 + 1);
    // The search box (moved into the chart's sticky head) filters the premium chart down to matching languages.
    await screenshots(opened, "many-languages");
    const input = opened.page.locator("#head-premium input[type=search]");
    await input.fill("English");
    const labels = () =>
      opened.page.evaluate(() =>
        [...document.querySelectorAll('[data-chart="premium"] .role-axis-label text')].map((t) => t.textContent ?? "").filter((t) => t.includes("(")));
    await opened.page.waitForFunction(() => document.querySelectorAll('[data-chart="premium"] .role-axis-label text').length < 60);
    const filtered = await labels();
    expect(filtered.length).toBeGreaterThan(1);
    expect(filtered.every((t) => /english/i.test(t))).toBe(true);
    await opened.page.locator('.chart-box:has([data-chart="premium"])').screenshot({ path: join(OUT, "many-languages", "screenshots", "premium-filtered.png") });
    await opened.page.close();
  });

  it("shows hostile tokenizer names, language names and vocabulary entries as text and runs none of them", async () => {
    const opened = await openReport("hostile", hostileReportData());
    await screenshots(opened, "hostile");
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
    expect(injected.scripts).toBe(5); // the specs JSON, vega, vega-lite, vega-embed, the page script
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
});
