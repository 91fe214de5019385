/**
 * A tiny synchronous note of whether anything waits in the outbox or the follow list, so a
 * page load can decide without opening IndexedDB or loading the handoff chunk (a clean
 * visitor costs nothing). IndexedDB stays the truth; this is only a hint, rebuilt on each change.
 */

export const PENDING_KEY = 'dvc-assistant:pending:v1';

export interface Pending {
  outbox: number;
  follows: number;
}

export function readPending(storage: Pick<Storage, 'getItem'> | null = safeLocalStorage()): Pending {
  try {
    const parsed = JSON.parse(storage?.getItem(PENDING_KEY) ?? 'null') as Partial<Pending> | null;
    return { outbox: Number(parsed?.outbox) || 0, follows: Number(parsed?.follows) || 0 };
  } catch {
    return { outbox: 0, follows: 0 }; // an unreadable hint: IndexedDB is checked on the next intent instead
  }
}

export function writePending(change: Partial<Pending>, storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = safeLocalStorage()): void {
  if (!storage) return;
  const next = { ...readPending(storage), ...change };
  try {
    if (!next.outbox && !next.follows) storage.removeItem(PENDING_KEY);
    else storage.setItem(PENDING_KEY, JSON.stringify(next));
  } catch {
    // Storage full or blocked: later visits will not flush on their own, the next handoff will.
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
