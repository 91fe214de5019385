/**
 * The `/api` router: CORS allow-list first (preflights answered here), then the per-IP rate limit, then the
 * route table. Handlers throw {@link ApiError} to refuse; anything else becomes a 500 in the error shape.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestUrl } from "../files.js";
import { handleAsk } from "./ask.js";
import { readJson } from "./body.js";
import type { ApiState } from "./context.js";
import { answerPreflight, applyCors, corsDecision } from "./cors.js";
import { findDossier } from "./dossiers.js";
import { parseEvents, saveEvents } from "./events.js";
import { parseFeedback, saveFeedback } from "./feedback.js";
import { ApiError, sendApiError, sendError, sendJson } from "./http.js";
import type { RateLimiter } from "./rate-limit.js";
import { requireStaff } from "./staff-token.js";
import { computeStats, parseSince } from "./stats.js";

interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Readonly<Record<string, string>>;
  url: URL;
  api: ApiState;
}

interface Route {
  method: "GET" | "POST";
  /** Path below `/api`, with `:name` parameters, e.g. `/v1/dossiers/:code`. */
  pattern: string;
  /** Exempt from the rate limit (monitoring polls it). */
  unlimited?: boolean;
  handler: (context: RouteContext) => void | Promise<void>;
}

/** The routes. HEAD is answered by every GET route. */
export const ROUTES: readonly Route[] = Object.freeze([
  {
    method: "GET",
    pattern: "/v1/health",
    unlimited: true,
    handler: ({ req, res, api }) => sendJson(req, res, 200, { status: "ok", version: api.config.version }),
  },
  {
    method: "POST",
    pattern: "/v1/ask",
    handler: ({ req, res, api }) => handleAsk(req, res, api),
  },
  {
    method: "GET",
    pattern: "/v1/dossiers/:code",
    handler: ({ req, res, params, api }) => sendJson(req, res, 200, findDossier(api.db, params.code!)),
  },
  {
    method: "POST",
    pattern: "/v1/feedback",
    handler: async ({ req, res, api }) => {
      const feedback = parseFeedback(await readJson(req));
      sendJson(req, res, 201, { id: saveFeedback(api.db, feedback, api.now()) });
    },
  },
  {
    method: "POST",
    pattern: "/v1/events",
    handler: async ({ req, res, api }) => {
      // sendBeacon can only send text/plain (a CORS "simple" request), so that is accepted too.
      const events = parseEvents(await readJson(req, ["application/json", "text/plain"]), api.now());
      saveEvents(api.db, events, api.now());
      sendJson(req, res, 202, { accepted: events.length });
    },
  },
  {
    method: "GET",
    pattern: "/v1/stats",
    handler: ({ req, res, url, api }) => {
      requireStaff(req, api.staffToken);
      const since = parseSince(url.searchParams.get("since"));
      const stats = computeStats(api.db, {
        ...(since === undefined ? {} : { since }),
        filingPaths: api.config.filingPaths,
        filingTours: api.config.filingTours,
      });
      sendJson(req, res, 200, stats);
    },
  },
]);

/**
 * Handles a request whose path starts with `/api`.
 *
 * @param req - The request (its URL still includes `/api`).
 * @param res - The response.
 * @param api - Shared state.
 * @param limiter - The per-IP rate limiter.
 */
export async function handleApi(req: IncomingMessage, res: ServerResponse, api: ApiState, limiter: RateLimiter): Promise<void> {
  const url = requestUrl(req);
  const pathname = url.pathname.replace(/^\/api(?=\/|$)/, "");
  try {
    const cors = corsDecision(req, api.config.allowedOrigins);
    applyCors(res, cors);
    if (cors.kind === "refused") {
      throw new ApiError(403, "origin-not-allowed", `Origin ${cors.origin.slice(0, 100)}: not in the API's allow-list (ALLOWED_ORIGINS)`);
    }
    if (req.method === "OPTIONS") {
      answerPreflight(res);
      return;
    }

    const method = req.method === "HEAD" ? "GET" : req.method;
    const matches = ROUTES.map((route) => ({ route, params: matchPattern(route.pattern, pathname) })).filter(
      (m): m is { route: Route; params: Record<string, string> } => m.params !== undefined,
    );
    const match = matches.find((m) => m.route.method === method);
    if (match === undefined) {
      if (matches.length > 0) {
        const allow = [...new Set(matches.flatMap((m) => (m.route.method === "GET" ? ["GET", "HEAD"] : [m.route.method])))];
        throw new ApiError(405, "method-not-allowed", `${req.method ?? "?"} /api${pathname}: use ${allow.join(" or ")}`, {
          Allow: [...allow, "OPTIONS"].join(", "),
        });
      }
      throw new ApiError(404, "not-found", `/api${pathname}: no such endpoint (see DESIGN.md, handoff contract v1)`);
    }

    if (match.route.unlimited !== true) {
      const decision = limiter.take(clientAddress(req, api.config.trustProxy));
      if (!decision.allowed) {
        throw new ApiError(429, "rate-limited", `too many requests from this address; retry after ${decision.retryAfterSeconds} s`, {
          "Retry-After": String(decision.retryAfterSeconds),
        });
      }
    }
    await match.route.handler({ req, res, params: match.params, url, api });
  } catch (error) {
    if (res.headersSent) {
      api.log(`dvc/demo-api: ${req.method ?? "?"} ${url.pathname} failed after the response started: ${String(error)}`);
      res.destroy();
    } else if (error instanceof ApiError) {
      sendApiError(req, res, error);
    } else {
      api.log(`dvc/demo-api: ${req.method ?? "?"} ${url.pathname} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendError(req, res, 500, "internal-error", "the server could not handle this request");
    }
  }
}

/** The address a rate limit applies to. */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? "unknown";
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
