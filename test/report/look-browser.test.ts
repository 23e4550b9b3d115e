// The charts as a reader sees them, measured in Chromium: every label inside its card, no two axis labels on top of
// each other, marks that can be told apart, the tokenizer key acting on every chart (issue 21, item 5).
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { groupRows, scriptGroups } from "../../src/metrics/groups.js";
import { DEFAULT_METRIC_OPTIONS } from "../../src/metrics/options.js";
import { writeReport } from "../../src/report/write-report.js";
import type { ReportData } from "../../src/results/report-data.js";
import { describeInChromium, sharedChromium, SCREENSHOTS } from "../helpers/chromium.js";
import { manyLanguagesReportData, sampleReportData } from "./report-fixtures.js";

const OUT = join(process.cwd(), "test-output", "report", "look");

let browser: Browser;

/**
 * The fixture's tokenizers renamed to built-ins with the longest label (Claude legacy) and the black one (GPT-2),
 * as in the leaderboard; ids are replaced wherever they occur as a JSON string.
 */
function withBuiltinNames(data: ReportData): ReportData {
  const rename: Record<string, [string, string]> = {
    "mistral-7b-v0.1": ["gpt2", "GPT-2 (50k)"],
    qwen3: ["claude-legacy", "Claude legacy (65k, pre-Claude 3)"],
  };
  let json = JSON.stringify(data);
  for (const [from, [to]] of Object.entries(rename)) json = json.split(JSON.stringify(from)).join(JSON.stringify(to));
  const out = JSON.parse(json) as ReportData;
  for (const t of out.compare.tokenizers) {
    const hit = Object.values(rename).find(([id]) => id === t.id);
    if (hit) t.name = hit[1];
  }
  return out;
}

/** The 45-language fixture with every section, script groups recomputed, one Gini at 0.470 (a label near the axis end). */
function sectionsData(): ReportData {
  const data = withBuiltinNames(sampleReportData(true));
  const c = data.compare;
  const ids = c.tokenizers.map((t) => t.id);
  c.groups = {
    by: "script",
    rows: groupRows(c.results, ids, scriptGroups(c.languages), c.pivot, DEFAULT_METRIC_OPTIONS),
  };
  c.summary[0]!.gini = 0.47;
  // prices four times the fixture's: a cost axis from about 0.004 to 0.02 USD, where a log axis labels every
  // 0.001 and "0.006" ran into "0.007"
  const scaled = (v: number | null) => (v === null ? null : v * 4);
  for (const row of c.costs ?? []) {
    row.input_usd_per_thousand_words = scaled(row.input_usd_per_thousand_words);
    const ci = row.input_usd_per_thousand_words_ci;
    if (ci) row.input_usd_per_thousand_words_ci = [ci[0] * 4, ci[1] * 4];
  }
  return data;
}

/** Extra built-in tokenizers (ids and labels as the registry has them) made from a fixture tokenizer's rows. */
const MORE: [id: string, name: string, from: string, factor: number][] = [
  ["llama2", "Llama 2 (32k SentencePiece)", "llama3", 1.3],
  ["mistral-7b", "Mistral 7B v0.1 (32k)", "llama3", 1.25],
  ["qwen3", "Qwen3 (151k)", "gemma3", 1.05],
  ["deepseek-v3", "DeepSeek-V3 (128k)", "gemma3", 1.1],
];

/** The fixture with ten tokenizers, as the leaderboard has: the heatmap's columns fill the card. */
function withTenTokenizers(data: ReportData): ReportData {
  const c = data.compare;
  for (const [id, name, from, factor] of MORE) {
    const base = c.tokenizers.find((t) => t.id === from)!;
    c.tokenizers.push({ ...base, id, name });
    c.results.push(
      ...c.results
        .filter((r) => r.tokenizer === from)
        .map((r) => ({
          ...r,
          tokenizer: id,
          tokens: Math.round(r.tokens * factor),
          fertility: (r.fertility ?? 0) * factor,
        })),
    );
    c.summary.push({ ...c.summary.find((x) => x.tokenizer === from)!, tokenizer: id });
  }
  // the longest label last, as in the leaderboard: a slanted header there ran out of the card
  const last = c.tokenizers.findIndex((t) => t.id === "claude-legacy");
  c.tokenizers.push(...c.tokenizers.splice(last, 1));
  return data;
}

