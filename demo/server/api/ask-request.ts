/**
 * The body of `POST /v1/ask` (DESIGN.md, handoff contract v1), validated, plus the checks on the
 * `Idempotency-Key` header and the fingerprint that tells a replay from a reused key.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { ApiError } from "./http.js";
import { array, object, oneOf, optionalNumber, text } from "./validate.js";

export const ASK_LANGS = Object.freeze(["vi", "en"] as const);
export type AskLang = (typeof ASK_LANGS)[number];

/** The contract allows at most six turns of history. */
export const MAX_HISTORY_TURNS = 6;
/** Corpus candidates the widget passes along (its top few). */
export const MAX_CANDIDATES = 10;

export interface AskRequest {
  sessionId: string;
  question: string;
  lang: AskLang;
  page: { url: string; title: string };
  candidates: ReadonlyArray<{ id: string; title: string; score: number }>;
  history: ReadonlyArray<{ role: "user" | "assistant"; text: string }>;
}

/**
 * Validates an ask body. `candidates` and `history` may be left out (empty); `page.title` may be empty.
 *
 * @throws ApiError 400 naming the bad field.
 */
export function parseAsk(value: unknown): AskRequest {
  const body = object(value, "body");
  const page = object(body.page, "body.page");
  const candidates = body.candidates === undefined ? [] : array(body.candidates, "body.candidates", MAX_CANDIDATES);
  const history = body.history === undefined ? [] : array(body.history, "body.history", MAX_HISTORY_TURNS);
  return {
    sessionId: text(body, "sessionId", "body", { max: 128 }),
    question: text(body, "question", "body", { max: 2000 }),
    lang: oneOf(body, "lang", "body", ASK_LANGS),
    page: { url: text(page, "url", "body.page", { max: 2000 }), title: text(page, "title", "body.page", { min: 0, max: 300 }) },
    candidates: candidates.map((item, i) => {
      const where = `body.candidates[${i}]`;
      const c = object(item, where);
      const score = optionalNumber(c, "score", where);
      if (score === undefined) throw new ApiError(400, "invalid-request", `${where}.score: expected a number, got nothing`);
      return { id: text(c, "id", where, { max: 200 }), title: text(c, "title", where, { min: 0, max: 300 }), score };
    }),
    history: history.map((item, i) => {
      const where = `body.history[${i}]`;
      const turn = object(item, where);
      return { role: oneOf(turn, "role", where, ["user", "assistant"] as const), text: text(turn, "text", where, { max: 4000 }) };
    }),
  };
}

/**
 * Reads `Idempotency-Key`: required, 1–200 visible ASCII characters (a UUID from the widget).
 *
 * @throws ApiError 400 when missing or malformed.
 */
export function idempotencyKey(req: IncomingMessage): string {
  const raw = req.headers["idempotency-key"];
  if (raw === undefined) {
    throw new ApiError(400, "missing-idempotency-key", "Idempotency-Key header: required (a UUID, the same on every retry)");
  }
  const key = (Array.isArray(raw) ? raw[0]! : raw).trim();
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new ApiError(400, "invalid-idempotency-key", "Idempotency-Key header: expected 1–200 visible ASCII characters");
  }
  return key;
}

/** A digest of the validated request: the same key with another body is a client bug, not a retry. */
export function fingerprint(request: AskRequest): string {
  return createHash("sha256").update(JSON.stringify(request)).digest("base64url");
}
