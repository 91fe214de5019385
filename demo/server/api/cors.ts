/**
 * CORS allow-list of the API. Browsers send `Origin` on cross-origin requests (and on same-origin POSTs):
 * a request is same-origin when its `Origin` names the `Host` it was sent to; other origins must be in
 * `ALLOWED_ORIGINS`. Refused origins get a 403 in the contract's error shape, so a page elsewhere cannot
 * even write telemetry with a "simple" `text/plain` POST.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { appendVary } from "../files.js";

/** Request headers a browser may send cross-origin (the contract's, plus the staff bearer token). */
export const ALLOWED_REQUEST_HEADERS = "Content-Type, Idempotency-Key, Authorization";
/** Response headers a cross-origin script may read. */
export const EXPOSED_HEADERS = "Retry-After, Idempotent-Replayed";

export type CorsDecision =
  | { kind: "no-origin" }
  | { kind: "same-origin" }
  | { kind: "allowed"; origin: string }
  | { kind: "refused"; origin: string };

/**
 * Classifies a request by its `Origin`.
 *
 * @param req - The request.
 * @param allowedOrigins - Serialised origins of the allow-list.
 */
export function corsDecision(req: IncomingMessage, allowedOrigins: readonly string[]): CorsDecision {
  const origin = req.headers.origin;
  if (origin === undefined) return { kind: "no-origin" };
  if (allowedOrigins.includes(origin)) return { kind: "allowed", origin };
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined; // "null" (sandboxed frames, file:) and garbage are refused below
  }
  if (host !== undefined && host === req.headers.host?.toLowerCase()) return { kind: "same-origin" };
  return { kind: "refused", origin };
}

/** Adds the CORS response headers for an allowed cross-origin request (and `Vary: Origin` always). */
export function applyCors(res: ServerResponse, decision: CorsDecision): void {
  appendVary(res, "Origin");
  if (decision.kind !== "allowed") return;
  res.setHeader("Access-Control-Allow-Origin", decision.origin);
  res.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
}

/** Answers a preflight (`OPTIONS` with `Access-Control-Request-Method`) of an allowed origin. */
export function answerPreflight(res: ServerResponse): void {
  res.statusCode = 204;
  res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  res.setHeader("Access-Control-Allow-Headers", ALLOWED_REQUEST_HEADERS);
  res.setHeader("Access-Control-Max-Age", "600");
  res.end();
}
