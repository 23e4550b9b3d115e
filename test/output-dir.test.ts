// makeDirectories: mkdir -p that fails with the file system's error instead of looping where mkdir(2) says ENOENT.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeDirectories } from "../src/output-dir.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-mkdir-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("makeDirectories", () => {
  it("creates missing parents and accepts a folder that exists", async () => {
    const deep = join(tmp, "a", "b", "c");
    await makeDirectories(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    await makeDirectories(deep);
    await makeDirectories(tmp);
  });

  it("creates the missing folders and nothing else", async () => {
    await makeDirectories(join(tmp, "only", "these"));
    expect(readdirSync(join(tmp, "only"))).toEqual(["these"]);
    expect(readdirSync(join(tmp, "only", "these"))).toEqual([]);
  });

  it("succeeds when concurrent calls create the same folders (mkdir's EEXIST on a folder is fine)", async () => {
    for (let round = 0; round < 5; round++) {
      const deep = join(tmp, `race-${round}`, "a", "b");
      await Promise.all(Array.from({ length: 8 }, () => makeDirectories(deep)));
      expect(statSync(deep).isDirectory()).toBe(true);
    }
  });

  // /proc is Linux's: elsewhere there is nothing to reproduce, and the test shows as skipped
  it.skipIf(!existsSync("/proc/self"))(
    "fails with ENOENT under /proc, where Node's recursive mkdir never returns",
    async () => {
      // mkdir's own error, passed on as it is (not a stat's after it)
      await expect(makeDirectories("/proc/x")).rejects.toMatchObject({ code: "ENOENT", syscall: "mkdir" });
      await expect(makeDirectories("/proc/x/y/z")).rejects.toMatchObject({
        code: "ENOENT",
        syscall: "mkdir",
        path: "/proc/x",
      });
    },
  );

  it("fails with ENOTDIR when the path itself is an existing file, and leaves the file alone", async () => {
    const file = join(tmp, "plain-file");
    writeFileSync(file, "x");
    await expect(makeDirectories(file)).rejects.toMatchObject({
      code: "ENOTDIR",
      path: file,
      message: `ENOTDIR: not a directory, mkdir '${file}'`,
    });
    expect(statSync(file).isFile()).toBe(true);
  });

  it("fails with ENOTDIR when a parent is a file", async () => {
    const file = join(tmp, "file");
    writeFileSync(file, "x");
    // stat's own ENOTDIR for file/sub, passed on at once (not found missing, then the file refused one level up)
    await expect(makeDirectories(join(file, "sub"))).rejects.toMatchObject({
      code: "ENOTDIR",
      syscall: "stat",
      path: join(file, "sub"),
    });
  });
});
