/**
 * The reference central API, mounted at `/api`. For now only `GET /api/v1/health` answers; every other
 * route is a 501 in the contract's error shape, so widget code written against the contract fails loudly
 * and clearly until the full implementation (DESIGN.md, "Central chatbot API") lands here.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestUrl, sendBody } from "./files.js";

export interface ApiContext {
  /** `version` from package.json, reported by the health check. */
  version: string;
}

/** A route handler gets the request, the response, the captured path parameters and the context. */
export type ApiHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: Readonly<Record<string, string>>,
  context: ApiContext,
) => void | Promise<void>;

export interface ApiRoute {
  method: "GET" | "POST";
  /** Path below `/api`, with `:name` parameters, e.g. `/v1/dossiers/:code`. */
  pattern: string;
  handler: ApiHandler;
}

/** The routes, in match order. HEAD is answered by every GET route. */
export const ROUTES: readonly ApiRoute[] = Object.freeze([
  {
    method: "GET",
    pattern: "/v1/health",
    handler: (req, res, _params, context) => sendJson(req, res, 200, { status: "ok", version: context.version }),
  },
]);

/**
 * Handles a request whose path starts with `/api/`.
 *
 * @param req - The request (its URL still includes `/api`).
 * @param res - The response.
 * @param context - Values the handlers need.
 */
export async function handleApi(req: IncomingMessage, res: ServerResponse, context: ApiContext): Promise<void> {
  const pathname = requestUrl(req).pathname.replace(/^\/api(?=\/|$)/, "");
  const method = req.method === "HEAD" ? "GET" : req.method;
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const params = matchPattern(route.pattern, pathname);
    if (params !== undefined) {
      await route.handler(req, res, params, context);
      return;
    }
  }
  sendError(req, res, 501, "not-implemented", `Chức năng ${req.method ?? ""} /api${pathname} chưa được triển khai trên máy chủ minh hoạ.`);
}

/**
 * Matches `/v1/dossiers/:code` against `/v1/dossiers/H01.99-260101-0001`.
 *
 * @returns The decoded parameters, or `undefined` when the path does not match.
 */
export function matchPattern(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = pathname.replace(/\/+$/, "").split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(":")) {
      if (g === "") return undefined;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) {
      return undefined;
    }
  }
  return params;
}

/** Sends a JSON body with `no-store` caching. */
export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, value: unknown): void {
  sendBody(req, res, status, "application/json; charset=utf-8", JSON.stringify(value), {
    "Cache-Control": "no-store",
  });
}

/** Sends the contract's error shape: `{"error": {"code", "message"}}`. */
export function sendError(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(req, res, status, { error: { code, message } });
}
