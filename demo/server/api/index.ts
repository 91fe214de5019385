/**
 * The reference central API (DESIGN.md, "Central chatbot API (handoff contract v1)"), mounted at `/api`:
 * opens the database under `DATA_DIR`, resolves the staff token and the responder, and returns the request
 * handler with its teardown.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiConfig, ApiState } from "./context.js";
import { openDatabase } from "./db.js";
import { RateLimiter } from "./rate-limit.js";
import { createResponder } from "./responder.js";
import { handleApi } from "./router.js";
import { resolveStaffToken } from "./staff-token.js";

export type { ApiConfig } from "./context.js";
export type { UpstreamConfig } from "./upstream.js";

export interface Api {
  /** Handles a request whose path starts with `/api`. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The staff token in force. */
  staffToken: string;
  /** True when no `STAFF_TOKEN` was configured and the token was generated (print it for the developer). */
  staffTokenGenerated: boolean;
  /** Closes the database. */
  close(): void;
}

/**
 * Starts the API.
 *
 * @param config - Resolved settings (see {@link ApiConfig}).
 * @param hooks - `now` (clock) and `log` (operational problems), for tests.
 * @returns The handler and its teardown.
 * @example
 * const api = createApi({ version: "0.1.0", dataDir: "data", allowedOrigins: [], rateLimitPerMinute: 120,
 *   trustProxy: false, filingPaths: ["/ho-so/da-nop"], filingTours: [] });
 * // … api.handle(req, res) for /api/* …
 * api.close();
 */
export function createApi(
  config: ApiConfig,
  hooks: { now?: () => number; log?: (line: string) => void } = {},
): Api {
  const db = openDatabase(config.dataDir);
  const now = hooks.now ?? Date.now;
  const { token, generated } = resolveStaffToken(db, config.staffToken);
  const state: ApiState = {
    config,
    db,
    responder: createResponder(config.upstream),
    staffToken: token,
    now,
    log: hooks.log ?? ((line) => console.error(line)),
  };
  const limiter = new RateLimiter(config.rateLimitPerMinute, now);
  return {
    handle: (req, res) => handleApi(req, res, state, limiter),
    staffToken: token,
    staffTokenGenerated: generated,
    close: () => db.close(),
  };
}
