// The page's section registry lists exactly the ids of sections/ids.ts, in the same order (the nav's order).
import { describe, expect, it } from "vitest";
import { SECTION_IDS } from "../../src/report/sections/ids.js";
import { SECTIONS } from "../../src/report/sections/registry.js";
import { CHARTS } from "../../src/report/chart-registry.js";

describe("section registry", () => {
  it("has one section per id, in page order", () => {
    expect(SECTIONS.map((s) => s.id)).toEqual([...SECTION_IDS]);
  });
  it("places every chart in a section that exists", () => {
    expect(CHARTS.filter((c) => !(SECTION_IDS as readonly string[]).includes(c.section))).toEqual([]);
  });
});
