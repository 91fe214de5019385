/**
 * `POST /v1/feedback`: thumbs up/down on an answer, a satisfaction rating (`csat`, 1–5) or a "missing
 * content" report, each with an optional (already redacted) comment.
 */
import type { Db } from "./db.js";
import { ApiError } from "./http.js";
import { scrub } from "./privacy.js";
import { object, oneOf, optionalInteger, optionalText, text } from "./validate.js";

export const FEEDBACK_KINDS = Object.freeze(["up", "down", "csat", "missing"] as const);
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export interface Feedback {
  sessionId: string;
  /** A corpus entry id, a handoffId or a tour id. */
  targetId: string;
  kind: FeedbackKind;
  rating?: number;
  comment?: string;
}

/**
 * Validates a feedback body.
 *
 * @throws ApiError 400 naming the bad field; `rating` is required for `csat` and refused for other kinds.
 */
export function parseFeedback(value: unknown): Feedback {
  const body = object(value, "body");
  const kind = oneOf(body, "kind", "body", FEEDBACK_KINDS);
  const rating = optionalInteger(body, "rating", "body", 1, 5);
  if (kind === "csat" && rating === undefined) {
    throw new ApiError(400, "invalid-request", 'body.rating: required (an integer from 1 to 5) when kind is "csat"');
  }
  if (kind !== "csat" && rating !== undefined) {
    throw new ApiError(400, "invalid-request", `body.rating: only allowed when kind is "csat", got kind ${JSON.stringify(kind)}`);
  }
  const comment = optionalText(body, "comment", "body", { min: 0, max: 2000 });
  return {
    sessionId: text(body, "sessionId", "body", { max: 128 }),
    targetId: text(body, "targetId", "body", { max: 200 }),
    kind,
    ...(rating === undefined ? {} : { rating }),
    ...(comment === undefined || comment === "" ? {} : { comment: scrub(comment) }),
  };
}

/**
 * Stores one feedback row.
 *
 * @returns The new row id.
 */
export function saveFeedback(db: Db, feedback: Feedback, now: number): number {
  const result = db
    .prepare(
      "INSERT INTO feedback (session_id, target_id, kind, rating, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .run(feedback.sessionId, feedback.targetId, feedback.kind, feedback.rating ?? null, feedback.comment ?? null, now);
  return Number(result.lastInsertRowid);
}
