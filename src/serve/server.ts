// `toklens serve` as a library: a local HTTP server (Node's own http) for the live page, its JSON API and the
// reports under one folder. Every request passes the guards of guard.ts first.
import { readdir, readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, relative } from "node:path";
import { readPriceTable } from "../analysis/prices.js";
import { builtinTokenizerRows } from "../analysis/tokenizers.js";
import { ConfigError, ToklensError } from "../errors.js";
import type { LanguageCode } from "../types.js";
import { allowedHosts, checkHeaders, fileUnder, isLoopback, parseJsonObject, readBody, Refusal } from "./guard.js";
import { pageFonts } from "./fonts.js";
import { servePage, SERVE_PAGE_CSP } from "./page.js";
import { Playground } from "./playground.js";
import { ReportRuns } from "./runs.js";

/** The tokenizers shown when neither the URL nor --tokenizers names any. */
export const DEFAULT_SERVE_TOKENIZERS = ["o200k_base", "llama3", "gemma3"] as const;

/** The port of `toklens serve` without --port. */
export const DEFAULT_SERVE_PORT = 4173;

/** The text of the box when the URL has none. */
export const DEFAULT_SERVE_TEXT = "Habari ya asubuhi! おはようございます。 Good morning!";

/** Milliseconds the page waits after a keystroke before asking the server. */
export const DEBOUNCE_MS = 60;

export interface ServeOptions {
  /** 0 picks a free port. @default 4173 */
  port?: number;
  /** Address to bind. @default "127.0.0.1" */
  host?: string;
  /** Tokenizers of the page when the URL names none; loaded at start. @default DEFAULT_SERVE_TOKENIZERS */
  tokenizers?: readonly string[];
  /** Corpus of the language picker. @default "udhr" */
  corpus?: string;
  /** Pivot language of compare-languages mode. @default "eng_Latn" */
  pivot?: LanguageCode;
  /** Prices file (USD per million tokens) for the cost column. */
  prices?: string;
  /** Folder whose reports (each folder with an index.html) the page lists and the server serves. */
  reports?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** What the user should hear at start (a bind address other machines can reach). */
  warnings: string[];
  playground: Playground;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** Headers on every answer: no sniffing, no referrer, never framed. */
const COMMON_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cache-Control": "no-store",
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, csp: string): void {
  res.writeHead(status, { ...COMMON_HEADERS, "Content-Type": type, "Content-Security-Policy": csp });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) =>
  send(
    res,
    status,
    "application/json; charset=utf-8",
    JSON.stringify(value),
    "default-src 'none'; frame-ancestors 'none'",
  );

/** The index.html files under `root` (at most four folders deep, skipping hidden folders), relative to it. */
async function listReports(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      if (e.isDirectory() && depth < 4) await walk(join(dir, e.name), depth + 1);
      else if (e.isFile() && e.name === "index.html")
        found.push(relative(root, join(dir, e.name)).replaceAll("\\", "/"));
    }
  };
  await walk(root, 0);
  return found;
}

/** Starts the server; resolves once it listens. Bad options (unknown tokenizer, corpus, prices file) throw first. */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const tokenizers = [...(options.tokenizers ?? DEFAULT_SERVE_TOKENIZERS)];
  const prices = options.prices !== undefined ? await readPriceTable(options.prices) : undefined;
  const playground = new Playground({
    tokenizers,
    ...(options.corpus !== undefined ? { corpus: options.corpus } : {}),
    ...(options.pivot !== undefined ? { pivot: options.pivot } : {}),
    ...(prices ? { prices } : {}),
  });
  try {
    await playground.checkStart(tokenizers);
    if (options.reports !== undefined) await checkReportsFolder(options.reports);
  } catch (err) {
    playground.dispose();
    throw err;
  }
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => answerError(res, err));
  });
  let allowed = new Set<string>();
  const runs = options.reports !== undefined ? new ReportRuns(options.reports) : null;
  const handle = (req: IncomingMessage, res: ServerResponse) =>
    route(req, res, { allowed, playground, runs, options, tokenizers, prices: prices !== undefined });
  await listen(server, options.port ?? DEFAULT_SERVE_PORT, host);
  const port = (server.address() as AddressInfo).port;
  allowed = allowedHosts(host, port);
  // loads in the background: the URL is printed at once, and the first keystroke waits for what is still loading
  playground.preload(tokenizers);
  const shown = host.includes(":") ? `[${host}]` : host;
  const warnings = isLoopback(host)
    ? []
    : [
        `--host ${host} is not a loopback address: anyone who can reach this machine on port ${port} can use this server (load tokenizers, read the reports). Use the default 127.0.0.1 unless you mean that.`,
      ];
  return {
    url: `http://${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : shown}:${port}/`,
    port,
    warnings,
    playground,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
        playground.dispose();
        runs?.dispose();
      }),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((done, fail) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      fail(
        new ConfigError(
          err.code === "EADDRINUSE"
            ? `Port ${port} on ${host} is in use. Give another with --port (0 picks a free one).`
            : `Cannot listen on ${host}:${port} (${err.code ?? err.message}). Check --host and --port.`,
        ),
      ),
    );
    server.listen(port, host, () => done());
  });
}

