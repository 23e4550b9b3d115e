// hf-dataset: from a cache laid out like huggingface_hub's (offline), and downloaded from a fake Hub on 127.0.0.1
// through the hf: client: the same segments as parquet: on the same files, the cache written as the Python tools do.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ConfigError, CorpusError } from "../../src/errors.js";
import { openCorpus, type Corpus } from "../../src/corpus/open-corpus.js";
import { runCli } from "../cli/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-hf-dataset-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string): string => {
  const dir = join(tmp, `${name}-${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const sha1 = (s: string): string => createHash("sha1").update(s).digest("hex");
const sha256 = (b: Buffer): string => createHash("sha256").update(b).digest("hex");
const COMMIT = sha1("dataset commit");

/** A FLORES+-schema Parquet file of one language. */
function parquet(iso: string, texts: readonly string[]): Buffer {
  return Buffer.from(
    parquetWriteBuffer({
      columnData: [
        { name: "id", data: texts.map((_, i) => i + 1), type: "INT32" },
        { name: "iso_639_3", data: texts.map(() => iso), type: "STRING" },
        { name: "iso_15924", data: texts.map(() => "Latn"), type: "STRING" },
        { name: "text", data: [...texts], type: "STRING" },
      ],
    }),
  );
}

/** The dataset: FLORES+'s layout (split folders), plus a README that is not Parquet. */
const FILES: Record<string, Buffer> = {
  "README.md": Buffer.from("# a dataset\n"),
  "dev/eng_Latn.parquet": parquet("eng", ["Hello.", "Good day."]),
  "dev/deu_Latn.parquet": parquet("deu", ["Hallo.", "Guten Tag."]),
  "devtest/eng_Latn.parquet": parquet("eng", ["One world.", "Two worlds.", "Three."]),
  "devtest/deu_Latn.parquet": parquet("deu", ["Eine Welt.", "Zwei Welten.", "Drei."]),
};

interface Logged {
  url: string;
  authorization: string | undefined;
}

/** A Hub answering for the dataset repo acme/flores (and nothing else), as huggingface.co does. */
class FakeHub {
  readonly requests: Logged[] = [];
  requireToken: string | undefined;
  /** Serve this body instead of the real one for every .parquet file (a proxy that mangles it). */
  mangle: Buffer | undefined;
  /** Names listed besides FILES (never served): a dataset of many shards. */
  extraListed: string[] = [];
  url = "";
  private readonly server = http.createServer((req, res) => this.serve(req, res));

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop(): Promise<void> {
    await new Promise((r) => this.server.close(r));
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = decodeURIComponent(req.url ?? "");
    this.requests.push({ url, authorization: req.headers.authorization });
    if (this.requireToken && req.headers.authorization !== `Bearer ${this.requireToken}`) {
      res.writeHead(401, { "x-error-code": "GatedRepo" }).end("gated");
      return;
    }
    const list = /^\/api\/datasets\/acme\/flores\/revision\/([^?]+)/.exec(url);
    if (list) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          sha: COMMIT,
          siblings: [...Object.keys(FILES), ...this.extraListed].map((rfilename) => ({ rfilename })),
        }),
      );
      return;
    }
    const file = /^\/datasets\/acme\/flores\/resolve\/([^/]+)\/(.+)$/.exec(url);
    const content = file ? FILES[file[2]!] : undefined;
    if (!file || !content) {
      res.writeHead(404, { "x-error-code": url.includes("acme/flores") ? "EntryNotFound" : "RepoNotFound" }).end();
      return;
    }
    const body = this.mangle && file[2]!.endsWith(".parquet") ? this.mangle : content;
    // LFS-like: the etag is the sha256 of the real content, so a mangled body fails the checksum
    res.writeHead(200, {
      "x-repo-commit": COMMIT,
      "x-linked-etag": `"${sha256(content)}"`,
      "x-linked-size": String(body.length),
      "content-length": String(body.length),
    });
    res.end(body);
  }
}

/** A cache as `huggingface-cli download --repo-type dataset acme/flores` leaves it: blobs, a snapshot of links, refs/main. */
function fixtureCache(): string {
  const cache = fresh("cache");
  const repo = join(cache, "datasets--acme--flores");
  mkdirSync(join(repo, "blobs"), { recursive: true });
  mkdirSync(join(repo, "refs"));
  writeFileSync(join(repo, "refs", "main"), COMMIT);
  for (const [name, content] of Object.entries(FILES)) {
    const blob = join(repo, "blobs", sha256(content));
    writeFileSync(blob, content);
    const link = join(repo, "snapshots", COMMIT, ...name.split("/"));
    mkdirSync(join(link, ".."), { recursive: true });
    symlinkSync(relative(join(link, ".."), blob), link);
  }
  return cache;
}

async function segments(c: Corpus): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const l of c.languages) {
    out[l] = [];
    for await (const s of c.segments(l)) out[l].push(`${s.id} ${s.text}`);
  }
  return out;
}

/** The same files as a local folder, read with parquet:: what hf-dataset: must give. */
function localCopy(): string {
  const dir = fresh("local");
  for (const [name, content] of Object.entries(FILES)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const hub = new FakeHub();
beforeAll(() => hub.start());
afterAll(() => hub.stop());
beforeEach(() => {
  hub.requests.length = 0;
  hub.requireToken = undefined;
  hub.mangle = undefined;
  hub.extraListed = [];
  const home = fresh("home");
  vi.stubEnv("HF_HOME", home);
  vi.stubEnv("HF_TOKEN", "");
  vi.stubEnv("HUGGING_FACE_HUB_TOKEN", "");
  vi.stubEnv("HF_TOKEN_PATH", join(home, "no-token"));
  vi.stubEnv("HF_HUB_OFFLINE", "");
  vi.stubEnv("HF_ENDPOINT", hub.url);
});
afterEach(() => vi.unstubAllEnvs());

describe("hf-dataset:", () => {
  const local = localCopy();

  it("works offline from a cache laid out like huggingface_hub's, without a request", async () => {
    vi.stubEnv("HF_HUB_CACHE", fixtureCache());
    vi.stubEnv("HF_HUB_OFFLINE", "1");
    const c = await openCorpus("hf-dataset:acme/flores", { dataDir: "devtest" });
    expect(c.languages).toEqual(["deu_Latn", "eng_Latn"]);
    expect(c.segmentCount("eng_Latn")).toBe(3);
    expect(await segments(c)).toEqual(await segments(await openCorpus(`parquet:${join(local, "devtest")}`)));
    expect(hub.requests).toEqual([]);
    // a pinned commit is found in snapshots/ directly
    const pinned = await openCorpus(`hf-dataset:acme/flores@${COMMIT}`, { config: "dev" });
    expect(pinned.segmentCount("deu_Latn")).toBe(2);
  });

  it("downloads what is missing from the Hub into the cache, then reads it offline", async () => {
    const cache = fresh("empty-cache");
    vi.stubEnv("HF_HUB_CACHE", cache);
    const c = await openCorpus("hf-dataset:acme/flores", { dataDir: "dev" });
    expect(await segments(c)).toEqual(await segments(await openCorpus(`parquet:${join(local, "dev")}`)));
    // only the listing and the two Parquet files of dev/ were asked for
    expect(hub.requests.map((r) => r.url.replace(/\?.*/, ""))).toEqual([
      "/api/datasets/acme/flores/revision/main",
      `/datasets/acme/flores/resolve/${COMMIT}/dev/deu_Latn.parquet`,
      `/datasets/acme/flores/resolve/${COMMIT}/dev/eng_Latn.parquet`,
    ]);
    const repo = join(cache, "datasets--acme--flores");
    expect(readFileSync(join(repo, "refs", "main"), "utf8")).toBe(COMMIT);
    expect(readdirSync(join(repo, "blobs")).sort()).toEqual(
      [FILES["dev/deu_Latn.parquet"]!, FILES["dev/eng_Latn.parquet"]!].map(sha256).sort(),
    );
    vi.stubEnv("HF_HUB_OFFLINE", "1");
    hub.requests.length = 0;
    expect((await openCorpus("hf-dataset:acme/flores", { dataDir: "dev" })).languages).toEqual([
      "deu_Latn",
      "eng_Latn",
    ]);
    expect(hub.requests).toEqual([]);
  });

  it("a gated dataset needs HF_TOKEN: a clear message without it, sent to the Hub with it", async () => {
    vi.stubEnv("HF_HUB_CACHE", fresh("gated-cache"));
    hub.requireToken = "hf_secret";
    const err = await openCorpus("hf-dataset:acme/flores", { config: "dev" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorpusError);
    expect((err as CorpusError).exitCode).toBe(4);
    expect((err as Error).message).toMatch(
      /refused access .* gated or private\. Accept its terms on .*\/datasets\/acme\/flores and set HF_TOKEN/,
    );
    vi.stubEnv("HF_TOKEN", "hf_secret");
    const c = await openCorpus("hf-dataset:acme/flores", { config: "dev" });
    expect(c.segmentCount("eng_Latn")).toBe(2);
    expect(hub.requests.at(-1)!.authorization).toBe("Bearer hf_secret");
  });

  it("refusals: offline with nothing cached, no Parquet in the selection, too many files, a corrupted download, a bad id", async () => {
    const cache = fresh("refusals");
    vi.stubEnv("HF_HUB_CACHE", cache);
    vi.stubEnv("HF_HUB_OFFLINE", "1");
    await expect(openCorpus("hf-dataset:acme/flores", { dataDir: "dev" })).rejects.toThrow(
      /has no Parquet files \(data dir dev\) in the local Hugging Face cache at .*datasets--acme--flores, and offline mode is on .* `huggingface-cli download --repo-type dataset acme\/flores --include "dev\/\*\.parquet"`/,
    );
    vi.stubEnv("HF_HUB_OFFLINE", "");
    await expect(openCorpus("hf-dataset:acme/flores", { config: "test" })).rejects.toThrow(
      /has no Parquet files \(config test\)\. Its Parquet files are in dev, devtest: pick one with --data-dir/,
    );
    hub.extraListed = Array.from({ length: 65 }, (_, i) => `data/deu_Latn/train/${String(i).padStart(3, "0")}.parquet`);
    await expect(openCorpus("hf-dataset:acme/flores", { config: "deu_Latn" })).rejects.toThrow(
      /\(config deu_Latn\) has 65 Parquet files; toklens downloads at most 64 for one corpus\. Narrow it with --config or --data-dir, or download them on purpose with `huggingface-cli download --repo-type dataset acme\/flores --include "data\/deu_Latn\/\*\.parquet"`/,
    );
    hub.mangle = Buffer.from("<html>a proxy's error page</html>");
    const err = await openCorpus("hf-dataset:acme/flores", { dataDir: "dev" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorpusError);
    expect((err as Error).message).toMatch(
      /The download of dev\/deu_Latn\.parquet of hf-dataset:acme\/flores@main .* was corrupted: sha256 .* Nothing was kept/,
    );
    expect(existsSync(join(cache, "datasets--acme--flores", "refs", "main"))).toBe(false);
    await expect(openCorpus("hf-dataset:acme/flores/x")).rejects.toThrow(ConfigError);
    await expect(openCorpus("hf-dataset:acme/flores", { dataDir: "../x" })).rejects.toThrow(
      /Invalid --data-dir '\.\.\/x'/,
    );
  });
});

describe("the bin: `toklens corpus` and `toklens languages --corpus` on all three address forms", () => {
  it("parquet:, flores-plus: and hf-dataset: (offline) list the same languages and segment counts", () => {
    const local = localCopy();
    const env = { HF_HUB_CACHE: fixtureCache(), HF_HUB_OFFLINE: "1", HF_TOKEN: "" };
    const sources = [`parquet:${join(local, "devtest")}`, `flores-plus:${local}`, "hf-dataset:acme/flores"];
    for (const source of sources) {
      const extra = source.startsWith("hf-dataset:") ? ["--data-dir", "devtest"] : [];
      const langs = runCli(["languages", "--corpus", source, ...extra, "--json"], { env });
      expect(langs.code, langs.stderr).toBe(0);
      const rows = JSON.parse(langs.stdout) as Array<{ code: string; segments: number }>;
      expect(rows.map((r) => [r.code, r.segments])).toEqual([
        ["deu_Latn", 3],
        ["eng_Latn", 3],
      ]);
      const stats = runCli(["corpus", source, ...extra, "--json"], { env });
      expect(stats.code, stats.stderr).toBe(0);
      const chars = (JSON.parse(stats.stdout) as Array<{ language: string; chars: number }>).map((r) => r.chars);
      // "Eine Welt." + "Zwei Welten." + "Drei." and "One world." + "Two worlds." + "Three."
      expect(chars).toEqual([10 + 12 + 5, 10 + 11 + 6]);
    }
    const missing = runCli(["corpus", `parquet:${join(local, "devtest")}`, "--text-column", "body"], { env });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/has no text column 'body'\. It has the columns id, iso_639_3, iso_15924, text/);
  });
});
