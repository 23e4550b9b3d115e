// End to end: a user's tokenizer.json with hostile vocabulary entries, through the real CLI report, opened in Chromium.
/// <reference lib="dom" />
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { describeInChromium, sharedChromium } from "../helpers/chromium.js";
import { callCli } from "../cli/run-cli.js";

const IMG = `<img src=x onerror="window.__pwned='img';console.log('PWNED img')">`;
const SCRIPT = `</script><script>window.__pwned='script';console.log('PWNED script')</script>`;

describeInChromium("a report for a tokenizer.json with hostile vocabulary entries", () => {
  it("shows the entries as text and runs none of them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-hostile-"));
    const words = ["all", "human", "beings", "are", "born", "free", "and", "equal", "in", "dignity", "rights", "."];
    const vocab: Record<string, number> = { "[UNK]": 0 };
    for (const w of [...words, IMG, SCRIPT]) vocab[w] = Object.keys(vocab).length;
    const tokenizerJson = {
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: [
        { id: 0, content: "[UNK]", single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
      ],
      normalizer: { type: "Lowercase" },
      pre_tokenizer: { type: "WhitespaceSplit" },
      post_processor: null,
      decoder: null,
      model: { type: "WordLevel", vocab, unk_token: "[UNK]" },
    };
    const tokenizerPath = join(dir, "hostile.tokenizer.json");
    await writeFile(tokenizerPath, JSON.stringify(tokenizerJson));
    const corpus = fileURLToPath(new URL("../fixtures/corpus/text", import.meta.url));
    const out = join(dir, "report");
    const r = await callCli([
      "report",
      "--tokenizers",
      `${tokenizerPath},gpt2`,
      "--corpus",
      `text:${corpus}`,
      "--langs",
      "eng_Latn,deu_Latn",
      "--out",
      out,
      "--no-cache",
    ]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);

    const browser = await sharedChromium();
    const page = await browser.newPage();
    const messages: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => messages.push(m.text()));
    page.on("pageerror", (e) => messages.push(`pageerror: ${e.message}`));
    page.on("request", (req) => {
      if (!req.url().startsWith("file:")) requests.push(req.url());
    });
    await page.goto(pathToFileURL(join(out, "index.html")).href);
    await page.waitForFunction(
      () => (window as unknown as { __toklens?: { ready: boolean } }).__toklens?.ready === true,
      null,
      { timeout: 30_000 },
    );
    const seen = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: string }).__pwned,
      imgs: document.querySelectorAll("img").length,
      // visible or expandable text: every text node outside <script> and <style>
      text: (() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const parts: string[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const tag = n.parentElement?.tagName;
          if (tag !== "SCRIPT" && tag !== "STYLE") parts.push(n.textContent ?? "");
        }
        return parts.join("\n");
      })(),
    }));
    await page.close();
    expect(seen.pwned).toBeUndefined();
    expect(seen.imgs).toBe(0);
    expect(messages.filter((m) => m.includes("PWNED") || m.startsWith("pageerror"))).toEqual([]);
    expect(requests).toEqual([]);
    // the entries are in the report as literal text (the longest-entries table of the vocabulary section)
    expect(seen.text).toContain(IMG);
    expect(seen.text).toContain(SCRIPT);
  });
});
