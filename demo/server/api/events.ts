/**
 * `POST /v1/events`: the widget's telemetry batches (JSON or, from `sendBeacon`, `text/plain` JSON).
 * Events carry no personal data and no question text; a batch that tries to is refused whole.
 */
import type { Db } from "./db.js";
import { ApiError } from "./http.js";
import { array, object, oneOf, optionalText, text, timestamp } from "./validate.js";

export const EVENT_TYPES = Object.freeze(["answer", "suggest", "handoff", "tour-start", "tour-complete", "open"] as const);
export type EventType = (typeof EVENT_TYPES)[number];

/** Most events one request may carry (the widget batches a few at a time). */
export const MAX_EVENTS_PER_BATCH = 100;

/** Fields that would carry what the citizen typed; telemetry must never hold them. */
const FORBIDDEN_FIELDS = Object.freeze(["question", "text", "comment", "answer"]);

/** How far in the future a client clock may be before its `ts` is replaced by the server's time. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface WidgetEvent {
  type: EventType;
  /** Epoch milliseconds (the client's, unless it was ahead of the server by more than the skew). */
  ts: number;
  sessionId: string;
  lang: string;
  /** Path of the host page, without query string or fragment (they may hold personal data). */
  path: string;
  entryId?: string;
  tourId?: string;
}

/**
 * Validates a batch.
 *
 * @param value - The parsed body.
 * @param now - Server time in epoch milliseconds.
 * @throws ApiError 400 naming the bad event and field, e.g. `body[3].type: …`.
 */
export function parseEvents(value: unknown, now: number): WidgetEvent[] {
  const items = array(value, "body", MAX_EVENTS_PER_BATCH);
  return items.map((item, i) => {
    const where = `body[${i}]`;
    const event = object(item, where);
    for (const field of FORBIDDEN_FIELDS) {
      if (event[field] !== undefined) {
        throw new ApiError(400, "invalid-request", `${where}.${field}: events must not carry what the citizen typed`);
      }
    }
    const ts = timestamp(event, "ts", where);
    const entryId = optionalText(event, "entryId", where, { max: 200 });
    const tourId = optionalText(event, "tourId", where, { max: 200 });
    return {
      type: oneOf(event, "type", where, EVENT_TYPES),
      ts: ts > now + CLOCK_SKEW_MS ? now : ts,
      sessionId: text(event, "sessionId", where, { max: 128 }),
      lang: text(event, "lang", where, { max: 16 }),
      path: pathOnly(text(event, "path", where, { max: 2000 })),
      ...(entryId === undefined ? {} : { entryId }),
      ...(tourId === undefined ? {} : { tourId }),
    };
  });
}

/**
 * Keeps only the path of a URL or path: `?ma=…` and `#…` may hold a dossier code or a name.
 *
 * @example
 * pathOnly("https://dvc.example.gov.vn/tra-cuu?ma=H01.99-260101-0001"); // "/tra-cuu"
 */
export function pathOnly(value: string): string {
  let p = value;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) {
    try {
      p = new URL(p).pathname;
    } catch {
      p = "/";
    }
  }
  p = p.split(/[?#]/, 1)[0]!;
  return (p.startsWith("/") ? p : `/${p}`).slice(0, 500);
}

/** Stores a batch in one transaction. */
export function saveEvents(db: Db, events: readonly WidgetEvent[], now: number): void {
  const insert = db.prepare(
    `INSERT INTO events (type, ts, received_at, session_id, lang, path, entry_id, tour_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const e of events) insert.run(e.type, e.ts, now, e.sessionId, e.lang, e.path, e.entryId ?? null, e.tourId ?? null);
  })();
}