/** 400+ languages (tall charts), one language whose fertility is 40 tokens a word, as Burmese-like outliers are. */
function tallData(): ReportData {
  const data = withTenTokenizers(withBuiltinNames(manyLanguagesReportData()));
  const row = data.compare.results.find((r) => r.language !== data.compare.pivot && r.tokenizer === "gpt2")!;
  row.fertility = 40;
  return data;
}

/** Per opened report: its console errors and warnings, uncaught errors, and requests other than file: ones. */
const seen = new Map<string, { errors: string[]; requests: string[] }>();

/**
 * At every frame the browser renders until the charts are drawn: whether the summary's text is in the page, and how
 * many charts are drawn (window.__frames).
 */
function recordFrames(): void {
  const frames: [boolean, number][] = [];
  (window as unknown as { __frames: typeof frames }).__frames = frames;
  const tick = () => {
    frames.push([
      (document.querySelector("#summary")?.textContent?.length ?? 0) > 100,
      document.querySelectorAll(".chart svg").length,
    ]);
    if (!(window as unknown as { __toklens?: { ready: boolean } }).__toklens?.ready) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function open(name: string, data: ReportData): Promise<Page> {
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const files = await writeReport(data, dir);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const log = { errors: [] as string[], requests: [] as string[] };
  seen.set(name, log);
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") log.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on("request", (r) => {
    if (!r.url().startsWith("file:")) log.requests.push(r.url());
  });
  await page.addInitScript(recordFrames);
  await page.goto(pathToFileURL(files.html).href);
  await page.waitForFunction(() => (window as unknown as { __toklens?: { ready: boolean } }).__toklens?.ready, null, {
    timeout: 60_000,
  });
  return page;
}

const shown = new Map<string, Promise<Page>>();

/**
 * The page of a report, opened once for the file and shared by its tests, since each page of a 400+-language report
 * takes seconds to draw: most only read it (layout, scales, labels, the frames recorded while it loaded); the two
 * that change it (the key's highlight on "sections", the language filter on "tall", each after the tests that only
 * read that page) put back what they changed before they end and check that they did.
 */
function openShared(name: "sections" | "tall"): Promise<Page> {
  let page = shown.get(name);
  if (!page) {
    page = open(name, name === "sections" ? sectionsData() : tallData());
    shown.set(name, page);
  }
  return page;
}

interface Problem {
  chart: string;
  what: string;
}

/**
 * Per chart card: every visible text of its SVG whose box leaves the card (horizontally; vertically too unless the
 * card scrolls its rows), and every pair of labels of one axis whose boxes overlap by more than half a pixel.
 */
