// The "loading gemma3 (262k)…" line: written to a terminal for a load still running after half a second, never
// to a pipe, never for a quick load, and not at all unless the CLI turned notices on. Timers are faked.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  LOAD_NOTICE_AFTER_MS,
  enableLoadNotices,
  loadLabel,
  withLoadNotice,
} from "../../src/tokenizers/load-notice.js";
import { BUILTIN_TOKENIZERS } from "../../src/tokenizers/registry.js";

/** A sink that records what is written. */
function sink(isTTY: boolean) {
  const lines: string[] = [];
  return { isTTY, lines, write: (t: string) => lines.push(t) };
}

/** A load that finishes when the fake clock reaches `ms`. */
const loadTaking = (ms: number) => () => new Promise<string>((resolve) => setTimeout(() => resolve("done"), ms));

describe("load notices", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    enableLoadNotices(null);
    vi.useRealTimers();
  });

  it("a terminal hears about a slow load once, as it runs", async () => {
    const out = sink(true);
    enableLoadNotices(out);
    const p = withLoadNotice("gemma3 (262k)", loadTaking(3 * LOAD_NOTICE_AFTER_MS));
    await vi.advanceTimersByTimeAsync(LOAD_NOTICE_AFTER_MS - 1);
    expect(out.lines).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(out.lines).toEqual(["loading gemma3 (262k)…\n"]);
    await vi.advanceTimersByTimeAsync(3 * LOAD_NOTICE_AFTER_MS);
    expect(await p).toBe("done");
    expect(out.lines).toHaveLength(1);
  });

  it("a quick load, a pipe, or notices left off: nothing", async () => {
    const tty = sink(true);
    enableLoadNotices(tty);
    const quick = withLoadNotice("gpt2 (50k)", loadTaking(LOAD_NOTICE_AFTER_MS / 2));
    await vi.advanceTimersByTimeAsync(4 * LOAD_NOTICE_AFTER_MS);
    expect(await quick).toBe("done");
    expect(tty.lines).toEqual([]);

    const pipe = sink(false);
    enableLoadNotices(pipe);
    const piped = withLoadNotice("gemma3 (262k)", loadTaking(4 * LOAD_NOTICE_AFTER_MS));
    await vi.advanceTimersByTimeAsync(4 * LOAD_NOTICE_AFTER_MS);
    await piped;
    expect(pipe.lines).toEqual([]);

    enableLoadNotices(null);
    const off = withLoadNotice("gemma3 (262k)", loadTaking(4 * LOAD_NOTICE_AFTER_MS));
    await vi.advanceTimersByTimeAsync(4 * LOAD_NOTICE_AFTER_MS);
    await off;
    expect(tty.lines).toEqual([]);
  });

  it("a failed load clears its timer and rethrows", async () => {
    const out = sink(true);
    enableLoadNotices(out);
    await expect(withLoadNotice("x", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await vi.advanceTimersByTimeAsync(4 * LOAD_NOTICE_AFTER_MS);
    expect(out.lines).toEqual([]);
  });
});

describe("loadLabel", () => {
  it("is the id and the vocabulary size the built-in's name gives", () => {
    const labels = Object.fromEntries(BUILTIN_TOKENIZERS.map((t) => [t.id, loadLabel(t)]));
    expect(labels).toMatchObject({
      gemma3: "gemma3 (262k)",
      gpt2: "gpt2 (50k)",
      llama2: "llama2 (32k)",
      "gpt-oss": "gpt-oss (200k)",
      "claude-legacy": "claude-legacy (65k)",
      cl100k_base: "cl100k_base",
    });
    expect(loadLabel({ id: "./my/tokenizer.json", name: "./my/tokenizer.json" })).toBe("./my/tokenizer.json");
  });
});
