// Tests hf: resolution against a fake Hub and CDN on 127.0.0.1, in a temporary cache laid out like huggingface_hub's.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import {
  mkdtemp,
  readFile,
  readdir,
  readlink,
  lstat,
  stat,
  rm,
  mkdir,
  writeFile,
  symlink,
  utimes,
} from "node:fs/promises";
import fsPromises from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConfigError, TokenizerLoadError } from "../../src/errors.js";
import { loadTokenizer } from "../../src/tokenizers/load.js";
import { resolveHfTokenizer, type HubOptions } from "../../src/tokenizers/hf-hub.js";
import { hubCacheDir, hubOfflineFromEnv, hubToken, parseHfRef } from "../../src/tokenizers/hf-hub-ids.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/hf-hub/", import.meta.url));
const fixture = (name: string): Promise<Buffer> => readFile(path.join(FIXTURES, name));

const sha1 = (s: string): string => createHash("sha1").update(s).digest("hex");
const sha256 = (b: Buffer): string => createHash("sha256").update(b).digest("hex");
/** The ETag the Hub sends for a regular (non-LFS) file: its git blob id. */
const gitBlobId = (b: Buffer): string =>
  createHash("sha1")
    .update(Buffer.concat([Buffer.from(`blob ${b.length}\0`), b]))
    .digest("hex");

const COMMIT_A = sha1("commit A");
const COMMIT_B = sha1("commit B");

/**
 * break: the connection drops mid-body; short / badsha: LFS headers claim another size / sha256; stall: half the
 * body, then silence; trickle: one byte every 200 ms, without end; nolength: half the body and a clean end, with
 * no Content-Length (a proxy that cut the transfer); unsized: the whole body, with no Content-Length; endless: the
 * content again and again as fast as the client reads, with no Content-Length and no end.
 */
type Fault = "break" | "short" | "badsha" | "stall" | "trickle" | "nolength" | "unsized" | "endless";
interface FixtureFile {
  content: Buffer;
  /** Served like an LFS file: the Hub answers 302 to the CDN with X-Linked-Etag = sha256. */
  lfs?: boolean;
  fault?: Fault;
}
interface FixtureRepo {
  commits: Record<string, Record<string, FixtureFile>>;
  refs: Record<string, string>;
  /** Answer 401 GatedRepo unless this bearer token is sent. */
  requireToken?: string;
  /** Redirect every resolve request to itself. */
  redirectLoop?: boolean;
}
interface LoggedRequest {
  server: "hub" | "cdn";
  url: string;
  authorization: string | undefined;
}

/** A Hub and a CDN, each an HTTP server on 127.0.0.1 (different ports, so different origins). */
class FakeHub {
  readonly repos = new Map<string, FixtureRepo>();
  readonly requests: LoggedRequest[] = [];
  /** huggingface.co answers 401 (not 404) for a repo that does not exist when no token is sent. */
  unknownRepoStatus = 404;
  private readonly cdnBlobs = new Map<string, FixtureFile>();
  hubUrl = "";
  cdnUrl = "";
  private readonly hub = http.createServer((req, res) => this.serveHub(req, res));
  private readonly cdn = http.createServer((req, res) => this.serveCdn(req, res));

