import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** Everything dvc-assistant keeps in IndexedDB, in one database with one upgrade path. */
export interface DvcDatabase extends DBSchema {
  /** `persist="local"`: the conversation, one record under the key `current`. */
  conversation: { key: string; value: unknown };
}

export const DB_NAME = 'dvc-assistant';
export const DB_VERSION = 1;

let opening: Promise<IDBPDatabase<DvcDatabase>> | null = null;

/** Opens (and, the first time, creates) the database. Rejects where IndexedDB is blocked. */
export function openDvcDatabase(): Promise<IDBPDatabase<DvcDatabase>> {
  opening ??= openDB<DvcDatabase>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      // Each version adds what it needs; never rewrite an earlier step.
      if (oldVersion < 1) db.createObjectStore('conversation');
    },
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}
