import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FollowedDossier, OutboxItem } from './records.js';

/** Everything dvc-assistant keeps in IndexedDB, in one database with one upgrade path. */
export interface DvcDatabase extends DBSchema {
  /** `persist="local"`: the conversation, one record under the key `current`. */
  conversation: { key: string; value: unknown };
  /** Questions for the central API waiting to be sent, keyed by their idempotency key. */
  outbox: { key: string; value: OutboxItem };
  /** Dossiers the citizen follows, keyed by dossier code. */
  follows: { key: string; value: FollowedDossier };
}

export const DB_NAME = 'dvc-assistant';
export const DB_VERSION = 2;

let opening: Promise<IDBPDatabase<DvcDatabase>> | null = null;

/** Opens (and, the first time, creates) the database. Rejects where IndexedDB is blocked. */
export function openDvcDatabase(): Promise<IDBPDatabase<DvcDatabase>> {
  opening ??= openDB<DvcDatabase>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      // Each version adds what it needs; never rewrite an earlier step.
      if (oldVersion < 1) db.createObjectStore('conversation');
      if (oldVersion < 2) {
        db.createObjectStore('outbox', { keyPath: 'key' });
        db.createObjectStore('follows', { keyPath: 'code' });
      }
    },
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}