  async start(): Promise<this> {
    const listen = (server: http.Server): Promise<string> =>
      new Promise((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      );
    this.hubUrl = await listen(this.hub);
    this.cdnUrl = await listen(this.cdn);
    return this;
  }

  async stop(): Promise<void> {
    for (const server of [this.hub, this.cdn]) {
      if (!server.listening) continue;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private log(server: "hub" | "cdn", req: http.IncomingMessage): void {
    this.requests.push({ server, url: req.url ?? "", authorization: req.headers.authorization });
  }

  private serveHub(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.log("hub", req);
    const url = req.url ?? "";
    const api = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/([^/]+)$/.exec(url);
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url);
    const repoId = api?.[1] ?? resolve?.[1] ?? "";
    const repo = this.repos.get(repoId);
    if (!repo) {
      return void res.writeHead(this.unknownRepoStatus, { "x-error-code": "RepoNotFound" }).end("Repository not found");
    }
    if (repo.requireToken && req.headers.authorization !== `Bearer ${repo.requireToken}`) {
      return void res.writeHead(401, { "x-error-code": "GatedRepo" }).end("Access to this repo is restricted");
    }
    if (repo.redirectLoop) return void res.writeHead(302, { location: url }).end();
    const revision = decodeURIComponent((api ?? resolve)?.[2] ?? "");
    const commit = repo.refs[revision] ?? (repo.commits[revision] ? revision : undefined);
    const files = commit ? repo.commits[commit] : undefined;
    if (!commit || !files) return void res.writeHead(404, { "x-error-code": "RevisionNotFound" }).end("Invalid rev id");
    if (api) {
      const body = JSON.stringify({
        id: repoId,
        sha: commit,
        siblings: Object.keys(files).map((rfilename) => ({ rfilename })),
      });
      return void res.writeHead(200, { "content-type": "application/json" }).end(body);
    }
    const filename = decodeURIComponent(resolve?.[3] ?? "");
    const file = files[filename];
    if (!file) {
      return void res
        .writeHead(404, { "x-error-code": "EntryNotFound", "x-repo-commit": commit })
        .end("Entry not found");
    }
    if (file.lfs) {
      const blobSha = sha256(file.content);
      this.cdnBlobs.set(blobSha, file);
      const claimedSha = file.fault === "badsha" ? sha256(Buffer.from("something else")) : blobSha;
      const claimedSize = file.fault === "short" ? file.content.length + 10 : file.content.length;
      return void res
        .writeHead(302, {
          location: `${this.cdnUrl}/blobs/${blobSha}`,
          "x-repo-commit": commit,
          "x-linked-etag": `"${claimedSha}"`,
          "x-linked-size": String(claimedSize),
        })
        .end();
    }
    this.sendBody(res, file, { "x-repo-commit": commit, etag: `W/"${gitBlobId(file.content)}"` });
  }

  private serveCdn(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.log("cdn", req);
    const file = this.cdnBlobs.get((req.url ?? "").replace(/^\/blobs\//, ""));
    if (!file) return void res.writeHead(404).end();
    this.sendBody(res, file, { etag: `"cdn-${sha256(file.content).slice(0, 8)}"` });
  }

  private sendBody(res: http.ServerResponse, file: FixtureFile, headers: Record<string, string>): void {
    const half = file.content.subarray(0, Math.floor(file.content.length / 2));
    if (file.fault === "endless") {
      res.writeHead(200, headers);
      const pump = (): void => {
        while (!res.destroyed && res.write(file.content));
        if (!res.destroyed) res.once("drain", pump);
      };
      return pump();
    }
    if (file.fault === "trickle" || file.fault === "nolength" || file.fault === "unsized") {
      res.writeHead(200, headers);
      if (file.fault === "nolength") return void res.end(half);
      if (file.fault === "unsized") return void res.end(file.content);
      let sent = 0;
      const drip = setInterval(() => {
        if (res.destroyed || sent >= file.content.length) return void clearInterval(drip);
        res.write(file.content.subarray(sent, ++sent));
      }, 200);
      res.on("close", () => clearInterval(drip));
      return;
    }
    res.writeHead(200, { ...headers, "content-length": String(file.content.length) });
    if (file.fault === "break") {
      res.write(half, () => setTimeout(() => res.socket?.destroy(), 20));
    } else if (file.fault === "stall") {
      res.write(half); // and then nothing, until the client gives up
    } else {
      res.end(file.content);
    }
  }
}

/** Every file and symlink under `dir`, relative, sorted ("" when the folder does not exist). */
async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  await walk(dir);
  return out.sort();
}

/** Nothing half-written: no temp files, no dangling links, every refs file names a snapshot that holds files. */
async function expectConsistentCache(cacheDir: string): Promise<void> {
  for (const rel of await listTree(cacheDir)) {
    expect(rel).not.toMatch(/incomplete|\.tmp/);
    const p = path.join(cacheDir, rel);
    if ((await lstat(p)).isSymbolicLink()) {
      await expect(stat(p), `dangling link ${rel}`).resolves.toBeTruthy();
    }
    const refs = /^(models--[^/]+)\/refs\/(.+)$/.exec(rel);
    if (refs) {
      const commit = (await readFile(p, "utf8")).trim();
      expect(commit).toMatch(/^[0-9a-f]{40}$/);
      expect(await listTree(path.join(cacheDir, refs[1]!, "snapshots", commit))).not.toEqual([]);
    }
  }
}

const ENV_KEYS = [
  "HF_TOKEN",
  "HUGGING_FACE_HUB_TOKEN",
  "HF_TOKEN_PATH",
  "HF_HUB_OFFLINE",
  "HF_ENDPOINT",
  "HF_HUB_CACHE",
  "HUGGINGFACE_HUB_CACHE",
  "XDG_CACHE_HOME",
] as const;

let tmp: string;
let cacheDir: string;
let hub: FakeHub;
let tokenizerJson: Buffer;
let tokenizerConfig: Buffer;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "toklens-hf-hub-"));
  cacheDir = path.join(tmp, "hub-cache");
  // Never let the developer's own token, cache or offline setting leak into a test.
  for (const key of ENV_KEYS) vi.stubEnv(key, "");
  vi.stubEnv("HF_HOME", path.join(tmp, "hf-home"));
  tokenizerJson = await fixture("tokenizer.json");
  tokenizerConfig = await fixture("tokenizer_config.json");
  hub = await new FakeHub().start();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await hub.stop();
  await rm(tmp, { recursive: true, force: true });
});

const opts = (extra: HubOptions = {}): HubOptions => ({ endpoint: hub.hubUrl, cacheDir, timeoutMs: 5_000, ...extra });
const repoDir = (repo: string): string => path.join(cacheDir, `models--${repo.replace("/", "--")}`);

async function loadError(promise: Promise<unknown>): Promise<TokenizerLoadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenizerLoadError);
  return error as TokenizerLoadError;
}

