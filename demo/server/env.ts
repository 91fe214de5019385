/**
 * Reads the server's settings from environment variables. Pure: takes the environment, returns options or
 * throws a message that names the variable, so `main.ts` can print it and exit.
 */
import path from "node:path";
import { normaliseOrigin } from "./csp.js";
import type { ServerOptions } from "./server.js";

/** A setting that cannot be used. */
export class EnvError extends Error {
  override name = "EnvError";
}

/** Default model name sent to an OpenAI-compatible upstream when `UPSTREAM_MODEL` is unset. */
export const DEFAULT_UPSTREAM_MODEL = "default";
/** Default upstream timeout. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;

/**
 * @param env - Usually `process.env`.
 * @returns Options for `startServer()`.
 * @throws EnvError naming the variable and what it expected.
 * @example
 * optionsFromEnv({ PORT: "0", RATE_LIMIT: "0", ALLOWED_ORIGINS: "https://a.gov.vn, https://b.gov.vn" });
 */
export function optionsFromEnv(env: Readonly<Record<string, string | undefined>>): ServerOptions {
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === "" ? undefined : raw;
  };
  const port = (name: string): number | undefined => {
    const raw = value(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new EnvError(`${name} must be a port number (0–65535), got ${JSON.stringify(raw)}`);
    return n;
  };
  const list = (name: string): string[] | undefined =>
    value(name)
      ?.split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");

  const options: ServerOptions = {
    host: value("HOST") ?? "127.0.0.1",
    port: port("PORT") ?? 8080,
    dataDir: path.resolve(value("DATA_DIR") ?? "data"),
  };
  const assetsPort = port("ASSETS_PORT");
  if (assetsPort !== undefined) options.assetsPort = assetsPort;

  const origins = list("ALLOWED_ORIGINS");
  if (origins !== undefined) {
    options.allowedOrigins = origins.map((origin) => {
      try {
        return normaliseOrigin(origin);
      } catch {
        throw new EnvError(`ALLOWED_ORIGINS: ${JSON.stringify(origin)} is not an http(s) origin such as https://dvc.example.gov.vn`);
      }
    });
  }

  const rateLimit = value("RATE_LIMIT");
  if (rateLimit !== undefined) {
    const n = Number(rateLimit);
    if (!Number.isInteger(n) || n < 0) throw new EnvError(`RATE_LIMIT must be requests per minute per IP (an integer ≥ 0; 0 = off), got ${JSON.stringify(rateLimit)}`);
    options.rateLimitPerMinute = n;
  }

  const trustProxy = value("TRUST_PROXY");
  if (trustProxy !== undefined) {
    if (!["0", "1", "true", "false"].includes(trustProxy)) throw new EnvError(`TRUST_PROXY must be 1 or 0, got ${JSON.stringify(trustProxy)}`);
    options.trustProxy = trustProxy === "1" || trustProxy === "true";
  }

  const staffToken = value("STAFF_TOKEN");
  if (staffToken !== undefined) {
    if (!/^[\x21-\x7e]{16,}$/.test(staffToken)) throw new EnvError("STAFF_TOKEN must be at least 16 visible ASCII characters, without spaces");
    options.staffToken = staffToken;
  }

  const upstreamUrl = value("UPSTREAM_URL");
  if (upstreamUrl !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(upstreamUrl);
    } catch {
      throw new EnvError(`UPSTREAM_URL must be an absolute http(s) URL, got ${JSON.stringify(upstreamUrl)}`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new EnvError(`UPSTREAM_URL must use http or https, got ${parsed.protocol}`);
    const timeout = value("UPSTREAM_TIMEOUT_MS");
    const timeoutMs = timeout === undefined ? DEFAULT_UPSTREAM_TIMEOUT_MS : Number(timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new EnvError(`UPSTREAM_TIMEOUT_MS must be a positive integer, got ${JSON.stringify(timeout)}`);
    const apiKey = value("UPSTREAM_API_KEY");
    options.upstream = {
      url: upstreamUrl,
      model: value("UPSTREAM_MODEL") ?? DEFAULT_UPSTREAM_MODEL,
      timeoutMs,
      ...(apiKey === undefined ? {} : { apiKey }),
    };
  }

  const filingPaths = list("FILING_PATHS");
  if (filingPaths !== undefined) {
    for (const p of filingPaths) if (!p.startsWith("/")) throw new EnvError(`FILING_PATHS: ${JSON.stringify(p)} must be a path starting with /`);
    options.filingPaths = filingPaths;
  }
  const filingTours = list("FILING_TOURS");
  if (filingTours !== undefined) options.filingTours = filingTours;
  return options;
}
