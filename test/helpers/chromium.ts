// Chromium for the browser tests: where it is, how it is launched, and what its absence means (a visible skip on a
// developer's machine, a failure in CI, so CI never passes with the browser tests left out).
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { describe, it } from "vitest";

/** Debian's Chromium, which .ci/run installs with apt-get. TOKLENS_CHROMIUM names another binary (or a missing one). */
export const CHROMIUM = process.env.TOKLENS_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Whether the browser tests save their screenshots (under test-output/): only with TOKLENS_SCREENSHOTS=1. They are
 * for a person to look at, no test reads them, and drawing each chart to a PNG costs seconds per report.
 */
export const SCREENSHOTS = process.env.TOKLENS_SCREENSHOTS === "1";

/** Why the browser tests cannot run here, and how to fix it. */
export const CHROMIUM_MISSING = `${CHROMIUM} is missing: the browser tests need Chromium. Install it with \`apt-get install -y chromium\` (.ci/run does).`;

/** What a browser test does: run, be skipped (no Chromium on a developer's machine) or fail (no Chromium in CI). */
export function chromiumPlan(found: boolean, env: NodeJS.ProcessEnv): "run" | "skip" | "fail" {
  if (found) return "run";
  const ci = env.CI;
  return ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false" ? "fail" : "skip";
}

/**
 * `describe` for tests that drive Chromium. Without Chromium the block is skipped, with the reason in its name and a
 * notice on stderr; in CI (CI set, as .ci/run's `npm test` has it) one failing test says what is missing instead.
 */
export function describeInChromium(name: string, body: () => void): void {
  const plan = chromiumPlan(existsSync(CHROMIUM), process.env);
  if (plan === "run") {
    describe(name, body);
  } else if (plan === "skip") {
    console.warn(`Skipping "${name}": ${CHROMIUM_MISSING}`);
    describe.skip(`${name} (skipped: ${CHROMIUM_MISSING})`, body);
  } else {
    describe(name, () => {
      it("has Chromium to run in (CI must not pass with the browser tests skipped)", () => {
        throw new Error(CHROMIUM_MISSING);
      });
    });
  }
}

/**
 * A headless Chromium with a fresh temporary profile, no background networking, no sandbox (containers). `env`
 * replaces its environment (e.g. FONTCONFIG_FILE naming a fontconfig without fonts).
 */
export async function launchChromium(env?: Record<string, string>): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    ...(env ? { env } : {}),
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

let shared: Promise<Browser> | undefined;

/**
 * One headless Chromium for every browser test file a vitest worker runs (vitest.config.ts runs them with
 * `isolate: false`): starting Chromium takes seconds. Callers open and close their own pages and never close the
 * browser; Playwright kills it when the worker process exits.
 */
export function sharedChromium(): Promise<Browser> {
  shared ??= launchChromium();
  // a failed launch is not remembered, so the next file sees its own error
  shared.catch(() => (shared = undefined));
  return shared;
}
