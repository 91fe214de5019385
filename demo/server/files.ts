/**
 * Static-file helpers for the demo server: MIME types, cache policy, path resolution that cannot leave its
 * root, and a sender with ETag/304, HEAD and gzip.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Stats } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip, gzipSync } from "node:zlib";

/** Content types by extension. Anything else is sent as `application/octet-stream`. */
export const MIME_TYPES: Readonly<Record<string, string>> = Object.freeze({
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".onnx": "application/octet-stream",
  ".bin": "application/octet-stream",
});

/**
 * @param filePath - A file name or path.
 * @returns The `Content-Type` to send for it.
 * @example
 * mimeType("ort-wasm-simd-threaded.wasm"); // "application/wasm"
 */
export function mimeType(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? "application/octet-stream";
}

/** Types worth compressing (text, JSON, SVG, and WebAssembly, which shrinks by about two thirds). */
export function isCompressible(contentType: string): boolean {
  return /^(text\/|application\/(json|javascript|manifest\+json|wasm)|image\/svg\+xml)/.test(contentType);
}

/**
 * Whether a build output name carries a content hash (`chunk-BQ3pXk2a.js`, `search.5fa1c0de.wasm`).
 * The 8-character hash must contain a digit or a capital, so plain words (`-language.js`) stay "fixed";
 * mistaking a hashed name for a fixed one only costs a revalidation, the reverse would pin a stale file.
 */
export function isHashedName(fileName: string): boolean {
  const match = /[.-]([A-Za-z0-9_-]{8,})\.[A-Za-z0-9]+$/.exec(path.basename(fileName));
  return match !== null && /[0-9A-Z]/.test(match[1]!);
}

/** `Cache-Control` for a widget file: hashed names are immutable, fixed names are revalidated every time. */
export function widgetCacheControl(fileName: string): string {
  return isHashedName(fileName) ? "public, max-age=31536000, immutable" : "no-cache";
}

/**
 * Maps a URL path below a mount point to a file inside `root`, or `undefined` when the path is unsafe:
 * `..` segments, backslashes, NUL bytes, dot-files and (unless allowed) `_`-prefixed private files such as
 * the site's partials.
 *
 * @param root - Absolute folder the result must stay inside.
 * @param urlPath - The decoded path after the mount point, e.g. `assets/portal.css`.
 * @param options - `allowUnderscore` for build output, where bundlers may emit `_virtual-…` chunks.
 * @returns An absolute path inside `root`, or `undefined`.
 * @example
 * resolveInside("/srv/site", "assets/portal.css"); // "/srv/site/assets/portal.css"
 * resolveInside("/srv/site", "../package.json");   // undefined
 */
export function resolveInside(
  root: string,
  urlPath: string,
  options: { allowUnderscore?: boolean } = {},
): string | undefined {
  if (urlPath.includes("\0") || urlPath.includes("\\")) return undefined;
  const segments = urlPath.split("/").filter((s) => s !== "");
  for (const segment of segments) {
    if (segment.startsWith(".")) return undefined; // also rejects "." and ".."
    if (segment.startsWith("_") && options.allowUnderscore !== true) return undefined;
  }
  const resolved = path.resolve(root, ...segments);
  const rootWithSep = root.endsWith(path.sep) ? root : root + path.sep;
  return resolved === root || resolved.startsWith(rootWithSep) ? resolved : undefined;
}

/** `stat` that returns `undefined` instead of throwing when the entry is missing or not a regular file. */
export async function statFile(filePath: string): Promise<Stats | undefined> {
  try {
    const s = await stat(filePath);
    return s.isFile() ? s : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The request target as a URL. `new URL("//evil.com/", base)` would read a path that starts with two
 * slashes as a host name, so the path is appended to a fixed origin instead.
 */
export function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? "/";
  return /^https?:\/\//i.test(target) ? new URL(target) : new URL(`http://localhost${target.startsWith("/") ? "" : "/"}${target}`);
}

/** Whether the request accepts gzip (`Accept-Encoding: gzip` without `q=0`). */
export function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers["accept-encoding"];
  if (typeof header !== "string") return false;
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

const COMPRESS_MIN_BYTES = 1024;

export interface SendFileOptions {
  headers?: Record<string, string>;
  cacheControl: string;
}

/**
 * Sends a file with `ETag`/`Last-Modified`, answers `304` to a matching `If-None-Match`, omits the body for
 * HEAD, and gzips compressible types when the client accepts it.
 */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  filePath: string,
  stats: Stats,
  options: SendFileOptions,
): Promise<void> {
  const type = mimeType(filePath);
  const etag = `W/"${stats.size.toString(16)}-${Math.trunc(stats.mtimeMs).toString(16)}"`;
  const gzip = isCompressible(type) && stats.size >= COMPRESS_MIN_BYTES && acceptsGzip(req);
  res.setHeader("Content-Type", type);
  res.setHeader("Cache-Control", options.cacheControl);
  res.setHeader("ETag", etag);
  res.setHeader("Last-Modified", stats.mtime.toUTCString());
  if (isCompressible(type)) res.setHeader("Vary", "Accept-Encoding");
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);

  if (req.headers["if-none-match"] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  else res.setHeader("Content-Length", stats.size);
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const source = createReadStream(filePath);
  try {
    if (gzip) await pipeline(source, createGzip(), res);
    else await pipeline(source, res);
  } catch (error) {
    // The client went away mid-transfer (ERR_STREAM_PREMATURE_CLOSE) — nothing left to answer.
    if ((error as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE") throw error;
  }
}

/**
 * Sends an in-memory body (rendered HTML, JSON, short texts), gzipped when worthwhile, with no body for HEAD.
 */
export function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  let payload = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.statusCode = status;
  res.setHeader("Content-Type", contentType);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (isCompressible(contentType)) {
    appendVary(res, "Accept-Encoding");
    if (payload.length >= COMPRESS_MIN_BYTES && acceptsGzip(req)) {
      payload = gzipSync(payload);
      res.setHeader("Content-Encoding", "gzip");
    }
  }
  res.setHeader("Content-Length", payload.length);
  res.end(req.method === "HEAD" ? undefined : payload);
}

/** Adds a field to `Vary` without dropping what is already there (the API's CORS sets `Vary: Origin`). */
export function appendVary(res: ServerResponse, field: string): void {
  const current = res.getHeader("Vary");
  const fields = (typeof current === "string" ? current.split(",") : [])
    .map((f) => f.trim())
    .filter((f) => f !== "");
  if (!fields.some((f) => f.toLowerCase() === field.toLowerCase())) fields.push(field);
  res.setHeader("Vary", fields.join(", "));
}