describe("parseHfRef", () => {
  it("splits the repo and revision, defaulting to main", () => {
    expect(parseHfRef("hf:acme/tiny-wordlevel")).toEqual({ repo: "acme/tiny-wordlevel", revision: "main" });
    expect(parseHfRef("hf:acme/tiny.v2@v1.0")).toEqual({ repo: "acme/tiny.v2", revision: "v1.0" });
    expect(parseHfRef("hf:acme/tiny@refs/pr/3")).toEqual({ repo: "acme/tiny", revision: "refs/pr/3" });
    expect(parseHfRef(`hf:gpt2@${COMMIT_A}`)).toEqual({ repo: "gpt2", revision: COMMIT_A });
  });

  it.each([
    "hf:",
    "hf:acme/",
    "hf:a/b/c",
    "hf:acme--x/tiny",
    "hf:acme/../x",
    "hf:acme/tiny@",
    "hf:acme/tiny@../../etc",
    "hf:acme/tiny@with space",
    "hf:https://huggingface.co/acme/tiny",
  ])("rejects %s with a ConfigError naming it", (ref) => {
    expect(() => parseHfRef(ref)).toThrow(ConfigError);
    expect(() => parseHfRef(ref)).toThrow(ref.slice(0, 20));
    expect(() => parseHfRef(ref)).toThrow(/hf:<org>\/<name>|after '@'/);
  });
});

describe("environment", () => {
  it("finds the cache folder like huggingface_hub", () => {
    const home = os.homedir();
    expect(hubCacheDir({})).toBe(path.join(home, ".cache", "huggingface", "hub"));
    expect(hubCacheDir({ XDG_CACHE_HOME: "/x" })).toBe(path.resolve("/x/huggingface/hub"));
    expect(hubCacheDir({ XDG_CACHE_HOME: "/x", HF_HOME: "/h" })).toBe(path.resolve("/h/hub"));
    expect(hubCacheDir({ HF_HOME: "/h", HUGGINGFACE_HUB_CACHE: "/legacy" })).toBe(path.resolve("/legacy"));
    expect(hubCacheDir({ HF_HOME: "/h", HUGGINGFACE_HUB_CACHE: "/legacy", HF_HUB_CACHE: "/c" })).toBe(
      path.resolve("/c"),
    );
    expect(hubCacheDir({ HF_HUB_CACHE: "~/c" })).toBe(path.join(home, "c"));
  });

  it("reads HF_HUB_OFFLINE's truthy spellings", () => {
    for (const v of ["1", "true", "ON", "yes"]) expect(hubOfflineFromEnv({ HF_HUB_OFFLINE: v })).toBe(true);
    for (const v of ["", "0", "false", undefined]) expect(hubOfflineFromEnv({ HF_HUB_OFFLINE: v })).toBe(false);
  });

  it("takes the token from HF_TOKEN, then HUGGING_FACE_HUB_TOKEN, then the token file", async () => {
    const home = path.join(tmp, "home-with-token");
    await mkdir(home, { recursive: true });
    await writeFile(path.join(home, "token"), "hf_file\n");
    expect(await hubToken({ HF_HOME: home })).toEqual({
      token: "hf_file",
      source: `the token file ${path.join(home, "token")}`,
    });
    expect((await hubToken({ HF_HOME: home, HUGGING_FACE_HUB_TOKEN: "hf_old" }))?.token).toBe("hf_old");
    expect((await hubToken({ HF_HOME: home, HUGGING_FACE_HUB_TOKEN: "hf_old", HF_TOKEN: "hf_new" }))?.token).toBe(
      "hf_new",
    );
    expect(await hubToken({ HF_HOME: path.join(tmp, "empty-home") })).toBeUndefined();
  });
});

