/**
 * The staff bearer token of `/v1/stats`: `STAFF_TOKEN` when set, otherwise a random token generated once per
 * data folder and kept in its database, so a development server keeps the same token across restarts.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { getMeta, setMeta, type Db } from "./db.js";
import { ApiError } from "./http.js";

const META_KEY = "staff-token";

/**
 * @param db - The database (holds a generated token).
 * @param configured - `STAFF_TOKEN`, if set.
 * @returns The token in force and whether it was generated (then `main.ts` prints it once).
 */
export function resolveStaffToken(db: Db, configured: string | undefined): { token: string; generated: boolean } {
  if (configured !== undefined && configured !== "") return { token: configured, generated: false };
  let token = getMeta(db, META_KEY);
  if (token === undefined) {
    token = randomBytes(24).toString("base64url");
    setMeta(db, META_KEY, token);
  }
  return { token, generated: true };
}

/**
 * Checks `Authorization: Bearer <token>` in constant time.
 *
 * @throws ApiError 401 (with `WWW-Authenticate`) when missing or wrong.
 */
export function requireStaff(req: IncomingMessage, token: string): void {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const given = Buffer.from(match?.[1] ?? "", "utf8");
  const expected = Buffer.from(token, "utf8");
  if (match === null || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError(
      401,
      "unauthorized",
      match === null ? "Authorization header: expected Bearer <staff token>" : "Authorization header: wrong staff token",
      { "WWW-Authenticate": 'Bearer realm="dvc-staff"' },
    );
  }
}