async function layoutProblems(page: Page): Promise<Problem[]> {
  return page.evaluate(() => {
    const problems: { chart: string; what: string }[] = [];
    type Pt = { x: number; y: number };
    // a label's box in its own (rotated) frame, as four corners on the screen: its advance width plus 1.5 px each
    // side (labels closer than 3 px read as one: "0.0070.008"), by its em height (the line box adds the font's
    // ascent and descent, which neighbouring rows of 11 px labels 13 px apart share)
    const corners = (t: SVGTextElement): Pt[] => {
      const b = t.getBBox();
      const em = parseFloat(getComputedStyle(t).fontSize);
      const top = b.y + Math.max(0, (b.height - em) / 2);
      const m = t.getScreenCTM()!;
      const [left, right] = [b.x - 1.5, b.x + b.width + 1.5];
      return [
        [left, top],
        [right, top],
        [right, top + Math.min(em, b.height)],
        [left, top + Math.min(em, b.height)],
      ].map(([x, y]) => new DOMPoint(x!, y!).matrixTransform(m));
    };
    // two convex quadrilaterals overlap by more than half a pixel unless an edge normal of one separates them
    const overlap = (a: Pt[], b: Pt[]) => {
      for (const poly of [a, b])
        for (let i = 0; i < 4; i++) {
          const p = poly[i]!;
          const q = poly[(i + 1) % 4]!;
          const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
          const nx = (p.y - q.y) / len;
          const ny = (q.x - p.x) / len;
          const proj = (pts: Pt[]) => pts.map((v) => v.x * nx + v.y * ny);
          const pa = proj(a);
          const pb = proj(b);
          if (Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb)) <= 0.5)
            return false;
        }
      return true;
    };
    const visible = (t: Element) => {
      const r = t.getBoundingClientRect();
      const style = getComputedStyle(t);
      return (
        (t.textContent ?? "").trim() !== "" && r.width > 0 && style.opacity !== "0" && style.visibility !== "hidden"
      );
    };
    for (const chart of document.querySelectorAll<HTMLElement>(".chart[data-chart]")) {
      const name = chart.getAttribute("data-chart")!;
      const card = chart.closest<HTMLElement>(".chart-box")!;
      const box = card.getBoundingClientRect();
      const tall = card.classList.contains("tall");
      for (const t of chart.querySelectorAll("svg text")) {
        if (!visible(t)) continue;
        const r = t.getBoundingClientRect();
        const out = r.left < box.left - 0.5 || r.right > box.left + card.clientWidth + 0.5;
        const outV = !tall && (r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5);
        if (out || outV) problems.push({ chart: name, what: `"${t.textContent}" leaves its card` });
      }
      for (const axis of chart.querySelectorAll("g.role-axis")) {
        const labels = [...axis.querySelectorAll<SVGTextElement>(".role-axis-label text")].filter(visible);
        const quads = labels.map(corners);
        // Only pairs whose bounding boxes meet can overlap: two convex quadrilaterals with disjoint bounding boxes
        // are disjoint, so an edge normal separates them and `overlap` is false. The boxes, sorted by top, are swept
        // so that a 400-language axis does not test all its 80,000 pairs; the pairs found are reported in the
        // order of the full i < j loop.
        const boxes = quads.map((q) => ({
          left: Math.min(...q.map((p) => p.x)),
          right: Math.max(...q.map((p) => p.x)),
          top: Math.min(...q.map((p) => p.y)),
          bottom: Math.max(...q.map((p) => p.y)),
        }));
        const byTop = boxes.map((_, i) => i).sort((a, b) => boxes[a]!.top - boxes[b]!.top);
        const pairs: [number, number][] = [];
        for (let s = 0; s < byTop.length; s++) {
          const a = boxes[byTop[s]!]!;
          for (let t = s + 1; t < byTop.length && boxes[byTop[t]!]!.top <= a.bottom; t++) {
            const b = boxes[byTop[t]!]!;
            if (b.left > a.right || a.left > b.right) continue;
            const [i, j] = [Math.min(byTop[s]!, byTop[t]!), Math.max(byTop[s]!, byTop[t]!)];
            if (overlap(quads[i]!, quads[j]!)) pairs.push([i, j]);
          }
        }
        pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
        for (const [i, j] of pairs)
          problems.push({ chart: name, what: `"${labels[i]!.textContent}" overlaps "${labels[j]!.textContent}"` });
      }
    }
    return problems;
  });
}

