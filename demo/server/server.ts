/**
 * The demo server: the mock portal (`demo/site/`), the built widget (`dist/` at `/widget/`), and the
 * reference API at `/api/`. Optionally a second listener plays the agencies' central CDN: it serves only
 * the widget files, with CORS, from another origin.
 *
 * Routes of the main listener
 * - `/api/*`              → `api/` (the reference central API: JSON and SSE, SQLite under `dataDir`)
 * - `/widget/*`           → `dist/*` (fixed names `no-cache`, hashed names immutable)
 * - `/assets/*`           → `demo/site/assets/*`
 * - `/favicon.ico`, `/robots.txt`
 * - `/x/y`                → `demo/site/x/y.html` or `demo/site/x/y/index.html` (HTML under the strict CSP)
 * - `/x/y/`, `/x/y.html`  → 308 to `/x/y`
 * - anything else         → the Vietnamese 404 page
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApi, type Api, type UpstreamConfig } from "./api/index.js";
import { buildCsp } from "./csp.js";
import { requestUrl, resolveInside, sendBody, sendFile, statFile, widgetCacheControl } from "./files.js";
import { findPage, renderPage } from "./pages.js";

export interface ServerOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port of the portal; `0` picks a free one. Default `8080`. */
  port?: number;
  /** Port of the assets ("CDN") listener; `0` picks a free one; omitted = no assets listener. */
  assetsPort?: number;
  /** Where the reference API keeps its SQLite database; created on first start. Default `<repo>/data`. */
  dataDir?: string;
  /** Origins (besides the server's own) allowed to call the API from a browser. Default none. */
  allowedOrigins?: readonly string[];
  /** API requests per minute per client IP; `0` turns the limit off. Default {@link DEFAULT_RATE_LIMIT}. */
  rateLimitPerMinute?: number;
  /** Rate-limit by the first `X-Forwarded-For` address (behind your own proxy only). Default false. */
  trustProxy?: boolean;
  /** Bearer token of `/api/v1/stats` and the staff page; default: generated once per data folder. */
  staffToken?: string;
  /** OpenAI-compatible central chatbot; default none (the honest fallback reply). */
  upstream?: UpstreamConfig;
  /** Paths where a completed tour means a submitted dossier. Default {@link DEFAULT_FILING_PATHS}. */
  filingPaths?: readonly string[];
  /** Tour ids whose completion means a submitted dossier. Default none. */
  filingTours?: readonly string[];
  /** Clock of the API (epoch ms), for tests. */
  now?: () => number;
  /** Where the API reports operational problems. Default stderr. */
  log?: (line: string) => void;
  /** Repository root. Default: two folders above this file. */
  rootDir?: string;
  /** Built widget. Default `<repo>/dist`. */
  distDir?: string;
  /** Demo pages. Default `<repo>/demo/site`. */
  siteDir?: string;
}

export interface RunningServer {
  /** Base URL of the portal, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** Base URL of the assets listener, when one was started. */
  assetsUrl?: string;
  /** Resolved data folder of the API. */
  dataDir: string;
  /** The staff token of `/api/v1/stats` and `/staff`. */
  staffToken: string;
  /** True when the staff token was generated (no `staffToken` option): print it for the developer. */
  staffTokenGenerated: boolean;
  /** Stops both listeners, dropping idle keep-alive connections, then closes the database. */
  close(): Promise<void>;
}

const DEFAULT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** API requests per minute per client IP: a citizen's widget sends a few; an office behind one NAT, more. */
export const DEFAULT_RATE_LIMIT = 120;
/** The demo portal's "dossier submitted" page: a tour completed there guided a filing. */
export const DEFAULT_FILING_PATHS: readonly string[] = Object.freeze(["/ho-so/da-nop"]);

/** Headers sent with every response of both listeners. */
const COMMON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "X-Content-Type-Options": "nosniff",
  // A showroom, not a real portal: keep it out of search engines.
  "X-Robots-Tag": "noindex, nofollow",
});

/** Headers for every HTML page, besides the CSP. */
const HTML_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Cache-Control": "no-cache",
});

const PLAIN = "text/plain; charset=utf-8";
const HTML = "text/html; charset=utf-8";

