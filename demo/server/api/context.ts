/**
 * What the API handlers share: the resolved configuration and the running state (database, responder,
 * clock, log). Built once by `createApi()`.
 */
import type { Db } from "./db.js";
import type { Responder } from "./responder.js";
import type { UpstreamConfig } from "./upstream.js";

export interface ApiConfig {
  /** `version` from package.json, reported by the health check. */
  version: string;
  /** Where the database lives; created and migrated on start. */
  dataDir: string;
  /**
   * Origins allowed to call the API from a browser, besides the server's own (a request whose `Origin`
   * matches its `Host` is always same-origin). Serialised origins, e.g. `https://dvc.example.gov.vn`.
   */
  allowedOrigins: readonly string[];
  /** Requests per minute per client IP (token bucket, bursts up to the same number); `0` turns it off. */
  rateLimitPerMinute: number;
  /** Take the client IP from the first `X-Forwarded-For` entry (only behind a proxy you control). */
  trustProxy: boolean;
  /** Bearer token of `/v1/stats`; when undefined one is generated and kept in the database. */
  staffToken?: string;
  /** The central chatbot; undefined = the honest fallback reply. */
  upstream?: UpstreamConfig;
  /**
   * How the server knows a completed tour ended in a submitted dossier (`filingsGuided`): a `tour-complete`
   * event counts when its `path` is one of `filingPaths` (the "dossier submitted" page) or its `tourId` is
   * one of `filingTours`.
   */
  filingPaths: readonly string[];
  filingTours: readonly string[];
}

export interface ApiState {
  config: ApiConfig;
  db: Db;
  responder: Responder;
  /** The staff token in force (configured or generated). */
  staffToken: string;
  /** Epoch milliseconds; tests may fix it. */
  now: () => number;
  /** Where operational problems are reported (stderr by default). */
  log: (line: string) => void;
}
