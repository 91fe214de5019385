/**
 * A small list of records kept by key, oldest first: in IndexedDB, or in memory (tests, or where
 * IndexedDB is blocked). The outbox and the followed dossiers are both one of these.
 */
import { openDvcDatabase } from './db.js';
import type { FollowedDossier, OutboxItem } from './records.js';

export interface KeyedStore<T> {
  /** Every record, oldest first. */
  list(): Promise<T[]>;
  put(record: T): Promise<void>;
  remove(key: string): Promise<void>;
}

/** The object stores of `db.ts` that hold such records, with the field that orders them. */
interface Stores {
  outbox: OutboxItem;
  follows: FollowedDossier;
}

export function memoryStoreOf<T>(keyOf: (record: T) => string, ageOf: (record: T) => number): KeyedStore<T> {
  const records = new Map<string, T>();
  return {
    list: async () => [...records.values()].sort((a, b) => ageOf(a) - ageOf(b)),
    put: async (record) => void records.set(keyOf(record), record),
    remove: async (key) => void records.delete(key),
  };
}

export function idbStoreOf<N extends keyof Stores>(name: N, ageOf: (record: Stores[N]) => number): KeyedStore<Stores[N]> {
  return {
    list: async () => ((await (await openDvcDatabase()).getAll(name)) as Stores[N][]).sort((a, b) => ageOf(a) - ageOf(b)),
    put: async (record) => void (await (await openDvcDatabase()).put(name, record)),
    remove: async (key) => void (await (await openDvcDatabase()).delete(name, key)),
  };
}
