/**
 * `GET /v1/stats[?since=ISO date]`: the staff indicators (DESIGN.md), computed from the stored events,
 * asks and feedback.
 *
 * - `sessions` (citizens helped): distinct sessionIds seen in events, asks or feedback;
 * - `questions`: `answer` + `suggest` + `handoff` events; `answeredOffline`: `answer` events;
 *   `handedOff`: `handoff` events;
 * - `feedback`: rows of kind up / down / missing; `csat`: count and mean of the 1–5 ratings (mean `null`
 *   when there are none, rounded to two decimals otherwise);
 * - `tours`: `tour-start` and `tour-complete` events; `filingsGuided`: completions on a filing path or of a
 *   filing tour (see `ApiConfig.filingPaths`);
 * - `gaps`: questions the fallback could not answer, grouped (see `gapKey`), most asked first, at most ten,
 *   each shown as its latest wording.
 *
 * `since` filters events by their timestamp and asks and feedback by when they arrived.
 */
import type { Db } from "./db.js";
import { ApiError } from "./http.js";

export interface Stats {
  sessions: number;
  questions: number;
  answeredOffline: number;
  handedOff: number;
  feedback: { up: number; down: number; missing: number };
  csat: { count: number; mean: number | null };
  tours: { started: number; completed: number; filingsGuided: number };
  gaps: Array<{ question: string; count: number }>;
}

export interface StatsOptions {
  /** Epoch milliseconds; only what happened at or after it counts. Default: everything. */
  since?: number;
  filingPaths: readonly string[];
  filingTours: readonly string[];
  /** Most content gaps listed. Default 10. */
  gapLimit?: number;
}

/**
 * Parses the `since` query parameter.
 *
 * @returns Epoch milliseconds, or `undefined` when absent.
 * @throws ApiError 400 when present but not a date.
 */
export function parseSince(raw: string | null): number | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  const ms = Date.parse(raw);
  if (!Number.isFinite(ms)) {
    throw new ApiError(400, "invalid-request", `query since: expected an ISO 8601 date such as 2026-11-01, got ${JSON.stringify(raw.slice(0, 60))}`);
  }
  return ms;
}

/** Computes the indicators. */
export function computeStats(db: Db, options: StatsOptions): Stats {
  const since = options.since ?? 0;
  const count = (sql: string, ...params: unknown[]): number => (db.prepare(sql).pluck().get(...params) as number | null) ?? 0;

  const sessions = count(
    `SELECT COUNT(*) FROM (
       SELECT session_id FROM events WHERE ts >= ?
       UNION SELECT session_id FROM asks WHERE created_at >= ?
       UNION SELECT session_id FROM feedback WHERE created_at >= ?)`,
    since,
    since,
    since,
  );

  const byType = new Map(
    (db.prepare("SELECT type, COUNT(*) AS n FROM events WHERE ts >= ? GROUP BY type").all(since) as Array<{ type: string; n: number }>).map(
      (r) => [r.type, r.n],
    ),
  );
  const events = (type: string): number => byType.get(type) ?? 0;

  const filingsGuided = count(
    `SELECT COUNT(*) FROM events
     WHERE type = 'tour-complete' AND ts >= ?
       AND (path IN (SELECT value FROM json_each(?)) OR tour_id IN (SELECT value FROM json_each(?)))`,
    since,
    JSON.stringify(options.filingPaths),
    JSON.stringify(options.filingTours),
  );

  const feedbackRows = db
    .prepare("SELECT kind, COUNT(*) AS n, AVG(rating) AS mean FROM feedback WHERE created_at >= ? GROUP BY kind")
    .all(since) as Array<{ kind: string; n: number; mean: number | null }>;
  const feedback = (kind: string): { n: number; mean: number | null } => feedbackRows.find((r) => r.kind === kind) ?? { n: 0, mean: null };
  const csat = feedback("csat");

  const gaps = db
    .prepare(
      // With one MAX(), SQLite takes the bare column `question` from the row holding the maximum: the latest
      // row inserted, so the latest wording.
      `SELECT question, COUNT(*) AS count, MAX(rowid) AS latest FROM asks
       WHERE gap_key IS NOT NULL AND created_at >= ?
       GROUP BY gap_key ORDER BY count DESC, latest DESC LIMIT ?`,
    )
    .all(since, options.gapLimit ?? 10) as Array<{ question: string; count: number }>;

  return {
    sessions,
    questions: events("answer") + events("suggest") + events("handoff"),
    answeredOffline: events("answer"),
    handedOff: events("handoff"),
    feedback: { up: feedback("up").n, down: feedback("down").n, missing: feedback("missing").n },
    csat: { count: csat.n, mean: csat.mean === null ? null : Math.round(csat.mean * 100) / 100 },
    tours: { started: events("tour-start"), completed: events("tour-complete"), filingsGuided },
    gaps: gaps.map((g) => ({ question: g.question, count: g.count })),
  };
}