describe("resolveHfTokenizer: download", () => {
  it("downloads into huggingface_hub's layout, then serves the second call from the cache with the Hub gone", async () => {
    hub.repos.set("acme/tiny", {
      refs: { main: COMMIT_A },
      commits: {
        [COMMIT_A]: {
          "tokenizer.json": { content: tokenizerJson },
          "tokenizer_config.json": { content: tokenizerConfig },
        },
      },
    });
    const files = await resolveHfTokenizer("hf:acme/tiny", opts());
    const snapshot = path.join(repoDir("acme/tiny"), "snapshots", COMMIT_A);
    expect(files).toEqual({
      repo: "acme/tiny",
      revision: "main",
      commit: COMMIT_A,
      tokenizerJson: path.join(snapshot, "tokenizer.json"),
      tokenizerConfig: path.join(snapshot, "tokenizer_config.json"),
    });
    expect(await listTree(repoDir("acme/tiny"))).toEqual(
      [
        `blobs/${gitBlobId(tokenizerJson)}`,
        `blobs/${gitBlobId(tokenizerConfig)}`,
        "refs/main",
        `snapshots/${COMMIT_A}/tokenizer.json`,
        `snapshots/${COMMIT_A}/tokenizer_config.json`,
      ].sort(),
    );
    expect(await readFile(path.join(repoDir("acme/tiny"), "refs", "main"), "utf8")).toBe(COMMIT_A);
    expect(await readlink(files.tokenizerJson!)).toBe(`../../blobs/${gitBlobId(tokenizerJson)}`);
    expect(await readFile(files.tokenizerJson!)).toEqual(tokenizerJson);
    expect(await readFile(files.tokenizerConfig!)).toEqual(tokenizerConfig);
    await expectConsistentCache(cacheDir);

    // The downloaded file is a working tokenizer (checked with the Rust engine, independent of this module).
    const { Tokenizer } = await import("tokenizers");
    const encoding = await Tokenizer.fromFile(files.tokenizerJson!).encode("The big cat sat on a mat, zebra!");
    expect(encoding.getIds()).toEqual([1, 13, 2, 3, 4, 5, 6, 18, 0, 19]);

    const requestsBefore = hub.requests.length;
    expect(requestsBefore).toBe(2);
    await hub.stop();
    expect(await resolveHfTokenizer("hf:acme/tiny@main", opts())).toEqual(files);
    expect(hub.requests.length).toBe(requestsBefore);
  });

  it("with no options, takes the endpoint from HF_ENDPOINT and the cache from HF_HUB_CACHE", async () => {
    hub.repos.set("acme/tiny", {
      refs: { main: COMMIT_A },
      commits: { [COMMIT_A]: { "tokenizer.json": { content: tokenizerJson } } },
    });
    const envCache = path.join(tmp, "env-cache");
    vi.stubEnv("HF_ENDPOINT", `${hub.hubUrl}/`);
    vi.stubEnv("HF_HUB_CACHE", envCache);
    const files = await resolveHfTokenizer("hf:acme/tiny");
    expect(files.tokenizerJson).toBe(
      path.join(envCache, "models--acme--tiny", "snapshots", COMMIT_A, "tokenizer.json"),
    );
    expect(hub.requests[0]!.url).toBe("/acme/tiny/resolve/main/tokenizer.json");
  });

  it("resolves a branch through refs/ and a commit straight to its snapshot, sharing identical blobs", async () => {
    const older = Buffer.from(tokenizerJson.toString("utf8").replace('"dog": 7', '"cow": 7'));
    hub.repos.set("acme/tiny", {
      refs: { main: COMMIT_A, "v0.1": COMMIT_B },
      commits: {
        [COMMIT_A]: {
          "tokenizer.json": { content: tokenizerJson },
          "tokenizer_config.json": { content: tokenizerConfig },
        },
        [COMMIT_B]: { "tokenizer.json": { content: older }, "tokenizer_config.json": { content: tokenizerConfig } },
      },
    });
    const main = await resolveHfTokenizer("hf:acme/tiny", opts());
    const byCommit = await resolveHfTokenizer(`hf:acme/tiny@${COMMIT_B}`, opts());
    expect(main.commit).toBe(COMMIT_A);
    expect(byCommit).toMatchObject({ revision: COMMIT_B, commit: COMMIT_B });
    expect(await readFile(main.tokenizerJson!)).toEqual(tokenizerJson);
    expect(await readFile(byCommit.tokenizerJson!)).toEqual(older);
    // A commit needs no refs file; the config blob is shared by both snapshots.
    expect(await readdir(path.join(repoDir("acme/tiny"), "refs"))).toEqual(["main"]);
    expect((await readdir(path.join(repoDir("acme/tiny"), "blobs"))).sort()).toEqual(
      [gitBlobId(tokenizerJson), gitBlobId(older), gitBlobId(tokenizerConfig)].sort(),
    );
    // The commit request was answered from the Hub by commit, not by branch.
    expect(hub.requests.filter((r) => r.url.includes(`/resolve/${COMMIT_B}/`)).length).toBe(2);

    // A tag is a branch-like name: it gets its own refs file pointing at the same snapshot.
    const tag = await resolveHfTokenizer("hf:acme/tiny@v0.1", opts());
    expect(tag).toEqual({ ...byCommit, revision: "v0.1" });
    expect(await readFile(path.join(repoDir("acme/tiny"), "refs", "v0.1"), "utf8")).toBe(COMMIT_B);
    await expectConsistentCache(cacheDir);
  });

  it("follows an LFS redirect to the CDN, sends the token to the Hub only, and names the blob by its sha256", async () => {
    const model = await fixture("tokenizer.model");
    hub.repos.set("acme/gated-sp", {
      requireToken: "hf_secret",
      refs: { main: COMMIT_A },
      commits: {
        [COMMIT_A]: {
          "tokenizer.model": { content: model, lfs: true },
          "tokenizer_config.json": { content: tokenizerConfig },
        },
      },
    });
    vi.stubEnv("HF_TOKEN", "hf_secret");
    const files = await resolveHfTokenizer("hf:acme/gated-sp", opts());
    expect(files.tokenizerJson).toBeUndefined();
    expect(files.sentencepieceModel).toBe(
      path.join(repoDir("acme/gated-sp"), "snapshots", COMMIT_A, "tokenizer.model"),
    );
    expect(await readlink(files.sentencepieceModel!)).toBe(`../../blobs/${sha256(model)}`);
    expect(await readFile(files.sentencepieceModel!)).toEqual(model);
    expect(files.tokenizerConfig).toBeDefined();

    const hubRequests = hub.requests.filter((r) => r.server === "hub");
    const cdnRequests = hub.requests.filter((r) => r.server === "cdn");
    expect(hubRequests.map((r) => r.url)).toEqual([
      "/acme/gated-sp/resolve/main/tokenizer.json",
      `/acme/gated-sp/resolve/${COMMIT_A}/tokenizer.model`,
      `/acme/gated-sp/resolve/${COMMIT_A}/tokenizer_config.json`,
    ]);
    expect(hubRequests.every((r) => r.authorization === "Bearer hf_secret")).toBe(true);
    expect(cdnRequests.map((r) => r.url)).toEqual([`/blobs/${sha256(model)}`]);
    expect(cdnRequests[0]!.authorization).toBeUndefined();
    await expectConsistentCache(cacheDir);
  });

  it("finds a *.tiktoken file through the repo listing when there is no tokenizer.json or tokenizer.model", async () => {
    const ranks = await fixture("tiny.tiktoken");
    hub.repos.set("acme/tik", {
      refs: { main: COMMIT_A },
      commits: {
        [COMMIT_A]: { "config.json": { content: Buffer.from("{}") }, "tiny.tiktoken": { content: ranks, lfs: true } },
      },
    });
    const files = await resolveHfTokenizer("hf:acme/tik", opts());
    expect(files).toEqual({
      repo: "acme/tik",
      revision: "main",
      commit: COMMIT_A,
      tiktoken: path.join(repoDir("acme/tik"), "snapshots", COMMIT_A, "tiny.tiktoken"),
    });
    expect(await readFile(files.tiktoken!)).toEqual(ranks);
    await expectConsistentCache(cacheDir);
  });
});

