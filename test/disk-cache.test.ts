// DiskCache: keys carry the toolkit and schema versions; a missing, torn, foreign or failing entry is a miss, never a crash.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DiskCache, diskCacheKey, isCount, isRecord, parseEntry, type UncheckedEntry } from "../src/disk-cache.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-disk-cache-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Entry {
  n: number;
}
const check = (e: UncheckedEntry<Entry>) => (isCount(e.n) ? null : "bad n");

describe("isCount and isRecord", () => {
  it("accept non-negative safe integers and plain objects only", () => {
    expect([0, 7, Number.MAX_SAFE_INTEGER].every(isCount)).toBe(true);
    expect([-1, 1.5, NaN, Infinity, 2 ** 53, "1", null].some(isCount)).toBe(false);
    expect([{}, { a: 1 }].every(isRecord)).toBe(true);
    expect([null, [], "x", 1, undefined].some(isRecord)).toBe(false);
  });
});

describe("diskCacheKey", () => {
  it("is a sha256 that changes with the schema version and with every part", () => {
    const k = diskCacheKey(1, { a: 1 });
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(diskCacheKey(1, { a: 1 })).toBe(k);
    expect(diskCacheKey(2, { a: 1 })).not.toBe(k);
    expect(diskCacheKey(1, { a: 2 })).not.toBe(k);
  });
});

describe("parseEntry", () => {
  const key = "ab".repeat(32);
  it("returns the fields without the key, or why the entry cannot be used", () => {
    expect(parseEntry(JSON.stringify({ key, n: 3 }), key, check)).toEqual({ n: 3 });
    expect(parseEntry("{torn", key, check)).toEqual({ problem: "not valid JSON" });
    expect(parseEntry("null", key, check)).toEqual({ problem: "not an object" });
    expect(parseEntry(JSON.stringify({ key: "other", n: 3 }), key, check)).toEqual({
      problem: "its key does not match its file name",
    });
    expect(parseEntry(JSON.stringify({ key, n: -1 }), key, check)).toEqual({ problem: "bad n" });
  });
});

describe("DiskCache", () => {
  it("misses, stores atomically (sharded or flat) and reads back", async () => {
    for (const shard of [true, false]) {
      const dir = join(tmp, `store-${shard}`);
      const cache = new DiskCache<Entry>(dir, { schema: 1, shard, check });
      const k = cache.key({ x: "y" });
      expect(await cache.get(k)).toBeNull();
      await cache.set(k, { n: 7 });
      expect(cache.path(k)).toBe(shard ? join(dir, k.slice(0, 2), `${k}.json`) : join(dir, `${k}.json`));
      expect(JSON.parse(readFileSync(cache.path(k), "utf8"))).toEqual({ key: k, n: 7 });
      expect(await cache.get(k)).toEqual({ n: 7 });
    }
  });

  it("treats a torn, foreign or failing entry as a miss and reports it", async () => {
    const dir = join(tmp, "bad");
    const cache = new DiskCache<Entry>(dir, { schema: 1, check });
    const k = cache.key({ x: 1 });
    mkdirSync(dir, { recursive: true });
    const seen: string[] = [];
    for (const text of ["{torn", JSON.stringify({ key: "x", n: 1 }), JSON.stringify({ key: k, n: "1" })]) {
      writeFileSync(cache.path(k), text);
      expect(await cache.get(k, (_, problem) => seen.push(problem))).toBeNull();
    }
    expect(seen).toEqual(["not valid JSON", "its key does not match its file name", "bad n"]);
  });

  it("is always a miss when off, and a failed write throws unless writes are quiet", async () => {
    const off = new DiskCache<Entry>(null, { schema: 1, check });
    await off.set("k", { n: 1 });
    expect(await off.get("k")).toBeNull();
    const dir = join(tmp, "blocked");
    const k = "cd".repeat(32);
    mkdirSync(join(dir, `${k}.json`), { recursive: true }); // a folder where the entry should go
    await expect(new DiskCache<Entry>(dir, { schema: 1, check }).set(k, { n: 1 })).rejects.toThrow();
    await new DiskCache<Entry>(dir, { schema: 1, quietWrites: true, check }).set(k, { n: 1 });
    expect(readdirSync(dir)).toEqual([`${k}.json`]);
  });

  it("fails at once where recursive mkdir would spin (a cache folder under /proc)", async () => {
    if (!existsSync("/proc/self")) return; // not Linux: nothing to reproduce
    const k = "ef".repeat(32);
    const entry = { n: 1 };
    await expect(
      new DiskCache<Entry>("/proc/toklens-test", { schema: 1, shard: true, check }).set(k, entry),
    ).rejects.toMatchObject({ code: "ENOENT" });
    await new DiskCache<Entry>("/proc/toklens-test", { schema: 1, quietWrites: true, check }).set(k, entry);
  }, 10_000);

  it("removes temporary entries a killed writer left, and nothing else", async () => {
    const dir = join(tmp, "leftovers");
    const k = "12".repeat(32);
    const dead = spawnSync(process.execPath, ["-e", ""]).pid; // has exited: its temp files are leftovers
    const shardDir = join(dir, "ab");
    mkdirSync(shardDir, { recursive: true });
    const leftover = `${"ab".repeat(32)}.json.${dead}.0123abcd.tmp`;
    const running = `${"ab".repeat(32)}.json.${process.pid}.4567abcd.tmp`; // its writer still runs
    const foreign = [`notes.${dead}.0123abcd.tmp`, "x.tmp"]; // not named like an entry: not ours
    for (const name of [leftover, running, ...foreign]) writeFileSync(join(shardDir, name), "{torn");
    await new DiskCache<Entry>(dir, { schema: 1, shard: true, check }).set(k, { n: 1 });
    expect(readdirSync(shardDir).sort()).toEqual([running, ...foreign].sort());
  });
});
