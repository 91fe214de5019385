/**
 * The handoff chunk: everything that talks to the central API (asking, the outbox, dossier
 * lookup and following, feedback). Loaded with `import()` on the first handoff or lookup, or
 * at page load only when the outbox or the follow list holds something.
 */
import type { DvcConfig } from '../config/schema.js';
import { HandoffError } from '../errors.js';
import { followRecord, idbFollowStore, markSeen, memoryFollowStore, refreshed, type FollowStore } from '../dossier/follow.js';
import { redact } from '../privacy/redact.js';
import { writePending } from '../storage/pending.js';
import type { FollowedDossier, OutboxItem } from '../storage/records.js';
import { adapterFor } from './adapters.js';
import { askCentral, type RetryNotice } from './client.js';
import { toDossierStatus, type AskBody, type DossierStatus, type FeedbackBody, type HandoffAnswer } from './contract.js';
import { Outbox, idbOutboxStore, memoryOutboxStore, webLockExclusive, type OutboxStore } from './outbox.js';

export { redact };

export interface ServiceOptions {
  config(): Readonly<DvcConfig>;
  /** A question sent earlier (outbox) got its answer. */
  delivered(item: OutboxItem, answer: HandoffAnswer): void;
  /** A question sent earlier was refused for good. */
  rejected(item: OutboxItem, error: HandoffError): void;
  fetch?: typeof fetch;
  /** Tests pass memory stores; the widget uses IndexedDB, falling back to memory when it is blocked. */
  stores?: { outbox: OutboxStore; follows: FollowStore };
}

export interface LiveAsk {
  item: OutboxItem;
  signal: AbortSignal;
  onText(text: string): void;
  onRetry(notice: RetryNotice): void;
}

export type HandoffService = ReturnType<typeof createHandoffService>;

const LOOKUP_TIMEOUT_MS = 12_000;