/**
 * Starts the demo server.
 *
 * @param options - Host, ports and folders; every field has a default.
 * @returns The URLs and a `close()`.
 * @example
 * const server = await startServer({ port: 0, assetsPort: 0 });
 * await fetch(`${server.url}/api/v1/health`);
 * await server.close();
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const rootDir = path.resolve(options.rootDir ?? DEFAULT_ROOT);
  const distDir = path.resolve(options.distDir ?? path.join(rootDir, "dist"));
  const siteDir = path.resolve(options.siteDir ?? path.join(rootDir, "demo", "site"));
  const dataDir = path.resolve(options.dataDir ?? path.join(rootDir, "data"));
  const pkg = JSON.parse(readFileSync(path.join(rootDir, "package.json"), "utf8")) as { version?: string };
  const version = pkg.version ?? "0.0.0";

  const api = createApi(
    {
      version,
      dataDir,
      allowedOrigins: options.allowedOrigins ?? [],
      rateLimitPerMinute: options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT,
      trustProxy: options.trustProxy ?? false,
      ...(options.staffToken === undefined ? {} : { staffToken: options.staffToken }),
      ...(options.upstream === undefined ? {} : { upstream: options.upstream }),
      filingPaths: options.filingPaths ?? DEFAULT_FILING_PATHS,
      filingTours: options.filingTours ?? [],
    },
    {
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.log === undefined ? {} : { log: options.log }),
    },
  );

  let assetsPort: number | undefined;
  const site: SiteContext = {
    siteDir,
    distDir,
    version,
    api,
    fallbackHost: displayHost(host),
    assetsPort: () => assetsPort,
  };

  const main = createServer((req, res) => guard(req, res, () => handleMain(req, res, site)));
  try {
    await listen(main, options.port ?? 8080, host);
  } catch (error) {
    api.close();
    throw error;
  }
  const url = `http://${formatHost(displayHost(host))}:${(main.address() as AddressInfo).port}`;

  let assets: Server | undefined;
  let assetsUrl: string | undefined;
  if (options.assetsPort !== undefined) {
    assets = createServer((req, res) => guard(req, res, () => handleAssets(req, res, distDir)));
    try {
      await listen(assets, options.assetsPort, host);
    } catch (error) {
      await closeServer(main);
      api.close();
      throw error;
    }
    assetsPort = (assets.address() as AddressInfo).port;
    assetsUrl = `http://${formatHost(displayHost(host))}:${assetsPort}`;
  }

  return {
    url,
    ...(assetsUrl === undefined ? {} : { assetsUrl }),
    dataDir,
    staffToken: api.staffToken,
    staffTokenGenerated: api.staffTokenGenerated,
    close: async () => {
      try {
        await Promise.all([closeServer(main), assets === undefined ? undefined : closeServer(assets)]);
      } finally {
        api.close();
      }
    },
  };
}

interface SiteContext {
  siteDir: string;
  distDir: string;
  version: string;
  api: Api;
  /** Host name to use for the assets origin when the request's `Host` header is unusable. */
  fallbackHost: string;
  /** Port of the assets listener, once it is listening. */
  assetsPort: () => number | undefined;
}

async function handleMain(req: IncomingMessage, res: ServerResponse, site: SiteContext): Promise<void> {
  setHeaders(res, COMMON_HEADERS);
  const url = requestUrl(req);
  const pathname = decodePath(url.pathname);
  if (pathname === undefined) {
    sendBody(req, res, 400, PLAIN, "Đường dẫn không hợp lệ.\n");
    return;
  }

  if (pathname === "/api" || pathname.startsWith("/api/")) {
    await site.api.handle(req, res);
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendBody(req, res, 405, PLAIN, "Phương thức không được hỗ trợ.\n", { Allow: "GET, HEAD" });
    return;
  }
  if (pathname.startsWith("/widget/")) {
    await serveWidgetFile(req, res, site.distDir, pathname.slice("/widget/".length), {});
    return;
  }
  if (pathname.startsWith("/assets/")) {
    await serveStatic(req, res, path.join(site.siteDir, "assets"), pathname.slice("/assets/".length));
    return;
  }
  if (pathname === "/favicon.ico") {
    await serveStatic(req, res, path.join(site.siteDir, "assets"), "favicon.svg");
    return;
  }
  if (pathname === "/robots.txt") {
    sendBody(req, res, 200, PLAIN, "User-agent: *\nDisallow: /\n", { "Cache-Control": "no-cache" });
    return;
  }

  const canonical = canonicalPath(url.pathname);
  if (canonical !== url.pathname) {
    res.statusCode = 308;
    res.setHeader("Location", canonical + url.search);
    res.end();
    return;
  }

  const assetsOrigin = currentAssetsOrigin(req, site);
  if (pathname === "/kiem-thu/cdn" && assetsOrigin === undefined) {
    await sendPage(req, res, site, path.join(site.siteDir, "_errors", "cdn-chua-cau-hinh.html"), pathname, 503);
    return;
  }
  const file = await findPage(site.siteDir, pathname);
  if (file === undefined) {
    await sendPage(req, res, site, path.join(site.siteDir, "_errors", "404.html"), pathname, 404);
    return;
  }
  await sendPage(req, res, site, file, pathname, 200, pathname === "/kiem-thu/cdn" ? assetsOrigin : undefined);
}