describeInChromium("the charts' layout, measured in Chromium", () => {
  beforeAll(async () => {
    browser = await sharedChromium();
  }, 60_000);
  afterAll(async () => {
    for (const page of shown.values()) await (await page.catch(() => null))?.close();
  });

  it("a report with every section: no label leaves its card, no two axis labels overlap", async () => {
    const page = await openShared("sections");
    const charts = await page.evaluate(() => [...document.querySelectorAll(".chart[data-chart]")].length);
    expect(charts).toBeGreaterThanOrEqual(10);
    expect(await layoutProblems(page)).toEqual([]);
    if (SCREENSHOTS) await page.screenshot({ path: join(OUT, "sections.png"), fullPage: true });
  }, 120_000);

  it("a report of 400+ languages: no label leaves its card, no two axis labels overlap", async () => {
    const page = await openShared("tall");
    expect(await layoutProblems(page)).toEqual([]);
  }, 120_000);

  it("the cost chart shows its title and tokenizer key once (in its head), not again inside the chart", async () => {
    const page = await openShared("sections");
    const inside = await page.evaluate(() => ({
      titles: [...document.querySelectorAll("#chart-cost .role-title-text")].map((t) => t.textContent),
      legends: document.querySelectorAll("#chart-cost .role-legend").length,
      head: document.querySelector("#head-cost .chart-title b")?.textContent ?? null,
      keys: document.querySelectorAll("#head-cost button.key").length,
    }));
    expect(inside).toEqual({
      titles: [],
      legends: 0,
      head: "What a thousand words cost as input, per language",
      keys: 6,
    });
  }, 120_000);

  it("the spread chart's medians stand out from every tokenizer's ticks, GPT-2's black ones included", async () => {
    const page = await openShared("sections");
    const marks = await page.evaluate(() => {
      type Item = { items?: Item[]; marktype?: string; fill?: string; stroke?: string; shape?: string };
      const view = (window as unknown as { __toklens: { views: Record<string, { scenegraph(): { root: Item } }> } })
        .__toklens.views["premium-spread"]!;
      const out: {
        marktype: string;
        fill: string | undefined;
        stroke: string | undefined;
        shape: string | undefined;
      }[] = [];
      const walk = (n: Item, type?: string) => {
        if (type && n.marktype === undefined)
          out.push({ marktype: type, fill: n.fill, stroke: n.stroke, shape: n.shape });
        for (const c of n.items ?? []) walk(c, c.marktype ?? type);
      };
      walk(view.scenegraph().root);
      return out;
    });
    const tickColors = new Set(marks.filter((m) => m.marktype === "rect").map((m) => m.fill));
    expect(tickColors.has("#000000")).toBe(true); // GPT-2
    const diamonds = marks.filter((m) => m.shape === "diamond");
    expect(diamonds.length).toBe(6);
    // filled with a colour no tick has, outlined in another: visible on black ticks and on pale ones
    for (const d of diamonds) {
      expect(tickColors.has(d.fill)).toBe(false);
      expect(d.stroke).toBeDefined();
      expect(d.stroke).not.toBe(d.fill);
    }
  }, 120_000);

  it("clicking a tokenizer in the key highlights it in the spread chart too, not only in the per-language chart", async () => {
    const page = await openShared("sections");
    const key = page.locator('#head-premium button.key[data-tokenizer="GPT-2 (50k)"]');
    const opacities = () =>
      page.evaluate(() => {
        type Item = { items?: Item[]; marktype?: string; opacity?: number; datum?: { tokenizer_label?: string } };
        const views = (window as unknown as { __toklens: { views: Record<string, { scenegraph(): { root: Item } }> } })
          .__toklens.views;
        const out: Record<string, { on: number[]; off: number[] }> = {};
        for (const name of ["premium", "premium-spread"]) {
          const acc = { on: [] as number[], off: [] as number[] };
          const walk = (n: Item) => {
            if (n.marktype === undefined && n.datum?.tokenizer_label && n.opacity !== undefined)
              (n.datum.tokenizer_label === "GPT-2 (50k)" ? acc.on : acc.off).push(n.opacity);
            for (const c of n.items ?? []) walk(c);
          };
          walk(views[name]!.scenegraph().root);
          out[name] = acc;
        }
        return out;
      });
    const before = await opacities();
    await key.click();
    // polled: each view applies the highlight on its next run
    let opacity = before;
    await expect
      .poll(
        async () => {
          opacity = await opacities();
          return ["premium", "premium-spread"].every((name) => Math.max(...opacity[name]!.off) < 0.2);
        },
        { timeout: 5_000, interval: 50 },
      )
      .toBe(true);
    for (const name of ["premium", "premium-spread"]) {
      const { on, off } = opacity[name]!;
      expect(on.length, name).toBeGreaterThan(0);
      expect(off.length, name).toBeGreaterThan(0);
      expect(Math.min(...on), name).toBeGreaterThan(0.4);
      expect(Math.max(...off), name).toBeLessThan(0.2);
    }
    // a second click clears it: every mark as before (and the shared page as it was)
    await key.click();
    await expect.poll(opacities, { timeout: 5_000, interval: 50 }).toEqual(before);
  }, 120_000);

  it("the fertility axis is logarithmic (0.5 to 40 tokens a word, most languages 1-5, all readable)", async () => {
    const page = await openShared("tall");
    const scale = await page.evaluate(() => {
      const view = (
        window as unknown as {
          __toklens: { views: Record<string, { scale(name: string): { base?: unknown; domain(): number[] } }> };
        }
      ).__toklens.views["fertility"]!;
      const s = view.scale("concat_0_x");
      return { log: typeof s.base === "function", domain: s.domain() };
    });
    expect(scale.log).toBe(true);
    expect(scale.domain[1]).toBeGreaterThanOrEqual(40);
  }, 120_000);

  it("the groups chart names scripts (Devanagari, not Deva) and is at least half its card wide", async () => {
    const page = await openShared("sections");
    const info = await page.evaluate(() => {
      const chart = document.querySelector("#chart-groups")!;
      const labels = [...chart.querySelectorAll("g.role-axis .role-axis-label text")].map((t) => t.textContent);
      const svg = chart.querySelector("svg")!.getBoundingClientRect().width;
      const card = chart.closest(".chart-box")!.clientWidth;
      return { labels, share: svg / card };
    });
    expect(info.labels).toContain("Devanagari (Deva)");
    expect(info.labels).not.toContain("Deva");
    expect(info.share).toBeGreaterThan(0.5);
  }, 120_000);
  it("a report of 400+ languages paints its summary first, then its charts one by one", async () => {
    const page = await openShared("tall");
    const { frames, charts } = await page.evaluate(() => ({
      frames: (window as unknown as { __frames: [boolean, number][] }).__frames,
      charts: document.querySelectorAll(".chart[data-chart]").length,
    }));
    expect(charts).toBeGreaterThan(4);
    // a frame with the summary and no chart yet, then frames with some charts drawn and others still to come
    expect(frames.some(([summary, drawn]) => summary && drawn === 0)).toBe(true);
    const partial = new Set(frames.filter(([, drawn]) => drawn > 0 && drawn < charts).map(([, drawn]) => drawn));
    expect(partial.size).toBeGreaterThanOrEqual(Math.min(3, charts - 1));
  }, 120_000);

  it("keeps 400+ languages legible: sorted rows, a language filter, charts in scroll boxes", async () => {
    const data = tallData();
    const page = await openShared("tall");
    const { errors, requests } = seen.get("tall")!;
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const n = data.compare.languages.length;
    expect(n).toBeGreaterThan(400);
    // the premium chart's data marks (role "mark", not axes or legends): an interval rule and a dot per row, and
    // the parity line
    const premiumMarks = await page.evaluate(() => {
      type Item = { items?: Item[]; marktype?: string; role?: string };
      const view = (window as unknown as { __toklens: { views: Record<string, { scenegraph(): { root: Item } }> } })
        .__toklens.views["premium"]!;
      const count = (node: Item, inMark: boolean): number => {
        let k = inMark && node.marktype === undefined ? 1 : 0;
        for (const child of node.items ?? []) {
          const isDataMark = child.marktype !== undefined && child.role === "mark" && child.marktype !== "group";
          k += count(child, isDataMark || (inMark && child.marktype === undefined));
        }
        return k;
      };
      return count(view.scenegraph().root, false);
    });
    expect(premiumMarks).toBe(n * data.compare.tokenizers.length * 2 + 1);
    // The search box (moved into the chart's sticky head) filters the premium chart down to matching languages.
    const input = page.locator("#head-premium input[type=search]");
    await input.fill("English");
    const labels = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-chart="premium"] .role-axis-label text')]
          .map((t) => t.textContent ?? "")
          .filter((t) => t.includes("(")),
      );
    await page.waitForFunction(
      () => document.querySelectorAll('[data-chart="premium"] .role-axis-label text').length < 60,
    );
    const filtered = await labels();
    expect(filtered.length).toBeGreaterThan(1);
    expect(filtered.every((t) => /english/i.test(t))).toBe(true);
    if (SCREENSHOTS)
      await page
        .locator('.chart-box:has([data-chart="premium"])')
        .screenshot({ path: join(OUT, "premium-filtered.png") });
    // an empty box shows every language again (and leaves the shared page as it was)
    await input.fill("");
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-chart="premium"] .role-axis-label text').length >= n,
      n,
    );
    expect((await labels()).length).toBe(n);
  }, 120_000);
});
