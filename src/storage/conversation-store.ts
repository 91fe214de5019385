import type { DvcConfig } from '../config/schema.js';
import { StorageError } from '../errors.js';
import { openDvcDatabase } from './db.js';

/** Where a conversation lives. `kind` says where it really ended up after fallbacks. */
export interface ConversationStore<T> {
  readonly kind: 'session' | 'local' | 'memory';
  load(): Promise<T[]>;
  save(messages: readonly T[]): Promise<void>;
  clear(): Promise<void>;
}

export const SESSION_KEY = 'dvc-assistant:conversation:v1';
const RECORD_KEY = 'current';

/** Keeps the conversation in memory only (`persist="none"`, or storage blocked). */
export function memoryStore<T>(): ConversationStore<T> {
  let kept: T[] = [];
  return {
    kind: 'memory',
    load: async () => [...kept],
    save: async (messages) => {
      kept = [...messages];
    },
    clear: async () => {
      kept = [];
    },
  };
}

/** sessionStorage: survives reloads and page changes in this tab, gone when it closes. */
export function sessionStore<T>(storage: Storage = sessionStorage): ConversationStore<T> {
  return {
    kind: 'session',
    async load() {
      const raw = storage.getItem(SESSION_KEY);
      if (!raw) return [];
      try {
        const parsed: unknown = JSON.parse(raw);
        return Array.isArray(parsed) ? (parsed as T[]) : [];
      } catch {
        storage.removeItem(SESSION_KEY); // corrupted: start afresh rather than fail every page
        return [];
      }
    },
    async save(messages) {
      storage.setItem(SESSION_KEY, JSON.stringify(messages));
    },
    async clear() {
      storage.removeItem(SESSION_KEY);
    },
  };
}

/** IndexedDB (`persist="local"`): kept on this device until cleared. */
export function localStore<T>(): ConversationStore<T> {
  return {
    kind: 'local',
    async load() {
      const value = await (await openDvcDatabase()).get('conversation', RECORD_KEY);
      return Array.isArray(value) ? (value as T[]) : [];
    },
    async save(messages) {
      await (await openDvcDatabase()).put('conversation', [...messages], RECORD_KEY);
    },
    async clear() {
      await (await openDvcDatabase()).delete('conversation', RECORD_KEY);
    },
  };
}

/**
 * The store `persist` asks for, proven to work with a first load; blocked or broken
 * storage falls back to memory and says why through `onFallback`.
 */
export async function createConversationStore<T>(
  persist: DvcConfig['persist'],
  onFallback: (error: StorageError) => void,
): Promise<{ store: ConversationStore<T>; messages: T[] }> {
  if (persist !== 'none') {
    try {
      const store = persist === 'local' ? localStore<T>() : sessionStore<T>();
      const messages = await store.load();
      return { store, messages };
    } catch (cause) {
      onFallback(new StorageError(`dvc/storage: ${persist} storage is unavailable; the conversation is kept in memory.`, { cause }));
    }
  }
  return { store: memoryStore<T>(), messages: [] };
}

/** Wraps a store so that a failing write falls back to memory instead of losing the conversation. */
export function resilient<T>(store: ConversationStore<T>, onFallback: (error: StorageError) => void): ConversationStore<T> {
  let current = store;
  const fallBack = async (cause: unknown, messages: readonly T[] | null) => {
    onFallback(new StorageError(`dvc/storage: writing to ${current.kind} storage failed; continuing in memory.`, { cause }));
    current = memoryStore<T>();
    if (messages) await current.save(messages);
  };
  return {
    get kind() {
      return current.kind;
    },
    load: () => current.load(),
    save: (messages) => current.save(messages).catch((cause: unknown) => fallBack(cause, messages)),
    clear: () => current.clear().catch((cause: unknown) => fallBack(cause, [])),
  };
}
