/**
 * The `asks` table: one row per `Idempotency-Key`, holding the state of its reply (`running`, `done`,
 * `failed`) and, once done, the reply itself so a retry replays it instead of asking twice.
 */
import type { AskRequest } from "./ask-request.js";
import type { Db } from "./db.js";
import { scrub } from "./privacy.js";
import type { Outcome, Reply } from "./responder.js";

export type AskState = "running" | "done" | "failed";

export interface StoredAsk {
  handoffId: string;
  requestHash: string;
  state: AskState;
  /** Present when `state` is `done`. */
  reply?: Reply;
}

/** Finds the row of an idempotency key. */
export function findAsk(db: Db, key: string): StoredAsk | undefined {
  const row = db.prepare("SELECT handoff_id, request_hash, state, reply FROM asks WHERE idempotency_key = ?").get(key) as
    | { handoff_id: string; request_hash: string; state: AskState; reply: string | null }
    | undefined;
  if (row === undefined) return undefined;
  return {
    handoffId: row.handoff_id,
    requestHash: row.request_hash,
    state: row.state,
    ...(row.state === "done" && row.reply !== null ? { reply: JSON.parse(row.reply) as Reply } : {}),
  };
}

/** Inserts the row of a new key in the `running` state. The question is stored scrubbed. */
export function createAsk(
  db: Db,
  row: { handoffId: string; key: string; requestHash: string; request: AskRequest; now: number },
): void {
  const { request } = row;
  db.prepare(
    `INSERT INTO asks (handoff_id, idempotency_key, request_hash, session_id, lang, question, page_url, page_title, state, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
  ).run(
    row.handoffId,
    row.key,
    row.requestHash,
    request.sessionId,
    request.lang,
    scrub(request.question),
    request.page.url,
    request.page.title,
    row.now,
  );
}

/** Puts a failed row back to `running` for a retry (same handoffId, still one row). */
export function restartAsk(db: Db, handoffId: string): void {
  db.prepare("UPDATE asks SET state = 'running', error = NULL, finished_at = NULL WHERE handoff_id = ?").run(handoffId);
}

/** Stores the reply; a fallback reply also marks the question as a content gap. */
export function finishAsk(db: Db, handoffId: string, outcome: Outcome, question: string, now: number): void {
  const reply: Reply = { answer: outcome.answer, sources: outcome.sources, actions: outcome.actions };
  db.prepare(
    "UPDATE asks SET state = 'done', responder = ?, reply = ?, gap_key = ?, finished_at = ? WHERE handoff_id = ?",
  ).run(outcome.responder, JSON.stringify(reply), outcome.gap ? gapKey(scrub(question)) : null, now, handoffId);
}

/** Marks the row failed, so the next request with its key runs again. */
export function failAsk(db: Db, handoffId: string, error: { code: string; message: string }, now: number): void {
  db.prepare("UPDATE asks SET state = 'failed', error = ?, finished_at = ? WHERE handoff_id = ?").run(
    JSON.stringify(error),
    now,
    handoffId,
  );
}

/**
 * The grouping key of a content gap: the same question typed with other capitals, spacing or final
 * punctuation counts once.
 *
 * @example
 * gapKey("  Làm  lại CCCD ở đâu??"); // "làm lại cccd ở đâu"
 */
export function gapKey(question: string): string {
  return question
    .normalize("NFC")
    .toLocaleLowerCase("vi")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\s?!.…,;:]+$/u, "");
}
