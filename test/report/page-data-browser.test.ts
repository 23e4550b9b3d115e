// In Chromium: the tables the page script builds from the data block equal the same tables rendered as HTML by
// html-table.ts (the page's way before the data block), cell for cell and data-v for data-v; charts draw from it.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { fmt, int, pct } from "../../src/report/format.js";
import { num, table, text } from "../../src/report/html-table.js";
import { buildReportModel, type ReportModel } from "../../src/report/report-model.js";
import type { ReportData } from "../../src/results/report-data.js";
import { hostileReportData, sampleReportData } from "./report-fixtures.js";
import { sharedReport } from "./shared-reports.js";
import { describeInChromium, sharedChromium } from "../helpers/chromium.js";

let browser: Browser;

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
 * Opens shared report `name` (whose data is `data`) and compares its tables with the reference ones, sorts and
 * filters; no script of the data ran (window.__pwned, which every payload of HOSTILE sets, stays unset), neither while
 * the page loaded nor during the checks.
 */
async function compareTables(name: "sample" | "hostile", data: ReportData): Promise<void> {
  const html = await sharedReport(name);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(pathToFileURL(html).href);
  await page.waitForFunction(
    () => (window as unknown as { __toklens?: { ready: boolean } }).__toklens?.ready === true,
    null,
    { timeout: 60_000 },
  );
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
  // the reference tables parsed by the same browser, into a detached element (never run: inert template)
  await page.evaluate((html) => {
    const t = document.createElement("template");
    t.innerHTML = html;
    const box = document.createElement("div");
    box.id = "reference";
    box.hidden = true;
    box.appendChild(t.content);
    document.body.appendChild(box);
  }, referenceTables(model));
  const results = await cells("table-results");
  expect(results).toHaveLength(model.rows.length);
  expect(results).toEqual(await cells("ref-results"));
  const premium = await cells("table-premium");
  expect(premium).toHaveLength(model.languages.length);
  expect(premium).toEqual(await cells("ref-premium"));
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
  expect(await pwned()).toBeNull();
  expect(errors).toEqual([]);
  await page.close();
}

describeInChromium("tables built from the page's data block", () => {
  beforeAll(async () => {
    browser = await sharedChromium();
  });

  it("equal the HTML tables of html-table.ts, sort and filter (sample report)", async () => {
    await compareTables("sample", sampleReportData(true));
  });

  it("show hostile names as text, exactly as the HTML tables do, and run none of them", async () => {
    await compareTables("hostile", hostileReportData());
  });
});
