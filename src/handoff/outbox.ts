/**
 * The outbox: every question for the central API is written here first and removed only once
 * its answer has arrived, so nothing the citizen typed is lost to a closed tab or a dead
 * connection. Each item keeps its idempotency key, so sending it again (on `online`, on the
 * next page load, from another tab) never makes a duplicate on the server.
 */
import { HandoffError } from '../errors.js';
import { idbStoreOf, memoryStoreOf, type KeyedStore } from '../storage/keyed-store.js';
import type { OutboxItem } from '../storage/records.js';
import type { HandoffAnswer } from './contract.js';

export type OutboxStore = KeyedStore<OutboxItem>;

export const memoryOutboxStore = (): OutboxStore => memoryStoreOf<OutboxItem>((i) => i.key, (i) => i.createdAt);
export const idbOutboxStore = (): OutboxStore => idbStoreOf('outbox', (i) => i.createdAt);

export interface OutboxHooks {
  send(item: OutboxItem, signal: AbortSignal): Promise<HandoffAnswer>;
  delivered(item: OutboxItem, answer: HandoffAnswer): void;
  /** The server refused the question for good (not a retryable error): it leaves the outbox. */
  rejected(item: OutboxItem, error: HandoffError): void;
  /** How many items wait now, after each change. */
  changed(count: number): void;
  /** Runs `task` unless another tab holds the same lock (Web Locks); without the API, just runs it. */
  exclusive?(task: () => Promise<void>): Promise<void>;
}

export class Outbox {
  private readonly inFlight = new Set<string>();
  private flushing: Promise<void> | null = null;
  private readonly controller = new AbortController();

  constructor(
    private readonly store: OutboxStore,
    private readonly hooks: OutboxHooks,
  ) {}

  /** Keeps a question before the first try. */
  async add(item: OutboxItem): Promise<void> {
    await this.store.put(item);
    await this.count();
  }

  /**
   * Sends one item now (the live question). Resolves with the answer, or rejects; a retryable
   * failure leaves the item for a later flush.
   */
  async send(item: OutboxItem, signal?: AbortSignal): Promise<HandoffAnswer> {
    this.inFlight.add(item.key);
    const combined = signal ? anySignal([signal, this.controller.signal]) : this.controller.signal;
    try {
      const answer = await this.hooks.send(item, combined);
      await this.store.remove(item.key);
      return answer;
    } catch (error) {
      if (error instanceof HandoffError && !error.retryable && error.code !== 'aborted') await this.store.remove(item.key);
      throw error;
    } finally {
      this.inFlight.delete(item.key);
      await this.count();
    }
  }

  /** Sends every waiting item once, oldest first; stops at the first retryable failure. */
  flush(): Promise<void> {
    this.flushing ??= (async () => {
      const run = async () => {
        for (const item of await this.store.list()) {
          if (this.inFlight.has(item.key) || this.controller.signal.aborted) continue;
          try {
            const answer = await this.send(item);
            this.hooks.delivered(item, answer);
          } catch (error) {
            if (error instanceof HandoffError && !error.retryable && error.code !== 'aborted') this.hooks.rejected(item, error);
            else break; // still down: try again on the next trigger
          }
        }
      };
      try {
        await (this.hooks.exclusive ? this.hooks.exclusive(run) : run());
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  list(): Promise<OutboxItem[]> {
    return this.store.list();
  }

  /** Stops every request in flight (the widget is going away). Items stay for the next page. */
  dispose(): void {
    this.controller.abort();
  }

  private async count(): Promise<void> {
    this.hooks.changed((await this.store.list()).length);
  }
}

/** An AbortSignal that aborts when any of the given ones does. */
function anySignal(signals: AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) controller.abort();
    else s.addEventListener('abort', () => controller.abort(), { once: true });
  }
  return controller.signal;
}

/**
 * Web Locks where available: one tab at a time flushes the shared outbox. A tab waits for the
 * lock rather than skipping its turn: the holder may be a page that is just unloading, and what
 * the holder delivered is gone from the store by the time the waiting tab reads it.
 */
export function webLockExclusive(name: string): ((task: () => Promise<void>) => Promise<void>) | undefined {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return undefined;
  return async (task) => {
    await locks.request(name, async () => {
      await task();
    });
  };
}