/** The assets ("CDN") listener: only the widget files, readable from any origin. */
async function handleAssets(req: IncomingMessage, res: ServerResponse, distDir: string): Promise<void> {
  setHeaders(res, COMMON_HEADERS);
  const cors = {
    "Access-Control-Allow-Origin": "*",
    // Resource Timing reports sizes and phases of cross-origin files only with this header (perf tests).
    "Timing-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
  };
  setHeaders(res, cors);
  if (req.method === "OPTIONS") {
    res.statusCode = 204;
    res.setHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
    const requested = req.headers["access-control-request-headers"];
    if (typeof requested === "string") res.setHeader("Access-Control-Allow-Headers", requested);
    res.setHeader("Access-Control-Max-Age", "86400");
    res.end();
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendBody(req, res, 405, PLAIN, "Method not allowed.\n", { Allow: "GET, HEAD, OPTIONS" });
    return;
  }
  const pathname = decodePath(requestUrl(req).pathname);
  if (pathname === "/") {
    sendBody(req, res, 200, PLAIN, "dvc-assistant: máy chủ tài nguyên minh hoạ (CDN). Các tệp ở /widget/.\n");
    return;
  }
  if (pathname === undefined || !pathname.startsWith("/widget/")) {
    sendBody(req, res, 404, PLAIN, "Not found.\n");
    return;
  }
  await serveWidgetFile(req, res, distDir, pathname.slice("/widget/".length), {});
}

async function serveWidgetFile(
  req: IncomingMessage,
  res: ServerResponse,
  distDir: string,
  relative: string,
  headers: Record<string, string>,
): Promise<void> {
  const file = resolveInside(distDir, relative, { allowUnderscore: true });
  const stats = file === undefined ? undefined : await statFile(file);
  if (file === undefined || stats === undefined) {
    sendBody(req, res, 404, PLAIN, "Không tìm thấy tệp (widget chưa được build? Chạy `npm run build`).\n", {
      "Cache-Control": "no-store",
    });
    return;
  }
  await sendFile(req, res, file, stats, { cacheControl: widgetCacheControl(file), headers });
}

async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, relative: string): Promise<void> {
  const file = resolveInside(root, relative);
  const stats = file === undefined ? undefined : await statFile(file);
  if (file === undefined || stats === undefined) {
    sendBody(req, res, 404, PLAIN, "Không tìm thấy tệp.\n", { "Cache-Control": "no-store" });
    return;
  }
  await sendFile(req, res, file, stats, { cacheControl: "no-cache" });
}

async function sendPage(
  req: IncomingMessage,
  res: ServerResponse,
  site: SiteContext,
  file: string,
  urlPath: string,
  status: number,
  assetsOrigin?: string,
): Promise<void> {
  const html = await renderPage(site.siteDir, file, {
    urlPath,
    ...(assetsOrigin === undefined ? {} : { assetsOrigin }),
  });
  sendBody(req, res, status, HTML, html, {
    ...HTML_HEADERS,
    "Content-Security-Policy": buildCsp(assetsOrigin === undefined ? {} : { assetsOrigin }),
  });
}

/**
 * The origin of the assets listener as the browser should see it: the same host name the page was
 * requested with (so `localhost` stays `localhost`) and the assets port. Host names are checked so a forged
 * `Host` header cannot inject text into the page or the CSP.
 */
function currentAssetsOrigin(req: IncomingMessage, site: SiteContext): string | undefined {
  const port = site.assetsPort();
  if (port === undefined) return undefined;
  let hostname = site.fallbackHost;
  const header = req.headers.host;
  if (typeof header === "string") {
    try {
      const parsed = new URL(`http://${header}`).hostname;
      if (/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/i.test(parsed)) hostname = parsed;
    } catch {
      // Keep the configured host.
    }
  }
  return `http://${formatHost(hostname)}:${port}`;
}

/** `/a/b/` → `/a/b`, `/a/b.html` → `/a/b`, `/a/index.html` → `/a`, `//x` → `/x` (never an off-site URL). */
export function canonicalPath(rawPath: string): string {
  let p = `/${rawPath.replace(/^\/+/, "")}`.replace(/\/{2,}/g, "/");
  if (p.endsWith(".html")) p = p.slice(0, -".html".length);
  if (p === "/index" || p.endsWith("/index")) p = p.slice(0, -"index".length);
  if (p.length > 1) p = p.replace(/\/+$/, "");
  return p === "" ? "/" : p;
}

function decodePath(rawPath: string): string | undefined {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
}

function setHeaders(res: ServerResponse, headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}

/** Runs a handler; an unexpected failure becomes a 500 (or a dropped connection if headers are out). */
function guard(req: IncomingMessage, res: ServerResponse, handler: () => Promise<void>): void {
  handler().catch((error: unknown) => {
    console.error(`dvc/demo-server: ${req.method ?? "?"} ${req.url ?? "?"} failed:`, error);
    if (res.headersSent) {
      res.destroy();
    } else {
      sendBody(req, res, 500, PLAIN, "Lỗi máy chủ minh hoạ.\n", { "Cache-Control": "no-store" });
    }
  });
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeIdleConnections();
    // A download still streaming (a model file, say) must not hold shutdown for long.
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  });
}

/** A wildcard listen address is not something a browser can open; show the loopback address instead. */
function displayHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "::1";
  return host;
}

function formatHost(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
