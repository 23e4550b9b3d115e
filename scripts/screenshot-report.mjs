// Takes the README's pictures of a report in headless Chromium (playwright-core), as PNG: the top of the page, or with
// a language (e.g. amh_Ethi) its token view (the #tokens section, picked in the selector; its first 900 px).
// Usage: node scripts/screenshot-report.mjs reports/examples/leaderboard/index.html reports/examples/leaderboard.png [language]
// CHROMIUM=/path/to/chromium overrides /usr/bin/chromium.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [page_, out, language] = process.argv.slice(2);
if (!page_ || !out) {
  console.error("usage: node scripts/screenshot-report.mjs <report/index.html> <out.png> [language]");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(pathToFileURL(resolve(page_)).href);
  await page.waitForSelector("#summary svg, #summary canvas", { timeout: 60_000 });
  if (language) {
    await page.selectOption("#tok-lang", language);
    const box = await page.locator("#tokens").boundingBox();
    if (!box) throw new Error("the report has no token view (#tokens)");
    await page.screenshot({
      path: out,
      fullPage: true,
      clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 900) },
    });
  } else {
    await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1280, height: 900 } });
  }
  if (errors.length > 0) {
    console.error(`the page logged errors:\n${errors.join("\n")}`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
