/**
 * Turns the widget's `dvc-*` events into telemetry records for `POST {api}/v1/events`. Pure:
 * only types, ids, language and the page path go out; never question text, never a query string.
 */
import type { Lang } from '../config/schema.js';
import type { TelemetryRecord } from '../handoff/contract.js';

export interface RecordContext {
  sessionId: string;
  lang: Lang;
  /** `location.pathname` (no query, no fragment: they may hold personal data). */
  path: string;
  now: number;
}

/**
 * @param type - The DOM event's type, e.g. `dvc-answer`.
 * @param detail - Its detail.
 * @returns The record, or `null` for events telemetry does not count.
 * @example toRecord('dvc-open', { source: 'launcher' }, ctx) // { type: 'open', … }
 */
export function toRecord(type: string, detail: unknown, context: RecordContext): TelemetryRecord | null {
  const base = { ts: new Date(context.now).toISOString(), sessionId: context.sessionId, lang: context.lang, path: context.path };
  const d = (detail && typeof detail === 'object' ? detail : {}) as Record<string, unknown>;
  const id = (v: unknown) => (typeof v === 'string' && v ? { entryId: v } : {});
  switch (type) {
    case 'dvc-open':
      return { type: 'open', ...base };
    case 'dvc-answer':
      if (d.decision === 'answer' || d.decision === 'suggest' || d.decision === 'handoff') {
        return { type: d.decision, ...base, ...(d.decision === 'handoff' ? {} : id(d.id)) };
      }
      return null;
    case 'dvc-tour-start':
    case 'dvc-tour-complete':
      return typeof d.tourId === 'string' ? { type: type === 'dvc-tour-start' ? 'tour-start' : 'tour-complete', ...base, tourId: d.tourId } : null;
    default:
      return null;
  }
}

/** The event types the beacon listens to. */
export const COUNTED_EVENTS = Object.freeze(['dvc-open', 'dvc-answer', 'dvc-tour-start', 'dvc-tour-complete']);

/** Where telemetry goes for a `telemetry` value and an `api`; `null` = CustomEvents only. */
export function telemetryUrl(telemetry: string, api: string | null, apiType: 'dvc' | 'openai'): string | null {
  if (telemetry === 'off') return null;
  if (telemetry === 'on') return api && apiType === 'dvc' ? `${api}/v1/events` : null;
  return telemetry;
}