export function createHandoffService(options: ServiceOptions) {
  const apiBase = () => {
    const api = options.config().api;
    if (!api) throw new HandoffError('dvc/handoff: no "api" is configured', 'protocol', false);
    return api;
  };
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const stores = options.stores ?? { outbox: guarded(idbOutboxStore(), memoryOutboxStore()), follows: guarded(idbFollowStore(), memoryFollowStore()) };
  const online = () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false);

  let pendingLive: LiveAsk | null = null;
  const outbox = new Outbox(stores.outbox, {
    send(item, signal) {
      const live = pendingLive?.item.key === item.key ? pendingLive : null;
      const config = options.config();
      return askCentral({
        base: apiBase(),
        adapter: adapterFor(config.apiType),
        body: item.body,
        key: item.key,
        stream: true,
        signal,
        fetch: doFetch,
        online,
        ...(live ? { onText: live.onText, onRetry: live.onRetry } : {}),
      });
    },
    delivered: options.delivered,
    rejected: options.rejected,
    changed: (count) => writePending({ outbox: count }),
    ...(webLockExclusive('dvc-assistant:outbox') ? { exclusive: webLockExclusive('dvc-assistant:outbox')! } : {}),
  });

  const flushWhenOnline = () => void outbox.flush();
  addEventListener('online', flushWhenOnline);

  async function follows(): Promise<FollowedDossier[]> {
    return stores.follows.list();
  }

  async function countFollows(): Promise<void> {
    writePending({ follows: (await stores.follows.list()).length });
  }

  return {
    /** Masks personal data; the host page's enriched question goes through it again. */
    redact,

    /**
     * Sends a question now. It is written to the outbox first, so a closed tab or a lost
     * connection leaves it there for the next flush, under the same idempotency key.
     */
    async ask(live: LiveAsk): Promise<HandoffAnswer> {
      await outbox.add(live.item);
      pendingLive = live;
      try {
        return await outbox.send(live.item, live.signal);
      } finally {
        if (pendingLive === live) pendingLive = null;
      }
    },

    /** Sends what waits in the outbox (on `online`, on the next page load, on opening). */
    flush: () => outbox.flush(),
    waiting: () => outbox.list(),

    /** `GET {api}/v1/dossiers/{code}`; `null` when there is no such dossier. */
    async lookup(code: string, signal?: AbortSignal): Promise<DossierStatus | null> {
      const url = `${apiBase()}/v1/dossiers/${encodeURIComponent(code)}`;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), LOOKUP_TIMEOUT_MS);
      const forward = () => controller.abort();
      signal?.addEventListener('abort', forward, { once: true });
      let response: Response;
      try {
        response = await doFetch(url, { headers: { Accept: 'application/json' }, credentials: 'omit', cache: 'no-store', signal: controller.signal });
      } catch (cause) {
        throw new HandoffError(`dvc/dossier: ${url} could not be reached`, online() ? 'network' : 'offline', true, null, null, { cause });
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', forward);
      }
      if (response.status === 404) return null;
      if (!response.ok) throw new HandoffError(`dvc/dossier: ${url} answered ${response.status}`, 'http', response.status >= 500, response.status);
      return toDossierStatus(await response.json());
    },

    follows,
    async follow(status: DossierStatus): Promise<void> {
      await stores.follows.put(followRecord(status, Date.now()));
      await countFollows();
    },
    async unfollow(code: string): Promise<void> {
      await stores.follows.remove(code);
      await countFollows();
    },

    /**
     * Fetches every followed dossier again and keeps what changed.
     *
     * @returns The followed dossiers with a change the citizen has not seen yet.
     */
    async refreshFollows(): Promise<FollowedDossier[]> {
      const changed: FollowedDossier[] = [];
      for (const known of await stores.follows.list()) {
        try {
          const latest = await this.lookup(known.code);
          const next = latest ? refreshed(known, latest) : known;
          if (next !== known) await stores.follows.put(next);
          if (next.changed) changed.push(next);
        } catch (error) {
          console.info(`dvc-assistant: could not refresh dossier ${known.code}`, error);
          if (known.changed) changed.push(known);
        }
      }
      return changed;
    },

    async markSeen(codes: readonly string[]): Promise<void> {
      for (const known of await stores.follows.list()) if (codes.includes(known.code)) await stores.follows.put(markSeen(known));
    },

    /** `POST {api}/v1/feedback`, comment redacted; one retry on a network error or 5xx. */
    async feedback(body: FeedbackBody): Promise<void> {
      const payload: FeedbackBody = body.comment ? { ...body, comment: redact(body.comment) } : body;
      const url = `${apiBase()}/v1/feedback`;
      for (let attempt = 1; ; attempt++) {
        try {
          const response = await doFetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(payload),
            credentials: 'omit',
            keepalive: true,
          });
          if (response.ok) return;
          if (response.status < 500 || attempt >= 2) throw new HandoffError(`dvc/feedback: ${url} answered ${response.status}`, 'http', false, response.status);
        } catch (error) {
          if (error instanceof HandoffError || attempt >= 2) throw error;
        }
        await new Promise((r) => setTimeout(r, 800));
      }
    },

    dispose(): void {
      removeEventListener('online', flushWhenOnline);
      outbox.dispose();
    },
  };
}

/** A store that falls back to memory once IndexedDB fails (private mode, blocked storage). */
function guarded<S extends object>(primary: S, fallback: S): S {
  let current = primary;
  return new Proxy(fallback, {
    get(_, name: string) {
      return async (...args: unknown[]) => {
        try {
          return await (current as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]!(...args);
        } catch (error) {
          if (current === fallback) throw error;
          console.info('dvc-assistant: IndexedDB is unavailable; keeping the outbox and follows in memory', error);
          current = fallback;
          return (current as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]!(...args);
        }
      };
    },
  });
}

/** Builds the ask body; `question` and `history` must already be redacted. */
export function askBody(fields: Omit<AskBody, 'page'> & { page?: AskBody['page'] }): AskBody {
  return {
    ...fields,
    page: fields.page ?? { url: location.origin + location.pathname, title: document.title },
  };
}
