// removeOnSignal in process: what its handler removes or puts back, called directly (the child-process tests in
// write-report.test.ts run dist/, which a mutation run does not change). Another listener stays registered, so the
// handler does not end the test process.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeOnSignal } from "../../src/report/report-dir.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-report-signals-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const keep = (): void => {};
beforeEach(() => {
  process.on("SIGINT", keep);
  process.on("SIGTERM", keep);
});
afterEach(() => {
  process.removeListener("SIGINT", keep);
  process.removeListener("SIGTERM", keep);
});

/** A folder holding `files` (name -> text). */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

const listening = (): number[] => [process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")];

/** The listener removeOnSignal added last for `signal`. */
function handler(signal: NodeJS.Signals): (s: NodeJS.Signals) => void {
  return process.listeners(signal).at(-1) as (s: NodeJS.Signals) => void;
}

describe("removeOnSignal", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("removes the temporary folder on %s and stops listening", (signal) => {
    const before = listening();
    const temp = folder(`temp-${signal}`, { "index.html": "new" });
    removeOnSignal(temp);
    expect(listening()).toEqual(before.map((n) => n + 1));
    handler(signal)(signal);
    expect(existsSync(temp)).toBe(false);
    expect(listening()).toEqual(before);
  });

  it("does nothing once released", () => {
    const before = listening();
    const temp = folder("released", { "index.html": "new" });
    const guard = removeOnSignal(temp);
    guard.release();
    expect(listening()).toEqual(before);
    expect(readFileSync(join(temp, "index.html"), "utf8")).toBe("new");
  });

  it("mid-swap, with the previous report aside and nothing at the target: puts the previous report back", () => {
    const temp = folder("swap1-temp", { "index.html": "new" });
    const aside = folder("swap1-aside", { "index.html": "old" });
    const target = join(tmp, "swap1");
    const guard = removeOnSignal(temp);
    guard.swap = { aside, target };
    handler("SIGTERM")("SIGTERM");
    expect(readFileSync(join(target, "index.html"), "utf8")).toBe("old");
    expect([existsSync(aside), existsSync(temp)]).toEqual([false, false]);
  });

  it("after the swap, with the new report at the target: removes the previous one and keeps the new", () => {
    const temp = join(tmp, "swap2-temp"); // already renamed to the target
    const aside = folder("swap2-aside", { "index.html": "old" });
    const target = folder("swap2", { "index.html": "new" });
    const guard = removeOnSignal(temp);
    guard.swap = { aside, target };
    handler("SIGINT")("SIGINT");
    expect(readFileSync(join(target, "index.html"), "utf8")).toBe("new");
    expect(existsSync(aside)).toBe(false);
  });

  it("before the previous report was moved aside: leaves the target alone", () => {
    const temp = folder("swap3-temp", { "index.html": "new" });
    const target = folder("swap3", { "index.html": "old" });
    const guard = removeOnSignal(temp);
    guard.swap = { aside: join(tmp, "swap3-aside"), target };
    handler("SIGTERM")("SIGTERM");
    expect(readFileSync(join(target, "index.html"), "utf8")).toBe("old");
    expect(existsSync(temp)).toBe(false);
  });
});