function answerError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof Refusal) return json(res, err.status, { error: err.message });
  if (err instanceof ToklensError) return json(res, 400, { error: err.message });
  json(res, 500, { error: `internal error: ${(err as Error).message}` });
}

async function checkReportsFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory())
    throw new ConfigError(`--reports '${dir}' is not a folder. Give the folder your reports are in (e.g. reports/).`);
}

interface RouteContext {
  allowed: ReadonlySet<string>;
  playground: Playground;
  runs: ReportRuns | null;
  options: ServeOptions;
  tokenizers: string[];
  prices: boolean;
}

const stringList = (v: unknown, field: string): string[] => {
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string"))
    throw new Refusal(400, `Refused: '${field}' must be an array of strings.`);
  return v;
};

async function route(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
  checkHeaders(req, ctx.allowed);
  const url = new URL(req.url ?? "/", "http://localhost");
  const method = req.method ?? "GET";
  if (method === "POST") {
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? ""))
      throw new Refusal(415, "Refused: send the request body as application/json.");
    const body = parseJsonObject(await readBody(req));
    if (url.pathname === "/api/tokenize") {
      if (typeof body["text"] !== "string") throw new Refusal(400, "Refused: 'text' must be a string.");
      return json(res, 200, await ctx.playground.live(body["text"], stringList(body["tokenizers"], "tokenizers")));
    }
    if (url.pathname === "/api/languages") {
      if (typeof body["tokenizer"] !== "string") throw new Refusal(400, "Refused: 'tokenizer' must be a string.");
      const languages = stringList(body["languages"], "languages");
      return json(res, 200, await ctx.playground.compareLanguages(body["tokenizer"], languages));
    }
    if (url.pathname === "/api/runs" && ctx.runs)
      return json(res, 202, ctx.runs.start(body["name"], body["tokenizers"], body["languages"], body["kind"]));
    throw new Refusal(404, `Not found: POST ${url.pathname}.`);
  }
  if (method !== "GET" && method !== "HEAD") throw new Refusal(405, `Refused: method ${method} (only GET and POST).`);
  if (url.pathname === "/") return sendPage(res, ctx);
  if (url.pathname === "/api/runs" && ctx.runs) return json(res, 200, ctx.runs.list());
  if (url.pathname === "/api/segment")
    return json(res, 200, await ctx.playground.segment(url.searchParams.get("lang") ?? ""));
  if (url.pathname.startsWith("/fonts/")) {
    const file = pageFonts().files.get(url.pathname.slice("/fonts/".length));
    if (file === undefined) throw new Refusal(404, `Not found: ${url.pathname}.`);
    res.writeHead(200, { ...COMMON_HEADERS, "Content-Type": "font/woff", "Cache-Control": "max-age=86400" });
    res.end(await readFile(file));
    return;
  }
  if (url.pathname.startsWith("/reports/") && ctx.options.reports !== undefined) {
    let path: string;
    try {
      path = decodeURIComponent(url.pathname.slice("/reports/".length));
    } catch {
      throw new Refusal(400, "Refused: the path is not valid percent-encoding.");
    }
    const file = await fileUnder(ctx.options.reports, path);
    // sandboxed: a served page runs its own scripts in an opaque origin, so it cannot call this server's API
    const csp = "sandbox allow-scripts allow-downloads allow-popups; frame-ancestors 'none'";
    return send(res, 200, TYPES[extname(file).toLowerCase()] ?? "application/octet-stream", await readFile(file), csp);
  }
  throw new Refusal(404, `Not found: ${url.pathname}.`);
}

async function sendPage(res: ServerResponse, ctx: RouteContext): Promise<void> {
  const page = servePage({
    tokenizers: ctx.tokenizers,
    builtins: builtinTokenizerRows()
      .filter((t) => t.installed)
      .map((t) => ({ id: t.id, name: t.name })),
    languages: await ctx.playground.languages(),
    pivot: ctx.playground.pivot,
    text: DEFAULT_SERVE_TEXT,
    prices: ctx.prices,
    debounceMs: DEBOUNCE_MS,
    reports: ctx.options.reports !== undefined ? await listReports(ctx.options.reports) : null,
  });
  send(res, 200, "text/html; charset=utf-8", page, `${SERVE_PAGE_CSP}; frame-ancestors 'none'`);
}
