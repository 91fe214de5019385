import { describe, expect, it, vi } from 'vitest';
import { SESSION_KEY, createConversationStore, memoryStore, resilient, sessionStore } from '../../../src/storage/conversation-store.js';

/** A Storage that behaves like the browser's, optionally refusing writes (quota, private mode). */
function fakeStorage({ refuseWrites = false } = {}): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => {
      if (refuseWrites) throw new DOMException('quota', 'QuotaExceededError');
      data.set(k, String(v));
    },
  };
}

describe('conversation stores', () => {
  it('round-trips a conversation through sessionStorage', async () => {
    const storage = fakeStorage();
    await sessionStore(storage).save([{ id: 'a' }, { id: 'b' }]);
    expect(await sessionStore(storage).load()).toEqual([{ id: 'a' }, { id: 'b' }]);
    await sessionStore(storage).clear();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('starts afresh from a corrupted record and removes it', async () => {
    const storage = fakeStorage();
    storage.setItem(SESSION_KEY, '{not json');
    expect(await sessionStore(storage).load()).toEqual([]);
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('falls back to memory when a write fails, keeping what was being saved', async () => {
    const onFallback = vi.fn();
    const store = resilient(sessionStore(fakeStorage({ refuseWrites: true })), onFallback);
    await store.save([{ id: 'kept' }]);
    expect(store.kind).toBe('memory');
    expect(await store.load()).toEqual([{ id: 'kept' }]);
    expect(onFallback).toHaveBeenCalledOnce();
    expect(onFallback.mock.calls[0]?.[0].name).toBe('StorageError');
  });

  it('uses memory when sessionStorage does not exist at all', async () => {
    const onFallback = vi.fn();
    // Node has no sessionStorage: the same path as a browser that blocks it.
    const { store, messages } = await createConversationStore('session', onFallback);
    expect(store.kind).toBe('memory');
    expect(messages).toEqual([]);
    expect(onFallback).toHaveBeenCalledOnce();
  });

  it('keeps nothing beyond memory for persist="none", without calling it a failure', async () => {
    const onFallback = vi.fn();
    const { store } = await createConversationStore('none', onFallback);
    expect(store.kind).toBe('memory');
    expect(onFallback).not.toHaveBeenCalled();
  });

  it('gives each memory store its own copy', async () => {
    const a = memoryStore();
    const list = [{ id: 'x' }];
    await a.save(list);
    list.push({ id: 'y' });
    expect(await a.load()).toEqual([{ id: 'x' }]);
    expect(await memoryStore().load()).toEqual([]);
  });
});
