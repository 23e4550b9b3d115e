// `toklens serve` end to end: the real binary on a free port, driven by headless Chromium. What the page shows must be
// what `toklens tokenize --json` prints, for typed text, a language picked from the corpus, compare-languages mode, and
// after a reload from the URL.
/// <reference lib="dom" />
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInChromium, sharedChromium } from "../helpers/chromium.js";
import { encodeCut } from "../../src/tokenize/tokenize-corpus.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

const bin = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const TOKENIZERS = ["gpt2", "llama3", "gemma3"] as const;

let server: ChildProcess;
let url: string;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const foreignRequests: string[] = [];

/** Starts `toklens serve --port 0` and reads the URL it prints. */
function startServe(): Promise<string> {
  server = spawn(process.execPath, [bin, "serve", "--port", "0", "--tokenizers", TOKENIZERS.join(",")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((done, fail) => {
    let out = "";
    let err = "";
    server.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /toklens serve: (http:\/\/\S+)/.exec(out);
      if (m) done(m[1]!);
    });
    server.stderr!.on("data", (c: Buffer) => (err += c.toString()));
    server.on("exit", (code) => fail(new Error(`toklens serve exited with ${code}: ${err}`)));
  });
}

/**
 * The ids `toklens tokenize --json` gives for `text`, per tokenizer: its library call (tokenizeText: encodeCut
 * without special tokens, keyed by the tokenizer's id) on the worker's shared tokenizers, not a CLI process that
 * loads gemma3 again for each text (test/cli/tokenize.test.ts checks the command's own output).
 */
async function cliIds(text: string): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const ref of TOKENIZERS) {
    const tok = await sharedTokenizer(ref);
    out[tok.id] = (await encodeCut(tok, text, { addSpecialTokens: false })).ids;
  }
  return out;
}

/** The ids the page shows, per tokenizer row (read from the token spans' data-id). */
function pageIds(): Promise<Record<string, number[]>> {
  return page.evaluate(() => {
    const out: Record<string, number[]> = {};
    document.querySelectorAll<HTMLElement>("#serve-views .tok-row").forEach((row) => {
      out[row.dataset["tokenizer"]!] = [...row.querySelectorAll<HTMLElement>(".tok")].map((t) =>
        Number(t.dataset["id"]),
      );
    });
    return out;
  });
}

/** Waits until the page shows `text` in live mode (the answer to its last request is drawn). */
async function shown(text: string): Promise<void> {
  await page.waitForFunction(
    (t) => {
      const s = (window as unknown as { __toklensServe: { shown: { mode: string; text: string } | null } })
        .__toklensServe;
      return s.shown !== null && s.shown.mode === "live" && s.shown.text === t;
    },
    text,
    { timeout: 120_000 },
  );
}

async function type(text: string): Promise<void> {
  await page.locator("#serve-text").fill("");
  await page.locator("#serve-text").pressSequentially(text);
  await shown(text);
}

describeInChromium("toklens serve in Chromium", () => {
  beforeAll(async () => {
    url = await startServe();
    browser = await sharedChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("request", (r) => {
      if (!r.url().startsWith(url)) foreignRequests.push(r.url());
    });
    await page.goto(url);
  }, 300_000); // a busy machine: the server opens the corpus before it listens, and Chromium starts

  afterAll(async () => {
    await page?.close();
    server?.kill("SIGTERM");
  });

  it("shows, for typed text, the ids toklens tokenize --json gives, for gpt2, llama3 and gemma3", async () => {
    for (const text of ["Habari ya asubuhi", "東京は今日も晴れています。"]) {
      await type(text);
      const ids = await pageIds();
      expect(Object.keys(ids).sort()).toEqual([...TOKENIZERS].sort());
      expect(ids).toEqual(await cliIds(text));
      // the stats table counts the same tokens
      for (const t of TOKENIZERS) {
        const cell = await page.locator(`#serve-stats tr[data-row="${t}"] td`).nth(1).textContent();
        expect(Number(cell), t).toBe(ids[t]!.length);
      }
    }
  });

  it("fills the box from the language picker, and its tokens are the CLI's too", async () => {
    await page.selectOption("#serve-lang", "jpn_Jpan");
    await page.waitForFunction(() => (document.getElementById("serve-text") as HTMLTextAreaElement).value.length > 20);
    const text = await page.locator("#serve-text").inputValue();
    await shown(text);
    expect(await pageIds()).toEqual(await cliIds(text));
    expect(new URL(page.url()).searchParams.get("lang")).toBe("jpn_Jpan");
  });

  it("compares languages: one tokenizer over the same segment, premiums against the pivot; a reload shows the same", async () => {
    await page.locator("#serve-tokenizers .chip[data-tokenizer=llama3] button").click();
    await page.locator("#serve-tokenizers .chip[data-tokenizer=gemma3] button").click();
    await page.selectOption("#serve-mode", "langs");
    await page.locator("#serve-langs").fill("swh,jpn_Jpan");
    await page.locator("#serve-langs").dispatchEvent("change");
    await page.waitForFunction(
      () => document.querySelectorAll("#serve-views[data-mode=langs] .serve-view").length === 3,
    );
    const before = await compareView();
    expect(before.languages).toEqual(["eng_Latn", "swh_Latn", "jpn_Jpan"]);
    // premium = tokens of the language / tokens of the pivot, counted here from the page's own token spans
    const [eng, swh, jpn] = before.counts as [number, number, number];
    expect(before.premiums).toEqual(["1.00", (swh / eng).toFixed(2), (jpn / eng).toFixed(2)]);
    // each language's text is its UDHR segment, split as toklens tokenize splits it
    const jpnText = await page.locator('.serve-view[data-language="jpn_Jpan"] .tok-sample span').nth(1).textContent();
    expect(before.ids[2]).toEqual((await cliIds(jpnText!))["gpt2"]);
    const link = page.url();
    expect(new URL(link).searchParams.get("mode")).toBe("langs");
    await page.goto("about:blank");
    await page.goto(link);
    await page.waitForFunction(
      () => document.querySelectorAll("#serve-views[data-mode=langs] .serve-view").length === 3,
    );
    expect(await compareView()).toEqual(before);
    expect(await page.locator("#serve-mode").inputValue()).toBe("langs");
  });

  it("reloads live text from the URL to the same view, with no console error and no request off the server", async () => {
    await page.selectOption("#serve-mode", "live");
    await page.locator("#serve-add").fill("llama3");
    await page.locator("#serve-add-button").click();
    await type("Habari ya asubuhi");
    const before = await pageIds();
    expect(Object.keys(before)).toEqual(["gpt2", "llama3"]);
    const link = page.url();
    expect(new URL(link).searchParams.get("tok")).toBe("gpt2,llama3");
    await page.goto("about:blank");
    await page.goto(link);
    await shown("Habari ya asubuhi");
    expect(await pageIds()).toEqual(before);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests.filter((r) => r !== "about:blank")).toEqual([]);
  });
});

async function compareView() {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll<HTMLElement>("#serve-views .serve-view")];
    return {
      languages: boxes.map((b) => b.dataset["language"]),
      ids: boxes.map((b) => [...b.querySelectorAll<HTMLElement>(".tok")].map((t) => Number(t.dataset["id"]))),
      counts: boxes.map((b) => b.querySelectorAll(".tok").length),
      premiums: [...document.querySelectorAll("#serve-stats tr[data-row]")].map((r) => r.children[3]!.textContent),
    };
  });
}
