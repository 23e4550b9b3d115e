// `toklens serve`'s refusals, over real HTTP: foreign Host and Origin headers (DNS rebinding), oversized bodies,
// paths that leave the reports folder, tokenizer files outside the allowed folder, and the non-loopback warning.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowedHosts, checkHeaders, isInside, isLoopback, Refusal } from "../../src/serve/guard.js";
import { startServer, type RunningServer } from "../../src/serve/server.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { runCli } from "../cli/run-cli.js";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One raw request (node:http lets a test set Host and Origin, which fetch would not). */
function call(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request(
      { host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    // the server may answer 413 and close before the whole body is sent
    req.on("error", (err: NodeJS.ErrnoException) =>
      err.code === "EPIPE" || err.code === "ECONNRESET" ? undefined : fail(err),
    );
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

let server: RunningServer;
let dir: string;
const json = { "Content-Type": "application/json" };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "toklens-serve-"));
  mkdirSync(join(dir, "reports", "run-a"), { recursive: true });
  writeFileSync(join(dir, "reports", "run-a", "index.html"), "<!doctype html><title>run a</title>");
  writeFileSync(join(dir, "reports", "run-a", "results.csv"), "a,b\n1,2\n");
  writeFileSync(join(dir, "secret.txt"), "not for the page");
  symlinkSync(join(dir, "secret.txt"), join(dir, "reports", "run-a", "link.txt"));
  server = await startServer({ port: 0, tokenizers: ["gpt2"], reports: join(dir, "reports") });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the page and the API", () => {
  it("serves the page with a strict CSP: its own scripts by hash, fetches to itself only, never framed", async () => {
    const a = await call(server.port, "/", { headers: { Host: `127.0.0.1:${server.port}` } });
    expect(a.status).toBe(200);
    const csp = String(a.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp.match(/'sha256-/g)).toHaveLength(2);
    expect(a.headers["x-content-type-options"]).toBe("nosniff");
    expect(a.body).toContain('id="toklens-serve-config"');
    expect(a.body).toContain("run-a/index.html"); // the reports list
    // the page names nothing outside this server (no CDN, no font host)
    expect(a.body).not.toMatch(/(src|href)="https?:/);
  });

  it("answers a text with the ids the tokenizer itself gives", async () => {
    const text = "Habari ya asubuhi, 世界";
    const a = await call(server.port, "/api/tokenize", {
      method: "POST",
      headers: { ...json, Host: `localhost:${server.port}` },
      body: JSON.stringify({ text, tokenizers: ["gpt2"] }),
    });
    expect(a.status).toBe(200);
    const answer = JSON.parse(a.body) as { rows: { tokens: number; charsPerToken: number }[] };
    const gpt2 = await loadTokenizer("gpt2");
    try {
      const ids = gpt2.encodeIds(text);
      expect(answer.rows[0]!.tokens).toBe(ids.length);
      expect(answer.rows[0]!.charsPerToken).toBeCloseTo([...text].length / ids.length, 12);
    } finally {
      gpt2.dispose();
    }
  });

  it("serves the committed Noto faces listed in fonts/manifest.json, and nothing else from /fonts/", async () => {
    const path = "noto-sans/noto-sans-latin-400-normal.woff";
    const a = await call(server.port, `/fonts/${path}`, { headers: { Host: `127.0.0.1:${server.port}` } });
    expect(a.status).toBe(200);
    expect(a.headers["content-type"]).toBe("font/woff");
    expect(Buffer.from(a.body, "utf8").length).toBeGreaterThan(0);
    const page = await call(server.port, "/", { headers: { Host: `127.0.0.1:${server.port}` } });
    expect(page.body).toContain(`url("/fonts/${path}")`);
    expect(String(page.headers["content-security-policy"])).toContain("font-src 'self'");
    for (const other of ["/fonts/manifest.json", "/fonts/noto-sans/LICENSE", "/fonts/..%2fpackage.json"])
      expect((await call(server.port, other, { headers: { Host: `127.0.0.1:${server.port}` } })).status, other).toBe(
        404,
      );
  });

  it("serves a report file under --reports", async () => {
    const a = await call(server.port, "/reports/run-a/results.csv", { headers: { Host: `127.0.0.1:${server.port}` } });
    expect(a.status).toBe(200);
    expect(a.body).toBe("a,b\n1,2\n");
    // a served page runs sandboxed: its scripts get an opaque origin and cannot call the API
    expect(String(a.headers["content-security-policy"])).toContain("sandbox");
  });
});

describe("refusals", () => {
  const host = () => ({ Host: `127.0.0.1:${server.port}` });

  it.each([
    ["a rebound DNS name", "evil.example"],
    ["the right name on another port", "127.0.0.1:1"],
    ["a name with the right port", "evil.example:PORT"],
  ])("refuses a foreign Host header: %s", async (_, given) => {
    const a = await call(server.port, "/", { headers: { Host: given.replace("PORT", String(server.port)) } });
    expect(a.status).toBe(403);
    expect(JSON.parse(a.body).error).toMatch(/Host header .* is not this server/);
  });

  it("refuses a foreign Origin, on reads and on API calls, and takes its own", async () => {
    const evil = { ...host(), Origin: "http://evil.example" };
    expect((await call(server.port, "/", { headers: evil })).status).toBe(403);
    const post = await call(server.port, "/api/tokenize", {
      method: "POST",
      headers: { ...json, ...evil },
      body: JSON.stringify({ text: "x", tokenizers: ["gpt2"] }),
    });
    expect(post.status).toBe(403);
    expect(JSON.parse(post.body).error).toContain("Origin 'http://evil.example'");
    const https = { ...host(), Origin: `https://127.0.0.1:${server.port}` };
    expect((await call(server.port, "/", { headers: https })).status).toBe(403);
    expect((await call(server.port, "/", { headers: { ...host(), Origin: "null" } })).status).toBe(403);
    const own = { ...host(), Origin: `http://127.0.0.1:${server.port}` };
    expect((await call(server.port, "/", { headers: own })).status).toBe(200);
  });

  it("refuses a body over the cap, declared or streamed, and a body that is not JSON", async () => {
    const big = JSON.stringify({ text: "a".repeat(1_000_001), tokenizers: ["gpt2"] });
    const declared = await call(server.port, "/api/tokenize", {
      method: "POST",
      headers: { ...json, ...host() },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error).toContain("over 1,000,000 bytes");
    const streamed = await call(server.port, "/api/tokenize", {
      method: "POST",
      headers: { ...json, ...host(), "Transfer-Encoding": "chunked" },
      body: big,
    });
    expect(streamed.status).toBe(413);
    const form = await call(server.port, "/api/tokenize", {
      method: "POST",
      headers: { ...host(), "Content-Type": "text/plain" },
      body: "{}",
    });
    expect(form.status).toBe(415);
    const broken = await call(server.port, "/api/tokenize", {
      method: "POST",
      headers: { ...json, ...host() },
      body: "{",
    });
    expect(broken.status).toBe(400);
  });

  it.each([
    ["an encoded ..", "/reports/..%2fsecret.txt", 403],
    ["an encoded .. deeper", "/reports/run-a/..%2f..%2fsecret.txt", 403],
    ["an absolute path", "/reports/%2fetc%2fpasswd", 403],
    ["a symbolic link out of the folder", "/reports/run-a/link.txt", 403],
    ["a NUL byte", "/reports/run-a/index.html%00", 403],
    ["a plain .. (resolved by the URL parser to a path outside /reports/)", "/reports/../secret.txt", 404],
    ["a missing file", "/reports/run-a/nothing.html", 404],
  ])("refuses path traversal: %s", async (_, path, status) => {
    const a = await call(server.port, path, { headers: host() });
    expect(a.status).toBe(status);
    expect(a.body).not.toContain("not for the page");
  });

  it("refuses a tokenizer file outside the working folder, and an unknown method", async () => {
    const a = await call(server.port, "/api/tokenize", {
      method: "POST",
      headers: { ...json, ...host() },
      body: JSON.stringify({ text: "x", tokenizers: [join(dir, "secret.txt")] }),
    });
    expect(a.status).toBe(403);
    expect(JSON.parse(a.body).error).toContain("outside");
    expect((await call(server.port, "/", { method: "DELETE", headers: host() })).status).toBe(405);
  });
});

describe("report runs from the page", () => {
  const post = (body: unknown) =>
    call(server.port, "/api/runs", {
      method: "POST",
      headers: { ...json, Host: `127.0.0.1:${server.port}` },
      body: JSON.stringify(body),
    });

  it("runs toklens report in a child process into a new folder, with its progress, and refuses what it must", async () => {
    process.env["TOKLENS_CACHE_DIR"] = join(dir, "cache"); // an empty cache: the tokenize phase reports progress
    const started = await post({ name: "r1", tokenizers: ["gpt2"], languages: ["eng", "swh"] });
    expect(started.status).toBe(202);
    expect(JSON.parse(started.body)).toMatchObject({ name: "r1", state: "running" });
    expect((await post({ name: "r2", tokenizers: ["gpt2"] })).status).toBe(409); // one run at a time
    let runs: { name: string; state: string; phase: string; done: number; total: number; report: string | null }[] = [];
    for (let i = 0; i < 600; i++) {
      const a = await call(server.port, "/api/runs", { headers: { Host: `127.0.0.1:${server.port}` } });
      runs = JSON.parse(a.body) as typeof runs;
      if (runs[0]!.state !== "running") break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(runs[0]).toMatchObject({ name: "r1", state: "done", report: "r1/index.html" });
    // the last progress line is always printed: the phase's tasks all done
    expect(runs[0]!.total).toBeGreaterThan(0);
    expect(runs[0]!.done).toBe(runs[0]!.total);
    const page = await call(server.port, "/reports/r1/index.html", { headers: { Host: `127.0.0.1:${server.port}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain("GPT-2");
    const compare = await post({
      kind: "compare",
      name: "c1",
      tokenizers: ["gpt2", "llama3"],
      languages: ["eng", "swh"],
    });
    expect(compare.status).toBe(202);
    for (let i = 0; i < 600; i++) {
      const a = await call(server.port, "/api/runs", { headers: { Host: `127.0.0.1:${server.port}` } });
      runs = JSON.parse(a.body) as typeof runs;
      if (runs[1]!.state !== "running") break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(runs[1]).toMatchObject({ name: "c1", state: "done", report: "c1/compare.md" });
    const md = await call(server.port, "/reports/c1/compare.md", { headers: { Host: `127.0.0.1:${server.port}` } });
    // the same table `toklens compare --markdown` prints
    const direct = runCli(["compare", "gpt2", "llama3", "--langs", "eng,swh", "--markdown"]);
    expect(md.body).toBe(direct.stdout);
    expect(md.body).toContain("swh_Latn");
    for (const [body, status] of [
      [{ name: "c1", kind: "compare", tokenizers: ["gpt2"] }, 409],
      [{ name: "r4", kind: "delete", tokenizers: ["gpt2"] }, 400],
      [{ name: "r1", tokenizers: ["gpt2"] }, 409], // the folder exists: never overwritten
      [{ name: "../x", tokenizers: ["gpt2"] }, 400],
      [{ name: "r3", tokenizers: ["./tokenizer.json"] }, 400],
      [{ name: "r3", tokenizers: ["gpt2"], languages: ["eng;rm"] }, 400],
    ] as const) {
      const a = await post(body);
      expect(a.status, JSON.stringify(body)).toBe(status);
    }
  }, 400_000);
});

describe("binding", () => {
  it("warns when bound to an address other machines can reach, and not on loopback", async () => {
    const open = await startServer({ port: 0, host: "0.0.0.0", tokenizers: ["gpt2"] });
    try {
      expect(open.warnings).toHaveLength(1);
      expect(open.warnings[0]).toContain("--host 0.0.0.0 is not a loopback address");
      expect(open.url).toBe(`http://127.0.0.1:${open.port}/`);
    } finally {
      await open.close();
    }
    expect(server.warnings).toEqual([]);
  });

  it("knows loopback addresses and the hosts a request may name", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) expect(isLoopback(h), h).toBe(true);
    for (const h of ["0.0.0.0", "192.168.1.2", "::", "example.com", "128.0.0.1"]) expect(isLoopback(h), h).toBe(false);
    expect([...allowedHosts("127.0.0.1", 80)].sort()).toEqual(["127.0.0.1:80", "[::1]:80", "localhost:80"]);
    // a wildcard bind adds no name: a remote name is what a rebinding page sends
    expect(allowedHosts("0.0.0.0", 80).size).toBe(3);
    expect(allowedHosts("192.168.1.2", 80).has("192.168.1.2:80")).toBe(true);
    expect(() => checkHeaders({ headers: {} }, allowedHosts("127.0.0.1", 80))).toThrow(Refusal);
    expect(isInside("/a/b", "/a/b/c")).toBe(true);
    expect(isInside("/a/b", "/a/bc")).toBe(false);
    expect(isInside("/a/b", "/a")).toBe(false);
  });
});
