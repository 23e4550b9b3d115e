// removeOnSignal's removal when a write lands while the folder is being removed: rmSync (mocked) says ENOTEMPTY or
// EBUSY a few times, and the folder is listed and removed again; any other error is not fought over.
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { removeOnSignal } from "../../src/report/report-dir.js";

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return { ...actual, rmSync: vi.fn(actual.rmSync) };
});

const { rmSync: actualRmSync } = await vi.importActual<typeof import("node:fs")>("node:fs");
const tmp = fs.mkdtempSync(join(tmpdir(), "toklens-report-retry-"));
afterAll(() => actualRmSync(tmp, { recursive: true, force: true }));

const keep = (): void => {};
beforeEach(() => process.on("SIGTERM", keep));
afterEach(() => {
  process.removeListener("SIGTERM", keep);
  vi.mocked(fs.rmSync).mockImplementation(actualRmSync);
});

/** Fails the next `times` calls of rmSync with `code`, then lets it work. */
function failing(code: string, times: number): void {
  let left = times;
  vi.mocked(fs.rmSync).mockImplementation((path, options) => {
    if (left-- > 0) throw Object.assign(new Error(code), { code });
    actualRmSync(path, options);
  });
}

/** Signals a guard on a fresh temporary folder; returns whether the folder is gone and how often rmSync ran. */
function signalled(name: string): { gone: boolean; calls: number } {
  const temp = join(tmp, name);
  fs.mkdirSync(temp);
  fs.writeFileSync(join(temp, "index.html"), "half");
  vi.mocked(fs.rmSync).mockClear();
  removeOnSignal(temp);
  (process.listeners("SIGTERM").at(-1) as (s: NodeJS.Signals) => void)("SIGTERM");
  return { gone: !fs.existsSync(temp), calls: vi.mocked(fs.rmSync).mock.calls.length };
}

describe("removeOnSignal's removal", () => {
  it("tries again after ENOTEMPTY or EBUSY, and the folder is gone", () => {
    for (const code of ["ENOTEMPTY", "EBUSY"]) {
      failing(code, 2);
      expect(signalled(`busy-${code}`)).toEqual({ gone: true, calls: 3 });
    }
  });

  it("gives up on another error at once, and on a folder that stays busy after a few tries", () => {
    failing("EPERM", 1);
    expect(signalled("eperm")).toEqual({ gone: false, calls: 1 });
    failing("ENOTEMPTY", Infinity);
    const stuck = signalled("stuck");
    expect(stuck.gone).toBe(false);
    expect(stuck.calls).toBeGreaterThan(1);
    expect(stuck.calls).toBeLessThanOrEqual(20);
  });
});
