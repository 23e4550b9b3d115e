// The global setup leaves dist/ built from the current src/: what worker threads and the CLI tests run.
import { describe, expect, it } from "vitest";
import { buildIsCurrent } from "./global-setup.js";
import * as source from "../src/index.js";

describe("vitest global setup", () => {
  it("has built dist/ from the current sources, with the same public exports", async () => {
    expect(buildIsCurrent()).toBe(true);
    // dist/ is built output, typed only after a build: before one, this import is an error, after it, it is not
    // eslint-disable-next-line @typescript-eslint/ban-ts-comment
    // @ts-ignore
    const built = (await import("../dist/index.js")) as Record<string, unknown>;
    expect(Object.keys(built).sort()).toEqual(Object.keys(source).sort());
  });
});