describe("resolveHfTokenizer: errors leave nothing half-written", () => {
  it("404: a repo that does not exist is named, with the fix", async () => {
    const error = await loadError(resolveHfTokenizer("hf:acme/no-such-model", opts()));
    expect(error.message).toContain("'acme/no-such-model'");
    expect(error.message).toContain("check the id on the Hub");
    expect(error.message).toContain(`${hub.hubUrl}/acme/no-such-model`);
    expect(await listTree(cacheDir)).toEqual([]);
  });

  it("401 RepoNotFound (what huggingface.co sends anonymously) is a missing repo, not an auth problem", async () => {
    hub.unknownRepoStatus = 401;
    const error = await loadError(resolveHfTokenizer("hf:acme/typo-model", opts()));
    expect(error.message).toContain("Hugging Face repo 'acme/typo-model' (from 'hf:acme/typo-model') was not found");
    expect(error.message).toContain("HTTP 401 RepoNotFound");
    expect(error.message).toContain("check the id on the Hub");
    expect(error.message).toContain("If it is private or gated, set HF_TOKEN");
    expect(await listTree(cacheDir)).toEqual([]);
  });

  it("404: a revision that does not exist is named", async () => {
    hub.repos.set("acme/tiny", {
      refs: { main: COMMIT_A },
      commits: { [COMMIT_A]: { "tokenizer.json": { content: tokenizerJson } } },
    });
    const error = await loadError(resolveHfTokenizer("hf:acme/tiny@nope", opts()));
    expect(error.message).toContain("Revision 'nope'");
    expect(error.message).toContain("acme/tiny");
    expect(await listTree(cacheDir)).toEqual([]);
  });

  it("a repo without any tokenizer file says which files were looked for", async () => {
    hub.repos.set("acme/weights-only", {
      refs: { main: COMMIT_A },
      commits: { [COMMIT_A]: { "config.json": { content: Buffer.from("{}") } } },
    });
    const error = await loadError(resolveHfTokenizer("hf:acme/weights-only", opts()));
    expect(error.message).toContain("hf:acme/weights-only@main has no tokenizer file");
    expect(error.message).toContain("tokenizer.json, tokenizer.model or a *.tiktoken file");
    expect(await listTree(cacheDir)).toEqual([]);
  });

  it("401: a gated repo without a token asks for HF_TOKEN, and a wrong token is reported as such", async () => {
    hub.repos.set("acme/gated", {
      requireToken: "hf_right",
      refs: { main: COMMIT_A },
      commits: { [COMMIT_A]: { "tokenizer.json": { content: tokenizerJson } } },
    });
    const anonymous = await loadError(resolveHfTokenizer("hf:acme/gated", opts()));
    expect(anonymous.message).toContain("'acme/gated'");
    expect(anonymous.message).toContain("HTTP 401");
    expect(anonymous.message).toContain("set HF_TOKEN");
    expect(hub.requests.at(-1)!.authorization).toBeUndefined();

    const wrong = await loadError(resolveHfTokenizer("hf:acme/gated", opts({ token: "hf_wrong" })));
    expect(wrong.message).toContain("check the token from the token option");
    expect(wrong.message).not.toContain("hf_wrong");
    expect(hub.requests.at(-1)!.authorization).toBe("Bearer hf_wrong");
    expect(await listTree(cacheDir)).toEqual([]);

    // The token file under HF_HOME is what `huggingface-cli login` writes; it is used when HF_TOKEN is unset.
    await mkdir(path.join(tmp, "hf-home"), { recursive: true });
    await writeFile(path.join(tmp, "hf-home", "token"), "hf_right");
    const files = await resolveHfTokenizer("hf:acme/gated", opts());
    expect(await readFile(files.tokenizerJson!)).toEqual(tokenizerJson);
  });

  it.each<[string, Fault, boolean, RegExp]>([
    ["a broken connection mid-body", "break", false, /connection broke after \d+ bytes/],
    ["a broken connection mid-body from the CDN", "break", true, /connection broke after \d+ bytes/],
    ["an LFS body shorter than X-Linked-Size", "short", true, /corrupted: expected \d+ bytes, received \d+/],
    ["an LFS body whose sha256 does not match", "badsha", true, /corrupted: sha256 [0-9a-f]{64} does not match/],
    ["a server that stops sending", "stall", false, /no progress for 300 ms/],
  ])("%s", async (_label, fault, lfs, expected) => {
    hub.repos.set("acme/flaky", {
      refs: { main: COMMIT_A },
      commits: { [COMMIT_A]: { "tokenizer.json": { content: tokenizerJson, lfs, fault } } },
    });
    const error = await loadError(resolveHfTokenizer("hf:acme/flaky", opts({ timeoutMs: 300 })));
    expect(error.message).toMatch(expected);
    expect(error.message).toContain("hf:acme/flaky@main");
    // The blobs folder may exist, but it must be empty; no snapshot link and no refs file either.
    expect(await listTree(cacheDir)).toEqual([]);

    // A retry once the server behaves works, in the same cache.
    hub.repos.get("acme/flaky")!.commits[COMMIT_A]!["tokenizer.json"] = { content: tokenizerJson, lfs };
    const files = await resolveHfTokenizer("hf:acme/flaky", opts());
    expect(await readFile(files.tokenizerJson!)).toEqual(tokenizerJson);
    await expectConsistentCache(cacheDir);
  });

  it("a failure on the optional tokenizer_config.json writes no refs file", async () => {
    hub.repos.set("acme/half", {
      refs: { main: COMMIT_A },
      commits: {
        [COMMIT_A]: {
          "tokenizer.json": { content: tokenizerJson },
          "tokenizer_config.json": { content: tokenizerConfig, fault: "break" },
        },
      },
    });
    await loadError(resolveHfTokenizer("hf:acme/half", opts()));
    const tree = await listTree(repoDir("acme/half"));
    expect(tree).not.toContain("refs/main");
    expect(tree).not.toContain(`snapshots/${COMMIT_A}/tokenizer_config.json`);
    await expectConsistentCache(cacheDir);
  });

  it("a redirect loop stops by itself", async () => {
    hub.repos.set("acme/loop", { redirectLoop: true, refs: {}, commits: {} });
    const error = await loadError(resolveHfTokenizer("hf:acme/loop", opts()));
    expect(error.message).toContain("more than 10 redirects");
    expect(hub.requests.length).toBe(11);
    expect(await listTree(cacheDir)).toEqual([]);
  });

  it("an unreachable Hub with nothing cached names the cache path and how to download", async () => {
    await hub.stop();
    const error = await loadError(resolveHfTokenizer("hf:acme/tiny@v2", opts()));
    expect(error.message).toContain(`not in the local Hugging Face cache at ${repoDir("acme/tiny")}`);
    expect(error.message).toContain("huggingface-cli download acme/tiny tokenizer.json --revision v2");
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});

describe("resolveHfTokenizer: a cache written by the Python tools, offline", () => {
  /** Lays out a cache exactly as huggingface_hub's hf_hub_download leaves it. */
  async function populatePythonCache(root: string): Promise<string> {
    const dir = path.join(root, "models--acme--tiny");
    const blob = gitBlobId(tokenizerJson);
    await mkdir(path.join(dir, "blobs"), { recursive: true });
    await mkdir(path.join(dir, "refs"), { recursive: true });
    await mkdir(path.join(dir, "snapshots", COMMIT_A), { recursive: true });
    await writeFile(path.join(dir, "blobs", blob), tokenizerJson);
    await writeFile(path.join(dir, "refs", "main"), COMMIT_A); // no trailing newline, like huggingface_hub
    await symlink(`../../blobs/${blob}`, path.join(dir, "snapshots", COMMIT_A, "tokenizer.json"));
    // A dangling link (blob deleted by hand) must be ignored, not returned.
    await symlink("../../blobs/deadbeef", path.join(dir, "snapshots", COMMIT_A, "tokenizer_config.json"));
    return path.join(dir, "snapshots", COMMIT_A);
  }

  it("reads it with offline: true, by branch and by commit, without any request", async () => {
    const snapshot = await populatePythonCache(cacheDir);
    const expected = { repo: "acme/tiny", commit: COMMIT_A, tokenizerJson: path.join(snapshot, "tokenizer.json") };
    expect(await resolveHfTokenizer("hf:acme/tiny", opts({ offline: true }))).toEqual({
      ...expected,
      revision: "main",
    });
    expect(await resolveHfTokenizer(`hf:acme/tiny@${COMMIT_A}`, opts({ offline: true }))).toEqual({
      ...expected,
      revision: COMMIT_A,
    });
    expect(hub.requests).toEqual([]);
  });

  it("finds it through HF_HOME and honours HF_HUB_OFFLINE=1", async () => {
    const snapshot = await populatePythonCache(path.join(tmp, "hf-home", "hub"));
    vi.stubEnv("HF_HUB_OFFLINE", "1");
    vi.stubEnv("HF_ENDPOINT", hub.hubUrl);
    const files = await resolveHfTokenizer("hf:acme/tiny");
    expect(files.tokenizerJson).toBe(path.join(snapshot, "tokenizer.json"));
    expect(JSON.parse(await readFile(files.tokenizerJson!, "utf8")).model.type).toBe("WordLevel");

    const error = await loadError(resolveHfTokenizer("hf:acme/other"));
    expect(error.message).toContain(
      `not in the local Hugging Face cache at ${path.join(tmp, "hf-home", "hub", "models--acme--other")}`,
    );
    expect(error.message).toContain("HF_HUB_OFFLINE is set");
    expect(error.message).toContain("huggingface-cli download acme/other tokenizer.json");
    expect(hub.requests).toEqual([]);
  });

  it("goes online for a cached revision whose snapshot holds no tokenizer file", async () => {
    const dir = repoDir("acme/tiny");
    await mkdir(path.join(dir, "refs"), { recursive: true });
    await mkdir(path.join(dir, "snapshots", COMMIT_A), { recursive: true });
    await writeFile(path.join(dir, "refs", "main"), COMMIT_A);
    await loadError(resolveHfTokenizer("hf:acme/tiny", opts({ offline: true })));
    hub.repos.set("acme/tiny", {
      refs: { main: COMMIT_A },
      commits: { [COMMIT_A]: { "tokenizer.json": { content: tokenizerJson } } },
    });
    const files = await resolveHfTokenizer("hf:acme/tiny", opts());
    expect(await readFile(files.tokenizerJson!)).toEqual(tokenizerJson);
  });
});

describe("resolveHfTokenizer: endless bodies and a full disk (issue 20 item 13)", () => {
  it("an endless body is cut off at maxDownloadBytes, and nothing is cached", async () => {
    hub.repos.set("acme/endless", {
      refs: { main: COMMIT_A },
      commits: { [COMMIT_A]: { "tokenizer.json": { content: tokenizerJson, fault: "endless" } } },
    });
    const error = await loadError(
      resolveHfTokenizer("hf:acme/endless", opts({ maxDownloadBytes: 256 * 1024, deadlineMs: 3_000 })),
    );
    expect(error.message).toMatch(
      /^The download of tokenizer.json of hf:acme\/endless@main from .* was stopped: the body is larger than 262144 bytes \(maxDownloadBytes\)/,
    );
    await expectConsistentCache(cacheDir);
    expect((await listTree(cacheDir)).filter((f) => f.includes("blobs"))).toEqual([]);
  });

  it("a body longer than the size the Hub announced is cut off at that size", async () => {
    hub.repos.set("acme/endless-lfs", {
      refs: { main: COMMIT_A },
      commits: { [COMMIT_A]: { "tokenizer.json": { content: tokenizerJson, lfs: true, fault: "endless" } } },
    });
    const error = await loadError(resolveHfTokenizer("hf:acme/endless-lfs", opts({ deadlineMs: 3_000 })));
    expect(error.message).toContain(
      `was stopped: the server sent more than the ${tokenizerJson.length} bytes it announced`,
    );
    expect((await listTree(cacheDir)).filter((f) => f.includes("blobs"))).toEqual([]);
  });

  it("a full disk during the download is reported as a full disk, not a broken connection", async () => {
    hub.repos.set("acme/full", {
      refs: { main: COMMIT_A },
      commits: { [COMMIT_A]: { "tokenizer.json": { content: tokenizerJson } } },
    });
    const realOpen = fsPromises.open;
    const spy = vi.spyOn(fsPromises, "open").mockImplementation(async (...args: Parameters<typeof realOpen>) => {
      const handle = await realOpen(...args);
      if (String(args[0]).includes(".incomplete")) {
        handle.write = (() =>
          Promise.reject(
            Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }),
          )) as typeof handle.write;
      }
      return handle;
    });
    try {
      const error = await loadError(resolveHfTokenizer("hf:acme/full", opts()));
      expect(error.message).toMatch(
        /^Could not save tokenizer.json of hf:acme\/full@main into the Hugging Face cache at .*: the disk is full \(or over its quota\) \(ENOSPC\) after 0 bytes\. Free some space, or set HF_HUB_CACHE/,
      );
      expect(error.message).not.toContain("connection");
    } finally {
      spy.mockRestore();
    }
    await expectConsistentCache(cacheDir);
  });
});

