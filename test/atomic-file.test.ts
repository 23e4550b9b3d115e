// replaceAtomically / writeFileAtomically: the target holds the old content or the new one, and no temporary file is left.
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { replaceAtomically, tempPathBeside, writeFileAtomically } from "../src/atomic-file.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-atomic-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** An empty folder `name` under the test's temp folder (`create: false`: only its path). */
function fresh(name: string, create = true): string {
  const dir = join(tmp, name);
  rmSync(dir, { recursive: true, force: true });
  if (create) mkdirSync(dir);
  return dir;
}

describe("tempPathBeside", () => {
  it("names a unique file in the target's folder, with the pid and the suffix", () => {
    const a = tempPathBeside("/x/y/blob", ".incomplete");
    const b = tempPathBeside("/x/y/blob", ".incomplete");
    expect(a).toMatch(new RegExp(`^/x/y/blob\\.${process.pid}\\.[0-9a-f]{8}\\.incomplete$`));
    expect(a).not.toBe(b);
    expect(tempPathBeside("/x/y/blob")).toMatch(/\.[0-9a-f]{8}\.tmp$/);
  });
});

describe("writeFileAtomically", () => {
  it("creates a file, then replaces it, leaving only the target in the folder", async () => {
    const dir = fresh("write");
    const target = join(dir, "entry.json");
    await writeFileAtomically(target, "first");
    expect(readFileSync(target, "utf8")).toBe("first");
    await writeFileAtomically(target, new Uint8Array([0x68, 0x69]), { fsync: false });
    expect(readFileSync(target, "utf8")).toBe("hi");
    expect(readdirSync(dir)).toEqual(["entry.json"]);
  });

  it("fails with the file system's error where the folder is missing, and writes nothing", async () => {
    const dir = fresh("missing", false);
    await expect(writeFileAtomically(join(dir, "entry.json"), "x")).rejects.toMatchObject({ code: "ENOENT" });
    expect(readdirSync(tmp)).not.toContain("missing");
  });

  it("replaces a symlink at the target instead of writing through it", async () => {
    const dir = fresh("link");
    const outside = join(dir, "outside.txt");
    writeFileSync(outside, "keep me");
    const target = join(dir, "target");
    symlinkSync(outside, target);
    await writeFileAtomically(target, "new");
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
    expect(readFileSync(target, "utf8")).toBe("new");
    expect(readFileSync(outside, "utf8")).toBe("keep me");
  });
});

describe("replaceAtomically", () => {
  it("keeps the old content and removes the temporary file when filling fails", async () => {
    const dir = fresh("fail");
    const target = join(dir, "blob");
    writeFileSync(target, "old");
    let seen = "";
    const error = new Error("corrupt download");
    await expect(
      replaceAtomically(
        target,
        async (temp) => {
          seen = temp;
          writeFileSync(temp, "half of the n");
          throw error;
        },
        { tempSuffix: ".incomplete" },
      ),
    ).rejects.toBe(error);
    expect(seen.startsWith(`${target}.${process.pid}.`)).toBe(true);
    expect(seen.endsWith(".incomplete")).toBe(true);
    expect(readFileSync(target, "utf8")).toBe("old");
    expect(readdirSync(dir)).toEqual(["blob"]);
  });

  it("removes the temporary path when the rename fails (the target is a non-empty folder)", async () => {
    const dir = fresh("rename");
    mkdirSync(join(dir, "target", "inside"), { recursive: true });
    await expect(
      replaceAtomically(join(dir, "target"), async (temp) => writeFileSync(temp, "x")),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/),
    });
    expect(readdirSync(dir)).toEqual(["target"]);
  });

  it("renames what `fill` made (a symlink) and returns its result", async () => {
    const dir = fresh("symlink");
    const link = join(dir, "link");
    symlinkSync("old-blob", link);
    const result = await replaceAtomically(link, async (temp) => {
      symlinkSync("new-blob", temp);
      return 42;
    });
    expect(result).toBe(42);
    expect(readlinkSync(link)).toBe("new-blob");
    expect(readdirSync(dir)).toEqual(["link"]);
  });
});
