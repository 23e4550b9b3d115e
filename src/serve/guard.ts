// What `toklens serve` refuses before it does any work: foreign Host and Origin headers (DNS rebinding, other sites'
// pages), bodies over the cap, and paths outside the folders given on the command line.
import { realpath, stat } from "node:fs/promises";
import { isIP } from "node:net";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { IncomingMessage } from "node:http";

/** The largest request body read, in bytes: a 2,000-character text is ~8 KB of JSON, a long one 100 times that. */
export const MAX_BODY_BYTES = 1_000_000;

/** A refusal: the HTTP status and the message the response carries. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "Refusal";
  }
}

/** Whether `host` (a name or an address, no port) only reaches this machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  return h === "::1" || h === "0:0:0:0:0:0:0:1";
}

/** The host names a request may carry for a server bound to `bindHost` on `port` (`name:port`, lower case). */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const names = new Set(["127.0.0.1", "localhost", "[::1]"]);
  const bind = bindHost.includes(":") && !bindHost.startsWith("[") ? `[${bindHost}]` : bindHost;
  // a wildcard bind is reached by the machine's own names only: a remote name is exactly what rebinding forges
  if (bind !== "0.0.0.0" && bind !== "[::]") names.add(bind.toLowerCase());
  return new Set([...names].map((n) => `${n}:${port}`));
}

/**
 * Refuses a request whose Host header is not one of `allowed` (a page on another site whose DNS name was rebound to
 * 127.0.0.1 sends its own name), or whose Origin header, when present, is not `http://` one of them.
 */
export function checkHeaders(req: Pick<IncomingMessage, "headers">, allowed: ReadonlySet<string>): void {
  const host = (req.headers.host ?? "").toLowerCase();
  if (!allowed.has(host))
    throw new Refusal(
      403,
      `Refused: Host header '${host}' is not this server (expected one of ${[...allowed].join(", ")}). Open the URL toklens serve printed.`,
    );
  const origin = req.headers.origin;
  if (origin !== undefined && !allowed.has(origin.toLowerCase().replace(/^http:\/\//, "")))
    throw new Refusal(403, `Refused: Origin '${origin}' is not this server; only its own page may call it.`);
  if (origin !== undefined && !origin.toLowerCase().startsWith("http://"))
    throw new Refusal(403, `Refused: Origin '${origin}' is not this server; only its own page may call it.`);
}

/** The request body as text, refused (413) past `max` bytes without reading the rest, and (400) if not UTF-8. */
export async function readBody(req: IncomingMessage, max = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? "0");
  const tooLarge = () =>
    new Refusal(413, `Refused: the request body is over ${max.toLocaleString("en-US")} bytes. Send a shorter text.`);
  if (declared > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw tooLarge();
    chunks.push(chunk);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new Refusal(400, "Refused: the request body is not valid UTF-8.");
  }
}

/** The body parsed as a JSON object, or a 400 naming the problem. */
export function parseJsonObject(body: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw new Refusal(400, `Refused: the request body is not JSON (${(err as Error).message}).`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Refusal(400, "Refused: the request body must be a JSON object.");
  return value as Record<string, unknown>;
}

/**
 * The real path of `urlPath` (already URL-decoded, relative to `root`) when it is a file inside `root`: `..`,
 * absolute paths, NUL bytes and symbolic links that lead outside are refused (403), a missing file is a 404.
 */
export async function fileUnder(root: string, urlPath: string): Promise<string> {
  if (urlPath.includes("\0") || urlPath.split(/[\\/]/).includes("..") || isAbsolute(urlPath))
    throw new Refusal(403, `Refused: '${urlPath}' leaves the served folder.`);
  const realRoot = await realpath(root);
  let real: string;
  try {
    real = await realpath(join(realRoot, urlPath));
  } catch {
    throw new Refusal(404, `Not found: '${urlPath}'.`);
  }
  if (!isInside(realRoot, real)) throw new Refusal(403, `Refused: '${urlPath}' leaves the served folder.`);
  const info = await stat(real);
  if (info.isDirectory()) {
    const index = join(real, "index.html");
    try {
      if ((await stat(index)).isFile() && isInside(realRoot, await realpath(index))) return await realpath(index);
    } catch {
      // no index.html: a folder itself is not served
    }
    throw new Refusal(404, `Not found: '${urlPath}' is a folder without index.html.`);
  }
  return real;
}

/** Whether `path` is `root` or inside it (both absolute and real). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}