describe("resolveHfTokenizer: hostile servers and caches", () => {
  it("a server trickling a byte at a time is stopped by the overall deadline, and nothing is cached", async () => {
    hub.repos.set("acme/slow", {
      refs: { main: COMMIT_A },
      commits: { [COMMIT_A]: { "tokenizer.json": { content: tokenizerJson, fault: "trickle" } } },
    });
    const started = Date.now();
    const error = await loadError(resolveHfTokenizer("hf:acme/slow", opts({ timeoutMs: 5_000, deadlineMs: 1_000 })));
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(error.message).toMatch(/not finished after 1000 ms \(deadlineMs\), \d+ bytes received/);
    expect(error.message).toContain("hf:acme/slow@main");
    expect(await listTree(cacheDir)).toEqual([]);
  });

  it.each([
    [
      "tokenizer.json",
      "tokenizer.json",
      /corrupted: the body is not valid JSON \(it ends before the JSON is complete\) \(\d+ bytes received\)/,
    ],
    ["tokenizer.model", "tokenizer.model", /corrupted: the body is not a SentencePiece model/],
    [
      "tiny.tiktoken",
      "tiny.tiktoken",
      /corrupted: the body is not a usable rank file \(lines 14 and 138 both have rank 13\)/,
    ],
  ])("a short %s body without Content-Length is not cached", async (fixtureName, filename, expected) => {
    const content = await fixture(fixtureName);
    const serve = (fault?: Fault) => {
      hub.repos.set("acme/cut", {
        refs: { main: COMMIT_A },
        commits: {
          [COMMIT_A]: {
            [filename]: { content, ...(fault ? { fault } : {}) },
            ...(filename.endsWith(".tiktoken") ? { "config.json": { content: Buffer.from("{}") } } : {}),
          },
        },
      });
    };
    serve("nolength");
    const error = await loadError(resolveHfTokenizer("hf:acme/cut", opts()));
    expect(error.message).toMatch(expected);
    expect(await listTree(cacheDir)).toEqual([]);
    serve();
    const files = await resolveHfTokenizer("hf:acme/cut", opts());
    expect(await readFile(files.tokenizerJson ?? files.sentencepieceModel ?? files.tiktoken!)).toEqual(content);
    await expectConsistentCache(cacheDir);
  });

  it("a broken blob left in the cache is not reused when the server gives no size", async () => {
    const blob = path.join(repoDir("acme/old"), "blobs", gitBlobId(tokenizerJson));
    await mkdir(path.dirname(blob), { recursive: true });
    await writeFile(blob, tokenizerJson.subarray(0, 100));
    hub.repos.set("acme/old", {
      refs: { main: COMMIT_A },
      commits: { [COMMIT_A]: { "tokenizer.json": { content: tokenizerJson, fault: "unsized" } } },
    });
    const files = await resolveHfTokenizer("hf:acme/old", opts());
    expect(await readFile(files.tokenizerJson!)).toEqual(tokenizerJson);
  });

  it("removes .incomplete files of a download whose process was killed, and stale ones of other tools", async () => {
    const dist = new URL("../../dist/tokenizers/hf-hub.js", import.meta.url);
    expect(existsSync(dist), "run `npx tsc -p tsconfig.build.json` first").toBe(true);
    hub.repos.set("acme/killed", {
      refs: { main: COMMIT_A },
      commits: { [COMMIT_A]: { "tokenizer.json": { content: tokenizerJson, fault: "stall" } } },
    });
    const script = `const { resolveHfTokenizer } = await import(${JSON.stringify(dist.href)});
      await resolveHfTokenizer("hf:acme/killed", { endpoint: ${JSON.stringify(hub.hubUrl)}, cacheDir: ${JSON.stringify(cacheDir)}, timeoutMs: 60000 });`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: "ignore" });
    const blobs = path.join(repoDir("acme/killed"), "blobs");
    const incomplete = async () => (await readdir(blobs).catch(() => [])).filter((f) => f.endsWith(".incomplete"));
    for (let i = 0; i < 200 && (await incomplete()).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    expect(await incomplete()).toHaveLength(1);

    // a huggingface_hub leftover untouched for longer than the deadline goes too; a fresh one (maybe being written) stays
    const pythonStale = path.join(blobs, `${"a".repeat(40)}.incomplete`);
    const pythonFresh = path.join(blobs, `${"b".repeat(40)}.incomplete`);
    await writeFile(pythonStale, "x");
    await writeFile(pythonFresh, "x");
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(pythonStale, hourAgo, hourAgo);

    hub.repos.get("acme/killed")!.commits[COMMIT_A]!["tokenizer.json"] = { content: tokenizerJson };
    const files = await resolveHfTokenizer("hf:acme/killed", opts({ deadlineMs: 60_000 }));
    expect(await readFile(files.tokenizerJson!)).toEqual(tokenizerJson);
    expect(await incomplete()).toEqual([path.basename(pythonFresh)]);
  });

  it("refuses a cached snapshot link that leads outside the cache, without printing the target's content", async () => {
    const secret = path.join(tmp, "passwd");
    await writeFile(secret, "root:x:0:0:root:/root:/bin/bash\n");
    const dir = repoDir("acme/evil");
    await mkdir(path.join(dir, "refs"), { recursive: true });
    await mkdir(path.join(dir, "snapshots", COMMIT_A), { recursive: true });
    await writeFile(path.join(dir, "refs", "main"), COMMIT_A);
    await symlink(secret, path.join(dir, "snapshots", COMMIT_A, "tokenizer.json"));
    for (const attempt of [
      () => resolveHfTokenizer("hf:acme/evil", opts({ offline: true })),
      () => resolveHfTokenizer("hf:acme/evil", opts()),
      () => loadTokenizer("hf:acme/evil", { hub: opts({ offline: true }) }),
    ]) {
      const error = await loadError(attempt());
      expect(error.message).toMatch(/leads outside the Hugging Face cache folder/);
      expect(error.message).toContain(secret);
      expect(error.message).not.toContain("root:x");
    }
    expect(hub.requests).toEqual([]);

    // a whole snapshot folder linked elsewhere is refused the same way
    await rm(path.join(dir, "snapshots", COMMIT_A), { recursive: true });
    const elsewhere = path.join(tmp, "elsewhere");
    await mkdir(elsewhere);
    await writeFile(path.join(elsewhere, "tokenizer.json"), tokenizerJson);
    await symlink(elsewhere, path.join(dir, "snapshots", COMMIT_A));
    expect((await loadError(resolveHfTokenizer("hf:acme/evil", opts({ offline: true })))).message).toMatch(
      /leads outside/,
    );
  });

  it("a tokenizer file that is not JSON is reported without quoting it", async () => {
    const file = path.join(tmp, "passwd.json");
    await writeFile(file, "root:x:0:0:root:/root:/bin/bash\n");
    const error = await loadError(loadTokenizer(file));
    expect(error.message).toMatch(/is not valid JSON \(a character that cannot appear there\)/);
    expect(error.message).not.toContain("root:x");
  });
});
