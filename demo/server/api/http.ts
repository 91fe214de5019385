/**
 * Response helpers of the reference API: JSON bodies and the contract's error shape
 * (`{"error": {"code", "message"}}`), plus {@link ApiError} for handlers that refuse a request.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendBody } from "../files.js";

/**
 * A refusal with its HTTP status, thrown by validators and handlers and turned into the error shape by the
 * router. `headers` carries e.g. `Retry-After` for 409 and 429.
 */
export class ApiError extends Error {
  override name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** Sends a JSON body with `no-store` caching (answers and statistics must never be cached by a proxy). */
export function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  sendBody(req, res, status, "application/json; charset=utf-8", JSON.stringify(value), {
    "Cache-Control": "no-store",
    ...headers,
  });
}

/** Sends the contract's error shape. */
export function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(req, res, status, { error: { code, message } }, headers);
}

/** Sends an {@link ApiError}. */
export function sendApiError(req: IncomingMessage, res: ServerResponse, error: ApiError): void {
  sendError(req, res, error.status, error.code, error.message, { ...error.headers });
}
