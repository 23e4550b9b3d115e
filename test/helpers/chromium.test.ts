// What a browser test does without Chromium: skipped on a developer's machine, failed in CI.
import { describe, expect, it } from "vitest";
import { chromiumPlan } from "./chromium.js";

describe("chromiumPlan", () => {
  it("runs with Chromium, skips without it, and fails without it when CI is set", () => {
    expect(chromiumPlan(true, {})).toBe("run");
    expect(chromiumPlan(true, { CI: "true" })).toBe("run");
    expect(chromiumPlan(false, {})).toBe("skip");
    expect(chromiumPlan(false, { CI: "" })).toBe("skip");
    expect(chromiumPlan(false, { CI: "false" })).toBe("skip");
    expect(chromiumPlan(false, { CI: "0" })).toBe("skip");
    expect(chromiumPlan(false, { CI: "true" })).toBe("fail");
    expect(chromiumPlan(false, { CI: "1" })).toBe("fail");
  });
});
