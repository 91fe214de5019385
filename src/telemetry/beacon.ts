/**
 * The optional telemetry beacon: counts `dvc-*` events into small records (no personal data),
 * batches them and sends them to `{api}/v1/events` — with `sendBeacon` when the page is hidden
 * or left (a `text/plain` body, so no CORS preflight), else with `fetch(keepalive)` once a batch
 * is full. Nothing is sent before there is something to count, so a visitor who never opens the
 * assistant causes no request.
 */
import type { Lang } from '../config/schema.js';
import type { TelemetryRecord } from '../handoff/contract.js';
import { COUNTED_EVENTS, toRecord } from './records.js';

export interface BeaconOptions {
  url: string;
  events: EventTarget;
  sessionId(): string;
  lang(): Lang;
  /**
   * The panel was already open when counting started: pressing the launcher is what loads the
   * app, so that first `dvc-open` fired before anyone listened. It is counted here.
   */
  alreadyOpen?: boolean;
  /** Largest batch kept before it is sent without waiting for the page to hide. */
  batchSize?: number;
  send?: (url: string, body: string) => boolean;
}

/** Starts counting; returns the teardown (which sends what is left). */
export function startBeacon(options: BeaconOptions): () => void {
  const batchSize = options.batchSize ?? 20;
  const send = options.send ?? defaultSend;
  let queue: TelemetryRecord[] = [];

  const flush = () => {
    if (!queue.length) return;
    const batch = queue;
    queue = [];
    if (!send(options.url, JSON.stringify(batch))) console.info(`dvc-assistant: ${batch.length} telemetry events could not be sent`);
  };
  const onEvent = (event: Event) => {
    const record = toRecord(event.type, (event as CustomEvent).detail, {
      sessionId: options.sessionId(),
      lang: options.lang(),
      path: location.pathname,
      now: Date.now(),
    });
    if (!record) return;
    queue.push(record);
    if (queue.length >= batchSize) flush();
  };
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  if (options.alreadyOpen) onEvent(new CustomEvent('dvc-open', { detail: { source: 'launcher' } }));
  for (const type of COUNTED_EVENTS) options.events.addEventListener(type, onEvent);
  document.addEventListener('visibilitychange', onHide);
  addEventListener('pagehide', flush);
  return () => {
    for (const type of COUNTED_EVENTS) options.events.removeEventListener(type, onEvent);
    document.removeEventListener('visibilitychange', onHide);
    removeEventListener('pagehide', flush);
    flush();
  };
}

function defaultSend(url: string, body: string): boolean {
  try {
    if (navigator.sendBeacon?.(url, new Blob([body], { type: 'text/plain;charset=UTF-8' }))) return true;
  } catch {
    // sendBeacon refused (size, policy): try fetch below
  }
  fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, keepalive: true, credentials: 'omit' }).catch((error: unknown) =>
    console.info('dvc-assistant: telemetry could not be sent', error),
  );
  return true;
}
